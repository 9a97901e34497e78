import { finishAltText } from '../../src/alttext/finish-alt-text';
import type { TextConfidence } from '../../src/models/review-signals';
import { FEATURE_NAMES, featuresOf, type FeatureName, type FeatureVector } from '../../src/review/features';
import { logit, sigmoid, type ReviewModel } from '../../src/review/priority';
import { mulberry32 } from '../shapes-world/shapes-world';
import { isCorrect, type DumpRow } from './dump';
import { fitLogistic } from './logistic';

/**
 * Labelled feature vectors from measured rows. A row with a second opinion yields two samples:
 * the app's situation (features with the second opinion, label = the stored, merged text is
 * wrong) and the one without a second model (no second-opinion features, label = the first
 * model's own text is wrong). The second is what the app sees when the second model is off or
 * out of scope, and without it `secondLooked` (always 1 with secondScope=all) could not be told
 * apart from the bias.
 */
export interface Sample {
  features: FeatureVector;
  wrong: boolean;
}

export interface ModelOpinion {
  /** The finished text. */
  text: string;
  /** The raw text, when the record kept it (the merge keeps only the chosen model's). */
  modelText?: string;
  confidence?: TextConfidence;
  durationMs?: number;
}

/**
 * The first and second model's answers of a row. When the merge chose the second text the
 * record's own fields (text, modelText, modelId, confidence, durationMs) are the second model's and
 * secondOpinion holds the first's (src/app/second-opinion.ts, `swapped`).
 */
export function opinionsOf(row: DumpRow): { first: ModelOpinion; second?: ModelOpinion } {
  const own: ModelOpinion = { text: row.modelText !== undefined ? finishAltText(row.modelText).text : row.text, modelText: row.modelText, confidence: row.confidence, durationMs: row.durationMs };
  const other = row.secondOpinion;
  if (!other) return { first: own };
  const theirs: ModelOpinion = { text: other.text, confidence: other.confidence, durationMs: other.durationMs };
  const swapped = row.firstModelId !== undefined && row.modelId !== undefined && row.modelId !== row.firstModelId;
  return swapped ? { first: theirs, second: own } : { first: own, second: theirs };
}

export function appSample(row: DumpRow): Sample {
  const features = featuresOf({ modelText: row.modelText ?? row.text, confidence: row.confidence, quality: row.quality, secondOpinion: row.secondOpinion });
  return { features, wrong: !isCorrect(row.text, row.truth) };
}

/** The situation without a second model: the first model's text, confidence and the photo. */
export function aloneSample(row: DumpRow): Sample {
  const { first } = opinionsOf(row);
  const features = featuresOf({ modelText: first.modelText ?? first.text, confidence: first.confidence, quality: row.quality });
  return { features, wrong: !isCorrect(first.text, row.truth) };
}

/** Both situations of a row with a second opinion, the app's alone otherwise. */
export function fitSamples(rows: readonly DumpRow[]): Sample[] {
  return rows.flatMap((row) => (row.secondOpinion ? [appSample(row), aloneSample(row)] : [appSample(row)]));
}

/** Seeded shuffle, then halves: [fit, test]. */
export function splitHalves<T>(items: readonly T[], seed: number): [T[], T[]] {
  const rng = mulberry32(seed);
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  const half = Math.floor(shuffled.length / 2);
  return [shuffled.slice(0, half), shuffled.slice(half)];
}

export const L2_GRID = [1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1] as const;

const vector = (features: FeatureVector): number[] => FEATURE_NAMES.map((name) => features[name]);

function meanLogLoss(model: Pick<ReviewModel, 'bias' | 'weights'>, samples: readonly Sample[]): number {
  return samples.reduce((sum, s) => {
    const p = sigmoid(logit(model, s.features));
    return sum - Math.log(Math.max(1e-15, s.wrong ? p : 1 - p));
  }, 0) / Math.max(1, samples.length);
}

/**
 * L2-regularised logistic regression with non-negative weights (FREE_SIGN aside), by an active
 * set: fit, drop the most negative weight, refit. The fit runs on features divided by their standard deviation on these samples, so the L2
 * penalty weighs every feature alike: the token features span a few hundredths on confident
 * models and would otherwise need weights the penalty forbids, while the photo features span
 * the whole 0–1. The weights are mapped back to the features' own scale; a feature that never
 * varies gets weight 0.
 */
export function fitWeights(samples: readonly Sample[], l2: number): Pick<ReviewModel, 'bias' | 'weights'> {
  const rows = samples.map((s) => vector(s.features));
  const spread = FEATURE_NAMES.map((_, k) => {
    const values = rows.map((row) => row[k] ?? 0);
    const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, values.length));
  });
  const used = FEATURE_NAMES.map((_, k) => (spread[k] ?? 0) > 1e-9);
  const labels = samples.map((s) => s.wrong);
  for (;;) {
    const columns = FEATURE_NAMES.flatMap((_, k) => (used[k] ? [k] : []));
    const fit = fitLogistic(rows.map((row) => columns.map((k) => (row[k] ?? 0) / (spread[k] ?? 1))), labels, l2);
    const weights = Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0])) as Record<FeatureName, number>;
    columns.forEach((k, j) => (weights[FEATURE_NAMES[k] as FeatureName] = (fit.weights[j] ?? 0) / (spread[k] ?? 1)));
    // Active set: the most negative weight that should not be negative leaves, and the rest is refitted.
    const worst = columns.filter((k) => !FREE_SIGN.has(FEATURE_NAMES[k] as FeatureName) && (fit.weights[columns.indexOf(k)] ?? 0) < 0).sort((a, b) => (fit.weights[columns.indexOf(a)] ?? 0) - (fit.weights[columns.indexOf(b)] ?? 0))[0];
    if (worst === undefined) return { bias: fit.bias, weights };
    used[worst] = false;
  }
}

/**
 * Every feature is scaled so that more means "more likely wrong", so its weight is held at 0 or
 * above: a negative weight would only fit this data set's accidents (here: degraded photos are
 * captioned right more often than clean out-of-world ones) and would lower the priority of a
 * blurred photo elsewhere. `secondLooked` is the exception: a second model's agreement is meant
 * to lower the priority through it.
 */
const FREE_SIGN: ReadonlySet<FeatureName> = new Set(['secondLooked']);

/** The L2 strength with the lowest 5-fold cross-validated log-loss on the fit half. */
export function chooseL2(samples: readonly Sample[], seed: number): { l2: number; losses: Record<string, number> } {
  const [a, b] = splitHalves(samples, seed);
  const shuffled = [...a, ...b];
  const folds = 5;
  const losses: Record<string, number> = {};
  for (const l2 of L2_GRID) {
    let loss = 0;
    for (let f = 0; f < folds; f++) {
      const held = shuffled.filter((_, i) => i % folds === f);
      const kept = shuffled.filter((_, i) => i % folds !== f);
      loss += meanLogLoss(fitWeights(kept, l2), held) / folds;
    }
    losses[String(l2)] = loss;
  }
  const l2 = L2_GRID.reduce((best, l2) => ((losses[String(l2)] ?? Infinity) < (losses[String(best)] ?? Infinity) ? l2 : best));
  return { l2, losses };
}
