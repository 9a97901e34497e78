import type { CaptionOptions } from '../models/model-types';

/**
 * Settings for the single retry after a 'repetition' flag (alt-text-quality.md §4). The retry
 * only happens on text that already looped, so it trades a little fluency for a guarantee.
 */

export type RepetitionSettings = Pick<CaptionOptions, 'noRepeatNgramSize' | 'repetitionPenalty' | 'maxNewTokens'>;

/**
 * no_repeat_ngram_size 3 (the common default) blocks "is lit up … is lit up" but not "a vase
 * and a vase"; 2 blocks both. Its cost — a second "on a" or "of the" becomes impossible — is
 * acceptable for one retry. 1 would forbid any word twice (no second "a"), so never go there.
 */
const RETRY_NGRAM_SIZE = 2;

/**
 * 1.2 is the value the CTRL authors suggest. The cap matters more: in transformers.js the
 * penalty also hits every prompt token of a decoder-only model, so a high value starts to
 * drop articles and instruction words ("a", "the", "image"); the n-gram ban already does the
 * structural work.
 */
const MIN_RETRY_PENALTY = 1.2;
const MAX_RETRY_PENALTY = 1.5;
const PENALTY_STEP = 1.2;

/**
 * A loop runs until the token budget ends, so the budget bounds both the damage and the time.
 * It is capped at the notes' suggested ~60 new tokens and never raised: more budget on a
 * retry would only buy a longer loop if the stronger settings still fail.
 */
const MAX_RETRY_NEW_TOKENS = 60;

/**
 * Stronger anti-repetition settings for one regeneration. Never weaker than `current` on any
 * axis the caller already tightened (a person's 1.8 penalty stays 1.8).
 */
export function strongerRepetitionSettings(current: RepetitionSettings): RepetitionSettings {
  const noRepeatNgramSize = current.noRepeatNgramSize === 1 ? 1 : RETRY_NGRAM_SIZE;
  const raised = Math.min(Math.max(current.repetitionPenalty * PENALTY_STEP, MIN_RETRY_PENALTY), MAX_RETRY_PENALTY);
  const repetitionPenalty = Math.max(current.repetitionPenalty, roundTo2(raised));
  const maxNewTokens = Math.min(current.maxNewTokens, MAX_RETRY_NEW_TOKENS);
  return { noRepeatNgramSize, repetitionPenalty, maxNewTokens };
}

function roundTo2(value: number): number {
  return Math.round(value * 100) / 100;
}
