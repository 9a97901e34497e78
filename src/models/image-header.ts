/**
 * Reads an image's pixel size from its first bytes, without decoding it, so that a file whose
 * header claims 20000×20000 is refused before the browser tries to allocate 1.6 GB for it.
 * Pure: callers hand in a slice of the file (HEADER_BYTES is enough for every camera we know).
 */
import type { ImageKind } from './image-signature';

/** Bytes of a file read for its header; JPEG EXIF and ICC segments can push SOF past 128 KB. */
export const HEADER_BYTES = 512 * 1024;

/** Images above this are refused before decoding; stated in the message the person reads. */
export const MAX_MEGAPIXELS = 100;

export interface ImageHeader {
  /** Stored size, before any EXIF orientation. */
  width: number;
  height: number;
  /** EXIF orientation 1–8, known for JPEG only (other formats may carry EXIF the browser honours); 5–8 swap width and height. */
  orientation?: number;
}

export function readImageHeader(kind: ImageKind, head: Uint8Array): ImageHeader | null {
  const header = readByKind(kind, new DataView(head.buffer, head.byteOffset, head.byteLength));
  return header && header.width > 0 && header.height > 0 ? header : null;
}

/** The size a person sees: EXIF orientations 5–8 turn the picture a quarter. */
export function orientedSize(header: ImageHeader): { width: number; height: number } {
  const turned = header.orientation !== undefined && header.orientation >= 5 && header.orientation <= 8;
  return turned ? { width: header.height, height: header.width } : { width: header.width, height: header.height };
}

export function exceedsPixelLimit(header: { width: number; height: number }): boolean {
  return header.width * header.height > MAX_MEGAPIXELS * 1_000_000;
}

export function tooLargeMessage(fileName: string, header: { width: number; height: number }): string {
  const megapixels = Math.round((header.width * header.height) / 1_000_000);
  return `${fileName} is ${header.width}×${header.height} pixels (${megapixels} megapixels); Altscribe refuses images above ${MAX_MEGAPIXELS} megapixels so the tab does not run out of memory. Scale it down and add it again.`;
}

function readByKind(kind: ImageKind, view: DataView): ImageHeader | null {
  const size = (width: number, height: number): ImageHeader => ({ width, height });
  const fits = (end: number): boolean => end <= view.byteLength;
  switch (kind) {
    case 'png':
      return fits(24) ? size(view.getUint32(16), view.getUint32(20)) : null;
    case 'gif':
      return fits(10) ? size(view.getUint16(6, true), view.getUint16(8, true)) : null;
    case 'bmp':
      return readBmp(view);
    case 'webp':
      return readWebp(view);
    case 'jpeg':
      return readJpeg(view);
    case 'avif':
    case 'heic':
      return readIspe(view);
    default:
      return null;
  }
}

function readBmp(view: DataView): ImageHeader | null {
  if (view.byteLength < 26) return null;
  // BITMAPCOREHEADER (12 bytes) stores 16-bit sizes; every later header 32-bit, height negative when top-down.
  if (view.getUint32(14, true) === 12) return { width: view.getUint16(18, true), height: view.getUint16(20, true) };
  return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}

function readWebp(view: DataView): ImageHeader | null {
  if (view.byteLength < 30) return null;
  const chunk = String.fromCharCode(view.getUint8(12), view.getUint8(13), view.getUint8(14), view.getUint8(15));
  const uint24 = (at: number): number => view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getUint8(at + 2) << 16);
  if (chunk === 'VP8X') return { width: uint24(24) + 1, height: uint24(27) + 1 };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  return null;
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function readJpeg(view: DataView): ImageHeader | null {
  let offset = 2;
  let orientation: number | undefined;
  while (offset + 4 <= view.byteLength) {
    if (view.getUint8(offset) !== 0xff) return null;
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame
    const length = view.getUint16(offset + 2);
    if (length < 2) return null;
    if (marker === 0xe1 && orientation === undefined) orientation = exifOrientation(view, offset + 4, length - 2);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > view.byteLength) return null;
      // Every APP1 before the frame has been read, so no EXIF orientation means upright.
      return { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5), orientation: orientation ?? 1 };
    }
    offset += 2 + length;
  }
  return null;
}

/** Orientation (tag 0x0112) from an APP1 "Exif\0\0" segment's first IFD, or undefined. */
function exifOrientation(view: DataView, start: number, length: number): number | undefined {
  const end = Math.min(view.byteLength, start + length);
  if (end - start < 14 || view.getUint32(start) !== 0x45786966 || view.getUint16(start + 4) !== 0) return undefined;
  const tiff = start + 6;
  const little = view.getUint16(tiff) === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return undefined;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return undefined;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/**
 * HEIF and AVIF keep each image's size in an 'ispe' property box; a grid photo lists its
 * tiles too, so the largest is the picture itself.
 */
function readIspe(view: DataView): ImageHeader | null {
  let best: ImageHeader | null = null;
  for (let at = 4; at + 16 <= view.byteLength; at++) {
    if (view.getUint32(at) !== 0x69737065) continue; // 'ispe'
    const width = view.getUint32(at + 8);
    const height = view.getUint32(at + 12);
    if (!best || width * height > best.width * best.height) best = { width, height };
  }
  return best;
}
