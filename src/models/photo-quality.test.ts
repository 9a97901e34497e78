import { describe, expect, it } from 'vitest';
import { downscaleByArea, greyscaleOf, measurePhotoQuality, measurePixels, QUALITY_MAX_SIDE, type GreyImage, type PixelRaster } from './photo-quality';

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Grey blocks and a disc with hard edges, as RGB. */
function blocks(width: number, height: number): PixelRaster {
  const data = new Uint8ClampedArray(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inDisc = (x - width * 0.7) ** 2 + (y - height * 0.5) ** 2 < (height * 0.25) ** 2;
      const value = inDisc ? 230 : ((Math.floor(x / 20) + Math.floor(y / 20)) % 2) * 120 + 40;
      data.fill(value, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  }
  return { data, width, height, channels: 3 };
}

/** A 5×5 box blur, three times (close to a Gaussian), edges clamped. */
function blurred(raster: PixelRaster): PixelRaster {
  let grey = greyscaleOf(raster);
  for (let pass = 0; pass < 3; pass++) {
    const { width, height, data } = grey;
    const out = new Float64Array(data.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) sum += data[Math.min(height - 1, Math.max(0, y + dy)) * width + Math.min(width - 1, Math.max(0, x + dx))] ?? 0;
        out[y * width + x] = sum / 25;
      }
    }
    grey = { width, height, data: out };
  }
  return { data: Uint8ClampedArray.from(grey.data), width: grey.width, height: grey.height, channels: 1 };
}

const flat = (width: number, height: number, value: number): GreyImage => ({ data: new Float64Array(width * height).fill(value), width, height });

describe('measurePixels', () => {
  it('a flat image has no contrast, no sharpness and no noise', () => {
    expect(measurePixels(flat(50, 40, 128))).toEqual({ sharpness: 0, contrast: 0, noise: 0 });
  });

  it('a blurred copy is less sharp than the original', () => {
    const original = blocks(200, 160);
    const sharp = measurePixels(greyscaleOf(original));
    const soft = measurePixels(greyscaleOf(blurred(original)));
    expect(sharp.sharpness).toBeGreaterThan(0);
    expect(soft.sharpness).toBeLessThan(sharp.sharpness / 10);
  });

  it('estimates the sigma of added Gaussian noise within 5%, and a smooth ramp as noiseless', () => {
    for (const sigma of [3, 10, 20]) {
      const noise = gaussian(uniform(sigma));
      const image = flat(240, 200, 128);
      image.data.forEach((value, i) => (image.data[i] = Math.round(value + sigma * noise())));
      expect(Math.abs(measurePixels(image).noise - sigma) / sigma).toBeLessThan(0.05);
    }
    const ramp = flat(200, 100, 0);
    ramp.data.forEach((_, i) => (ramp.data[i] = (i % 200) + 0.5 * Math.floor(i / 200)));
    expect(measurePixels(ramp).noise).toBeCloseTo(0, 9);
  });

  it('noise makes the noise measure rise on a real picture too', () => {
    const picture = greyscaleOf(blocks(200, 160));
    const noise = gaussian(uniform(7));
    const noisy = { ...picture, data: picture.data.map((value) => value + 8 * noise()) };
    expect(measurePixels(noisy).noise).toBeGreaterThan(measurePixels(picture).noise + 4);
  });

  it('contrast is the standard deviation of luminance on 0–1: half black, half white is 0.5', () => {
    const image = flat(10, 10, 0);
    image.data.fill(255, 0, 50);
    expect(measurePixels(image).contrast).toBeCloseTo(0.5, 12);
  });
});

describe('downscaleByArea', () => {
  it('averages 2×2 blocks when halving, and keeps the mean at a fractional step', () => {
    const image: GreyImage = { width: 4, height: 2, data: Float64Array.from([0, 4, 8, 8, 4, 0, 2, 2]) };
    expect(Array.from(downscaleByArea(image, 2).data)).toEqual([2, 5]);
    const ramp = flat(300, 100, 0);
    ramp.data.forEach((_, i) => (ramp.data[i] = i % 300));
    const small = downscaleByArea(ramp, QUALITY_MAX_SIDE);
    expect([small.width, small.height]).toEqual([256, 85]);
    const mean = (values: Float64Array): number => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(small.data)).toBeCloseTo(mean(ramp.data), 6);
  });

  it('never upscales', () => {
    const image = flat(100, 30, 7);
    expect(downscaleByArea(image, QUALITY_MAX_SIDE)).toBe(image);
  });
});

describe('measurePhotoQuality', () => {
  it('takes size, file bytes and JPEG quality from the facts and measures a copy at most QUALITY_MAX_SIDE wide', () => {
    const raster = blocks(1024, 512);
    const quality = measurePhotoQuality(raster, { width: 4096, height: 2048, fileBytes: 4096 * 2048, jpegQuality: 85 });
    expect(quality).toMatchObject({ width: 4096, height: 2048, bytesPerPixel: 1, jpegQuality: 85 });
    expect(quality.sharpness).toBeGreaterThan(0);
    expect(quality.contrast).toBeGreaterThan(0.2);
    expect(measurePhotoQuality(raster, { width: 10, height: 10, fileBytes: 50 })).not.toHaveProperty('jpegQuality');
  });

  it('reads RGBA and grey rasters alike', () => {
    const rgba: PixelRaster = { data: Uint8ClampedArray.from([10, 20, 30, 255, 200, 100, 0, 255]), width: 2, height: 1, channels: 4 };
    expect(Array.from(greyscaleOf(rgba).data)).toEqual([0.299 * 10 + 0.587 * 20 + 0.114 * 30, 0.299 * 200 + 0.587 * 100]);
    expect(Array.from(greyscaleOf({ data: [5, 255, 9, 255], width: 2, height: 1, channels: 2 }).data)).toEqual([5, 9]);
  });
});
