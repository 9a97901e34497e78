import type { Raster, Rgb, Rng } from '../shapes-world/shapes-world.js';

/**
 * Pixel degradations for the hard shapes set (tools/shapes-world/hard-set.ts). Each takes an RGBA
 * raster and returns a new one; alpha stays opaque. Written here rather than borrowed from an image
 * library so that what is degraded, and how much, is exactly what the set's manifest says.
 */

/** A standard normal sample (Box–Muller), from the seeded generator. */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Independent Gaussian noise of standard deviation `sigma` (0–255 scale) on every colour channel. */
export function addNoise(raster: Raster, sigma: number, rng: Rng): Raster {
  const data = new Uint8ClampedArray(raster.data);
  for (let i = 0; i < data.length; i += 4) {
    for (let c = 0; c < 3; c++) data[i + c] = (data[i + c] ?? 0) + sigma * gaussian(rng);
  }
  return { data, width: raster.width, height: raster.height };
}

function kernel(sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const weights = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++) sum += weights[k + radius] = Math.exp(-(k * k) / (2 * sigma * sigma));
  for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] ?? 0) / sum;
  return weights;
}

/** One pass of a separable blur along x (step 4) or y (step 4·width), edges clamped. */
function blurPass(src: Float32Array, width: number, height: number, weights: Float64Array, alongX: boolean): Float32Array {
  const out = new Float32Array(src.length);
  const radius = (weights.length - 1) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let acc = 0;
        for (let k = -radius; k <= radius; k++) {
          const xx = alongX ? Math.min(width - 1, Math.max(0, x + k)) : x;
          const yy = alongX ? y : Math.min(height - 1, Math.max(0, y + k));
          acc += (weights[k + radius] ?? 0) * (src[(yy * width + xx) * 4 + c] ?? 0);
        }
        out[(y * width + x) * 4 + c] = acc;
      }
      out[(y * width + x) * 4 + 3] = 255;
    }
  }
  return out;
}

/** Gaussian blur of standard deviation `sigma` pixels. */
export function gaussianBlur(raster: Raster, sigma: number): Raster {
  const weights = kernel(sigma);
  const horizontal = blurPass(Float32Array.from(raster.data), raster.width, raster.height, weights, true);
  const both = blurPass(horizontal, raster.width, raster.height, weights, false);
  return { data: Uint8ClampedArray.from(both), width: raster.width, height: raster.height };
}

/** Box-filter (area-average) downscale to width × height: each output pixel averages the source pixels it covers. */
export function downscale(raster: Raster, width: number, height: number): Raster {
  const data = new Uint8ClampedArray(width * height * 4);
  const sx = raster.width / width;
  const sy = raster.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      const acc = [0, 0, 0];
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) for (let c = 0; c < 3; c++) acc[c] = (acc[c] ?? 0) + (raster.data[(yy * raster.width + xx) * 4 + c] ?? 0);
      }
      const n = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < 3; c++) data[(y * width + x) * 4 + c] = (acc[c] ?? 0) / n;
      data[(y * width + x) * 4 + 3] = 255;
    }
  }
  return { data, width, height };
}

/**
 * Pulls every pixel towards `pivot` (the background colour): `keep` = 1 leaves the image alone,
 * 0 makes it one flat colour. The shapes end up `keep` times as far from the background as they
 * were, while the background keeps its colour (pulling both towards their mid-point renamed both
 * colours, so the scene's caption stopped being true of the picture).
 */
export function pullTowards(raster: Raster, pivot: Rgb, keep: number): Raster {
  const data = new Uint8ClampedArray(raster.data);
  for (let i = 0; i < data.length; i += 4) {
    for (let c = 0; c < 3; c++) data[i + c] = (pivot[c] ?? 0) + keep * ((data[i + c] ?? 0) - (pivot[c] ?? 0));
  }
  return { data, width: raster.width, height: raster.height };
}

/**
 * Paints `layer` over `base` wherever the layer differs from its own plain background colour:
 * two scenes drawn on the same background combine into one picture (edges stay anti-aliased,
 * since a layer's edge pixels blend towards that same background).
 */
export function overlay(base: Raster, layer: Raster, layerBackground: Rgb): Raster {
  const data = new Uint8ClampedArray(base.data);
  for (let i = 0; i < data.length; i += 4) {
    const differs = layer.data[i] !== layerBackground[0] || layer.data[i + 1] !== layerBackground[1] || layer.data[i + 2] !== layerBackground[2];
    if (differs) for (let c = 0; c < 3; c++) data[i + c] = layer.data[i + c] ?? 0;
  }
  return { data, width: base.width, height: base.height };
}

/**
 * Squares turned by `angle` radians about their centres, each inscribed in its bounding box of
 * side `size` (so a turned square never leaves the space the scene gave it), 4×4 supersampled.
 */
export function paintTurnedSquares(raster: Raster, corners: readonly { x: number; y: number }[], size: number, angle: number, rgb: Rgb): Raster {
  const data = new Uint8ClampedArray(raster.data);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const half = size / (Math.abs(cos) + Math.abs(sin)) / 2;
  const SUB = 4;
  for (const { x, y } of corners) {
    const cx = x + size / 2;
    const cy = y + size / 2;
    for (let py = Math.max(0, Math.floor(y)); py < Math.min(raster.height, Math.ceil(y + size)); py++) {
      for (let px = Math.max(0, Math.floor(x)); px < Math.min(raster.width, Math.ceil(x + size)); px++) {
        let inside = 0;
        for (let sy = 0; sy < SUB; sy++) {
          for (let sx = 0; sx < SUB; sx++) {
            const dx = px + (sx + 0.5) / SUB - cx;
            const dy = py + (sy + 0.5) / SUB - cy;
            if (Math.abs(dx * cos + dy * sin) <= half && Math.abs(-dx * sin + dy * cos) <= half) inside++;
          }
        }
        if (!inside) continue;
        const f = inside / (SUB * SUB);
        const i = (py * raster.width + px) * 4;
        for (let c = 0; c < 3; c++) data[i + c] = (data[i + c] ?? 0) + f * ((rgb[c] ?? 0) - (data[i + c] ?? 0));
      }
    }
  }
  return { data, width: raster.width, height: raster.height };
}
