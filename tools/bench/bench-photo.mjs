// The benchmark's photo: a real 640×480 JPEG (what a phone photo is after the app's downscale
// would be larger; the processor resizes to 224 px either way), drawn from a fixed SVG with
// gradients and shapes so its JPEG has real entropy, not a flat colour that decodes for free.
// Both sides read the very same file: native via sharp, the browser via fetch + the app's decoder.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';

const WIDTH = 640;
const HEIGHT = 480;

function svg() {
  const shapes = [];
  // A fixed pseudo-random scene (LCG) so every run and every machine gets the same bytes.
  let seed = 6;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 40; i++) {
    const [x, y, r] = [rand() * WIDTH, rand() * HEIGHT, 8 + rand() * 60];
    const hue = Math.floor(rand() * 360);
    shapes.push(i % 3 ? `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="hsl(${hue},60%,55%)" fill-opacity="0.7"/>` : `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(r * 1.6).toFixed(1)}" height="${r.toFixed(1)}" fill="hsl(${hue},50%,40%)" transform="rotate(${Math.floor(rand() * 90)} ${x.toFixed(1)} ${y.toFixed(1)})"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6fa8dc"/><stop offset="0.6" stop-color="#d9ead3"/><stop offset="1" stop-color="#7f6000"/></linearGradient></defs>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>${shapes.join('')}</svg>`;
}

/** Writes the photo to `path` (always the same bytes) and says what it is. */
export async function writeBenchPhoto(path) {
  mkdirSync(dirname(path), { recursive: true });
  const bytes = await sharp(Buffer.from(svg())).jpeg({ quality: 88 }).toBuffer();
  writeFileSync(path, bytes);
  return { path, bytes: bytes.length, describe: `${WIDTH}×${HEIGHT} JPEG, ${bytes.length} bytes, tools/bench/bench-photo.mjs` };
}
