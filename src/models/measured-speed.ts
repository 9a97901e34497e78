import type { Device } from './model-types';

/**
 * Seconds per photo on a 2-core CPU (WASM, 2 threads, q8) from the project's own bench runs
 * (docs/benchmarks.md): a fixed 20 new tokens per caption on a 640×480 JPEG, steady state. The
 * numbers come from full-size random-weight stand-ins with each family's real dimensions
 * (tools/bench-model/), not from the published weights; real captions that end before 20 tokens
 * take somewhat less. The distilvit shape's number is the quiet full run's (2026-11-28, load
 * average 0.87). The per-family run (2026-12-07, load average 2–4) was not quite as quiet, so
 * the VLM numbers are their WASM time relative to the distilvit shape in the same rounds, times
 * that quiet number: derived, and resting on the assumption that the neighbours' load slowed
 * every family alike.
 *
 * - `measured`: a stand-in with this model's own dimensions was timed.
 * - `shape estimate`: nothing of this model's size was timed; the number is its family's
 *   measured stand-in, which is smaller, so the real model is slower than this.
 */
export type SpeedBasis = 'measured' | 'shape estimate';

export interface MeasuredSpeed {
  /** WASM, 2 threads, q8: seconds per photo. */
  wasmSeconds: number;
  basis: SpeedBasis;
  /** WASM time relative to the distilvit shape in the same bench rounds, where that is how the number was derived. */
  relativeToDistilvit?: number;
  /** The stand-in that was timed: a shape, in words. */
  timedShape: string;
  /** The bench run the number is from (UTC date). */
  measuredOn: string;
}

const DISTILVIT_SHAPE = { timedShape: 'distilvit shape (ViT-B/16 + 6-layer GPT-2 decoder)', measuredOn: '2026-11-28' } as const;
const FLORENCE_SHAPE = { timedShape: 'Florence-2-base shape (DaViT + BART-base 6+6)', measuredOn: '2026-12-07' } as const;
const SMOLVLM_SHAPE = { timedShape: 'SmolVLM-256M shape (SigLIP-B/16-512 + 30-layer SmolLM2-135M-like)', measuredOn: '2026-12-07' } as const;

const SPEEDS: Readonly<Record<string, MeasuredSpeed>> = {
  'Mozilla/distilvit': { wasmSeconds: 1.2, basis: 'measured', ...DISTILVIT_SHAPE },
  // ViT-GPT2's decoder has 12 layers to distilvit's 6: slower than this.
  'Xenova/vit-gpt2-image-captioning': { wasmSeconds: 1.2, basis: 'shape estimate', ...DISTILVIT_SHAPE },
  'onnx-community/Florence-2-base-ft': { wasmSeconds: 5.3, relativeToDistilvit: 4.47, basis: 'measured', ...FLORENCE_SHAPE },
  // About 3.4 times base's parameters: several times slower than this.
  'onnx-community/Florence-2-large-ft': { wasmSeconds: 5.3, relativeToDistilvit: 4.47, basis: 'shape estimate', ...FLORENCE_SHAPE },
  'HuggingFaceTB/SmolVLM-256M-Instruct': { wasmSeconds: 3.6, relativeToDistilvit: 2.99, basis: 'measured', ...SMOLVLM_SHAPE },
  // Same vision tower, a text model about 2.6 times as large: slower than this.
  'HuggingFaceTB/SmolVLM-500M-Instruct': { wasmSeconds: 3.6, relativeToDistilvit: 2.99, basis: 'shape estimate', ...SMOLVLM_SHAPE },
};

/**
 * Seconds per photo for `modelId` on `device` on the reference machine, or null where nothing was
 * timed (WebGPU, WebNN, models of other families). Callers compare models by the ratio; the
 * absolute numbers are this machine's.
 */
export function secondsPerPhoto(modelId: string, device: Device): number | null {
  if (device !== 'wasm') return null;
  const seconds = SPEEDS[modelId]?.wasmSeconds;
  return seconds !== undefined && Number.isFinite(seconds) ? seconds : null;
}

/** What a number from secondsPerPhoto rests on, for a label that says "measured" or "estimate". */
export function measuredSpeed(modelId: string): MeasuredSpeed | undefined {
  return SPEEDS[modelId];
}
