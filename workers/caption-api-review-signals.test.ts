// @vitest-environment node
import 'fake-indexeddb/auto';
import { resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { estimateJpegQuality } from '../src/models/jpeg-quality';
import { encodeScene } from '../tools/shapes-world/encode-node';
import { mulberry32, randomScene, type Scene } from '../tools/shapes-world/shapes-world';
import type { Captioner } from './captioner';
import type { DecodedImage } from './decode-image';
import { decodeImageInNode } from './decode-image-node';
import { EncoderDecoderCaptioner } from './encoder-decoder-captioner';

/**
 * What CaptionWorkerApi.caption puts on the outcome for the review priority, with the real fixture
 * model: only the loader (disk instead of the app's cache) and the browser decoding (sharp instead
 * of createImageBitmap) are replaced.
 */
const MODEL_DIR = resolve(import.meta.dirname, '../public/models/altscribe/shapes-captioner');

vi.mock('./load-captioner', () => ({
  loadCaptioner: async (): Promise<Captioner> => {
    env.useCustomCache = false;
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    return EncoderDecoderCaptioner.load(MODEL_DIR, { dtype: 'q8' });
  },
}));

vi.mock('./decode-image', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./decode-image')>()),
  decodeImage: async (blob: Blob): Promise<DecodedImage> => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const image = await decodeImageInNode(bytes, blob.type);
    const jpegQuality = blob.type === 'image/jpeg' ? estimateJpegQuality(bytes) : undefined;
    // The fixture scenes fit in DECODE_MAX_SIDE, so the decoded size is the original's.
    return { image, width: image.width, height: image.height, thumbnail: null, ...(jpegQuality !== undefined ? { jpegQuality } : {}) };
  },
}));

const { CaptionWorkerApi } = await import('./caption-api');
const api = new CaptionWorkerApi();
const OPTIONS = { maxNewTokens: 12, minNewTokens: 0, noRepeatNgramSize: 0, repetitionPenalty: 1 };

function sceneOf(format: Scene['format'], seed: number): Scene {
  return { ...randomScene(mulberry32(seed), { maxSide: 400 }), format, quality: 72 };
}

async function blobOf(scene: Scene): Promise<Blob> {
  const { bytes, mime } = await encodeScene(scene);
  return new Blob([new Uint8Array(bytes)], { type: mime });
}

beforeAll(async () => {
  vi.stubGlobal('self', { location: { origin: 'http://localhost' } });
  await api.load({ modelId: 'altscribe/shapes-captioner', device: 'wasm', dtype: 'q8', baseUrl: '/', warmUp: false });
});
afterAll(async () => {
  await api.dispose();
  vi.unstubAllGlobals();
});

describe('CaptionWorkerApi.caption review signals', () => {
  it('puts token confidence for the caption it returns, and the photo quality with the JPEG quality, on the outcome', async () => {
    const scene = sceneOf('jpeg', 21);
    const blob = await blobOf(scene);
    const outcome = await api.caption(blob, 'scene.jpg', OPTIONS);
    expect(outcome.interrupted).toBe(false);
    expect(outcome.confidence?.words.map((w) => w.word)).toEqual(outcome.text.split(' '));
    expect(outcome.confidence?.tokens).toBeGreaterThan(outcome.text.split(' ').length);
    expect(outcome.quality).toMatchObject({ width: scene.width, height: scene.height, jpegQuality: 72 });
    expect(outcome.quality?.bytesPerPixel).toBeCloseTo(blob.size / (scene.width * scene.height), 12);
    expect(outcome.quality?.sharpness).toBeGreaterThan(0);
    expect(outcome.quality?.contrast).toBeGreaterThan(0);
  });

  it("scores its own caption on a zoomed-out copy of the photo, and another model's text when asked, higher for its own text than for a wrong one", async () => {
    const blob = await blobOf(sceneOf('png', 24));
    const own = await api.caption(blob, 'scene.png', OPTIONS);
    const zoomed = own.confidence?.zoomed;
    expect(zoomed?.tokens).toBe(own.text.split(' ').length);
    expect(zoomed!.meanLogProb).toBeLessThanOrEqual(0);
    expect(own).not.toHaveProperty('scored');
    expect(own.reviewCheckMs).toBeGreaterThanOrEqual(0);

    const wrongText = own.text.replace(/\b(red|blue)\b/, (colour) => (colour === 'red' ? 'blue' : 'red')).replace(/^\w+/, (count) => (count === 'three' ? 'a' : 'three'));
    expect(wrongText).not.toBe(own.text);
    const asked = await api.caption(blob, 'scene.png', OPTIONS, undefined, undefined, undefined, own.text);
    const wrong = await api.caption(blob, 'scene.png', OPTIONS, undefined, undefined, undefined, wrongText);
    expect(asked.text).toBe(own.text);
    // Scoring another text replaces the zoomed check of the own one.
    expect(asked.confidence).not.toHaveProperty('zoomed');
    expect(asked.scored?.likelihood?.tokens).toBe(own.text.split(' ').length);
    expect(asked.scored?.zoomed?.meanLogProb).toBeCloseTo(zoomed!.meanLogProb, 6);
    expect(asked.scored!.likelihood!.meanLogProb).toBeGreaterThan(wrong.scored!.likelihood!.meanLogProb + 1);
  });

  it('skips the zoomed-out check when asked (no zoomed likelihood, no check time), and still scores another text', async () => {
    const blob = await blobOf(sceneOf('png', 24));
    const plain = await api.caption(blob, 'scene.png', OPTIONS, undefined, undefined, undefined, undefined, false);
    expect(plain.confidence?.tokens).toBeGreaterThan(0);
    expect(plain.confidence).not.toHaveProperty('zoomed');
    expect(plain).not.toHaveProperty('reviewCheckMs');
    const asked = await api.caption(blob, 'scene.png', OPTIONS, undefined, undefined, undefined, plain.text, false);
    expect(asked.scored?.likelihood?.tokens).toBe(plain.text.split(' ').length);
  });

  it('has no JPEG quality for a PNG', async () => {
    const outcome = await api.caption(await blobOf(sceneOf('png', 22)), 'scene.png', OPTIONS);
    expect(outcome.quality).toBeDefined();
    expect(outcome.quality).not.toHaveProperty('jpegQuality');
  });

  it('leaves confidence out of an interrupted caption (its tokens are not the finished ones) but keeps the photo quality', async () => {
    let chunks = 0;
    const outcome = await api.caption(await blobOf(sceneOf('png', 23)), 'scene.png', OPTIONS, () => {
      chunks++;
      api.interrupt();
    });
    expect(chunks).toBeGreaterThan(0);
    expect(outcome.interrupted).toBe(true);
    expect(outcome).not.toHaveProperty('confidence');
    expect(outcome.quality).toBeDefined();
  });
});
