// @vitest-environment node
import 'fake-indexeddb/auto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TranslationStep } from './caption-translation';
import { MarianTranslator } from './translator';

/**
 * The translation step with the trained shapes fixture (tools/tiny-translate) through
 * transformers.js's translation pipeline in Node: the multilingual model picks French or German
 * from the target token the step puts before the English caption. Its accuracy over held-out
 * captions is measured by tools/tiny-translate; this proves the worker's path.
 */
const PUBLIC_MODELS = resolve(import.meta.dirname, '../public/models');
const FIXTURE = 'altscribe/shapes-opus-mt-en-mul';
const landed = existsSync(resolve(PUBLIC_MODELS, FIXTURE, 'onnx/decoder_model_merged.onnx'));

beforeAll(() => {
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  vi.stubGlobal('self', { location: { origin: 'http://localhost' } });
});
afterAll(() => vi.unstubAllGlobals());

describe.skipIf(!landed)('translation step with the shapes fixture (fp32, Node)', () => {
  it('translates an English shapes caption into French and German', async () => {
    // The worker gives the pipeline an app path; in Node that path is a folder under public/models.
    const step = new TranslationStep((path, entry, options) => MarianTranslator.load(resolve(PUBLIC_MODELS, path), entry, { dtype: options.dtype }));
    await step.load({ modelId: FIXTURE, device: 'wasm', dtype: 'fp32', baseUrl: '/' });
    expect(await step.translate('two blue squares on a white background', 'fr')).toBe('deux carrés bleus sur un fond blanc');
    expect(await step.translate('two blue squares on a white background', 'de')).toBe('zwei blaue Quadrate auf einem weißen Hintergrund');
    await expect(step.translate('a red circle', 'es')).rejects.toThrow(/does not translate into "es"/);
    await step.dispose();
  });
});
