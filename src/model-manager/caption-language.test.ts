import { describe, expect, it } from 'vitest';
import type { DownloadPlan } from '../models/download-plan';
import { CaptionLanguage, translationSource, type CaptionLanguageHost } from './caption-language';
import { DownloadRefusedError } from './download-gate';

const PLAN: DownloadPlan = { files: [], totalBytes: 108_000_000, bytesToDownload: 108_000_000, filesToDownload: 4, exact: true };

function host(options: { refuse?: boolean } = {}) {
  const calls: string[] = [];
  const announced: string[] = [];
  const value: CaptionLanguageHost = {
    client: {
      planTranslator: async (modelId, device, dtype) => (calls.push(`plan ${modelId} ${device} ${dtype}`), PLAN),
      loadTranslator: async (modelId, device, dtype) => (calls.push(`load ${modelId} ${device} ${dtype}`), { modelId, device, dtype, loadMs: 1 }),
      translate: async (text, language) => (calls.push(`translate ${language} ${text}`), language === 'fr' ? 'un cercle rouge' : 'ein roter Kreis'),
    },
    downloads: {
      ensurePlanned: async (key) => {
        calls.push(`ask ${key}`);
        if (options.refuse) throw new DownloadRefusedError('declined');
        return false;
      },
    },
    announce: (message) => void announced.push(message),
  };
  return { value, calls, announced };
}

const captioner = { family: 'encoder-decoder' as const };
const fixtureCaptioner = { family: 'encoder-decoder' as const, fixture: true };

describe('CaptionLanguage.finish', () => {
  it('leaves English alone and does not load anything', async () => {
    const { value, calls } = host();
    expect(await new CaptionLanguage(value).finish('p', 'A red circle.', captioner, 'wasm', undefined)).toEqual({ text: 'A red circle.' });
    expect(await new CaptionLanguage(value).finish('p', 'A red circle.', captioner, 'wasm', 'en')).toEqual({ text: 'A red circle.' });
    expect(calls).toEqual([]);
  });

  it('only labels the text of a model that was told the language', async () => {
    const { value, calls } = host();
    expect(await new CaptionLanguage(value).finish('p', 'Un cercle rouge.', { family: 'smolvlm' }, 'wasm', 'fr')).toEqual({ text: 'Un cercle rouge.', language: 'fr' });
    expect(calls).toEqual([]);
  });

  it('asks before downloading a hub translation model, then translates and finishes the sentence', async () => {
    const { value, calls } = host();
    expect(await new CaptionLanguage(value).finish('p', 'A red circle.', captioner, 'webgpu', 'fr')).toEqual({ text: 'Un cercle rouge.', language: 'fr' });
    expect(calls).toEqual(['plan Xenova/opus-mt-en-fr webgpu fp32', 'ask Xenova/opus-mt-en-fr|webgpu|fp32', 'load Xenova/opus-mt-en-fr webgpu fp32', 'translate fr a red circle']);
  });

  it('gives a test captioner the app-served fixture without asking', async () => {
    const { value, calls } = host();
    expect(await new CaptionLanguage(value).finish('p', 'A red circle.', fixtureCaptioner, 'wasm', 'de')).toEqual({ text: 'Ein roter Kreis.', language: 'de' });
    expect(calls).toEqual(['load altscribe/shapes-opus-mt-en-mul wasm fp32', 'translate de a red circle']);
  });

  it('keeps English and says why when the download is declined or no model covers the language', async () => {
    const refused = host({ refuse: true });
    expect(await new CaptionLanguage(refused.value).finish('p', 'A red circle.', captioner, 'wasm', 'es')).toEqual({ text: 'A red circle.' });
    expect(refused.announced).toEqual(['Kept in English: the translation model was not downloaded.']);
    const { value, calls } = host();
    expect(await new CaptionLanguage(value).finish('p', 'A red circle.', captioner, 'wasm', 'it')).toEqual({ text: 'A red circle.' });
    expect(calls).toEqual([]);
  });
});

describe('translationSource', () => {
  it('undoes the sentence case and final period the finishing rules added, nothing else', () => {
    expect(translationSource('A red circle on a white background.')).toBe('a red circle on a white background');
    expect(translationSource('Two dogs. One is asleep.')).toBe('two dogs. One is asleep');
    expect(translationSource('UN flags outside a building.')).toBe('UN flags outside a building');
    expect(translationSource('I see a dog.')).toBe('I see a dog');
  });
});
