/**
 * What intake needs to know about a file before it becomes a card: is it an image (by its
 * first bytes), and if so its SHA-256. Runs in the intake worker (workers/intake-api.ts); the
 * page only calls it directly where no worker exists (unit tests in Node).
 */
import { readAltText } from '../metadata/alt-text-xmp';
import { SIGNATURE_BYTES, sniffImageKind, type ImageKind } from '../models/image-signature';

export interface FileInspection {
  /** Null when the first bytes are not a known image format. */
  kind: ImageKind | null;
  /** SHA-256 of the whole file, lowercase hex; only for images (a stray video is not read whole). */
  hash?: string;
  /**
   * The IPTC alt-text the photo already carries in its XMP (JPEG, PNG, WebP): the card imports it
   * instead of captioning. Read from the bytes already in memory, walking only the metadata
   * segments; files above READ_WHOLE_BYTES are not searched.
   */
  embeddedAltText?: { text: string; lang: string | null };
}

export type FileInspector = (file: Blob) => Promise<FileInspection>;

/**
 * Files up to this size are read once, whole, and sniffed from their first bytes: each read is a
 * round trip to the browser, and a second read per photo slowed adding a folder. Larger files are
 * sniffed first, so a stray video is never read whole.
 */
export const READ_WHOLE_BYTES = 64 * 1024 * 1024;

export async function inspectFile(file: Blob): Promise<FileInspection> {
  const whole = file.size <= READ_WHOLE_BYTES ? await file.arrayBuffer() : null;
  const head = whole ? new Uint8Array(whole, 0, Math.min(SIGNATURE_BYTES, whole.byteLength)) : new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer());
  const kind = sniffImageKind(head);
  if (!kind) return { kind };
  const hash = await sha256Hex(whole ?? file);
  const embedded = whole && (kind === 'jpeg' || kind === 'png' || kind === 'webp') ? readAltText(new Uint8Array(whole)) : null;
  return embedded ? { kind, hash, embeddedAltText: { text: embedded.altText, lang: embedded.lang } } : { kind, hash };
}

/** The content hash that identifies a photo however it is named or wherever it sits. */
export async function sha256Hex(data: Blob | ArrayBuffer): Promise<string> {
  const bytes = data instanceof ArrayBuffer ? data : await data.arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
