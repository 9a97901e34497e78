import { estimateText, fasterChoice, formatDuration, formatPerPhoto, type FasterCandidate, type PhotoPace } from './batch-estimate';

/** What the batch needs to name models and offer a faster one (model-speeds.ts builds it from the registry and this device). */
export interface ModelSpeeds {
  /** How a model is named in a sentence: "Florence-2 base". */
  name(modelId: string): string;
  /** The model the photos still waiting will use (the person may have changed it mid-batch). */
  chosen(): string;
  /**
   * Models this device can run instead of `modelId` on `device`, each with its measured time per
   * photo as a ratio to the current one's (same reference machine), best first; none when unknown.
   */
  candidates(modelId: string, device: string): readonly FasterCandidate[];
  /** The model panel's own change: the photos still waiting use it, after consent to any download. */
  useModel(modelId: string): void;
}

/** The estimate the progress shows once a few photos of the batch are measured. */
export interface BatchEstimate {
  /** Median wall time per photo on this device. */
  msPerPhoto: number;
  /** Photos not yet finished, the running one included. */
  remaining: number;
  remainingMs: number;
  modelId: string;
  modelName: string;
  /** A model that would finish the rest meaningfully sooner on this device; null when none would. */
  faster: { modelId: string; modelName: string; remainingMs: number } | null;
  /** The person chose another model for the rest: this estimate is the old one's until the new one is measured. */
  switchingTo: string | null;
}

/** The estimate for the rest of the batch at the pace measured so far; null until the pace is known. */
export function batchEstimate(pace: PhotoPace, remaining: number, speeds?: ModelSpeeds): BatchEstimate | null {
  const msPerPhoto = pace.msPerPhoto();
  const key = pace.measuring;
  if (msPerPhoto === null || key === null || remaining <= 0) return null;
  const cut = key.lastIndexOf('|');
  const modelId = key.slice(0, cut);
  const device = key.slice(cut + 1);
  const chosen = speeds?.chosen() ?? modelId;
  const switching = chosen !== modelId;
  const faster = speeds && !switching ? fasterChoice(pace, remaining, speeds.candidates(modelId, device)) : null;
  return {
    msPerPhoto,
    remaining,
    remainingMs: msPerPhoto * remaining,
    modelId,
    modelName: speeds?.name(modelId) ?? modelId,
    faster: faster && speeds ? { ...faster, modelName: speeds.name(faster.modelId) } : null,
    switchingTo: switching && speeds ? speeds.name(chosen) : null,
  };
}

/** "≈ 7 h 40 min for 8,950 photos with Florence-2 base; ≈ 2 h with DistilViT" */
export function estimateSentence(estimate: BatchEstimate): string {
  const own = estimateText(estimate.remainingMs, estimate.remaining, estimate.modelName);
  return estimate.faster ? `${own}; ${formatDuration(estimate.faster.remainingMs)} with ${estimate.faster.modelName}` : own;
}

/** How often at most the estimate is spoken again after it was first known. */
export const ESTIMATE_SPOKEN_EVERY_MS = 10 * 60_000;

/**
 * The estimate is spoken when it is first known for a model, then at most every ten minutes and
 * only when its rounded times changed: the visible text updates with every photo, a screen reader would
 * otherwise hear it after each one.
 */
export class EstimateAnnouncer {
  private spokenFor: string | null = null;
  private spokenAt = Number.NEGATIVE_INFINITY;
  /** The durations last spoken: the count changes with every photo, the rounded times rarely. */
  private spokenTimes = '';

  constructor(
    private readonly now: () => number = Date.now,
    private readonly everyMs = ESTIMATE_SPOKEN_EVERY_MS,
  ) {}

  /** The sentence to speak now, or null. A null estimate (a batch finished or reset) makes the next one new. */
  due(estimate: BatchEstimate | null): string | null {
    if (!estimate || estimate.switchingTo) {
      if (!estimate) this.spokenFor = null;
      return null;
    }
    const times = `${formatDuration(estimate.remainingMs)}|${estimate.faster ? formatDuration(estimate.faster.remainingMs) : ''}`;
    const first = this.spokenFor !== estimate.modelId;
    if (!first && (times === this.spokenTimes || this.now() - this.spokenAt < this.everyMs)) return null;
    this.spokenFor = estimate.modelId;
    this.spokenAt = this.now();
    this.spokenTimes = times;
    const text = estimateSentence(estimate);
    const offer = estimate.faster && first ? ` A button under the progress switches the remaining photos to ${estimate.faster.modelName}.` : '';
    return `Estimated time left: ${text}, at ${formatPerPhoto(estimate.msPerPhoto)} per photo on this device.${offer}`;
  }
}
