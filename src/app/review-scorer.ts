import { getMeta, setMeta, type CaptionRecord, type MetaValue } from '../storage';
import { calibrate, canCalibrate, decisionOf, MIN_DECISIONS, type Decision } from '../review/calibration';
import { featuresOf, type ReviewInputs } from '../review/features';
import { assessReview, DEFAULT_REVIEW_MODEL, type ReviewModel } from '../review/priority';
import type { CardChange, CardStore } from './card-store';

const CALIBRATION_KEY = 'review-calibration';
/** New decisions between two refits: each refit rewrites every unreviewed result's priority. */
export const REFIT_EVERY = 10;
const WRITE_CHUNK = 500;

export type ReviewFields = Required<Pick<CaptionRecord, 'reviewPriority' | 'reviewBand' | 'reviewReasons'>>;
type PatchAll = (entries: readonly { id: string; patch: Partial<CaptionRecord> }[]) => Promise<void>;

export interface CalibrationState {
  /** The person's decisions on model texts so far (approved, or edited to say something else). */
  decisions: number;
  /** How many decisions the score on this device was fitted to; null = the default weights. */
  calibratedOn: number | null;
  /** Decisions needed before the first refit. */
  needed: number;
}

/** What a stored result's priority is computed from. */
export function reviewInputsOf(record: CaptionRecord): ReviewInputs {
  return {
    modelText: record.modelText ?? record.text,
    ...(record.confidence ? { confidence: record.confidence } : {}),
    ...(record.quality ? { quality: record.quality } : {}),
    ...(record.secondOpinion ? { secondOpinion: record.secondOpinion } : {}),
  };
}

/**
 * Scores results (review priority, band, reasons) with the default weights or, once the person
 * has made enough decisions, weights refitted to them on this device. Decisions are tracked per
 * store change, never by scanning; a refit (every REFIT_EVERY new decisions) rescores every
 * unreviewed result, which is the one pass over the list, and is rare.
 */
export class ReviewScorer extends EventTarget {
  private model: ReviewModel = DEFAULT_REVIEW_MODEL;
  private calibratedOn: number | null = null;
  /** Decisions counted when the person reset the fit: only REFIT_EVERY new ones refit again. */
  private decidedAtReset = 0;
  private readonly decisions = new Map<string, Decision>();
  private refitting: Promise<void> | null = null;

  constructor(
    private readonly store: CardStore,
    private readonly patchAll: PatchAll,
  ) {
    super();
    store.subscribe((change) => this.observe(change));
  }

  async init(): Promise<void> {
    const saved = await getMeta(CALIBRATION_KEY).catch(() => undefined);
    // A reset is remembered with the decisions it set aside, so a reload does not refit from them at once.
    if (isResetMarker(saved)) this.decidedAtReset = saved.decidedAtReset;
    const model = parseSavedModel(saved);
    if (model) {
      this.model = model.model;
      this.calibratedOn = model.decisions;
      this.dispatchEvent(new Event('change'));
    }
  }

  get state(): CalibrationState {
    return { decisions: this.decisions.size, calibratedOn: this.calibratedOn, needed: MIN_DECISIONS };
  }

  assess(inputs: ReviewInputs): ReviewFields {
    const { priority, band, reasons } = assessReview(inputs, this.model);
    return { reviewPriority: priority, reviewBand: band, reviewReasons: reasons };
  }

  /** Back to the default weights; every unreviewed result is scored again. */
  async reset(): Promise<void> {
    await this.refitting;
    this.model = DEFAULT_REVIEW_MODEL;
    this.calibratedOn = null;
    this.decidedAtReset = this.decisions.size;
    await setMeta(CALIBRATION_KEY, { decidedAtReset: this.decidedAtReset }).catch(() => undefined);
    await this.rescore();
    this.dispatchEvent(new Event('change'));
  }

  /** Resolves when a refit the last decision started has been written (tests, and the reset). */
  settled(): Promise<void> {
    return this.refitting ?? Promise.resolve();
  }

  private observe(change: CardChange): void {
    const before = this.decisions.size;
    if (change.type === 'added') for (const card of change.cards) this.track(card.record);
    else if (change.type === 'changed') this.track(change.after.record);
    else this.decisions.delete(change.card.record.id);
    if (this.decisions.size !== before) this.dispatchEvent(new Event('change'));
    this.maybeRefit();
  }

  private track(record: CaptionRecord): void {
    const wrong = record.reviewPriority === undefined ? undefined : decisionOf(record.review, record.modelText, record.text);
    if (wrong === undefined) this.decisions.delete(record.id);
    else this.decisions.set(record.id, { features: featuresOf(reviewInputsOf(record)), wrong });
  }

  private maybeRefit(): void {
    if (this.refitting || this.decisions.size - (this.calibratedOn ?? this.decidedAtReset) < REFIT_EVERY) return;
    const decisions = [...this.decisions.values()];
    if (!canCalibrate(decisions)) return;
    this.refitting = this.refit(decisions).finally(() => {
      this.refitting = null;
      this.maybeRefit();
    });
  }

  private async refit(decisions: readonly Decision[]): Promise<void> {
    this.model = calibrate(DEFAULT_REVIEW_MODEL, decisions);
    this.calibratedOn = decisions.length;
    const saved: MetaValue = { bias: this.model.bias, weights: { ...this.model.weights }, decisions: decisions.length, at: Date.now() };
    await setMeta(CALIBRATION_KEY, saved).catch(() => undefined);
    await this.rescore();
    this.dispatchEvent(new Event('change'));
  }

  /** New priorities for every model text nobody has decided on, written in chunks. */
  private async rescore(): Promise<void> {
    const entries: { id: string; patch: ReviewFields }[] = [];
    for (const { record } of this.store.list()) {
      if (record.status !== 'done' || record.review !== 'unreviewed' || record.reviewPriority === undefined) continue;
      const patch = this.assess(reviewInputsOf(record));
      if (Math.abs(patch.reviewPriority - record.reviewPriority) > 1e-9 || patch.reviewBand !== record.reviewBand) entries.push({ id: record.id, patch });
    }
    for (let i = 0; i < entries.length; i += WRITE_CHUNK) await this.patchAll(entries.slice(i, i + WRITE_CHUNK));
  }
}

function isResetMarker(saved: MetaValue | undefined): saved is { decidedAtReset: number } {
  return typeof saved === 'object' && saved !== null && !Array.isArray(saved) && typeof saved['decidedAtReset'] === 'number';
}

function parseSavedModel(saved: MetaValue | undefined): { model: ReviewModel; decisions: number } | undefined {
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return undefined;
  const { bias, weights, decisions } = saved as Record<string, unknown>;
  if (typeof bias !== 'number' || typeof decisions !== 'number' || typeof weights !== 'object' || weights === null) return undefined;
  const merged = { ...DEFAULT_REVIEW_MODEL.weights };
  for (const name of Object.keys(merged) as (keyof typeof merged)[]) {
    const value = (weights as Record<string, unknown>)[name];
    if (typeof value === 'number' && Number.isFinite(value)) merged[name] = value;
  }
  return { model: { bias, weights: merged, thresholds: DEFAULT_REVIEW_MODEL.thresholds }, decisions };
}
