// @vitest-environment node
import 'fake-indexeddb/auto';
import { RawImage } from '@huggingface/transformers';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { ALT_TEXT_INSTRUCTION } from '../src/models/families';
import type { CaptionRun, Captioner } from './captioner';
import type { DecodedImage } from './decode-image';

/**
 * Which prompt CaptionWorkerApi.caption hands the model when the photo has context: the loader
 * and the decoder are replaced, so only the prompt building between them is under test.
 */
const prompts: (string | undefined)[] = [];

vi.mock('./load-captioner', () => ({
  loadCaptioner: async (): Promise<Captioner> => ({
    caption: async (_image: RawImage, _options: unknown, run?: CaptionRun) => {
      prompts.push(run?.prompt);
      return 'A photo.';
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

async function promptsOf(modelId: string, context: string | undefined): Promise<(string | undefined)[]> {
  const api = new CaptionWorkerApi();
  await api.load({ modelId, device: 'wasm', dtype: 'q8', baseUrl: '/', warmUp: false });
  await api.caption(photo, 'a.png', OPTIONS, undefined, context);
  await api.dispose();
  return [...prompts];
}

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
