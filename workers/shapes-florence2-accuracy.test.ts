// @vitest-environment node
import { resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { resolveCaptionOptions } from '../src/models/caption-options';
import { getModel } from '../src/models/registry';
import { encodeScene } from '../tools/shapes-world/encode-node';
import { captionOf, mulberry32, randomScene } from '../tools/shapes-world/shapes-world';
import { decodeImageInNode } from './decode-image-node';
import { Florence2Captioner } from './florence2-captioner';

/**
 * The trained Florence-2 fixture (tools/tiny-vlm/florence2-shapes) through the Florence-2 adapter
 * the worker uses, on held-out images from the TypeScript shapes world (never seen in training:
 * it trained on the Python renderer). It is the "second opinion" model, so the bar sits below
 * the shapes captioner's: it must be good, not perfect.
 */
const MODEL_ID = 'altscribe/shapes-florence2';
const MODEL_DIR = resolve(import.meta.dirname, '../public/models', MODEL_ID);
const SEED = Number(process.env.SHAPES_SEED ?? 20261208);
const COUNT = Number(process.env.SHAPES_COUNT ?? 120);
const BAR = 0.9;

env.allowLocalModels = true;
env.allowRemoteModels = false;

/** The comparison the brief asks for: case, surrounding space and a final period do not count. */
const plain = (text: string) => text.trim().toLowerCase().replace(/\.$/, '');

describe('shapes Florence-2 fixture (fp32, transformers.js in Node)', () => {
  it(`captions ≥ ${BAR * 100} % of ${COUNT} held-out images exactly with <CAPTION>`, async () => {
    const model = getModel(MODEL_ID);
    const captioner = await Florence2Captioner.load(MODEL_DIR, { dtype: model.dtypes.wasm! });
    const options = resolveCaptionOptions(model.generation);
    const rng = mulberry32(SEED);
    const misses: { index: number; file: string; expected: string; got: string }[] = [];
    for (let index = 0; index < COUNT; index++) {
      const scene = randomScene(rng);
      const { bytes, mime, fileName } = await encodeScene(scene);
      const got = await captioner.caption(await decodeImageInNode(bytes, mime), options, { prompt: model.prompt! });
      const expected = captionOf(scene);
      if (plain(got) !== plain(expected)) misses.push({ index, file: `${fileName} ${scene.width}x${scene.height}`, expected, got });
    }
    await captioner.dispose();
    const accuracy = (COUNT - misses.length) / COUNT;
    console.log(`shapes-florence2: ${COUNT - misses.length}/${COUNT} exact, seed ${SEED}`, misses);
    expect(accuracy).toBeGreaterThanOrEqual(BAR);
  });
});
