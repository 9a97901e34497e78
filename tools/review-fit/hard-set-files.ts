/**
 * Writes the hard shapes set (tools/shapes-world/hard-set.ts) to a folder as real image files
 * plus manifest.json, for the Node measurement, the bench through the app and the fit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { hardSet, type HardImage, type HardKind } from '../shapes-world/hard-set.js';

export interface ManifestEntry {
  file: string;
  kind: HardKind;
  /** The right caption, or null when every caption is wrong. */
  truth: string | null;
  detail: string;
  width: number;
  height: number;
  format: string;
  quality: number;
}

export interface Manifest {
  seed: number;
  count: number;
  images: ManifestEntry[];
}

const EXTENSION = { png: 'png', jpeg: 'jpg', webp: 'webp' } as const;
export const MIME: Readonly<Record<string, string>> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

export async function encodeHardImage(image: HardImage): Promise<Buffer> {
  const { data, width, height } = image.raster;
  const pixels = sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 }, limitInputPixels: false });
  switch (image.format) {
    case 'png':
      return pixels.png({ compressionLevel: 6 }).toBuffer();
    case 'jpeg':
      return pixels.removeAlpha().jpeg({ quality: image.quality }).toBuffer();
    case 'webp':
      return pixels.removeAlpha().webp({ quality: image.quality }).toBuffer();
  }
}

/** Short stable hash (FNV-1a), so names are unique but say nothing of the kind or the caption. */
function hashOf(bytes: Buffer): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i += 7) h = Math.imul(h ^ (bytes[i] ?? 0), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Generates and writes `count` images of `seed` into `dir`; returns the manifest (also written there). */
export async function writeHardSet(dir: string, seed: number, count: number): Promise<Manifest> {
  const folder = resolve(dir);
  mkdirSync(folder, { recursive: true });
  const images: ManifestEntry[] = [];
  let index = 0;
  for (const image of hardSet(seed, count)) {
    const bytes = await encodeHardImage(image);
    const file = `hard-${String(index++).padStart(4, '0')}-${hashOf(bytes)}.${EXTENSION[image.format]}`;
    writeFileSync(join(folder, file), bytes);
    images.push({ file, kind: image.kind, truth: image.truth, detail: image.detail, width: image.raster.width, height: image.raster.height, format: image.format, quality: image.quality });
  }
  const manifest = { seed, count, images };
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}
