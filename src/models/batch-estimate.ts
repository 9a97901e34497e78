import { formatCount } from './format-count';

/**
 * The arithmetic behind "≈ 7 h 40 min for 8,950 photos with Florence-2 base; ≈ 2 h with
 * DistilViT": a robust per-photo pace measured on this device, the time the rest of a batch
 * takes at it, what a faster model would take, and the words for all three. Pure: the clock and
 * the photos' timings are handed in.
 */

/** One finished photo: its wall time from start to saved, and the model's own share of it when known. */
export interface PhotoTiming {
  wallMs: number;
  modelMs?: number;
}

export interface PaceOptions {
  /** How many recent photos the median is taken over: a slow outlier moves it by one rank, not by its size. */
  window?: number;
  /** Measured photos needed before the pace is stated. */
  minSamples?: number;
}

/**
 * The median per-photo time of one model on one device, over its most recent photos.
 *
 * The first photo after each start or model change is not measured. A caption right after a load
 * can pay one-off costs (the WASM kernels compiled, the first buffers allocated), unless the
 * preload's warm-up already ran, and the pace cannot tell which happened: leaving one photo out
 * delays the estimate by one photo, keeping a slow one would skew the first estimate, the one a
 * person decides on. Only wall time while a photo runs is measured, so a pause between photos
 * never counts as work.
 */
export class PhotoPace {
  private readonly window: number;
  private readonly minSamples: number;
  private key: string | null = null;
  private warmedUp = false;
  private samples: PhotoTiming[] = [];

  constructor(options: PaceOptions = {}) {
    this.window = options.window ?? 9;
    this.minSamples = options.minSamples ?? 3;
  }

  /** The model and device the pace is measuring ("model|device"); null before the first photo. */
  get measuring(): string | null {
    return this.key;
  }

  /** Photos measured so far for the current model (at most the window). */
  get measured(): number {
    return this.samples.length;
  }

  /** One photo finished by `key`: a different key starts over, since another model is another pace. */
  add(key: string, timing: PhotoTiming): void {
    if (key !== this.key) {
      this.key = key;
      this.warmedUp = false;
      this.samples = [];
    }
    if (!this.warmedUp) {
      this.warmedUp = true;
      return;
    }
    if (!(timing.wallMs >= 0)) return;
    this.samples.push(timing);
    if (this.samples.length > this.window) this.samples.shift();
  }

  reset(): void {
    this.key = null;
    this.warmedUp = false;
    this.samples = [];
  }

  /** Median wall time per photo; null until enough photos are measured. */
  msPerPhoto(): number | null {
    return this.samples.length >= this.minSamples ? median(this.samples.map((s) => s.wallMs)) : null;
  }

  /**
   * Another model's time per photo on this device, `ratio` times as long as this model (from the
   * measured-speed table). Only the model's share scales: reading, decoding and saving a photo
   * cost the same whichever model describes it.
   */
  projectedMsPerPhoto(ratio: number): number | null {
    const wall = this.msPerPhoto();
    if (wall === null) return null;
    const split = this.samples.filter((s): s is Required<PhotoTiming> => s.modelMs !== undefined && s.modelMs <= s.wallMs);
    if (split.length < this.minSamples) return wall * ratio;
    return median(split.map((s) => s.wallMs - s.modelMs)) + median(split.map((s) => s.modelMs)) * ratio;
  }
}

/** Sorts a copy of at most the pace's window: constant work per photo. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A faster model worth offering for the rest of a batch. */
export interface FasterChoice {
  modelId: string;
  remainingMs: number;
}

export interface FasterCandidate {
  modelId: string;
  /** Its measured time per photo divided by the current model's (same reference machine). */
  ratio: number;
}

/** Less than this share saved, or less than this time, is not worth a model change. */
export const MEANINGFUL_SAVING = { share: 0.3, ms: 10 * 60_000 } as const;

/**
 * The candidate that saves the most, if it saves at least 30 % and 10 minutes of the batch's
 * rest. Ties go to the earlier candidate (the caller lists them best first).
 */
export function fasterChoice(pace: PhotoPace, remaining: number, candidates: readonly FasterCandidate[]): FasterChoice | null {
  const current = pace.msPerPhoto();
  if (current === null || remaining <= 0) return null;
  const currentMs = current * remaining;
  let best: FasterChoice | null = null;
  for (const { modelId, ratio } of candidates) {
    if (!(ratio > 0) || !Number.isFinite(ratio)) continue;
    const perPhoto = pace.projectedMsPerPhoto(ratio);
    if (perPhoto === null) continue;
    const remainingMs = perPhoto * remaining;
    const saved = currentMs - remainingMs;
    if (saved < MEANINGFUL_SAVING.ms || saved < MEANINGFUL_SAVING.share * currentMs) continue;
    if (!best || remainingMs < best.remainingMs) best = { modelId, remainingMs };
  }
  return best;
}

/** "under a minute", "≈ 12 min", "≈ 7 h 40 min", "≈ 30 h", "≈ 6 days": coarser as it grows, as the estimate is. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `≈ ${minutes} min`;
  const tens = Math.round(ms / 600_000) * 10;
  if (tens < 10 * 60) {
    const hours = Math.floor(tens / 60);
    const rest = tens % 60;
    return rest ? `≈ ${hours} h ${rest} min` : `≈ ${hours} h`;
  }
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `≈ ${hours} h`;
  return `≈ ${Math.round(hours / 24)} days`;
}

/** "0.8 s", "12 s", "1 min 20 s": one photo's time. */
export function formatPerPhoto(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const rest = whole % 60;
  return rest ? `${Math.floor(whole / 60)} min ${rest} s` : `${whole / 60} min`;
}

/** "≈ 7 h 40 min for 8,950 photos with Florence-2 base" */
export function estimateText(remainingMs: number, remaining: number, modelName: string): string {
  return `${formatDuration(remainingMs)} for ${formatCount(remaining)} ${remaining === 1 ? 'photo' : 'photos'} with ${modelName}`;
}

/** A registry label without its parenthesis: "Florence-2 base (Microsoft)" is "Florence-2 base" in a sentence. */
export function shortModelName(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, '') || label;
}
