import type { ReviewBand, TextConfidence } from '../models/review-signals';
import { FEATURE_NAMES, featuresOf, type FeatureName, type FeatureVector, type ReviewInputs } from './features';
import defaultModel from './default-model.json';

/**
 * The review priority: one number, 0–1, higher = more likely wrong. A logistic model over the
 * features in features.ts, priority = 1 / (1 + e^−(bias + Σ weightᵢ·featureᵢ)), so with weights
 * fitted to labelled captions it reads as the chance that the caption is wrong. The default
 * weights and band thresholds were fitted and chosen on measured captions (tools/review-fit,
 * docs/review-priority.md); on a device they are refitted to the person's own decisions
 * (calibration.ts).
 */
export interface ReviewModel {
  bias: number;
  weights: FeatureVector;
  /** Priority at or above which a result *Needs review*, and at or above which to *Check if time allows*. */
  thresholds: { needsReview: number; check: number };
}

export const DEFAULT_REVIEW_MODEL: ReviewModel = defaultModel as ReviewModel;

/**
 * By default a second opinion is asked about captions whose first-pass priority is at least this:
 * chosen on the measured captions so that nearly every wrong one is asked (docs/review-priority.md),
 * which is lower than the *Check* band's threshold.
 */
export const SECOND_OPINION_FROM: number = (defaultModel as { secondOpinionFrom?: number }).secondOpinionFrom ?? DEFAULT_REVIEW_MODEL.thresholds.check;

export const BAND_LABELS: Readonly<Record<ReviewBand, string>> = {
  'needs-review': 'Needs review',
  check: 'Check if time allows',
  fine: 'Likely fine',
};

/** Riskiest first, for sorting and the batch summary. */
export const BANDS: readonly ReviewBand[] = ['needs-review', 'check', 'fine'];

/** A word whose least sure token was below this is marked as unsure on the card. */
export const UNSURE_WORD_PROB = 0.5;

export interface ReviewAssessment {
  priority: number;
  band: ReviewBand;
  reasons: string[];
}

export function logit(model: Pick<ReviewModel, 'bias' | 'weights'>, features: FeatureVector): number {
  let z = model.bias;
  for (const name of FEATURE_NAMES) z += model.weights[name] * features[name];
  return z;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function bandOf(priority: number, thresholds: ReviewModel['thresholds']): ReviewBand {
  if (priority >= thresholds.needsReview) return 'needs-review';
  return priority >= thresholds.check ? 'check' : 'fine';
}

export function assessReview(inputs: ReviewInputs, model: ReviewModel = DEFAULT_REVIEW_MODEL): ReviewAssessment {
  const features = featuresOf(inputs);
  const priority = sigmoid(logit(model, features));
  const band = bandOf(priority, model.thresholds);
  return { priority, band, reasons: band === 'fine' ? reasonsWhenFine(inputs) : reasonsFor(inputs, features, model) };
}

/** Words of the model's text whose least sure token fell below UNSURE_WORD_PROB, in order, each once. */
export function unsureWords(confidence: TextConfidence | undefined): string[] {
  if (!confidence) return [];
  const seen = new Set<string>();
  for (const { word, prob } of confidence.words) if (prob < UNSURE_WORD_PROB && /[\p{L}\p{N}]/u.test(word)) seen.add(word.toLowerCase());
  return [...seen];
}

/** A contribution to the logit below this is too small to be worth a sentence. */
const WORTH_SAYING = 0.25;

/** Sentences a person understands, biggest contribution first; the second model's view always when there is one. */
function reasonsFor(inputs: ReviewInputs, features: FeatureVector, model: ReviewModel): string[] {
  const contributions = FEATURE_NAMES.map((name) => ({ name, value: model.weights[name] * features[name] }))
    .filter(({ name, value }) => value >= WORTH_SAYING && name !== 'secondLooked')
    .sort((a, b) => b.value - a.value);
  // The token signals share a sentence, said for the one that weighs most, not the largest raw feature (which may weigh nothing).
  const weighted = Object.fromEntries(FEATURE_NAMES.map((name) => [name, model.weights[name] * features[name]])) as FeatureVector;
  const reasons = contributions.flatMap(({ name }) => sentenceFor(name, inputs, weighted));
  const second = inputs.secondOpinion;
  if (second && !contributions.some(({ name }) => name === 'secondDisagrees')) {
    reasons.push(secondModelSaid(second));
  }
  return reasons;
}

/**
 * Below the check threshold the doubts that did show were too small to matter, and listing them
 * under a *Likely fine* badge read as a contradiction: only what a second model said is kept.
 */
function reasonsWhenFine(inputs: ReviewInputs): string[] {
  return inputs.secondOpinion ? [secondModelSaid(inputs.secondOpinion)] : [];
}

function secondModelSaid(second: NonNullable<ReviewInputs['secondOpinion']>): string {
  const name = second.modelLabel ?? second.modelId;
  return second.agreement >= 0.999 ? `A second model (${name}) said the same.` : `A second model (${name}) said: “${second.text}”`;
}

function sentenceFor(name: FeatureName, inputs: ReviewInputs, features: FeatureVector): string[] {
  const quality = inputs.quality;
  switch (name) {
    case 'leastSure':
    case 'meanSurprise':
    case 'meanEntropy': {
      // The three token signals share one sentence, said once.
      if (name !== strongestTokenSignal(features)) return [];
      const words = unsureWords(inputs.confidence).slice(0, 3);
      return [words.length ? `The model was unsure about ${words.map((w) => `‘${w}’`).join(words.length === 2 ? ' and ' : ', ')}.` : 'The model was unsure of its words.'];
    }
    case 'secondDisagrees':
      return [`A second model (${inputs.secondOpinion?.modelLabel ?? inputs.secondOpinion?.modelId ?? 'another family'}) said: “${inputs.secondOpinion?.text ?? ''}”`];
    case 'zoomedSurprise':
      return ['The model no longer stood by its words when the photo was shown a little further away.'];
    case 'secondSurprise':
    case 'secondZoomedSurprise': {
      // One sentence for both, said for the one that weighs more (the unzoomed one on a tie).
      const zoomedWeighsMore = features.secondZoomedSurprise > features.secondSurprise;
      if ((name === 'secondZoomedSurprise') !== zoomedWeighsMore) return [];
      return [`A second model (${inputs.secondOpinion?.modelLabel ?? inputs.secondOpinion?.modelId ?? 'another family'}) found these words unlikely for this photo.`];
    }
    case 'flagged':
      return ['The text has a problem the finishing rules found (see the flags).'];
    case 'small':
      return [`The photo is small (${quality?.width ?? '?'}×${quality?.height ?? '?'} pixels), so details are easy to get wrong.`];
    case 'blurred':
      return ['The photo looks blurred.'];
    case 'lowContrast':
      return ['The photo has very little contrast.'];
    case 'noisy':
      return ['The photo is noisy or grainy.'];
    case 'compressed':
      return [`The photo is heavily compressed (JPEG quality about ${quality?.jpegQuality ?? '?'}).`];
    case 'extremeAspect':
      return ['The photo is unusually wide or tall, so the model saw it squeezed.'];
    case 'secondLooked':
      return [];
  }
}

function strongestTokenSignal(features: FeatureVector): FeatureName {
  const names: FeatureName[] = ['leastSure', 'meanSurprise', 'meanEntropy'];
  return names.reduce((best, name) => (features[name] > features[best] ? name : best));
}
