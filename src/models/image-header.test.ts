import { describe, expect, it } from 'vitest';
import { exceedsPixelLimit, MAX_MEGAPIXELS, orientedSize, readImageHeader, tooLargeMessage } from './image-header';

/** Bytes from numbers, ASCII strings and big-endian 16/32-bit words. */
const bytes = (...parts: (number[] | string | { u16: number } | { u32: number } | { le16: number } | { le32: number })[]): Uint8Array =>
  new Uint8Array(
    parts.flatMap((p) => {
      if (typeof p === 'string') return [...p].map((c) => c.charCodeAt(0));
      if (Array.isArray(p)) return p;
      if ('u16' in p) return [p.u16 >> 8, p.u16 & 0xff];
      if ('u32' in p) return [p.u32 >>> 24, (p.u32 >>> 16) & 0xff, (p.u32 >>> 8) & 0xff, p.u32 & 0xff];
      if ('le16' in p) return [p.le16 & 0xff, p.le16 >> 8];
      return [p.le32 & 0xff, (p.le32 >>> 8) & 0xff, (p.le32 >>> 16) & 0xff, p.le32 >>> 24];
    }),
  );

const png = (width: number, height: number) => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], { u32: 13 }, 'IHDR', { u32: width }, { u32: height }, [8, 6, 0, 0, 0]);

/** A JPEG's segments up to its frame header: optional EXIF orientation, then APP2 filler, then SOF. */
function jpeg(width: number, height: number, options: { orientation?: number; sof?: number; littleEndian?: boolean; filler?: number } = {}): Uint8Array {
  const parts: Parameters<typeof bytes> = [[0xff, 0xd8], [0xff, 0xe0], { u16: 16 }, 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]];
  if (options.orientation !== undefined) {
    const le = options.littleEndian ?? false;
    const w16 = (v: number) => (le ? { le16: v } : { u16: v });
    const w32 = (v: number) => (le ? { le32: v } : { u32: v });
    // TIFF header, one IFD with two entries (XResolution first, so orientation is not always entry 0).
    const tiff: Parameters<typeof bytes> = [le ? 'II' : 'MM', w16(42), w32(8), w16(2), w16(0x011a), w16(5), w32(1), w32(38), w16(0x0112), w16(3), w32(1), w16(options.orientation), [0, 0], w32(0)];
    const body = bytes('Exif', [0, 0], ...tiff);
    parts.push([0xff, 0xe1], { u16: body.length + 2 }, [...body]);
  }
  if (options.filler) parts.push([0xff, 0xe2], { u16: options.filler + 2 }, new Array<number>(options.filler).fill(0x41));
  parts.push([0xff, 0xdb], { u16: 4 }, [0, 0]); // a quantisation table segment between, as real files have
  parts.push([0xff, options.sof ?? 0xc0], { u16: 17 }, [8], { u16: height }, { u16: width }, [3]);
  return bytes(...parts);
}

describe('readImageHeader', () => {
  it('reads PNG IHDR, including sizes no browser could decode', () => {
    expect(readImageHeader('png', png(640, 480))).toEqual({ width: 640, height: 480 });
    expect(readImageHeader('png', png(20000, 20000))).toEqual({ width: 20000, height: 20000 });
  });

  it('reads a JPEG frame after APP segments, with its EXIF orientation in either byte order', () => {
    expect(readImageHeader('jpeg', jpeg(4000, 3000))).toEqual({ width: 4000, height: 3000, orientation: 1 });
    expect(readImageHeader('jpeg', jpeg(4000, 3000, { orientation: 6 }))).toEqual({ width: 4000, height: 3000, orientation: 6 });
    expect(readImageHeader('jpeg', jpeg(64, 32, { orientation: 8, littleEndian: true }))).toEqual({ width: 64, height: 32, orientation: 8 });
  });

  it('reads progressive (SOF2) frames and skips a large ICC segment, but not DHT (C4) as a frame', () => {
    expect(readImageHeader('jpeg', jpeg(6600, 5000, { sof: 0xc2, filler: 60_000 }))).toEqual({ width: 6600, height: 5000, orientation: 1 });
    const withHuffmanFirst = bytes([0xff, 0xd8, 0xff, 0xc4], { u16: 6 }, [1, 2, 3, 4], [...jpeg(10, 20).slice(2)]);
    expect(readImageHeader('jpeg', withHuffmanFirst)).toEqual({ width: 10, height: 20, orientation: 1 });
  });

  it('gives up on a JPEG cut before its frame header, or scan data before any frame', () => {
    const whole = jpeg(800, 600, { filler: 1000 });
    expect(readImageHeader('jpeg', whole.slice(0, 500))).toBeNull();
    expect(readImageHeader('jpeg', bytes([0xff, 0xd8, 0xff, 0xda], { u16: 2 }))).toBeNull();
  });

  it('reads GIF, BMP (both header kinds, top-down) and the three WebP chunks', () => {
    expect(readImageHeader('gif', bytes('GIF89a', { le16: 65535 }, { le16: 300 }))).toEqual({ width: 65535, height: 300 });
    expect(readImageHeader('bmp', bytes('BM', new Array<number>(12).fill(0), { le32: 40 }, { le32: 1920 }, { le32: -1080 >>> 0 }))).toEqual({ width: 1920, height: 1080 });
    expect(readImageHeader('bmp', bytes('BM', new Array<number>(12).fill(0), { le32: 12 }, { le16: 30 }, { le16: 20 }, [0, 0, 0, 0, 0, 0]))).toEqual({ width: 30, height: 20 });
    const riff = (chunk: string, body: number[]) => bytes('RIFF', { le32: 100 }, 'WEBP', chunk, { le32: 10 }, body);
    expect(readImageHeader('webp', riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]))).toEqual({ width: 640, height: 480 });
    // VP8L: signature 0x2f, then 14 bits width-1 and 14 bits height-1.
    const vp8l = ((640 - 1) | ((480 - 1) << 14)) >>> 0;
    expect(readImageHeader('webp', riff('VP8L', [0x2f, vp8l & 0xff, (vp8l >>> 8) & 0xff, (vp8l >>> 16) & 0xff, vp8l >>> 24, 0, 0, 0, 0, 0]))).toEqual({ width: 640, height: 480 });
    expect(readImageHeader('webp', riff('VP8X', [0, 0, 0, 0, 0x1f, 0x4e, 0x00, 0x1f, 0x4e, 0x00]))).toEqual({ width: 20000, height: 20000 });
  });

  it('takes the largest ispe of a HEIF/AVIF (a grid lists its tiles too)', () => {
    const ispe = (w: number, h: number) => [...bytes({ u32: 20 }, 'ispe', [0, 0, 0, 0], { u32: w }, { u32: h })];
    const file = bytes({ u32: 24 }, 'ftypheic', [0, 0, 0, 0], 'mif1heic', ispe(512, 512), ispe(4032, 3024));
    expect(readImageHeader('heic', file)).toEqual({ width: 4032, height: 3024 });
  });

  it('returns null for zero sizes, short input and formats without a header reader', () => {
    expect(readImageHeader('png', png(0, 0))).toBeNull();
    expect(readImageHeader('png', png(10, 10).slice(0, 20))).toBeNull();
    expect(readImageHeader('ico', bytes([0, 0, 1, 0, 1, 0]))).toBeNull();
  });
});

describe('pixel limit', () => {
  it('turns the size for orientations 5–8 only', () => {
    expect(orientedSize({ width: 4000, height: 3000, orientation: 6 })).toEqual({ width: 3000, height: 4000 });
    expect(orientedSize({ width: 4000, height: 3000, orientation: 3 })).toEqual({ width: 4000, height: 3000 });
  });

  it(`refuses above ${MAX_MEGAPIXELS} megapixels and says so with the size`, () => {
    expect(exceedsPixelLimit({ width: 10000, height: 10000 })).toBe(false);
    expect(exceedsPixelLimit({ width: 10001, height: 10000 })).toBe(true);
    expect(tooLargeMessage('big.png', { width: 20000, height: 20000 })).toBe(
      'big.png is 20000×20000 pixels (400 megapixels); Altscribe refuses images above 100 megapixels so the tab does not run out of memory. Scale it down and add it again.',
    );
  });
});
