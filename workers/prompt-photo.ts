import { exceedsPixelLimit, HEADER_BYTES, orientedSize, readImageHeader, tooLargeMessage } from '../src/models/image-header';
import { notAnImageMessage, SIGNATURE_BYTES, sniffImageKind, undecodableFormatMessage } from '../src/models/image-signature';

/**
 * The side the photo is scaled to before it reaches the browser's model: about 1 MP at most. The
 * model resizes every image to its own small input, so more pixels only cost decoding time.
 */
export const PROMPT_IMAGE_MAX_SIDE = 1024;
const THUMBNAIL_MAX_SIDE = 192;

export interface PreparedPhoto {
  image: ImageBitmap;
  /** The original's size, after EXIF orientation. */
  width: number;
  height: number;
  thumbnail: Blob | null;
}

/**
 * The photo as the Prompt API takes it, prepared in a worker (prompt-photo.worker.ts): Chromium
 * decodes a Blob off the main thread but scales the decoded picture on the calling thread, which
 * took hundreds of milliseconds per 9 MP photo on the page. The header is read from the first
 * bytes (a non-image or an oversized picture is refused before decoding). Errors carry the same
 * codes and words as the caption worker's (decode-image.ts).
 */
export async function preparePhoto(blob: Blob, fileName: string): Promise<PreparedPhoto> {
  const head = new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer());
  const kind = sniffImageKind(head.subarray(0, SIGNATURE_BYTES));
  if (!kind) throw new Error(`[not-an-image] ${notAnImageMessage(fileName, blob.size, blob.type)}`);
  const refusal = undecodableFormatMessage(fileName, kind);
  if (refusal) throw new Error(`[unsupported-format] ${refusal}`);
  const header = readImageHeader(kind, head);
  if (header && exceedsPixelLimit(header)) throw new Error(`[image-too-large] ${tooLargeMessage(fileName, orientedSize(header))}`);
  let image: ImageBitmap;
  try {
    image = await createImageBitmap(blob, { imageOrientation: 'from-image', ...scaledTo(header ? orientedSize(header) : null, PROMPT_IMAGE_MAX_SIDE) });
  } catch {
    throw new Error(`[damaged-image] ${fileName} looks like a ${kind.toUpperCase()} file but could not be decoded: it may be damaged or truncated. Open it in an image viewer; if it shows, export it again as JPEG or PNG.`);
  }
  const size = header ? orientedSize(header) : { width: image.width, height: image.height };
  return { image, ...size, thumbnail: await thumbnailOf(image).catch(() => null) };
}

/** Resize options that fit the longer side in `maxSide`; none when it fits already or the size is unknown. */
function scaledTo(size: { width: number; height: number } | null, maxSide: number): ImageBitmapOptions {
  if (!size || Math.max(size.width, size.height) <= maxSide) return {};
  return size.width >= size.height ? { resizeWidth: maxSide, resizeQuality: 'high' } : { resizeHeight: maxSide, resizeQuality: 'high' };
}

async function thumbnailOf(image: ImageBitmap): Promise<Blob | null> {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const scale = Math.min(1, THUMBNAIL_MAX_SIDE / Math.max(image.width, image.height));
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
}
