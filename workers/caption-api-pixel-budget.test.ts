// @vitest-environment node
import 'fake-indexeddb/auto';
import { RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { familyRow } from '../src/models/families';
import type { PixelBudget } from '../src/models/families';
import { measurePhotoQuality } from '../src/models/photo-quality';
import { getModel } from '../src/models/registry';
import type { Captioner } from './captioner';
import type { DecodedImage } from './decode-image';

/**
 * What CaptionWorkerApi.caption asks the decoder for (the loaded family's pixel budget) and
 * which raster goes where: the budget-sized image to the captioner, the 1024 px raster to the
 * photo-quality measures. Decoder and captioner are fakes; the decode itself is tested in
 * decode-image-node.test.ts and, in Chromium, by the e2e specs.
 */
const budgets: (PixelBudget | undefined)[] = [];
const captioned: RawImage[] = [];

/** Flat grey: no edges, so sharpness 0. */
const modelImage = new RawImage(new Uint8ClampedArray(16 * 12 * 3).fill(128), 16, 12, 3);
/** A checkerboard: all edges, so a sharpness far from the flat image's. */
const qualityRaster = new RawImage(
  Uint8ClampedArray.from({ length: 64 * 48 * 3 }, (_, i) => ((Math.floor(i / 3) % 64) + Math.floor(i / 3 / 64)) % 2 ? 255 : 0),
  64,
  48,
  3,
);

vi.mock('./load-captioner', () => ({
  loadCaptioner: async (): Promise<Captioner> => ({
    caption: async (image: RawImage) => {
      captioned.push(image);
      return 'a grey square';
    },
    dispose: async () => undefined,
  }),
}));

vi.mock('./decode-image', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./decode-image')>()),
  decodeImage: async (_blob: Blob, _fileName: string, budget?: PixelBudget): Promise<DecodedImage> => {
    budgets.push(budget);
    return { image: modelImage, qualityRaster, width: 4000, height: 3000, thumbnail: null };
  },
}));

const { CaptionWorkerApi } = await import('./caption-api');
const OPTIONS = { maxNewTokens: 4, noRepeatNgramSize: 0, repetitionPenalty: 1 };
const photo = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });

beforeAll(() => {
  vi.stubGlobal('self', { location: { origin: 'http://localhost' } });
  vi.stubGlobal('navigator', { onLine: false });
});
afterAll(() => vi.unstubAllGlobals());

describe('CaptionWorkerApi.caption and the pixel budget', () => {
  for (const modelId of ['HuggingFaceTB/SmolVLM-256M-Instruct', 'onnx-community/Florence-2-base-ft', 'altscribe/shapes-captioner']) {
    it(`${modelId}: decodes to its family's budget, captions that image and measures quality on the 1024 px raster`, async () => {
      budgets.splice(0);
      captioned.splice(0);
      const api = new CaptionWorkerApi();
      await api.load({ modelId, device: 'wasm', dtype: 'q8', baseUrl: '/', warmUp: false });
      const outcome = await api.caption(photo, 'a.png', OPTIONS);
      await api.dispose();

      expect(budgets).toEqual([familyRow(getModel(modelId).family).pixelBudget]);
      expect(captioned).toEqual([modelImage]);
      const expected = measurePhotoQuality(qualityRaster, { width: 4000, height: 3000, fileBytes: photo.size });
      expect(outcome.quality).toEqual(expected);
      expect(outcome.quality).not.toEqual(measurePhotoQuality(modelImage, { width: 4000, height: 3000, fileBytes: photo.size }));
    });
  }
});
