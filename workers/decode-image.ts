import { RawImage } from '@huggingface/transformers';
import { exceedsPixelLimit, HEADER_BYTES, orientedSize, readImageHeader, tooLargeMessage, type ImageHeader } from '../src/models/image-header';
import { estimateJpegQuality } from '../src/models/jpeg-quality';
import { notAnImageMessage, SIGNATURE_BYTES, sniffImageKind, undecodableFormatMessage, type ImageKind } from '../src/models/image-signature';
import type { PixelBudget } from '../src/models/families';
import { budgetSize, UNBUDGETED, type PixelSize } from '../src/models/pixel-budget';
import { CaptionError } from './caption-error';

/**
 * Largest side of the raster photo quality is measured on (review priority's input). It stays
 * this size whatever the model's budget, so the measures do not move with the chosen model.
 */
export const DECODE_MAX_SIDE = 1024;
/**
 * Largest side the browser decodes to. Bigger photos are scaled while decoding, so a 50 MP
 * photo never sits in memory at full size; the last steps (to the budget, to DECODE_MAX_SIDE)
 * stay ours. A budget beyond this side would get this side.
 */
const BITMAP_MAX_SIDE = 2 * DECODE_MAX_SIDE;
const THUMBNAIL_MAX_SIDE = 192;
/** Transparent pixels become this: models never saw "transparent", and black would read as night. */
const BACKGROUND = '#ffffff';

export interface DecodedImage {
  /** What the captioner gets: the photo at its family's pixel budget. */
  image: RawImage;
  /** The photo at DECODE_MAX_SIDE, for measurePhotoQuality; absent means `image` serves. */
  qualityRaster?: RawImage;
  /** Size of the original, after EXIF orientation. */
  width: number;
  height: number;
  thumbnail: Blob | null;
  /** The quality a JPEG was saved with, from its quantisation tables; absent for other formats. */
  jpegQuality?: number;
}

/**
 * Decodes a photo off the main thread, honouring its EXIF orientation (a phone portrait must
 * not be described lying on its side), and scales it down with high-quality filtering: once to
 * the model's pixel budget, once to DECODE_MAX_SIDE for the quality measures.
 * The header is read first: a non-image, a format the browser cannot decode or a picture too
 * large for memory is refused before anything is decoded.
 */
export async function decodeImage(blob: Blob, fileName: string, budget: PixelBudget = UNBUDGETED): Promise<DecodedImage> {
  const head = new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer());
  const kind = sniffImageKind(head.subarray(0, SIGNATURE_BYTES));
  if (!kind) throw new CaptionError('not-an-image', notAnImageMessage(fileName, blob.size, blob.type));
  const refusal = undecodableFormatMessage(fileName, kind);
  if (refusal) throw new CaptionError('unsupported-format', refusal);
  const header = readImageHeader(kind, head);
  if (header && exceedsPixelLimit(header)) throw new CaptionError('image-too-large', tooLargeMessage(fileName, orientedSize(header)));

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, bitmapOptions(header));
  } catch {
    throw new CaptionError('damaged-image', damagedMessage(fileName, kind));
  }
  try {
    // Formats without a readable header (ICO) are checked the old way, once decoded.
    if (!header && exceedsPixelLimit(bitmap)) throw new CaptionError('image-too-large', tooLargeMessage(fileName, bitmap));
    const { width, height } = header ? sizeAsDecoded(header, bitmap) : bitmap;
    const canvas = drawOnBackground(bitmap, fitWithin(bitmap.width, bitmap.height, DECODE_MAX_SIDE));
    const qualityRaster = rawImageOf(canvas);
    // Drawn from the bitmap, not from `canvas`: one resampling step, not two.
    const modelSize = budgetSize(bitmap.width, bitmap.height, budget);
    const sameAsQuality = modelSize.width === canvas.width && modelSize.height === canvas.height;
    const image = sameAsQuality ? qualityRaster : rawImageOf(drawOnBackground(bitmap, modelSize));
    const thumbnail = await makeThumbnail(canvas).catch(() => null);
    // The header slice holds the tables: they come before the image data, after any EXIF.
    const jpegQuality = kind === 'jpeg' ? estimateJpegQuality(head) : undefined;
    return { image, qualityRaster, width, height, thumbnail, ...(jpegQuality !== undefined ? { jpegQuality } : {}) };
  } finally {
    bitmap.close();
  }
}

/** The size a width×height image is drawn at so that its longer side fits in maxSide. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Chromium applies the resize to the picture as oriented. Where the header tells the
 * orientation (JPEG) both sides are given; elsewhere only the longer one, so the browser keeps
 * the aspect ratio whichever way EXIF it finds turns the picture.
 */
function bitmapOptions(header: ImageHeader | null): ImageBitmapOptions {
  const upright: ImageBitmapOptions = { imageOrientation: 'from-image' };
  if (!header) return upright;
  const oriented = orientedSize(header);
  if (Math.max(oriented.width, oriented.height) <= BITMAP_MAX_SIDE) return upright;
  const fit = fitWithin(oriented.width, oriented.height, BITMAP_MAX_SIDE);
  const scaled: ImageBitmapOptions = { ...upright, resizeQuality: 'high' };
  if (header.orientation !== undefined) return { ...scaled, resizeWidth: fit.width, resizeHeight: fit.height };
  return oriented.width >= oriented.height ? { ...scaled, resizeWidth: fit.width } : { ...scaled, resizeHeight: fit.height };
}

/** The original's size, turned the way the decoded bitmap came out. */
function sizeAsDecoded(header: ImageHeader, bitmap: ImageBitmap): { width: number; height: number } {
  const turned = (header.width - header.height) * (bitmap.width - bitmap.height) < 0;
  return turned ? { width: header.height, height: header.width } : { width: header.width, height: header.height };
}

function drawOnBackground(source: CanvasImageSource, { width: w, height: h }: PixelSize): OffscreenCanvas {
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new CaptionError('inference-failed', 'This browser cannot draw images in a worker (no OffscreenCanvas 2D).');
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, w, h);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, w, h);
  return canvas;
}

function rawImageOf(canvas: OffscreenCanvas): RawImage {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new CaptionError('inference-failed', 'This browser cannot draw images in a worker (no OffscreenCanvas 2D).');
  return new RawImage(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height, 4);
}

async function makeThumbnail(source: OffscreenCanvas): Promise<Blob> {
  const canvas = drawOnBackground(source, fitWithin(source.width, source.height, THUMBNAIL_MAX_SIDE));
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
}

function damagedMessage(fileName: string, kind: ImageKind): string {
  return `${fileName} looks like a ${kind.toUpperCase()} file but could not be decoded: it may be damaged or truncated. Open it in an image viewer; if it shows, export it again as JPEG or PNG.`;
}
