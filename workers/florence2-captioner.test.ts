// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { env, InterruptableStoppingCriteria, type ProgressInfo, type RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCaptionOptions } from '../src/models/caption-options';
import { getModel } from '../src/models/registry';
import { encodeScene } from '../tools/shapes-world/encode-node';
import { mulberry32, randomScene } from '../tools/shapes-world/shapes-world';
import { decodeImageInNode } from './decode-image-node';
import { Florence2Captioner } from './florence2-captioner';

/**
 * The tiny random-weight Florence-2 (tools/tiny-vlm/florence2) through the same adapter the worker
 * uses: real processor, real prompt construction and post-processing, four ONNX sessions.
 */
const MODEL_ID = 'altscribe/tiny-florence2';
const MODEL_DIR = resolve(import.meta.dirname, '../public/models', MODEL_ID);
const EXPECTED_FILES = [
  'config.json',
  'generation_config.json',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/embed_tokens.onnx',
  'onnx/vision_encoder.onnx',
  'onnx/encoder_model.onnx',
  'onnx/decoder_model_merged.onnx',
].sort();

/** Words the fixture can say: its vocabulary entries that start with the byte-level space 'Ġ'. */
const VOCABULARY = new Set(
  Object.keys((JSON.parse(readFileSync(resolve(MODEL_DIR, 'tokenizer.json'), 'utf8')) as { model: { vocab: Record<string, number> } }).model.vocab)
    .filter((token) => token.startsWith('Ġ') && token.length > 1)
    .map((token) => token.slice(1)),
);
const options = resolveCaptionOptions(getModel(MODEL_ID).generation);
const words = (text: string) => text.split(/\s+/).filter(Boolean);

env.allowLocalModels = true;
env.allowRemoteModels = false;

describe('Florence2Captioner on the tiny Florence-2 fixture (transformers.js in Node)', () => {
  let captioner: Florence2Captioner;
  const requested = new Set<string>();
  const images: RawImage[] = [];

  beforeAll(async () => {
    captioner = await Florence2Captioner.load(MODEL_DIR, {
      dtype: getModel(MODEL_ID).dtypes.wasm!,
      onProgress: (info: ProgressInfo) => {
        if ((info.status === 'initiate' || info.status === 'done') && 'file' in info) requested.add(info.file);
      },
    });
    const rng = mulberry32(4181);
    for (let i = 0; i < 2; i++) {
      const { bytes, mime } = await encodeScene(randomScene(rng, { maxSide: 300 }));
      images.push(await decodeImageInNode(bytes, mime));
    }
  });

  afterAll(async () => {
    await captioner?.dispose();
  });

  it('requests exactly the Florence-2 file set', () => {
    expect([...requested].sort()).toEqual(EXPECTED_FILES);
  });

  it('captions with <CAPTION>: vocabulary words only, within maxNewTokens, streamed chunks join to the result', async () => {
    for (const image of images) {
      const chunks: string[] = [];
      const text = await captioner.caption(image, options, { prompt: '<CAPTION>', onText: (chunk) => chunks.push(chunk) });
      expect(text).toBe(text.trim());
      expect(words(text).length).toBeGreaterThan(0);
      expect(words(text).length).toBeLessThanOrEqual(options.maxNewTokens);
      for (const word of words(text)) expect(VOCABULARY, `"${word}" in "${text}"`).toContain(word);
      expect(text).not.toMatch(/<\/?s>|<pad>/);
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join('').trim()).toBe(text);
    }
  });

  it('defaults to <CAPTION> when the run has no prompt', async () => {
    const image = images[0]!;
    expect(await captioner.caption(image, options)).toBe(await captioner.caption(image, options, { prompt: '<CAPTION>' }));
  });

  it('runs <OCR> to a plain string, and the task prompt reaches the model', async () => {
    const answers = [];
    for (const image of images) {
      const ocr = await captioner.caption(image, options, { prompt: '<OCR>' });
      expect(typeof ocr).toBe('string');
      expect(words(ocr).length).toBeGreaterThan(0);
      for (const word of words(ocr)) expect(VOCABULARY).toContain(word);
      answers.push([ocr, await captioner.caption(image, options, { prompt: '<CAPTION>' })]);
    }
    // Different prompts are different encoder inputs; on random weights at least one image must show it.
    expect(answers.some(([ocr, caption]) => ocr !== caption), JSON.stringify(answers)).toBe(true);
  });

  it('refuses region tasks, whose answers are boxes rather than text', async () => {
    await expect(captioner.caption(images[0]!, options, { prompt: '<OD>' })).rejects.toThrow(/<OD> answers with regions/);
  });

  it('stops early when interrupted and keeps the model usable', async () => {
    const image = images[1]!;
    const full = await captioner.caption(image, options);
    const stop = new InterruptableStoppingCriteria();
    const partial = await captioner.caption(image, options, {
      stop,
      onText: (chunk) => {
        if (chunk.trim()) stop.interrupt();
      },
    });
    expect(words(partial).length).toBeLessThan(words(full).length);
    expect(full.startsWith(partial)).toBe(true);
    stop.reset();
    expect(await captioner.caption(image, options, { stop })).toBe(full);
  });
});
