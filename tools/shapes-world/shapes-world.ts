/**
 * "Shapes world" test-image generator (pure TypeScript, no DOM, no Node APIs).
 *
 * A scene is 1–3 identical, non-overlapping shapes (circle, axis-aligned square or
 * upward-pointing triangle) of one colour on a plain background of another colour.
 * This rasterizer is deliberately independent from the Python renderer used to train
 * the fixture model (tools/fixture-model/data.py), so it is a genuine held-out check.
 *
 * World rules (shared with the training data, see tools/fixture-model/README.md):
 * - width and height 48–4000 px, aspect ratio between 1:2 and 2:1;
 * - shape size (circle diameter, square side, triangle base = height) 15–35 % of the
 *   shorter image side; every shape lies fully inside the image;
 * - "non-overlapping": bounding boxes are separated by a gap of at least 25 % of the
 *   shape size (so shapes never touch, even after heavy downscaling);
 * - colours jittered by ±16 per channel, independently for shape and background.
 */

export type ShapeKind = 'circle' | 'square' | 'triangle';
export type ColourName = 'red' | 'green' | 'blue' | 'yellow' | 'white' | 'black' | 'purple' | 'pink';
export type ImageFormat = 'png' | 'jpeg' | 'webp';
export type Rgb = readonly [number, number, number];
export type Rng = () => number;

export interface Position {
  /** Left edge of the shape's bounding box, in pixels (may be fractional). */
  readonly x: number;
  /** Top edge of the shape's bounding box, in pixels (may be fractional). */
  readonly y: number;
}

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly count: 1 | 2 | 3;
  readonly shape: ShapeKind;
  readonly colour: ColourName;
  readonly background: ColourName;
  /** Jittered RGB actually drawn for the shapes / the background. */
  readonly shapeRgb: Rgb;
  readonly backgroundRgb: Rgb;
  /** Diameter (circle), side (square) or base width = height (triangle), in pixels. */
  readonly size: number;
  readonly positions: readonly Position[];
  readonly format: ImageFormat;
  /** Encoder quality 60–95 for jpeg and webp; 100 (unused) for png. */
  readonly quality: number;
}

export interface Raster {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

export interface RandomSceneOptions {
  /** Smallest / largest allowed image side (defaults 48 / 4000). */
  readonly minSide?: number;
  readonly maxSide?: number;
  /** Formats to pick from (default all three). */
  readonly formats?: readonly ImageFormat[];
}

export const SHAPES: readonly ShapeKind[] = ['circle', 'square', 'triangle'];
export const FORMATS: readonly ImageFormat[] = ['png', 'jpeg', 'webp'];
export const COLOURS: Readonly<Record<ColourName, Rgb>> = {
  red: [220, 40, 40],
  green: [40, 170, 60],
  blue: [40, 80, 220],
  yellow: [240, 210, 40],
  white: [250, 250, 250],
  black: [20, 20, 20],
  purple: [140, 50, 170],
  pink: [250, 130, 190],
};
export const COLOUR_NAMES = Object.keys(COLOURS) as readonly ColourName[];

export const MIN_SIDE = 48;
export const MAX_SIDE = 4000;
export const MIN_SIZE_FRACTION = 0.15;
export const MAX_SIZE_FRACTION = 0.35;
export const GAP_FRACTION = 0.25;
export const JITTER = 16;

const COUNT_WORDS = ['a', 'two', 'three'] as const;

/** Seeded PRNG (mulberry32): returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

function intIn(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from empty list');
  return item;
}

function jitter(rng: Rng, rgb: Rgb): Rgb {
  const j = (c: number): number => Math.min(255, Math.max(0, c + intIn(rng, -JITTER, JITTER)));
  return [j(rgb[0]), j(rgb[1]), j(rgb[2])];
}

function place(rng: Rng, count: number, size: number, width: number, height: number): Position[] | null {
  const minDist = size * (1 + GAP_FRACTION);
  for (let attempt = 0; attempt < 100; attempt++) {
    const placed: Position[] = [];
    for (let k = 0; k < count; k++) {
      for (let t = 0; t < 50; t++) {
        const p = { x: uniform(rng, 0, width - size), y: uniform(rng, 0, height - size) };
        if (placed.every((q) => Math.abs(p.x - q.x) >= minDist || Math.abs(p.y - q.y) >= minDist)) {
          placed.push(p);
          break;
        }
      }
    }
    if (placed.length === count) return placed;
  }
  return null;
}

/** A random scene of the shapes world. */
export function randomScene(rng: Rng, options: RandomSceneOptions = {}): Scene {
  const minSide = Math.max(MIN_SIDE, options.minSide ?? MIN_SIDE);
  const maxSide = Math.min(MAX_SIDE, options.maxSide ?? MAX_SIDE);
  let width = minSide;
  let height = minSide;
  for (;;) {
    width = Math.round(Math.exp(uniform(rng, Math.log(minSide), Math.log(maxSide))));
    const aspect = Math.exp(uniform(rng, Math.log(0.5), Math.log(2)));
    height = Math.round(width / aspect);
    const ratio = width / height;
    if (height >= minSide && height <= maxSide && ratio >= 0.5 && ratio <= 2) break;
  }
  const count = intIn(rng, 1, 3) as 1 | 2 | 3;
  const shape = pick(rng, SHAPES);
  const colour = pick(rng, COLOUR_NAMES);
  const background = pick(
    rng,
    COLOUR_NAMES.filter((c) => c !== colour),
  );
  const shapeRgb = jitter(rng, COLOURS[colour]);
  const backgroundRgb = jitter(rng, COLOURS[background]);
  const shorter = Math.min(width, height);
  let fraction = uniform(rng, MIN_SIZE_FRACTION, MAX_SIZE_FRACTION);
  let positions: Position[] | null = null;
  let size = fraction * shorter;
  while (positions === null) {
    size = fraction * shorter;
    positions = place(rng, count, size, width, height);
    fraction = Math.max(MIN_SIZE_FRACTION, fraction * 0.95);
  }
  const format = pick(rng, options.formats ?? FORMATS);
  const quality = format === 'png' ? 100 : intIn(rng, 60, 95);
  return { width, height, count, shape, colour, background, shapeRgb, backgroundRgb, size, positions, format, quality };
}

/** The exact caption the model must produce, e.g. "two blue squares on a yellow background". */
export function captionOf(scene: Scene): string {
  const countWord = COUNT_WORDS[scene.count - 1] ?? 'a';
  const noun = scene.count > 1 ? `${scene.shape}s` : scene.shape;
  return `${countWord} ${scene.colour} ${noun} on a ${scene.background} background`;
}

/** Length of the overlap of [a0, a1] with [b0, b1]. */
function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

const TRIANGLE_SUBROWS = 4;

/** Fraction of pixel (px, py) covered by a shape with bounding box (x, y, size). */
function coverage(shape: ShapeKind, x: number, y: number, size: number, px: number, py: number): number {
  if (shape === 'square') {
    return overlap(px, px + 1, x, x + size) * overlap(py, py + 1, y, y + size);
  }
  if (shape === 'circle') {
    const r = size / 2;
    const d = Math.hypot(px + 0.5 - (x + r), py + 0.5 - (y + r)) - r;
    return Math.min(1, Math.max(0, 0.5 - d));
  }
  // Triangle pointing up: apex (x + size/2, y), base from (x, y + size) to (x + size, y + size).
  const cx = x + size / 2;
  let sum = 0;
  for (let k = 0; k < TRIANGLE_SUBROWS; k++) {
    const depth = py + (k + 0.5) / TRIANGLE_SUBROWS - y;
    if (depth < 0 || depth > size) continue;
    const half = depth / 2;
    sum += overlap(px, px + 1, cx - half, cx + half);
  }
  return sum / TRIANGLE_SUBROWS;
}

/**
 * Columns [from, to) of row py that a shape covers completely (coverage 1), so they can be
 * filled without per-pixel tests; every other pixel of the bounding box is tested.
 */
function innerSpan(shape: ShapeKind, x: number, y: number, size: number, py: number): [number, number] {
  if (shape === 'square') {
    return py >= y && py + 1 <= y + size ? [Math.ceil(x), Math.floor(x + size)] : [0, 0];
  }
  if (shape === 'circle') {
    const r = size / 2;
    const dy = py + 0.5 - (y + r);
    const h2 = (r - 0.5) * (r - 0.5) - dy * dy;
    if (r <= 0.5 || h2 <= 0) return [0, 0];
    const hx = Math.sqrt(h2);
    return [Math.ceil(x + r - hx - 0.5), Math.floor(x + r + hx - 0.5) + 1];
  }
  const dMin = py + 0.5 / TRIANGLE_SUBROWS - y;
  const dMax = py + (TRIANGLE_SUBROWS - 0.5) / TRIANGLE_SUBROWS - y;
  if (dMin < 0 || dMax > size) return [0, 0];
  const cx = x + size / 2;
  return [Math.ceil(cx - dMin / 2), Math.floor(cx + dMin / 2)];
}

/** Rasterize a scene to RGBA (anti-aliased edges). Only pixels inside shape bounding boxes are tested. */
export function renderScene(scene: Scene): Raster {
  const { width, height, size, shape } = scene;
  const data = new Uint8ClampedArray(width * height * 4);
  const [br, bg, bb] = scene.backgroundRgb;
  const [fr, fg, fb] = scene.shapeRgb;
  const words = new Uint32Array(data.buffer);
  const probe = new Uint8ClampedArray(new Uint32Array([0x01020304]).buffer);
  const littleEndian = probe[0] === 0x04;
  const pack = (r: number, g: number, b: number): number =>
    littleEndian ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
  words.fill(pack(br, bg, bb));
  const shapeWord = pack(fr, fg, fb);
  for (const { x, y } of scene.positions) {
    const x0 = Math.max(0, Math.floor(x));
    const x1 = Math.min(width, Math.ceil(x + size));
    const y0 = Math.max(0, Math.floor(y));
    const y1 = Math.min(height, Math.ceil(y + size));
    for (let py = y0; py < y1; py++) {
      const [s0, s1] = innerSpan(shape, x, y, size, py);
      const from = Math.min(x1, Math.max(x0, s0));
      const to = Math.max(from, Math.min(x1, s1));
      words.fill(shapeWord, py * width + from, py * width + to);
      for (let px = x0; px < x1; px++) {
        if (px === from && to > from) px = to;
        if (px >= x1) break;
        const c = coverage(shape, x, y, size, px, py);
        if (c <= 0) continue;
        const i = (py * width + px) * 4;
        data[i] = br + c * (fr - br);
        data[i + 1] = bg + c * (fg - bg);
        data[i + 2] = bb + c * (fb - bb);
      }
    }
  }
  return { data, width, height };
}
