import { RawImage } from '@huggingface/transformers';
import { DECODE_MAX_SIDE, fitWithin } from './decode-image';

/**
 * Node twin of decodeImage() for tests: sharp decodes instead of createImageBitmap (honouring
 * EXIF orientation), transparency is composited on white, then the same pre-scaling to
 * DECODE_MAX_SIDE, so Node and Chromium hand the processor comparable images.
 */
export async function decodeImageInNode(bytes: Uint8Array, mime: string): Promise<RawImage> {
  const decoded = onWhite(await RawImage.read(new Blob([new Uint8Array(bytes)], { type: mime })));
  const fit = fitWithin(decoded.width, decoded.height, DECODE_MAX_SIDE);
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
