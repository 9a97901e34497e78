// @vitest-environment node
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { estimateJpegQuality, readQuantisationTables, scaledTable } from './jpeg-quality';

const WIDTH = 96;
const HEIGHT = 64;

/** A colourful gradient with an edge, so every encoder setting writes a real image. */
function picture(): Buffer {
  const data = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const at = (y * WIDTH + x) * 3;
      data[at] = (x * 255) / WIDTH;
      data[at + 1] = x > WIDTH / 2 ? 220 : 30;
      data[at + 2] = (y * 255) / HEIGHT;
    }
  }
  return data;
}

async function jpegAt(quality: number, options: { chromaSubsampling?: string; quantisationTable?: number } = {}): Promise<Uint8Array> {
  return new Uint8Array(await sharp(picture(), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).jpeg({ quality, ...options }).toBuffer());
}

/** The same JPEG with an APP1 segment of `size` bytes right after SOI, as a camera's EXIF with a thumbnail would put it. */
function withLargeApp1(jpeg: Uint8Array, size: number): Uint8Array {
  const segment = new Uint8Array(4 + size);
  segment.set([0xff, 0xe1, ((size + 2) >> 8) & 0xff, (size + 2) & 0xff]);
  segment.fill(0xff, 4);
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2));
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}

describe('estimateJpegQuality', () => {
  it('finds the quality sharp (mozjpeg, Annex K tables) saved with, within 3', async () => {
    for (const quality of [5, 10, 25, 40, 50, 60, 75, 80, 85, 90, 95, 100]) {
      const estimate = estimateJpegQuality(await jpegAt(quality));
      expect(estimate, `quality ${quality}`).toBeDefined();
      expect(Math.abs((estimate ?? 0) - quality), `quality ${quality} estimated as ${estimate}`).toBeLessThanOrEqual(3);
    }
  });

  it('does not depend on chroma subsampling', async () => {
    expect(estimateJpegQuality(await jpegAt(70, { chromaSubsampling: '4:4:4' }))).toBe(estimateJpegQuality(await jpegAt(70)));
  });

  it('reads the tables after a large APP1 segment (they need not be in the first few kilobytes)', async () => {
    const jpeg = withLargeApp1(await jpegAt(62), 60_000);
    expect(Math.abs((estimateJpegQuality(jpeg) ?? 0) - 62)).toBeLessThanOrEqual(3);
  });

  it('orders a coarser encoder setting below a finer one even with non-IJG tables', async () => {
    const coarse = estimateJpegQuality(await jpegAt(40, { quantisationTable: 3 })) ?? 0;
    const fine = estimateJpegQuality(await jpegAt(90, { quantisationTable: 3 })) ?? 0;
    expect(coarse).toBeLessThan(fine);
  });

  it('is undefined for a PNG, for bytes cut before the tables and for a JPEG without any', async () => {
    const png = new Uint8Array(await sharp(picture(), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).png().toBuffer());
    expect(estimateJpegQuality(png)).toBeUndefined();
    const jpeg = withLargeApp1(await jpegAt(80), 10_000);
    expect(estimateJpegQuality(jpeg.subarray(0, 5_000))).toBeUndefined();
    expect(estimateJpegQuality(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeUndefined();
  });
});

describe('readQuantisationTables', () => {
  it('reads 8- and 16-bit tables from one DQT segment, back into natural order', () => {
    const zigzagOfIdentity = Array.from({ length: 64 }, (_, k) => k + 1);
    const dqt = [0x00, ...zigzagOfIdentity, 0x11, ...zigzagOfIdentity.flatMap((v) => [1, v])];
    const length = dqt.length + 2;
    const tables = readQuantisationTables(Uint8Array.from([0xff, 0xd8, 0xff, 0xdb, length >> 8, length & 0xff, ...dqt, 0xff, 0xda]));
    // Zig-zag position 2 is natural index 8 (second row, first column).
    expect(tables.get(0)?.slice(0, 3)).toEqual([1, 2, 6]);
    expect(tables.get(0)?.[8]).toBe(3);
    expect(tables.get(1)?.[8]).toBe(256 + 3);
  });
});

describe('scaledTable', () => {
  it('is libjpeg: quality 50 is the base table, 100 is all ones, low qualities cap at 255', () => {
    const base = [16, 11, 99, 1];
    expect(scaledTable(base, 50)).toEqual(base);
    expect(scaledTable(base, 100)).toEqual([1, 1, 1, 1]);
    expect(scaledTable(base, 1)).toEqual([255, 255, 255, 50]);
    expect(scaledTable(base, 75)).toEqual([8, 6, 50, 1]);
  });
});
