/**
 * What the review priority is computed from (see src/models/review-priority.ts), as plain data:
 * the worker measures the first two, the page the rest, and every piece is stored with the
 * result so the priority can be recomputed when one of them changes (a second opinion arrives,
 * the score is calibrated on this device). Only signals that exist for every model family and any
 * photo: nothing here knows what the photos show.
 */

/** How sure the model was of one word it wrote. */
export interface WordConfidence {
  /** The word as the model wrote it (before the finishing rules), without surrounding spaces. */
  word: string;
  /** The smallest probability among the word's tokens (0–1). */
  prob: number;
}

/**
 * Token probabilities of one generated text, recorded by a logits processor during greedy
 * generation (transformers.js returns no scores). Probabilities are of the emitted token under
 * the distribution generation actually sampled from (after repetition penalties).
 */
export interface TextConfidence {
  /** One entry per word of the generated text, in order. */
  words: WordConfidence[];
  /** Smallest probability of any generated token, the end token included (0–1). */
  minProb: number;
  /** Mean natural-log probability per generated token (≤ 0). */
  meanLogProb: number;
  /** Mean entropy of the next-token distribution per step, in nats. */
  meanEntropy: number;
  /** Largest entropy of any step, in nats. */
  maxEntropy: number;
  /** Generated tokens, the end token included. */
  tokens: number;
  /**
   * The same text scored by the same model on a zoomed-out copy of the photo (workers/zoom-out.ts):
   * a text that holds only for the exact framing becomes much less likely there.
   */
  zoomed?: TextLikelihood;
}

/**
 * Properties of the photo that make any model unreliable, measured in the worker on the decoded
 * pixels (greyscale, longer side at most a few hundred pixels) and the file's header.
 */
export interface PhotoQuality {
  /** Original size in pixels, after EXIF orientation. */
  width: number;
  height: number;
  /** Variance of the Laplacian of the greyscale image, on 0–255 values: low means blurred. */
  sharpness: number;
  /** RMS contrast: standard deviation of luminance on 0–1. */
  contrast: number;
  /** Estimated standard deviation of sensor/compression noise, on 0–255 (Immerkær's method). */
  noise: number;
  /** JPEG quality (1–100) estimated from the file's quantisation tables; absent for other formats. */
  jpegQuality?: number;
  /** Compressed bytes per pixel of the file. */
  bytesPerPixel: number;
}

/**
 * How likely a model finds a given text for the photo, by teacher forcing: the log probability
 * of each of the text's tokens given the photo and the tokens before it, in the model's own
 * tokenization, so texts from any family can be scored by any other.
 */
export interface TextLikelihood {
  /** Mean natural-log probability per token of the text (≤ 0); the end token is not scored. */
  meanLogProb: number;
  /** Smallest natural-log probability of any of its tokens. */
  minLogProb: number;
  tokens: number;
}

/** What a second model from another family said about the same photo. */
export interface SecondOpinion {
  modelId: string;
  /** Its name as the model list spells it, for the reasons a person reads; absent in older records. */
  modelLabel?: string;
  /** Its finished text. */
  text: string;
  /** Its own token confidence, when its adapter could record one. */
  confidence?: TextConfidence;
  /** How likely the second model found the first model's text, on the photo and on its zoomed-out copy. */
  scoredFirst?: ScoredText;
  /** How far the two texts agree on content words, 0 (nothing shared) to 1 (the same content). */
  agreement: number;
  durationMs: number;
  /** Epoch milliseconds. */
  at: number;
}

/** One model's likelihood of another model's text (workers/review-likelihoods.ts). */
export interface ScoredText {
  likelihood?: TextLikelihood;
  zoomed?: TextLikelihood;
}

export type ReviewBand = 'needs-review' | 'check' | 'fine';

/** Everything the priority of one result is computed from; stored with the result. */
export interface ReviewSignals {
  confidence?: TextConfidence;
  quality?: PhotoQuality;
  secondOpinion?: SecondOpinion;
}
