import { cleanAltText } from '../alttext/finish-alt-text';
import { agreement } from './agreement';
import { FEATURE_NAMES, type FeatureName, type FeatureVector } from './features';
import { logit, sigmoid, type ReviewModel } from './priority';

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

/** How strongly the weights are held to the defaults, per decision-equivalent. */
const PRIOR_STRENGTH = 2;
const ITERATIONS = 200;
const STEP = 0.5;

/**
 * Gradient descent on the mean log-loss plus the prior; deterministic and cheap (a few hundred
 * decisions × a dozen features × 200 steps). The thresholds stay: they are in probability
 * terms, which the refit keeps meaningful.
 */
export function calibrate(prior: ReviewModel, decisions: readonly Decision[]): ReviewModel {
  let bias = prior.bias;
  const weights: Record<FeatureName, number> = { ...prior.weights };
  const n = decisions.length;
  const lambda = PRIOR_STRENGTH / Math.max(n, 1);
  for (let step = 0; step < ITERATIONS; step++) {
    let gradBias = 0;
    const grad = Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0])) as Record<FeatureName, number>;
    for (const { features, wrong } of decisions) {
      const error = sigmoid(logit({ bias, weights }, features)) - (wrong ? 1 : 0);
      gradBias += error / n;
      for (const name of FEATURE_NAMES) grad[name] += (error * features[name]) / n;
    }
    bias -= STEP * (gradBias + lambda * (bias - prior.bias));
    for (const name of FEATURE_NAMES) weights[name] -= STEP * (grad[name] + lambda * (weights[name] - prior.weights[name]));
  }
  return { bias, weights, thresholds: prior.thresholds };
}
