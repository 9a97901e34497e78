// @vitest-environment node
import { resolve } from 'node:path';
import { env, type RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCaptionOptions } from '../src/models/caption-options';
import { getModel } from '../src/models/registry';
import { encodeScene } from '../tools/shapes-world/encode-node';
import { mulberry32, randomScene, type Scene } from '../tools/shapes-world/shapes-world';
import type { Captioner, CaptionerLoadOptions } from './captioner';
import { decodeImageInNode } from './decode-image-node';
import { EncoderDecoderCaptioner } from './encoder-decoder-captioner';
import { Florence2Captioner } from './florence2-captioner';
import { ImageTextToTextCaptioner } from './image-text-to-text-captioner';
import { Lfm2VlCaptioner } from './lfm2-vl-captioner';
import { likelihoodOf } from './review-likelihoods';
import { SmolVlmCaptioner } from './smolvlm-captioner';

/** Forced decoding through every family's real adapter and its committed fixture model. */
env.allowLocalModels = true;
env.allowRemoteModels = false;

type Load = (dir: string, options: CaptionerLoadOptions) => Promise<Captioner>;
const modelDir = (modelId: string): string => resolve(import.meta.dirname, '../public/models', modelId);
const promptOf = (modelId: string): string | undefined => getModel(modelId).prompt;

async function loadFixture(modelId: string, load: Load): Promise<Captioner> {
  return load(modelDir(modelId), { dtype: getModel(modelId).dtypes.wasm ?? 'fp32' });
}

async function sceneImage(seed: number): Promise<{ scene: Scene; image: RawImage }> {
  const scene = randomScene(mulberry32(seed), { maxSide: 320 });
  const { bytes, mime } = await encodeScene(scene);
  return { scene, image: await decodeImageInNode(bytes, mime) };
}

/** The same caption with its colour and count changed: fluent, in the model's vocabulary, wrong. */
function wrongCaptionOf(scene: Scene): string {
  const colour = scene.colour === 'red' ? 'blue' : 'red';
  const count = scene.count === 1 ? 'three' : 'a';
  const noun = count === 'a' ? scene.shape : `${scene.shape}s`;
  return `${count} ${colour} ${noun} on a ${scene.background} background`;
}

describe.each([
  { modelId: 'altscribe/shapes-captioner', load: ((dir, options) => EncoderDecoderCaptioner.load(dir, options)) as Load },
  { modelId: 'altscribe/shapes-florence2', load: ((dir, options) => Florence2Captioner.load(dir, options)) as Load },
])('forced decoding through the $modelId adapter (a trained fixture)', ({ modelId, load }) => {
  let captioner: Captioner;
  beforeAll(async () => void (captioner = await loadFixture(modelId, load)));
  afterAll(() => captioner.dispose());

  it('finds its own caption more likely than a wrong one, on every scene', async () => {
    for (const seed of [3, 4, 5]) {
      const { scene, image } = await sceneImage(seed);
      const own = await captioner.caption(image, resolveCaptionOptions(getModel(modelId).generation), { ...(promptOf(modelId) ? { prompt: promptOf(modelId)! } : {}) });
      expect(own).not.toBe(wrongCaptionOf(scene));
      const ownLikelihood = await likelihoodOf(captioner, image, own, promptOf(modelId));
      const wrongLikelihood = await likelihoodOf(captioner, image, wrongCaptionOf(scene), promptOf(modelId));
      expect(ownLikelihood?.tokens).toBeGreaterThanOrEqual(own.split(' ').length);
      expect(wrongLikelihood?.tokens).toBeGreaterThan(0);
      expect(ownLikelihood!.meanLogProb).toBeGreaterThan(wrongLikelihood!.meanLogProb + 1);
      expect(ownLikelihood!.minLogProb).toBeLessThanOrEqual(ownLikelihood!.meanLogProb);
    }
  });

  it('leaves the next caption as it was (the forcing is per call)', async () => {
    const { scene, image } = await sceneImage(6);
    const options = resolveCaptionOptions(getModel(modelId).generation);
    const run = promptOf(modelId) ? { prompt: promptOf(modelId)! } : {};
    const before = await captioner.caption(image, options, run);
    await likelihoodOf(captioner, image, wrongCaptionOf(scene), promptOf(modelId));
    await expect(captioner.caption(image, options, run)).resolves.toBe(before);
  });
});

describe.each([
  { modelId: 'altscribe/tiny-florence2', load: ((dir, options) => Florence2Captioner.load(dir, options)) as Load },
  { modelId: 'altscribe/tiny-smolvlm', load: ((dir, options) => SmolVlmCaptioner.load(dir, options)) as Load },
  { modelId: 'altscribe/tiny-fastvlm', load: ((dir, options) => ImageTextToTextCaptioner.load(dir, options)) as Load },
  { modelId: 'altscribe/tiny-lfm2-vl', load: ((dir, options) => Lfm2VlCaptioner.load(dir, options)) as Load },
])('forced decoding through the $modelId adapter (an untrained fixture)', ({ modelId, load }) => {
  let captioner: Captioner;
  beforeAll(async () => void (captioner = await loadFixture(modelId, load)));
  afterAll(() => captioner.dispose());

  it('scores a text of any words: one log probability per token, each ≤ 0', async () => {
    const { image } = await sceneImage(7);
    const likelihood = await likelihoodOf(captioner, image, 'a red circle on a white background', promptOf(modelId));
    expect(likelihood?.tokens).toBeGreaterThan(0);
    expect(likelihood!.meanLogProb).toBeLessThanOrEqual(0);
    expect(likelihood!.minLogProb).toBeLessThanOrEqual(likelihood!.meanLogProb);
  });
});
