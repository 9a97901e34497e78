// @vitest-environment node
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { resolveCaptionOptions } from '../src/models/caption-options';
import { getModel } from '../src/models/registry';
import { encodeScene } from '../tools/shapes-world/encode-node';
import { captionOf, mulberry32, randomScene } from '../tools/shapes-world/shapes-world';
import { decodeImageInNode } from './decode-image-node';
import { EncoderDecoderCaptioner } from './encoder-decoder-captioner';

/**
 * The fixture model's accuracy, measured through the same adapter the worker uses, on images
 * drawn by a rasterizer the model never trained on (tools/shapes-world), encoded as real
 * PNG/JPEG/WebP files of 48–4000 px. Seed 20261127 is not used anywhere in training.
 */
const MODEL_DIR = resolve(import.meta.dirname, '../public/models/altscribe/shapes-captioner');
const SEED = Number(process.env.SHAPES_SEED ?? 20261127);
const COUNT = Number(process.env.SHAPES_COUNT ?? 200);
const BAR = 0.95;

env.allowLocalModels = true;
env.allowRemoteModels = false;

describe.each(['fp32', 'q8'] as const)('shapes fixture model (%s, transformers.js in Node)', (dtype) => {
  it(`captions ≥ ${BAR * 100} % of ${COUNT} held-out images exactly`, async () => {
    const captioner = await EncoderDecoderCaptioner.load(MODEL_DIR, { dtype });
    const options = resolveCaptionOptions(getModel('altscribe/shapes-captioner').generation);
    const rng = mulberry32(SEED);
    const misses: { file: string; expected: string; got: string; size: string }[] = [];
    for (let i = 0; i < COUNT; i++) {
      const scene = randomScene(rng);
      const { bytes, mime, fileName } = await encodeScene(scene);
      const image = await decodeImageInNode(bytes, mime);
      const got = await captioner.caption(image, options);
      const expected = captionOf(scene);
      if (got !== expected) misses.push({ file: `${i}-${fileName}`, expected, got, size: `${scene.width}x${scene.height}` });
    }
    await captioner.dispose();
    const accuracy = (COUNT - misses.length) / COUNT;
    mkdirSync('reports', { recursive: true });
    writeFileSync(`reports/fixture-accuracy-${dtype}.json`, JSON.stringify({ dtype, seed: SEED, count: COUNT, accuracy, misses }, null, 2));
    console.log(`shapes fixture ${dtype}: ${COUNT - misses.length}/${COUNT} exact (${(accuracy * 100).toFixed(1)} %), seed ${SEED}`, misses);
    expect(accuracy).toBeGreaterThanOrEqual(BAR);
  });
});
