import type { CaptionOptions } from './model-types';

/** Hard limits: alt-text past ~150 characters stops being alt-text, and runaway loops cost minutes. */
export const MAX_NEW_TOKENS_LIMIT = 128;
export const REPETITION_PENALTY_RANGE = [1, 2] as const;

/** The keyword arguments transformers.js `generate()` understands, in its own spelling. */
export interface GenerateKwargs {
  max_new_tokens: number;
  min_new_tokens?: number;
  no_repeat_ngram_size?: number;
  repetition_penalty?: number;
  do_sample: false;
}

/**
 * Merges a person's overrides onto a model's defaults and clamps them to sane ranges, so a
 * typo in a settings field cannot hang the worker or produce an empty caption.
 */
export function resolveCaptionOptions(defaults: CaptionOptions, overrides: Partial<CaptionOptions> = {}): CaptionOptions {
  const merged = { ...defaults, ...definedOnly(overrides) };
  const maxNewTokens = clampInt(merged.maxNewTokens, 1, MAX_NEW_TOKENS_LIMIT, defaults.maxNewTokens);
  // A minimum above the maximum would be silently capped by generate(); cap it here, visibly.
  const minNewTokens = merged.minNewTokens === undefined ? undefined : clampInt(merged.minNewTokens, 0, maxNewTokens, 0);
  return {
    maxNewTokens,
    ...(minNewTokens ? { minNewTokens } : {}),
    noRepeatNgramSize: clampInt(merged.noRepeatNgramSize, 0, 10, defaults.noRepeatNgramSize),
    repetitionPenalty: clampNumber(merged.repetitionPenalty, REPETITION_PENALTY_RANGE[0], REPETITION_PENALTY_RANGE[1], defaults.repetitionPenalty),
  };
}

/** Leaves out the processors that would be no-ops, so generation logs show what really ran. */
export function toGenerateKwargs(options: CaptionOptions): GenerateKwargs {
  const kwargs: GenerateKwargs = { max_new_tokens: options.maxNewTokens, do_sample: false };
  // Suppresses the end token until this many tokens exist, so every run does the same work.
  if (options.minNewTokens) kwargs.min_new_tokens = options.minNewTokens;
  if (options.noRepeatNgramSize > 0) kwargs.no_repeat_ngram_size = options.noRepeatNgramSize;
  if (options.repetitionPenalty !== 1) kwargs.repetition_penalty = options.repetitionPenalty;
  return kwargs;
}

function definedOnly<T extends object>(value: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function clampInt(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

function clampNumber(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
