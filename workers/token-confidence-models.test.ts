// @vitest-environment node
import { resolve } from 'node:path';
import { env, RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCaptionOptions } from '../src/models/caption-options';
import { getModel } from '../src/models/registry';
import type { TextConfidence } from '../src/models/review-signals';
import { encodeScene } from '../tools/shapes-world/encode-node';
import { mulberry32, randomScene } from '../tools/shapes-world/shapes-world';
import type { Captioner, CaptionerLoadOptions } from './captioner';
import { decodeImageInNode } from './decode-image-node';
import { EncoderDecoderCaptioner } from './encoder-decoder-captioner';
import { Florence2Captioner } from './florence2-captioner';
import { ImageTextToTextCaptioner } from './image-text-to-text-captioner';
import { SmolVlmCaptioner } from './smolvlm-captioner';

/** Token confidence through every family's real adapter and its committed fixture model. */
env.allowLocalModels = true;
env.allowRemoteModels = false;

const FAMILIES: { modelId: string; load: (dir: string, options: CaptionerLoadOptions) => Promise<Captioner> }[] = [
  { modelId: 'altscribe/shapes-captioner', load: (dir, options) => EncoderDecoderCaptioner.load(dir, options) },
  { modelId: 'altscribe/tiny-florence2', load: (dir, options) => Florence2Captioner.load(dir, options) },
  { modelId: 'altscribe/tiny-smolvlm', load: (dir, options) => SmolVlmCaptioner.load(dir, options) },
  { modelId: 'altscribe/tiny-fastvlm', load: (dir, options) => ImageTextToTextCaptioner.load(dir, options) },
];

const modelDir = (modelId: string): string => resolve(import.meta.dirname, '../public/models', modelId);
const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

async function sceneImages(seed: number, count: number, maxSide?: number): Promise<RawImage[]> {
  const rng = mulberry32(seed);
  const images: RawImage[] = [];
  for (let i = 0; i < count; i++) {
    const { bytes, mime } = await encodeScene(randomScene(rng, maxSide ? { maxSide } : {}));
    images.push(await decodeImageInNode(bytes, mime));
  }
  return images;
}

async function captionWithConfidence(captioner: Captioner, image: RawImage, modelId: string): Promise<{ text: string; confidence: TextConfidence }> {
  let confidence: TextConfidence | undefined;
  const text = await captioner.caption(image, resolveCaptionOptions(getModel(modelId).generation), { onConfidence: (measured) => (confidence = measured) });
  if (!confidence) throw new Error(`${modelId} reported no confidence`);
  return { text, confidence };
}

describe.each(FAMILIES)('token confidence through the $modelId adapter', ({ modelId, load }) => {
  let captioner: Captioner;
  let images: RawImage[];

  beforeAll(async () => {
    const entry = getModel(modelId);
    captioner = await load(modelDir(modelId), { dtype: entry.dtypes.wasm ?? 'fp32' });
    images = await sceneImages(97, 2, 320);
  });
  afterAll(() => captioner.dispose());

  it('has one word per word of the caption, probabilities in (0, 1], and a minimum no word goes below', async () => {
    for (const image of images) {
      const { text, confidence } = await captionWithConfidence(captioner, image, modelId);
      expect(confidence.words.map((w) => w.word)).toEqual(words(text));
      expect(confidence.tokens).toBeGreaterThanOrEqual(confidence.words.length > 0 ? 1 : 0);
      for (const { prob } of confidence.words) {
        expect(prob).toBeGreaterThan(0);
        expect(prob).toBeLessThanOrEqual(1);
        expect(confidence.minProb).toBeLessThanOrEqual(prob);
      }
      expect(confidence.minProb).toBeGreaterThan(0);
      expect(confidence.meanLogProb).toBeLessThanOrEqual(0);
      expect(confidence.meanLogProb).toBeGreaterThanOrEqual(Math.log(confidence.minProb) - 1e-9);
      expect(confidence.maxEntropy).toBeGreaterThanOrEqual(confidence.meanEntropy);
      expect(confidence.meanEntropy).toBeGreaterThanOrEqual(0);
    }
  });

  it('records nothing when nobody asks (the warm-up path)', async () => {
    const [image] = images;
    if (!image) throw new Error('no image');
    const { text } = await captionWithConfidence(captioner, image, modelId);
    await expect(captioner.caption(image, resolveCaptionOptions(getModel(modelId).generation))).resolves.toBe(text);
  });
});

describe('shapes captioner: a clean scene is more certain than noise or a blank picture', () => {
  const modelId = 'altscribe/shapes-captioner';
  let captioner: Captioner;
  beforeAll(async () => {
    captioner = await EncoderDecoderCaptioner.load(modelDir(modelId), { dtype: 'q8' });
  });
  afterAll(() => captioner.dispose());

  it('every clean scene has a higher mean log-probability than every noise and blank image', async () => {
    const rng = mulberry32(5);
    const side = 224;
    const noise = Array.from({ length: 3 }, () => new RawImage(Uint8ClampedArray.from({ length: side * side * 3 }, () => Math.floor(rng() * 256)), side, side, 3));
    const blanks = [0, 128, 255].map((value) => new RawImage(new Uint8ClampedArray(side * side * 3).fill(value), side, side, 3));
    const clean = await sceneImages(11, 6);
    const score = async (image: RawImage): Promise<number> => (await captionWithConfidence(captioner, image, modelId)).confidence.meanLogProb;
    const cleanScores: number[] = [];
    for (const image of clean) cleanScores.push(await score(image));
    const otherScores: number[] = [];
    for (const image of [...noise, ...blanks]) otherScores.push(await score(image));
    expect(Math.min(...cleanScores)).toBeGreaterThan(Math.max(...otherScores));
  });
});
