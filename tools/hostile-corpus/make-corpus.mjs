// Writes the hostile-input corpus for e2e/hostile-inputs.spec.ts: every kind of file people drop
// that is not a plain photo. Generated at test time (nothing binary is committed); small except
// the 33 MP JPEG and the 8 MB text file, which exist to be large.
//
//   node tools/hostile-corpus/make-corpus.mjs [dir]     (default test-results/hostile-corpus)
//
// PNGs with exact bytes (transparency, lying headers) are written by hand with node:zlib; JPEG,
// TIFF, GIF and AVIF come from sharp, already installed for tools/shapes-world/encode-node.ts.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { encodeRgbaPng } from '../png/write-png.mjs';

/** An 8-bit RGBA PNG; `pixel(x, y)` returns [r, g, b, a]. */
export function rgbaPng(width, height, pixel, claimed = { width, height }) {
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgba.set(pixel(x, y), (y * width + x) * 4);
  return encodeRgbaPng(width, height, rgba, { claimed });
}

const RED = [255, 0, 0];
const BLUE = [0, 0, 255];
const solid = (width, height, [r, g, b]) => sharp({ create: { width, height, channels: 3, background: { r, g, b } } });
/** Left half red, right half blue: after a quarter turn clockwise, top red and bottom blue. */
const halves = (width, height) => rgbaPng(width, height, (x) => [...(x < width / 2 ? RED : BLUE), 255]);

/** Deterministic noise, so "random bytes" are the same bytes on every run. */
function noise(length, seed) {
  const out = Buffer.alloc(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

function gifClaiming(width, height) {
  const head = Buffer.from('GIF89a\0\0\0\0\0\0\0', 'latin1');
  head.writeUInt16LE(width, 6);
  head.writeUInt16LE(height, 8);
  return Buffer.concat([head, Buffer.from([0x3b])]);
}

function isoBox(type, body) {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, Buffer.from(type, 'latin1'), body]);
}

/** The start of an iPhone HEIC: ftyp with brand heic, then a meta box; the HEVC data is irrelevant. */
function heicLike() {
  const ftyp = isoBox('ftyp', Buffer.from('heic\0\0\0\0mif1heic', 'latin1'));
  const ispe = isoBox('ispe', Buffer.concat([Buffer.alloc(4), Buffer.from([0, 0, 0x0f, 0xc0, 0, 0, 0x0b, 0xd0])]));
  return Buffer.concat([ftyp, isoBox('meta', Buffer.concat([Buffer.alloc(4), ispe])), noise(2000, 7)]);
}

/** Every hostile file: name as the person's file manager would show it, and its bytes. */
export async function hostileFiles() {
  const photo = await sharp(halves(400, 300)).removeAlpha().jpeg({ quality: 85 }).toBuffer();
  const png = rgbaPng(64, 48, (x, y) => [x * 4, y * 5, 128, 255]);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="red"/><script>self.__altscribeSvgRan = true; document.title = 'svg script ran';</script></svg>`;
  const frame = (colour) => solid(40, 30, colour).png().toBuffer();
  /** Stored landscape, left red and right blue, with EXIF "turn a quarter clockwise". */
  const rotatedHalves = (width, height, scale = 1) =>
    sharp(halves(width, height)).resize(width * scale, height * scale, { kernel: 'nearest' }).removeAlpha().jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
  const files = {
    'empty.jpg': Buffer.alloc(0),
    'notes-renamed.jpg': Buffer.from('Shopping list:\n- milk\n- bread\n'.repeat(20)),
    'truncated.jpg': photo.subarray(0, Math.floor(photo.length * 0.4)),
    'truncated.png': png.subarray(0, Math.floor(png.length * 0.5)),
    'missing-end-marker.jpg': photo.subarray(0, photo.length - 2),
    'trailing-bytes.jpg': Buffer.concat([photo, noise(3000, 11)]),
    'random-bytes.png': Buffer.concat([Buffer.from([0x13, 0x37]), noise(4096, 42)]),
    'huge-header-20000x20000.png': rgbaPng(4, 4, () => [0, 0, 0, 255], { width: 20000, height: 20000 }),
    'huge-header-65535x65535.gif': gifClaiming(65535, 65535),
    'zero-size-header.png': rgbaPng(4, 4, () => [0, 0, 0, 255], { width: 0, height: 0 }),
    'script.svg': Buffer.from(svg),
    'photo.heic': heicLike(),
    'scan.tif': await solid(60, 40, [200, 200, 0]).tiff().toBuffer(),
    'camera.cr2': Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0, 0x10, 0, 0, 0, 0x43, 0x52, 2, 0]), noise(1000, 3)]),
    'picture.jxl': Buffer.concat([Buffer.from([0xff, 0x0a]), noise(500, 5)]),
    'layers.psd': Buffer.concat([Buffer.from('8BPS\0\x01', 'latin1'), noise(500, 9)]),
    'document-renamed.jpg': Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
    'page.html.png': Buffer.from('<!doctype html><script>alert(1)</script>'),
    'animated.gif': await sharp([await frame(RED), await frame(BLUE)], { join: { animated: true } }).gif({ delay: [500, 500], loop: 0 }).toBuffer(),
    'transparent.png': rgbaPng(64, 64, (x) => (x < 32 ? [255, 0, 0, 255] : [0, 0, 0, 0])),
    'big-6600x5000.jpg': await sharp(halves(660, 500)).resize(6600, 5000, { kernel: 'nearest' }).removeAlpha().jpeg({ quality: 80 }).toBuffer(),
    'exif-rotated.jpg': await rotatedHalves(64, 32),
    'exif-rotated-big-4000x3000.jpg': await rotatedHalves(400, 300, 10),
    'one-pixel.png': rgbaPng(1, 1, () => [0, 200, 0, 255]),
    'panorama-10000x10.png': rgbaPng(10000, 10, (x) => [x % 256, 100, 200, 255]),
    'deep-16-bit.png': await solid(48, 32, [30, 60, 220]).toColourspace('rgb16').png().toBuffer(),
    'greyscale.jpg': await solid(48, 32, [128, 128, 128]).toColourspace('b-w').jpeg().toBuffer(),
    'cmyk.jpg': await solid(48, 32, [255, 0, 0]).toColourspace('cmyk').jpeg().toBuffer(),
    'display-p3.jpg': await solid(48, 32, [255, 0, 0]).withIccProfile('p3').jpeg().toBuffer(),
    'progressive.jpg': await solid(48, 32, [0, 128, 255]).jpeg({ progressive: true }).toBuffer(),
    'small.avif': await solid(48, 32, [255, 128, 0]).avif().toBuffer(),
    'tiny.bmp': await bmp2x2(),
    'huge-text-8mb.jpg': Buffer.from('not a photo, just a very long log line\n'.repeat(8 * 1024 * 1024 / 39)),
  };
  return files;
}

/** A 2×2 24-bit BMP, bottom-up rows padded to 4 bytes. */
async function bmp2x2() {
  const pixels = Buffer.from([0, 0, 255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(54 + pixels.length, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(2, 18);
  header.writeInt32LE(2, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  return Buffer.concat([header, pixels]);
}

/** Writes the corpus into `dir` (emptied first); returns { name, path } per file. */
export async function makeHostileCorpus(dir = 'test-results/hostile-corpus') {
  const root = resolve(dir);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const written = [];
  for (const [name, bytes] of Object.entries(await hostileFiles())) {
    const path = join(root, name);
    writeFileSync(path, bytes);
    written.push({ name, path, byteSize: bytes.length });
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of await makeHostileCorpus(process.argv[2])) console.log(`${String(file.byteSize).padStart(9)}  ${file.name}`);
}
