// @vitest-environment node
import { resolve } from 'node:path';
import { env, pipeline, type ImageToTextPipeline, type RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCaptionOptions, toGenerateKwargs } from '../src/models/caption-options';
import type { CaptionStages } from '../src/models/model-types';
import { getModel } from '../src/models/registry';
import { encodeScene } from '../tools/shapes-world/encode-node';
import { mulberry32, randomScene } from '../tools/shapes-world/shapes-world';
import { decodeImageInNode } from './decode-image-node';
import { EncoderDecoderCaptioner } from './encoder-decoder-captioner';
import { completeStages, type GenerationStages } from './generation-timer';

/** Stage timings through the real adapter and the committed fixture model (onnxruntime-node). */
const MODEL_DIR = resolve(import.meta.dirname, '../public/models/altscribe/shapes-captioner');
env.allowLocalModels = true;
env.allowRemoteModels = false;

const defaults = resolveCaptionOptions(getModel('altscribe/shapes-captioner').generation);
let captioner: EncoderDecoderCaptioner;
let images: RawImage[];

beforeAll(async () => {
  captioner = await EncoderDecoderCaptioner.load(MODEL_DIR, { dtype: 'q8' });
  const rng = mulberry32(6);
  images = [];
  for (let i = 0; i < 4; i++) {
    const { bytes, mime } = await encodeScene(randomScene(rng));
    images.push(await decodeImageInNode(bytes, mime));
  }
});
afterAll(() => captioner.dispose());

async function timed(image: RawImage, options = defaults): Promise<{ text: string; stages: GenerationStages; wallMs: number }> {
  let stages: GenerationStages | undefined;
  const started = performance.now();
  const text = await captioner.caption(image, options, { onStages: (s) => (stages = s) });
  const wallMs = performance.now() - started;
  if (!stages) throw new Error('no stages reported');
  return { text, stages, wallMs };
}

const sum = (s: GenerationStages): number => s.preprocessMs + s.encoderMs + s.decoderStepsMs.reduce((a, b) => a + b, 0) + s.otherMs;

describe('EncoderDecoderCaptioner stage timings', () => {
  it('reports one decoder step per new token (the end token included), a timed encoder, and no more time than the call took', async () => {
    for (const image of images) {
      const { text, stages, wallMs } = await timed(image);
      expect(text.length).toBeGreaterThan(0);
      // The fixture's captions end with its end token before the 12-token limit: that step counts as a token.
      expect(stages.newTokens).toBeGreaterThan(text.split(' ').length - 1);
      expect(stages.newTokens).toBeLessThanOrEqual(defaults.maxNewTokens);
      expect(stages.decoderStepsMs).toHaveLength(stages.newTokens);
      expect(stages.encoderMs).toBeGreaterThan(0);
      expect(stages.preprocessMs).toBeGreaterThan(0);
      expect(stages.decoderStepsMs.every((ms) => ms >= 0)).toBe(true);
      expect(stages.otherMs).toBeGreaterThanOrEqual(0);
      expect(sum(stages)).toBeLessThanOrEqual(wallMs + 1e-6);
    }
  });

  it('runs exactly 20 decoder steps when min = max = 20 new tokens', async () => {
    const { stages } = await timed(images[0]!, { ...defaults, minNewTokens: 20, maxNewTokens: 20 });
    expect(stages.newTokens).toBe(20);
    expect(stages.decoderStepsMs).toHaveLength(20);
  });

  it('stops early without the minimum, so the minimum is what forced 20 steps', async () => {
    const { stages } = await timed(images[0]!, { ...defaults, maxNewTokens: 20 });
    expect(stages.newTokens).toBeLessThan(20);
  });

  it('leaves captions unchanged: the same text as an uninstrumented pipeline', async () => {
    const plain = (await pipeline('image-to-text', MODEL_DIR, { dtype: 'q8' })) as ImageToTextPipeline;
    try {
      for (const image of images) {
        const out = await plain(image, { ...toGenerateKwargs(defaults) });
        const first = Array.isArray(out) ? out[0] : out;
        const expected = first && 'generated_text' in first ? String(first.generated_text).trim() : '';
        expect((await timed(image)).text).toBe(expected);
      }
    } finally {
      await plain.dispose();
    }
  });
});

describe('completeStages', () => {
  const generation: GenerationStages = { preprocessMs: 2.5, encoderMs: 10.1, decoderStepsMs: [3.3, 1.2], otherMs: 4.4, newTokens: 2 };
  it('adds the decode time and keeps the total within the rounded duration', () => {
    const stages: CaptionStages = completeStages(7.04, generation, 28);
    expect(stages.decodeMs).toBe(7);
    const total = stages.decodeMs + stages.preprocessMs + stages.encoderMs + 3.3 + 1.2 + stages.otherMs;
    expect(total).toBeLessThanOrEqual(28 + 1e-6);
    expect(stages.otherMs).toBeCloseTo(3.9, 5);
    expect(stages.newTokens).toBe(2);
  });
  it('keeps otherMs when it already fits', () => {
    expect(completeStages(1, generation, 100).otherMs).toBe(4.4);
  });
});
