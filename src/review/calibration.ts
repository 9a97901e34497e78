import { cleanAltText } from '../alttext/finish-alt-text';
import { agreement } from './agreement';
import { FEATURE_NAMES, type FeatureName, type FeatureVector } from './features';
import { sigmoid, type ReviewModel } from './priority';

/**
 * Calibration on this device: the person's own decisions (approve = the model was right, an
 * edit that changes what the text says = it was wrong) refit the weights of the review model.
 * The fit is a logistic regression pulled towards the default weights (a Gaussian prior, i.e.
 * L2 towards them), so a few dozen decisions adjust the score without throwing away what the
 * defaults were fitted on, and a person who only approves cannot push every weight to zero.
 */

/** Decisions needed before the score is refitted, and of each kind among them. */
export const MIN_DECISIONS = 20;
export const MIN_EACH_KIND = 3;

export interface Decision {
  features: FeatureVector;
  /** The model's text was wrong (the person changed what it says). */
  wrong: boolean;
}

/** What a person's review says about the model's text, or undefined when there was no decision. */
export function decisionOf(review: string, modelText: string | undefined, text: string): boolean | undefined {
  if (review === 'approved') return false;
  if (review !== 'edited' || modelText === undefined) return undefined;
  // Punctuation, case or a typo-free rewording of the same content words is not a correction.
  return agreement(cleanAltText(modelText), text) < 1;
}

export function canCalibrate(decisions: readonly Decision[]): boolean {
  const wrong = decisions.filter((d) => d.wrong).length;
  return decisions.length >= MIN_DECISIONS && wrong >= MIN_EACH_KIND && decisions.length - wrong >= MIN_EACH_KIND;
}

/**
 * How strongly the weights are held to the defaults: the prior counts as this many decisions'
 * worth of evidence, per weight, measured in each feature's own spread on the person's decisions
 * (so a token feature that varies by hundredths is held as firmly as a photo feature that varies
 * from 0 to 1).
 */
const PRIOR_DECISIONS = 4;
const NEWTON_STEPS = 25;
/** Below this spread a feature says nothing on these decisions; its weight stays the default. */
const MIN_SPREAD = 1e-4;

/**
 * Newton's method on the mean log-loss plus the prior: a dozen weights, so each step solves a
 * 13×13 system; deterministic and converged in a few steps whatever the features' scales. The
 * thresholds stay: they are in probability terms, which the refit keeps meaningful.
 */
export function calibrate(prior: ReviewModel, decisions: readonly Decision[]): ReviewModel {
  const n = decisions.length;
  if (!n) return prior;
  const names = FEATURE_NAMES;
  const k = names.length + 1;
  const rows = decisions.map(({ features }) => [1, ...names.map((name) => features[name])]);
  const labels = decisions.map(({ wrong }) => (wrong ? 1 : 0));
  const start = [prior.bias, ...names.map((name) => prior.weights[name])];
  // Prior precision per parameter, in the feature's own units; the bias is held like a feature of spread 1.
  // A weight w on a feature of spread s is the standardised weight w·s: holding that to its default costs λ·s²·(w − w₀)².
  const precision = [1, ...names.map((_, j) => spread(rows, j + 1))].map((s) => (s >= MIN_SPREAD ? (PRIOR_DECISIONS / n) * s * s : 1e6));
  let theta = start.slice();
  for (let step = 0; step < NEWTON_STEPS; step++) {
    const gradient = theta.map((t, j) => precision[j]! * (t - start[j]!));
    const hessian = theta.map((_, i) => theta.map((__, j) => (i === j ? precision[i]! : 0)));
    rows.forEach((x, r) => {
      const p = sigmoid(x.reduce((z, v, j) => z + v * theta[j]!, 0));
      const weight = Math.max(p * (1 - p), 1e-12) / n;
      for (let i = 0; i < k; i++) {
        gradient[i]! += ((p - labels[r]!) * x[i]!) / n;
        for (let j = 0; j < k; j++) hessian[i]![j]! += weight * x[i]! * x[j]!;
      }
    });
    const delta = solve(hessian, gradient);
    theta = theta.map((t, j) => t - delta[j]!);
    if (Math.max(...delta.map(Math.abs)) < 1e-10) break;
  }
  const weights = Object.fromEntries(names.map((name, j) => [name, theta[j + 1]!])) as Record<FeatureName, number>;
  return { bias: theta[0]!, weights, thresholds: prior.thresholds };
}

function spread(rows: readonly number[][], column: number): number {
  const values = rows.map((row) => row[column]!);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}

/** Gaussian elimination with partial pivoting: the system is small, symmetric and positive definite. */
function solve(matrix: number[][], vector: number[]): number[] {
  const size = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let row = col + 1; row < size; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const head = a[col]!;
    for (let row = col + 1; row < size; row++) {
      const factor = a[row]![col]! / head[col]!;
      for (let j = col; j <= size; j++) a[row]![j]! -= factor * head[j]!;
    }
  }
  const x = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row--) {
    let sum = a[row]![size]!;
    for (let j = row + 1; j < size; j++) sum -= a[row]![j]! * x[j]!;
    x[row] = sum / a[row]![row]!;
  }
  return x;
}
