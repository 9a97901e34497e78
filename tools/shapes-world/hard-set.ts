/**
 * The hard shapes set: pictures the review priority is measured on (tools/review-fit,
 * docs/review-priority.md). Ordinary shapes-world scenes mixed with degraded ones (noise, blur,
 * tiny, low contrast, crushed JPEG, shapes cut by the border, turned squares) and pictures the
 * world has no caption for (more shapes than it counts, mixed shapes, mixed colours). A degraded
 * picture keeps its scene's caption as the truth; an out-of-world one has none (null), so every
 * caption of it is wrong. Deterministic by seed; pure (no Node APIs): encoding is the caller's.
 */
import { addNoise, downscale, gaussianBlur, overlay, paintTurnedSquares, pullTowards } from '../review-fit/raster-ops.js';
import { COLOUR_NAMES, COLOURS, GAP_FRACTION, SHAPES, captionOf, mulberry32, randomScene, renderScene } from './shapes-world.js';
import type { ColourName, ImageFormat, Position, Raster, Rng, Scene, ShapeKind } from './shapes-world.js';

export const ORDINARY_KINDS = ['ordinary'] as const;
export const DEGRADED_KINDS = ['noise', 'blur', 'tiny', 'low-contrast', 'crushed-jpeg', 'cut', 'turned'] as const;
export const OUT_OF_WORLD_KINDS = ['many', 'mixed-shapes', 'mixed-colours'] as const;
export type HardKind = (typeof ORDINARY_KINDS)[number] | (typeof DEGRADED_KINDS)[number] | (typeof OUT_OF_WORLD_KINDS)[number];

/** Shares of the three groups: ordinary, degraded, out of the world. */
export const MIX = { ordinary: 0.45, degraded: 0.35, outOfWorld: 0.2 } as const;

/**
 * How hard each degradation is, as ranges drawn uniformly. Tuned so the shapes captioner is wrong
 * on some but not all of each kind (docs/review-priority.md has the measured error rates).
 */
export const STRENGTH = {
  /** Noise standard deviation on 0–255. */
  noiseSigma: [10, 55],
  /** Blur standard deviation as a fraction of the shape size. */
  blurFraction: [0.05, 0.25],
  /** Shorter side of a tiny picture, in pixels (the world's smallest is 48). */
  tinySide: [14, 36],
  /** How much of the shapes' difference from the background is kept. */
  contrastKeep: [0.2, 0.65],
  /** JPEG quality of a crushed picture. */
  jpegQuality: [3, 15],
  /** How much of the cut shape lies outside the picture, as a fraction of its size. */
  cutOutside: [0.3, 0.65],
  /** Turn of the squares, in degrees. */
  turnDegrees: [2, 20],
  /** How many shapes a "many" picture holds. */
  manyCount: [4, 9],
} as const;

/** Largest side of the pictures: the world goes to 4000, but the bench runs them through the app. */
const MAX_SIDE = 1024;

export interface HardImage {
  kind: HardKind;
  /** The caption a right answer equals, or null when no caption of the world is right. */
  truth: string | null;
  raster: Raster;
  format: ImageFormat;
  /** Encoder quality for jpeg and webp. */
  quality: number;
  /** The degradation's drawn strength, for the manifest. */
  detail: string;
}

const uniform = (rng: Rng, [lo, hi]: readonly [number, number]): number => lo + (hi - lo) * rng();
const intIn = (rng: Rng, [lo, hi]: readonly [number, number]): number => lo + Math.floor(rng() * (hi - lo + 1));
function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from empty list');
  return item;
}

export function kindFor(rng: Rng): HardKind {
  const u = rng();
  if (u < MIX.ordinary) return 'ordinary';
  if (u < MIX.ordinary + MIX.degraded) return pick(rng, DEGRADED_KINDS);
  return pick(rng, OUT_OF_WORLD_KINDS);
}

/** The `count` hard images of a seed, in order. */
export function* hardSet(seed: number, count: number): Generator<HardImage> {
  const rng = mulberry32(seed);
  for (let i = 0; i < count; i++) yield hardImage(rng, kindFor(rng));
}

export function hardImage(rng: Rng, kind: HardKind): HardImage {
  const scene = randomScene(rng, { maxSide: MAX_SIDE });
  const plain = (raster: Raster, detail: string, truth: string | null = captionOf(scene)): HardImage => ({ kind, truth, raster, format: scene.format, quality: scene.quality, detail });
  switch (kind) {
    case 'ordinary':
      return plain(renderScene(scene), '');
    case 'noise': {
      const sigma = uniform(rng, STRENGTH.noiseSigma);
      return plain(addNoise(renderScene(scene), sigma, rng), `sigma ${sigma.toFixed(0)}`);
    }
    case 'blur': {
      const fraction = uniform(rng, STRENGTH.blurFraction);
      return plain(gaussianBlur(renderScene(scene), Math.max(0.5, fraction * scene.size)), `sigma ${fraction.toFixed(2)} of the shape`);
    }
    case 'tiny': {
      const side = intIn(rng, STRENGTH.tinySide);
      const shorter = Math.min(scene.width, scene.height);
      const raster = downscale(renderScene(scene), Math.max(1, Math.round((scene.width / shorter) * side)), Math.max(1, Math.round((scene.height / shorter) * side)));
      return { ...plain(raster, `${raster.width}x${raster.height}`), format: 'png', quality: 100 };
    }
    case 'low-contrast': {
      const keep = uniform(rng, STRENGTH.contrastKeep);
      return plain(pullTowards(renderScene(scene), scene.backgroundRgb, keep), `keep ${keep.toFixed(2)}`);
    }
    case 'crushed-jpeg': {
      const quality = intIn(rng, STRENGTH.jpegQuality);
      return { ...plain(renderScene(scene), `quality ${quality}`), format: 'jpeg', quality };
    }
    case 'cut': {
      const outside = uniform(rng, STRENGTH.cutOutside);
      return plain(renderScene({ ...scene, positions: cutOne(scene, outside) }), `${(outside * 100).toFixed(0)} % outside`);
    }
    case 'turned': {
      const degrees = uniform(rng, STRENGTH.turnDegrees);
      const squares = { ...scene, shape: 'square' as const };
      const background = renderScene({ ...squares, positions: [] });
      return plain(paintTurnedSquares(background, scene.positions, scene.size, (degrees * Math.PI) / 180, scene.shapeRgb), `${degrees.toFixed(0)} degrees`, captionOf(squares));
    }
    case 'many':
      return plain(drawMany(rng, scene), '', null);
    case 'mixed-shapes':
    case 'mixed-colours':
      return plain(drawMixed(rng, scene, kind), '', null);
  }
}

/** Moves the shape nearest a border across it, so `outside` of its size lies beyond the picture. */
function cutOne(scene: Scene, outside: number): Position[] {
  const { size, width, height } = scene;
  const gaps = scene.positions.map((p) => [p.x, p.y, width - size - p.x, height - size - p.y] as const);
  let best = 0;
  let side = 0;
  gaps.forEach((g, i) => g.forEach((gap, s) => {
    const current = gaps[best]?.[side] ?? Infinity;
    if (gap < current) [best, side] = [i, s];
  }));
  return scene.positions.map((p, i) => {
    if (i !== best) return p;
    const shift = outside * size;
    return [{ x: -shift, y: p.y }, { x: p.x, y: -shift }, { x: width - size + shift, y: p.y }, { x: p.x, y: height - size + shift }][side] ?? p;
  });
}

/** Non-overlapping positions by the world's gap rule, shrinking the shapes until `count` fit. */
function place(rng: Rng, count: number, width: number, height: number, fraction: number): { size: number; positions: Position[] } {
  for (let size = fraction * Math.min(width, height); ; size *= 0.9) {
    const minDist = size * (1 + GAP_FRACTION);
    for (let attempt = 0; attempt < 50; attempt++) {
      const positions: Position[] = [];
      for (let t = 0; t < 200 && positions.length < count; t++) {
        const p = { x: rng() * (width - size), y: rng() * (height - size) };
        if (positions.every((q) => Math.abs(p.x - q.x) >= minDist || Math.abs(p.y - q.y) >= minDist)) positions.push(p);
      }
      if (positions.length === count) return { size, positions };
    }
  }
}

/**
 * Draws groups of shapes on the scene's background, each group one shape kind and colour.
 * `count` of the Scene type only names the caption's number word; rendering uses the positions.
 */
function drawGroups(scene: Scene, size: number, groups: { shape: ShapeKind; colour: ColourName; positions: Position[] }[]): Raster {
  let raster = renderScene({ ...scene, positions: [] });
  for (const group of groups) {
    const shapeRgb = group.colour === scene.colour ? scene.shapeRgb : COLOURS[group.colour];
    raster = overlay(raster, renderScene({ ...scene, size, shape: group.shape, colour: group.colour, shapeRgb, positions: group.positions }), scene.backgroundRgb);
  }
  return raster;
}

function drawMany(rng: Rng, scene: Scene): Raster {
  const count = intIn(rng, STRENGTH.manyCount);
  const { size, positions } = place(rng, count, scene.width, scene.height, uniform(rng, [0.1, 0.18]));
  return drawGroups(scene, size, [{ shape: scene.shape, colour: scene.colour, positions }]);
}

/** Two or three shapes where the shape kinds (or the colours) are not all the same. */
function drawMixed(rng: Rng, scene: Scene, kind: 'mixed-shapes' | 'mixed-colours'): Raster {
  const count = intIn(rng, [2, 3]);
  const { size, positions } = place(rng, count, scene.width, scene.height, uniform(rng, [0.15, 0.3]));
  const others = kind === 'mixed-shapes' ? SHAPES.filter((s) => s !== scene.shape) : COLOUR_NAMES.filter((c) => c !== scene.colour && c !== scene.background);
  const groups = positions.map((p, i) => {
    // The first shape is the scene's own; the second always differs; a third is either.
    const other = i === 0 ? undefined : i === 1 || rng() < 0.5 ? pick(rng, others) : undefined;
    const shape = kind === 'mixed-shapes' && other ? (other as ShapeKind) : scene.shape;
    const colour = kind === 'mixed-colours' && other ? (other as ColourName) : scene.colour;
    return { shape, colour, positions: [p] };
  });
  return drawGroups(scene, size, groups);
}
