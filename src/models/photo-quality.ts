import type { PhotoQuality } from './review-signals';

/**
 * Blur, contrast and noise of a photo, measured on a small greyscale copy so the cost is the same
 * for every photo and the numbers do not depend on how large the decoded copy happened to be.
 * Pure: the worker hands in the pixels it already decoded for the model.
 */

/** Longer side of the greyscale copy the measures are taken on. */
export const QUALITY_MAX_SIDE = 256;

/** Interleaved 8-bit pixels: 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) channels. */
export interface PixelRaster {
  data: ArrayLike<number>;
  width: number;
  height: number;
  channels: number;
}

/** A greyscale image, row by row, on 0–255. */
export interface GreyImage {
  data: Float64Array;
  width: number;
  height: number;
}

export interface PixelMeasures {
  sharpness: number;
  contrast: number;
  noise: number;
}

/** What is known about the file besides its pixels. */
export interface PhotoFacts {
  /** Original size, after EXIF orientation. */
  width: number;
  height: number;
  fileBytes: number;
  jpegQuality?: number;
}

export function measurePhotoQuality(raster: PixelRaster, facts: PhotoFacts): PhotoQuality {
  const pixels = Math.max(1, facts.width * facts.height);
  return {
    width: facts.width,
    height: facts.height,
    ...measurePixels(downscaleByArea(greyscaleOf(raster), QUALITY_MAX_SIDE)),
    ...(facts.jpegQuality !== undefined ? { jpegQuality: facts.jpegQuality } : {}),
    bytesPerPixel: facts.fileBytes / pixels,
  };
}

/** Luma with the Rec. 601 weights (what JPEG encodes as Y); alpha is ignored, the worker composited it already. */
export function greyscaleOf({ data, width, height, channels }: PixelRaster): GreyImage {
  const grey = new Float64Array(width * height);
  const length = Math.min(grey.length, Math.floor(data.length / channels));
  if (channels >= 3) {
    for (let i = 0, at = 0; i < length; i++, at += channels) grey[i] = 0.299 * data[at]! + 0.587 * data[at + 1]! + 0.114 * data[at + 2]!;
  } else {
    for (let i = 0, at = 0; i < length; i++, at += channels) grey[i] = data[at]!;
  }
  return { data: grey, width, height };
}

/** Each output pixel is the mean of the source area it covers (fractional at the edges); never upscales. */
export function downscaleByArea(image: GreyImage, maxSide: number): GreyImage {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  if (scale === 1) return image;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const columns = areaWeights(image.width, width);
  const rows = areaWeights(image.height, height);
  const source = image.data;
  const across = new Float64Array(width * image.height);
  for (let y = 0; y < image.height; y++) {
    const row = y * image.width;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = columns.offsets[x]!; k < columns.offsets[x + 1]!; k++) sum += columns.weights[k]! * source[row + columns.indices[k]!]!;
      across[y * width + x] = sum;
    }
  }
  const data = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let k = rows.offsets[y]!; k < rows.offsets[y + 1]!; k++) {
      const weight = rows.weights[k]!;
      const from = rows.indices[k]! * width;
      for (let x = 0; x < width; x++) data[y * width + x]! += weight * across[from + x]!;
    }
  }
  return { data, width, height };
}

/** For each output index o, the source indices `indices[offsets[o]..offsets[o+1])` it covers and their shares (summing to 1). */
interface AreaWeights {
  offsets: Int32Array;
  indices: Int32Array;
  weights: Float64Array;
}

function areaWeights(sourceLength: number, outputLength: number): AreaWeights {
  const step = sourceLength / outputLength;
  const offsets = new Int32Array(outputLength + 1);
  const indices: number[] = [];
  const weights: number[] = [];
  for (let out = 0; out < outputLength; out++) {
    const start = out * step;
    const end = Math.min(sourceLength, (out + 1) * step);
    for (let source = Math.floor(start); source < end; source++) {
      const overlap = Math.min(end, source + 1) - Math.max(start, source);
      if (overlap <= 0) continue;
      indices.push(source);
      weights.push(overlap / step);
    }
    offsets[out + 1] = indices.length;
  }
  return { offsets, indices: Int32Array.from(indices), weights: Float64Array.from(weights) };
}

/**
 * - sharpness: variance of the 4-neighbour Laplacian (the usual blur measure: edges make it large);
 * - contrast: standard deviation of luminance on 0–1 (RMS contrast);
 * - noise: Immerkær (1996), "Fast noise variance estimation": the 3×3 kernel below cancels
 *   constant, linear and most edge structure, so what it leaves is mostly noise; σ = √(π/2)·mean|I∗M|/6.
 * Images smaller than 3×3 have no interior: sharpness and noise are 0.
 */
export function measurePixels({ data, width, height }: GreyImage): PixelMeasures {
  let sum = 0;
  let sumSquares = 0;
  for (const value of data) {
    sum += value / 255;
    sumSquares += (value / 255) ** 2;
  }
  const count = Math.max(1, data.length);
  const contrast = Math.sqrt(Math.max(0, sumSquares / count - (sum / count) ** 2));
  if (width < 3 || height < 3) return { sharpness: 0, contrast, noise: 0 };

  let laplacianSum = 0;
  let laplacianSquares = 0;
  let noiseSum = 0;
  const at = (x: number, y: number): number => data[y * width + x] ?? 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const centre = at(x, y);
      const edges = at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1);
      const corners = at(x - 1, y - 1) + at(x + 1, y - 1) + at(x - 1, y + 1) + at(x + 1, y + 1);
      const laplacian = edges - 4 * centre;
      laplacianSum += laplacian;
      laplacianSquares += laplacian * laplacian;
      noiseSum += Math.abs(corners - 2 * edges + 4 * centre);
    }
  }
  const interior = (width - 2) * (height - 2);
  const sharpness = Math.max(0, laplacianSquares / interior - (laplacianSum / interior) ** 2);
  const noise = (Math.sqrt(Math.PI / 2) * noiseSum) / (6 * interior);
  return { sharpness, contrast, noise };
}
