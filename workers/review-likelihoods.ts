import { InterruptableStoppingCriteria, type RawImage } from '@huggingface/transformers';
import { MAX_NEW_TOKENS_LIMIT } from '../src/models/caption-options';
import type { CaptionOptions } from '../src/models/model-types';
import type { ScoredText, TextLikelihood } from '../src/models/review-signals';
import type { Captioner } from './captioner';
import { zoomedOut } from './zoom-out';

/** Forced decoding needs no penalties (they would change the scores) and room for any caption. */
const SCORING_OPTIONS: CaptionOptions = { maxNewTokens: MAX_NEW_TOKENS_LIMIT, noRepeatNgramSize: 0, repetitionPenalty: 1 };

/** What the worker adds to a caption for the review priority, beyond its token confidence. */
export interface ReviewLikelihoods {
  /** The model's own text on the zoomed-out photo; absent when another text was scored instead. */
  zoomed?: TextLikelihood;
  /** The given text (another model's) on the photo and on the zoomed-out copy. */
  scored?: ScoredText;
  durationMs: number;
}

/**
 * After a caption: the model's own text scored on a zoomed-out copy of the photo or, when the
 * caller gives another model's text (a second opinion), that text on the photo and on the copy.
 * Each is one forced pass (workers/text-likelihood.ts); `stopped` is asked between passes so an
 * interrupt ends it. Adapters that cannot score leave the likelihoods undefined.
 */
export async function reviewLikelihoods(
  captioner: Captioner,
  image: RawImage,
  texts: { own: string; other?: string },
  prompt: string | undefined,
  stopped: () => boolean,
): Promise<ReviewLikelihoods> {
  const started = performance.now();
  const zoomed = zoomedOut(image);
  const score = async (picture: RawImage, text: string): Promise<TextLikelihood | undefined> =>
    stopped() || !text.trim() ? undefined : likelihoodOf(captioner, picture, text, prompt);
  if (texts.other === undefined) {
    const own = await score(zoomed, texts.own);
    return { ...(own ? { zoomed: own } : {}), durationMs: performance.now() - started };
  }
  const likelihood = await score(image, texts.other);
  const onZoomed = await score(zoomed, texts.other);
  return { scored: { ...(likelihood ? { likelihood } : {}), ...(onZoomed ? { zoomed: onZoomed } : {}) }, durationMs: performance.now() - started };
}

export async function likelihoodOf(captioner: Captioner, image: RawImage, text: string, prompt: string | undefined): Promise<TextLikelihood | undefined> {
  let likelihood: TextLikelihood | undefined;
  // A stop of its own: the scorer interrupts it once the text is written.
  const stop = new InterruptableStoppingCriteria();
  await captioner.caption(image, SCORING_OPTIONS, { stop, ...(prompt ? { prompt } : {}), scoreText: { text, onLikelihood: (measured) => (likelihood = measured) } });
  return likelihood;
}
