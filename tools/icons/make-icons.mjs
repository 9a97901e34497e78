#!/usr/bin/env node
/**
 * Writes the web-manifest icons to public/icons/ as PNG, with node:zlib only (no image library):
 * a photo frame (mountain and sun) above two lines of text, i.e. "a description of a picture".
 *
 *   node tools/icons/make-icons.mjs
 *
 * "any" icons fill a rounded square; the maskable icon fills the whole square and keeps the
 * drawing inside the central 80 % safe zone, so launchers may crop it to any shape.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeRgbaPng } from '../png/write-png.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../../public/icons');
const BLUE = [0x1f, 0x4f, 0xd1];
const WHITE = [0xff, 0xff, 0xff];
const SUN = [0xff, 0xc8, 0x3d];

/** Colour at (x, y) in unit coordinates of the drawing box (0..1), or null for transparent. */
function drawing(x, y) {
  // Photo frame: white card with a blue mountain and a yellow sun.
  if (x >= 0.14 && x <= 0.86 && y >= 0.12 && y <= 0.62) {
    const inner = x >= 0.19 && x <= 0.81 && y >= 0.17 && y <= 0.57;
    if (!inner) return WHITE;
    if ((x - 0.66) ** 2 + (y - 0.29) ** 2 <= 0.06 ** 2) return SUN;
    const mountain = y >= 0.57 - (0.3 - Math.abs(x - 0.42)) * 1.1;
    return mountain ? WHITE : BLUE;
  }
  // Two lines of "text" under the photo.
  if (y >= 0.7 && y <= 0.77 && x >= 0.14 && x <= 0.86) return WHITE;
  if (y >= 0.83 && y <= 0.9 && x >= 0.14 && x <= 0.62) return WHITE;
  return null;
}

function roundedSquare(x, y, r) {
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  return dx * dx + dy * dy <= r * r;
}

/** RGBA pixels with 4×4 supersampling for smooth edges. */
function render(size, maskable) {
  const pixels = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = (px + (sx + 0.5) / S) / size;
          const v = (py + (sy + 0.5) / S) / size;
          if (!maskable && !roundedSquare(u, v, 0.18)) continue;
          // Maskable: the drawing shrinks into the safe zone (a circle of radius 0.4 around the centre).
          const scale = maskable ? 0.62 : 0.86;
          const colour = drawing((u - 0.5) / scale + 0.5, (v - 0.5) / scale + 0.5) ?? BLUE;
          r += colour[0]; g += colour[1]; b += colour[2]; a += 255;
        }
      }
      const n = S * S;
      const i = (py * size + px) * 4;
      const cover = a / 255;
      pixels[i] = cover ? Math.round(r / cover) : 0;
      pixels[i + 1] = cover ? Math.round(g / cover) : 0;
      pixels[i + 2] = cover ? Math.round(b / cover) : 0;
      pixels[i + 3] = Math.round(a / n);
    }
  }
  return pixels;
}

export function encodePng(size, rgba) {
  return encodeRgbaPng(size, size, rgba, { level: 9 });
}

const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon-180.png', size: 180, maskable: true },
];

mkdirSync(OUT, { recursive: true });
for (const { file, size, maskable } of ICONS) {
  writeFileSync(join(OUT, file), encodePng(size, render(size, maskable)));
  console.log(`wrote public/icons/${file}`);
}
