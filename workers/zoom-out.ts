import { RawImage } from '@huggingface/transformers';

/** How much larger the canvas is than the photo; the photo keeps its pixels, centred. */
export const ZOOM_OUT = 1.3;

/**
 * The photo smaller within a larger frame whose border repeats the photo's edge pixels: the same
 * scene seen from a little further away, so a caption that was right stays right. A model whose
 * words hold only for the exact framing it was shown finds its own text much less likely here
 * (docs/review-priority.md). Edge pixels rather than a flat colour, so no new edge or object
 * appears; any family's processor resizes the result to its input size as it does any photo.
 */
export function zoomedOut(image: RawImage, factor = ZOOM_OUT): RawImage {
  const { width, height, channels } = image;
  const outWidth = Math.round(width * factor);
  const outHeight = Math.round(height * factor);
  const left = Math.floor((outWidth - width) / 2);
  const top = Math.floor((outHeight - height) / 2);
  const out = new Uint8ClampedArray(outWidth * outHeight * channels);
  const rowBytes = width * channels;
  for (let y = 0; y < outHeight; y++) {
    const source = Math.min(height - 1, Math.max(0, y - top)) * rowBytes;
    const target = y * outWidth * channels;
    // The photo's row in the middle, its first and last pixel repeated out to the frame.
    out.set(image.data.subarray(source, source + rowBytes), target + left * channels);
    for (let x = 0; x < left; x++) out.set(image.data.subarray(source, source + channels), target + x * channels);
    const last = source + rowBytes - channels;
    for (let x = left + width; x < outWidth; x++) out.set(image.data.subarray(last, last + channels), target + x * channels);
  }
  return new RawImage(out, outWidth, outHeight, channels as 1 | 2 | 3 | 4);
}
