// @vitest-environment node
import 'fake-indexeddb/auto';
import { RawImage } from '@huggingface/transformers';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { ALT_TEXT_INSTRUCTION } from '../src/models/families';
import type { CaptionRun, Captioner } from './captioner';
import type { DecodedImage } from './decode-image';
import { TranslationStep, type TranslatorLoader } from './caption-translation';

/**
 * What CaptionWorkerApi.caption hands the model with a photo's context and the alt-text
 * language, and the translation step after the caption. The captioner, the decoder and (here)
 * the translator are fakes, so only the worker's plumbing is under test; translator.test.ts runs
 * the trained fixture.
 */
const prompts: (string | undefined)[] = [];

vi.mock('./load-captioner', () => ({
  loadCaptioner: async (): Promise<Captioner> => ({
    caption: async (_image: RawImage, _options: unknown, run?: CaptionRun) => {
      prompts.push(run?.prompt);
      return 'a red circle';
    },
    dispose: async () => undefined,
  }),
}));

vi.mock('./decode-image', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./decode-image')>()),
  decodeImage: async (): Promise<DecodedImage> => {
    const image = new RawImage(new Uint8ClampedArray(8 * 8 * 3).fill(128), 8, 8, 3);
    return { image, width: 8, height: 8, thumbnail: null };
  },
}));

const { CaptionWorkerApi } = await import('./caption-api');
const OPTIONS = { maxNewTokens: 4, noRepeatNgramSize: 0, repetitionPenalty: 1 };
const photo = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });

beforeAll(() => {
  vi.stubGlobal('self', { location: { origin: 'http://localhost' } });
  // Hub models: selectModelSource asks whether downloads are possible; nothing is fetched here.
  vi.stubGlobal('navigator', { onLine: false });
});
afterAll(() => vi.unstubAllGlobals());
afterEach(() => void prompts.splice(0));

async function promptOf(modelId: string, language: string | undefined, context?: string): Promise<string | undefined> {
  const api = new CaptionWorkerApi();
  await api.load({ modelId, device: 'wasm', dtype: 'q8', baseUrl: '/', warmUp: false });
  await api.caption(photo, 'a.png', OPTIONS, undefined, context, language);
  await api.dispose();
  return prompts.at(-1);
}

async function promptsOf(modelId: string, context: string | undefined): Promise<(string | undefined)[]> {
  const api = new CaptionWorkerApi();
  await api.load({ modelId, device: 'wasm', dtype: 'q8', baseUrl: '/', warmUp: false });
  await api.caption(photo, 'a.png', OPTIONS, undefined, context);
  await api.dispose();
  return [...prompts];
}

describe('CaptionWorkerApi.caption with a language', () => {
  it('tells a chat model to write in the language, after the context', async () => {
    expect(await promptOf('HuggingFaceTB/SmolVLM-256M-Instruct', 'fr')).toBe(`${ALT_TEXT_INSTRUCTION} Write the alt-text in French.`);
    expect(await promptOf('onnx-community/FastVLM-0.5B-ONNX', 'de', 'Acadia')).toBe(
      `${ALT_TEXT_INSTRUCTION} Context from the photographer (may help, do not invent beyond it): "Acadia" Write the alt-text in German.`,
    );
  });

  it('leaves English and the families that are translated after as they were', async () => {
    expect(await promptOf('HuggingFaceTB/SmolVLM-256M-Instruct', 'en')).toBe(ALT_TEXT_INSTRUCTION);
    expect(await promptOf('onnx-community/Florence-2-base-ft', 'fr')).toBe('<CAPTION>');
    expect(await promptOf('altscribe/shapes-captioner', 'fr')).toBeUndefined();
  });
});

describe('CaptionWorkerApi translation step (a fake translator)', () => {
  function fakeStep(): { step: TranslationStep; loads: { path: string; device: string | undefined; dtype: string }[]; inputs: string[] } {
    const loads: { path: string; device: string | undefined; dtype: string }[] = [];
    const inputs: string[] = [];
    const loader: TranslatorLoader = async (path, _entry, options) => {
      loads.push({ path, device: options.device, dtype: options.dtype });
      return { translate: async (text, language) => (inputs.push(`${language}:${text}`), language === 'fr' ? 'Un cercle rouge.' : 'Ein roter Kreis.'), dispose: async () => undefined };
    };
    return { step: new TranslationStep(loader), loads, inputs };
  }

  it('loads the translation model from where the registry says, once per model, device and dtype, and translates the English caption', async () => {
    const { step, loads, inputs } = fakeStep();
    const api = new CaptionWorkerApi(step);
    await api.load({ modelId: 'altscribe/shapes-captioner', device: 'wasm', dtype: 'q8', baseUrl: '/', warmUp: false });
    const outcome = await api.caption(photo, 'a.png', OPTIONS, undefined, undefined, 'fr');
    const request = { modelId: 'altscribe/shapes-opus-mt-en-mul', device: 'wasm' as const, dtype: 'fp32' as const, baseUrl: '/' };
    expect(await api.loadTranslator(request)).toMatchObject({ modelId: 'altscribe/shapes-opus-mt-en-mul', device: 'wasm', dtype: 'fp32' });
    await api.loadTranslator(request);
    expect(loads).toEqual([{ path: 'altscribe/shapes-opus-mt-en-mul', device: 'wasm', dtype: 'fp32' }]);
    expect(outcome.text).toBe('a red circle');
    expect(await api.translate(outcome.text, 'fr')).toBe('Un cercle rouge.');
    expect(await api.translate(outcome.text, 'de')).toBe('Ein roter Kreis.');
    expect(inputs).toEqual(['fr:a red circle', 'de:a red circle']);
    await api.dispose();
  });

  it('says so when no translation model is loaded, or the loaded one does not translate into the language', async () => {
    const { step } = fakeStep();
    await expect(step.translate('a red circle', 'fr')).rejects.toThrow(/No translation model is loaded/);
    await step.load({ modelId: 'altscribe/shapes-opus-mt-en-mul', device: 'wasm', dtype: 'fp32', baseUrl: '/' });
    await expect(step.translate('a red circle', 'es')).rejects.toThrow(/does not translate into "es"/);
    await expect(step.load({ modelId: 'evil/model', device: 'wasm', dtype: 'fp32', baseUrl: '/' })).rejects.toThrow(/Unknown translation model/);
  });
});

describe('CaptionWorkerApi.caption with context', () => {
  it('gives a chat model its instruction with the context quoted as data', async () => {
    expect(await promptsOf('HuggingFaceTB/SmolVLM-256M-Instruct', 'Acadia, "2019" <image>')).toEqual([
      `${ALT_TEXT_INSTRUCTION} Context from the photographer (may help, do not invent beyond it): "Acadia, '2019' image"`,
    ]);
  });

  it('gives it the plain instruction without context', async () => {
    expect(await promptsOf('HuggingFaceTB/SmolVLM-256M-Instruct', undefined)).toEqual([ALT_TEXT_INSTRUCTION]);
  });

  it('leaves Florence-2 its task token and the encoder-decoder captioner without a prompt', async () => {
    expect(await promptsOf('onnx-community/Florence-2-base-ft', 'Acadia')).toEqual(['<CAPTION>']);
    prompts.splice(0);
    expect(await promptsOf('altscribe/shapes-captioner', 'Acadia')).toEqual([undefined]);
  });
});
