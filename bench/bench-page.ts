import { CaptionClient } from '../src/client/caption-client';
import { getModel, type ModelEntry } from '../src/models/registry';
import type { CaptionOptions, CaptionOutcome, Dtype, LoadProgress, RunDevice, RuntimeTuning, WasmBuild } from '../src/models/model-types';
import { captionOf, mulberry32, randomScene, renderScene } from '../tools/shapes-world/shapes-world';
import { FAMILY_BENCH_MODELS } from './bench-models';

/**
 * The benchmark's page: the app's real CaptionClient and worker, driven from Playwright through
 * `window.altscribeBench`. Nothing here times the model itself; it only records what the worker
 * reports (stages, load progress) next to the wall time the page sees.
 */

/** The full-size random-weight model that tools/bench-model/ builds into the ignored cache folder. */
export const BENCH_MODEL: ModelEntry = {
  id: 'altscribe/bench-distilvit',
  label: 'Benchmark DistilViT-sized model (random weights)',
  family: 'encoder-decoder',
  source: { kind: 'app' },
  dtypes: { wasm: 'q8', webgpu: 'fp32' },
  approxBytes: { fp32: 900_000_000, q8: 350_000_000 },
  approxMemoryBytes: 1_500_000_000,
  generation: { maxNewTokens: 20, minNewTokens: 20, noRepeatNgramSize: 3, repetitionPenalty: 1.1 },
  licence: 'MIT',
  note: 'Random weights: its captions are noise; only its timings mean anything.',
  fixture: true,
};

export interface LoadRequestBench {
  modelId: string;
  device: 'wasm' | 'webgpu';
  dtype: Dtype;
  threads?: number;
  warmUp?: boolean;
  /** onnxruntime-web's WASM build; default: what the app picks for the device. */
  build?: WasmBuild;
  /** onnxruntime's spin-waiting threads; default: what the app picks (on). */
  spinWait?: boolean;
  /** onnxruntime's free dimension overrides; default none. */
  freeDimensions?: Record<string, number>;
}

export interface LoadResult {
  readyMs: number;
  loadMs: number;
  warmUpMs: number | null;
  device: RunDevice;
  dtype: Dtype;
  wasmThreads: number;
  wasmBuild: WasmBuild | null;
  progressBytes: number;
  crossOriginIsolated: boolean;
}

export type CaptionResult = Omit<CaptionOutcome, 'thumbnail'> & { wallMs: number };

const benchModels = [BENCH_MODEL, ...FAMILY_BENCH_MODELS];
const client = new CaptionClient('/', undefined, (id) => benchModels.find((model) => model.id === id) ?? getModel(id));
const log = document.getElementById('log');
const say = (line: string): void => void (log && (log.textContent += `${line}\n`));

async function load(request: LoadRequestBench): Promise<LoadResult> {
  let progressBytes = 0;
  const onProgress = (p: LoadProgress): void => void (progressBytes = Math.max(progressBytes, p.loadedBytes));
  const tuning: RuntimeTuning = { ...(request.threads ? { wasmThreads: request.threads } : {}), ...(request.warmUp !== undefined ? { warmUp: request.warmUp } : {}), ...(request.build ? { wasmBuild: request.build } : {}), ...(request.spinWait !== undefined ? { spinWait: request.spinWait } : {}), ...(request.freeDimensions ? { freeDimensions: request.freeDimensions } : {}) };
  const started = performance.now();
  const ready = await client.ensureModel(request.modelId, request.device, onProgress, request.dtype, undefined, tuning);
  const readyMs = performance.now() - started;
  const warmUpMs = ready.warmUpMs;
  say(`loaded ${request.modelId} ${ready.device}/${ready.dtype} threads=${ready.wasmThreads} in ${Math.round(readyMs)} ms`);
  return {
    readyMs,
    loadMs: ready.loadMs,
    warmUpMs: warmUpMs ?? null,
    device: ready.device,
    dtype: ready.dtype,
    wasmThreads: ready.wasmThreads,
    wasmBuild: ready.wasmBuild ?? null,
    progressBytes,
    crossOriginIsolated: self.crossOriginIsolated,
  };
}

/** Captions one image blob; the thumbnail stays in the page (it cannot cross to Playwright). */
async function captionBlob(image: Blob, name: string, options: CaptionOptions): Promise<CaptionResult> {
  const started = performance.now();
  // The caption alone: the app's review check on a zoomed-out copy is another model pass, timed apart.
  const outcome = await client.caption(image, name, options, { zoomCheck: false });
  const wallMs = performance.now() - started;
  const { thumbnail: _thumbnail, ...rest } = outcome;
  return { ...rest, wallMs };
}

let photo: Blob | null = null;

/** The benchmark photo (a real JPEG the runner wrote), fetched once and reused for every caption. */
async function capturePhoto(options: CaptionOptions): Promise<CaptionResult> {
  photo ??= await (await fetch('/bench-photo.jpg')).blob();
  return captionBlob(photo, 'bench-photo.jpg', options);
}

/** Shapes-world scenes as JPEG files, with the caption the fixture model should write for each. */
async function shapeImages(count: number, seed: number, side = 320): Promise<{ name: string; blob: Blob; expected: string }[]> {
  const rng = mulberry32(seed);
  const images: { name: string; blob: Blob; expected: string }[] = [];
  for (let i = 0; i < count; i++) {
    const scene = randomScene(rng, { minSide: side, maxSide: side, formats: ['jpeg'] });
    const raster = renderScene(scene);
    const canvas = new OffscreenCanvas(raster.width, raster.height);
    canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(raster.data), raster.width, raster.height), 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    images.push({ name: `${String(i).padStart(3, '0')}-shapes.jpg`, blob, expected: captionOf(scene) });
  }
  return images;
}

/** One fixture caption of a known scene: the WebGPU functional check. */
async function captionShapes(seed: number, options: CaptionOptions): Promise<CaptionResult & { expected: string }> {
  const [image] = await shapeImages(1, seed);
  if (!image) throw new Error('no scene');
  return { ...(await captionBlob(image.blob, image.name, options)), expected: image.expected };
}

/** Shapes JPEGs as base64, for the runner to drop into the real app. */
async function shapeFiles(count: number, seed: number): Promise<{ name: string; base64: string; expected: string }[]> {
  const images = await shapeImages(count, seed);
  return Promise.all(
    images.map(async ({ name, blob, expected }) => {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return { name, base64: btoa(binary), expected };
    }),
  );
}

const api = { load, capturePhoto, captionShapes, shapeFiles, dispose: () => client.dispose() };
declare global {
  interface Window {
    altscribeBench: typeof api;
  }
}
window.altscribeBench = api;
say('ready');
