import { RawImage } from '@huggingface/transformers';
import { DECODE_MAX_SIDE, fitWithin } from './decode-image';

/**
 * Node twin of decodeImage() for tests: sharp decodes instead of createImageBitmap, then the same
 * pre-scaling to DECODE_MAX_SIDE, so Node and Chromium hand the processor comparable images.
 */
export async function decodeImageInNode(bytes: Uint8Array, mime: string): Promise<RawImage> {
  const decoded = await RawImage.read(new Blob([new Uint8Array(bytes)], { type: mime }));
  const fit = fitWithin(decoded.width, decoded.height, DECODE_MAX_SIDE);
  return fit.width === decoded.width && fit.height === decoded.height ? decoded : decoded.resize(fit.width, fit.height);
}
