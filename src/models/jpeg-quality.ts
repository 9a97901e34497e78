/**
 * The quality setting a JPEG was saved with, estimated from its quantisation tables the way
 * libjpeg-based tools (ImageMagick's `identify`, jpegdump) do: nearly every encoder scales the
 * IJG/Annex K example tables by `quality`, so the quality whose scaled tables come closest to the
 * file's is the answer. An encoder with tables of its own (some cameras) gets the nearest IJG
 * quality, which still says how coarse the compression was. Pure: the caller hands in the
 * file's first bytes (the tables come before the image data, after EXIF and other metadata).
 */

/** Annex K luminance table, natural (row-major) order. */
const LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103,
  77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/** Annex K chrominance table, natural order. */
const CHROMINANCE = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, ...Array<number>(32).fill(99),
];

/** Natural-order index of each coefficient as DQT stores them (zig-zag). */
const NATURAL_ORDER = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15,
  23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const DQT = 0xdb;

/** Quantisation tables by id (0 is luminance in every common encoder), in natural order. */
export function readQuantisationTables(bytes: Uint8Array): Map<number, number[]> {
  const tables = new Map<number, number[]>();
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return tables;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return tables;
    const marker = bytes[at + 1] ?? 0;
    // 0xFF fill bytes may pad before a marker; RSTn and TEM stand alone.
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === SOS || marker === EOI) return tables;
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    const end = at + 2 + length;
    if (marker === DQT) readDqtSegment(bytes.subarray(at + 4, Math.min(end, bytes.length)), tables);
    at = end;
  }
  return tables;
}

function readDqtSegment(segment: Uint8Array, tables: Map<number, number[]>): void {
  let at = 0;
  while (at < segment.length) {
    const info = segment[at] ?? 0;
    const wide = info >> 4 === 1;
    const size = 64 * (wide ? 2 : 1);
    if (at + 1 + size > segment.length) return;
    const table = Array<number>(64).fill(0);
    for (let k = 0; k < 64; k++) {
      const value = wide ? ((segment[at + 1 + 2 * k] ?? 0) << 8) | (segment[at + 2 + 2 * k] ?? 0) : (segment[at + 1 + k] ?? 0);
      table[NATURAL_ORDER[k] ?? 0] = value;
    }
    tables.set(info & 0x0f, table);
    at += 1 + size;
  }
}

/** libjpeg's `jpeg_quality_scaling` and `jpeg_add_quant_table` (baseline: values capped at 255). */
export function scaledTable(base: readonly number[], quality: number): number[] {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - 2 * q;
  return base.map((value) => Math.min(255, Math.max(1, Math.floor((value * scale + 50) / 100))));
}

/** Estimated IJG quality 1–100, or undefined when the bytes are not a JPEG or hold no luminance table. */
export function estimateJpegQuality(bytes: Uint8Array): number | undefined {
  const tables = readQuantisationTables(bytes);
  const luminance = tables.get(0);
  if (!luminance) return undefined;
  const chrominance = tables.get(1);
  let best = 100;
  let bestError = Infinity;
  // From 100 down, keeping the first of equal fits: a table that saturates identically at two
  // qualities is reported at the higher one.
  for (let quality = 100; quality >= 1; quality--) {
    let error = distance(luminance, scaledTable(LUMINANCE, quality));
    if (chrominance) error += distance(chrominance, scaledTable(CHROMINANCE, quality));
    if (error < bestError) {
      bestError = error;
      best = quality;
    }
  }
  return best;
}

function distance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 64; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum;
}
