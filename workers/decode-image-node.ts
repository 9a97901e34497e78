import { RawImage } from '@huggingface/transformers';
import type { PixelBudget } from '../src/models/families';
import { budgetSize, UNBUDGETED } from '../src/models/pixel-budget';

/**
 * Node twin of decodeImage() for tests: sharp decodes instead of createImageBitmap (honouring
 * EXIF orientation), transparency is composited on white, then the same one-step scaling to the
 * pixel budget, so Node and Chromium hand the processor comparable images. Without a budget it
 * gives the DECODE_MAX_SIDE raster, which is also what photo quality is measured on.
 */
export async function decodeImageInNode(bytes: Uint8Array, mime: string, budget: PixelBudget = UNBUDGETED): Promise<RawImage> {
  const decoded = onWhite(await RawImage.read(new Blob([new Uint8Array(bytes)], { type: mime })));
  const fit = budgetSize(decoded.width, decoded.height, budget);
  return fit.width === decoded.width && fit.height === decoded.height ? decoded : decoded.resize(fit.width, fit.height);
}

/** What the browser path gets by drawing on a white canvas: every pixel opaque. */
function onWhite(image: RawImage): RawImage {
  if (image.channels !== 4) return image;
  const source = image.data;
  const out = new Uint8ClampedArray(source.length);
  for (let i = 0; i < source.length; i += 4) {
    const alpha = (source[i + 3] ?? 255) / 255;
    for (let c = 0; c < 3; c++) out[i + c] = (source[i + c] ?? 0) * alpha + 255 * (1 - alpha);
    out[i + 3] = 255;
  }
  return new RawImage(out, image.width, image.height, 4);
}
