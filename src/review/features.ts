import { finishAltText } from '../alttext/finish-alt-text';
import type { AltTextFlag } from '../alttext/flags';
import type { PhotoQuality, ReviewSignals, TextConfidence, TextLikelihood } from '../models/review-signals';

/**
 * The review priority's inputs as numbers, each scaled to roughly 0–1 with "more likely wrong"
 * upwards, so the fitted weights can be read and compared (docs/review-priority.md). Every
 * feature exists for any model family and any photo; none knows what photos show.
 */
export const FEATURE_NAMES = [
  /** How unsure the model was of its least sure token: −ln(min probability), on a log scale. */
  'leastSure',
  /** Average surprise per token: −mean ln(probability), on a log scale. */
  'meanSurprise',
  /** Average entropy of the next-token distribution, on a log scale. */
  'meanEntropy',
  /** A second model from another family said something else: 1 − agreement of content words. */
  'secondDisagrees',
  /** A second model looked at all (its agreement lowers the priority through the intercept shift). */
  'secondLooked',
  /** The model itself found its text unlikely on a zoomed-out copy of the photo: mean surprise per token, on a log scale. */
  'zoomedSurprise',
  /** The second model found the first model's text unlikely on the photo: its mean surprise per token, on a log scale. */
  'secondSurprise',
  /** The same on the zoomed-out copy. */
  'secondZoomedSurprise',
  /** The finishing rules flagged the model's text (repetition, file-name-like, too short/long, hedging). */
  'flagged',
  /** Few pixels: the shorter side below 256 px, on a log scale. */
  'small',
  /** Blurred: low variance of the Laplacian, on a log scale. */
  'blurred',
  /** Low RMS contrast. */
  'lowContrast',
  /** Visible noise. */
  'noisy',
  /** Heavy JPEG compression, from the quantisation tables. */
  'compressed',
  /** Extreme aspect ratio: beyond 2:1. */
  'extremeAspect',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type FeatureVector = Readonly<Record<FeatureName, number>>;

/** What the features of one result are computed from. */
export interface ReviewInputs extends ReviewSignals {
  /** The model's raw text (CaptionRecord.modelText). */
  modelText: string;
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** Flags that mean "probably wrong as it stands", on the finished text or on the raw output. */
const WARNING_FLAGS: ReadonlySet<AltTextFlag> = new Set(['looks-like-filename', 'repetition', 'too-short', 'too-long', 'hedge']);

export function featuresOf(inputs: ReviewInputs): FeatureVector {
  return { ...confidenceFeatures(inputs.confidence), ...secondFeatures(inputs), ...likelihoodFeatures(inputs), flagged: flaggedFeature(inputs.modelText), ...qualityFeatures(inputs.quality) };
}

/**
 * Token doubt on a log scale, 0 at 10⁻⁴ (a model all but certain) to 1 at `top`: a confident
 * small model's doubt varies in the ten-thousandths, a large model's in the tenths, and a linear
 * scale would squash one or the other.
 */
function logDoubt(value: number, top: number): number {
  return clamp01(Math.log10(Math.max(value, LEAST_DOUBT) / LEAST_DOUBT) / Math.log10(top / LEAST_DOUBT));
}
const LEAST_DOUBT = 1e-4;

function confidenceFeatures(confidence: TextConfidence | undefined): Pick<FeatureVector, 'leastSure' | 'meanSurprise' | 'meanEntropy'> {
  if (!confidence || !confidence.tokens) return { leastSure: 0, meanSurprise: 0, meanEntropy: 0 };
  return {
    leastSure: logDoubt(-Math.log(Math.max(confidence.minProb, 1e-12)), 10),
    meanSurprise: logDoubt(-confidence.meanLogProb, 3),
    meanEntropy: logDoubt(confidence.meanEntropy, 3),
  };
}

function secondFeatures(inputs: ReviewInputs): Pick<FeatureVector, 'secondDisagrees' | 'secondLooked'> {
  const second = inputs.secondOpinion;
  if (!second) return { secondDisagrees: 0, secondLooked: 0 };
  return { secondDisagrees: clamp01(1 - second.agreement), secondLooked: 1 };
}

/**
 * Forced-decoding surprise (workers/review-likelihoods.ts), on the scale of meanSurprise. A
 * likelihood the adapter could not measure counts as no surprise, as a missing second opinion
 * counts as no disagreement.
 */
function likelihoodFeatures(inputs: ReviewInputs): Pick<FeatureVector, 'zoomedSurprise' | 'secondSurprise' | 'secondZoomedSurprise'> {
  const scored = inputs.secondOpinion?.scoredFirst;
  return {
    zoomedSurprise: surpriseOf(inputs.confidence?.zoomed),
    secondSurprise: surpriseOf(scored?.likelihood),
    secondZoomedSurprise: surpriseOf(scored?.zoomed),
  };
}

function surpriseOf(likelihood: TextLikelihood | undefined): number {
  return likelihood && likelihood.tokens > 0 ? logDoubt(-likelihood.meanLogProb, 3) : 0;
}

/** The finished text's warnings, including a loop in the raw output that the finishing rules tidied away. */
function flaggedFeature(modelText: string): number {
  return finishAltText(modelText).flags.some((flag) => WARNING_FLAGS.has(flag)) ? 1 : 0;
}

function qualityFeatures(quality: PhotoQuality | undefined): Pick<FeatureVector, 'small' | 'blurred' | 'lowContrast' | 'noisy' | 'compressed' | 'extremeAspect'> {
  if (!quality) return { small: 0, blurred: 0, lowContrast: 0, noisy: 0, compressed: 0, extremeAspect: 0 };
  const shorter = Math.max(1, Math.min(quality.width, quality.height));
  const aspect = Math.max(quality.width, quality.height) / shorter;
  return {
    small: clamp01((Math.log2(256) - Math.log2(shorter)) / 3),
    blurred: clamp01(1 - Math.log10(1 + Math.max(0, quality.sharpness)) / 3),
    lowContrast: clamp01(1 - quality.contrast / 0.2),
    noisy: clamp01(quality.noise / 20),
    compressed: quality.jpegQuality === undefined ? 0 : clamp01((70 - quality.jpegQuality) / 60),
    extremeAspect: clamp01(Math.log2(aspect) - 1),
  };
}
