import { RawImage } from '@huggingface/transformers';
import { notAnImageMessage, SIGNATURE_BYTES, sniffImageKind } from '../src/models/image-signature';
import { CaptionError } from './caption-error';

/** Largest side handed to the model's processor; every captioner we ship works far below this. */
export const DECODE_MAX_SIDE = 1024;
const THUMBNAIL_MAX_SIDE = 192;
/** Above this a decode would need gigabytes; no camera makes such images. */
const MAX_PIXELS = 100_000_000;

export interface DecodedImage {
  image: RawImage;
  /** Size of the original, after EXIF orientation. */
  width: number;
  height: number;
  thumbnail: Blob | null;
}

/**
 * Decodes a photo off the main thread, honouring its EXIF orientation (a phone portrait must
 * not be described lying on its side), and scales it down once with high-quality filtering.
 */
export async function decodeImage(blob: Blob, fileName: string): Promise<DecodedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new CaptionError('not-an-image', await undecodableMessage(blob, fileName));
  }
  try {
    const { width, height } = bitmap;
    if (width * height > MAX_PIXELS) {
      throw new CaptionError('image-too-large', `${fileName} is ${width}×${height} pixels; Altscribe handles up to 100 megapixels.`);
    }
    const image = drawScaled(bitmap, DECODE_MAX_SIDE);
    const thumbnail = await makeThumbnail(bitmap).catch(() => null);
    return { image, width, height, thumbnail };
  } finally {
    bitmap.close();
  }
}

/** The size a width×height image is drawn at so that its longer side fits in maxSide. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function drawScaled(bitmap: ImageBitmap, maxSide: number): RawImage {
  const { width: w, height: h } = fitWithin(bitmap.width, bitmap.height, maxSide);
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new CaptionError('inference-failed', 'This browser cannot draw images in a worker (no OffscreenCanvas 2D).');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, w, h);
  const pixels = ctx.getImageData(0, 0, w, h).data;
  return new RawImage(pixels, w, h, 4);
}

async function makeThumbnail(bitmap: ImageBitmap): Promise<Blob> {
  const scale = Math.min(1, THUMBNAIL_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
}

async function undecodableMessage(blob: Blob, fileName: string): Promise<string> {
  const kind = sniffImageKind(new Uint8Array(await blob.slice(0, SIGNATURE_BYTES).arrayBuffer()));
  if (!kind) return notAnImageMessage(fileName, blob.size, blob.type);
  if (kind === 'heic') return `${fileName} is a HEIC photo, which this browser cannot decode. Export it as JPEG first.`;
  return `${fileName} looks like a ${kind.toUpperCase()} file but could not be decoded: it may be damaged or truncated.`;
}
