import { describe, expect, it } from 'vitest';
import { MAX_NEW_TOKENS_LIMIT, resolveCaptionOptions, toGenerateKwargs } from './caption-options';
import { getModel } from './registry';

const defaults = { maxNewTokens: 30, noRepeatNgramSize: 3, repetitionPenalty: 1.1 };

describe('resolveCaptionOptions', () => {
  it('keeps model defaults when nothing is overridden', () => {
    expect(resolveCaptionOptions(defaults)).toEqual(defaults);
  });

  it('applies overrides and ignores undefined ones', () => {
    expect(resolveCaptionOptions(defaults, { maxNewTokens: 50, repetitionPenalty: undefined })).toEqual({ ...defaults, maxNewTokens: 50 });
  });

  it('clamps runaway or nonsensical values', () => {
    const r = resolveCaptionOptions(defaults, { maxNewTokens: 10_000, noRepeatNgramSize: -4, repetitionPenalty: 9 });
    expect(r).toEqual({ maxNewTokens: MAX_NEW_TOKENS_LIMIT, noRepeatNgramSize: 0, repetitionPenalty: 2 });
  });

  it('keeps a minimum of new tokens, capped at the maximum', () => {
    expect(resolveCaptionOptions(defaults, { minNewTokens: 20, maxNewTokens: 20 })).toMatchObject({ minNewTokens: 20, maxNewTokens: 20 });
    expect(resolveCaptionOptions(defaults, { minNewTokens: 50 }).minNewTokens).toBe(30);
    expect('minNewTokens' in resolveCaptionOptions(defaults, { minNewTokens: 0 })).toBe(false);
  });

  it('falls back to defaults for NaN and rounds token counts', () => {
    expect(resolveCaptionOptions(defaults, { maxNewTokens: Number.NaN, noRepeatNgramSize: 2.6 })).toEqual({ ...defaults, noRepeatNgramSize: 3 });
    expect(resolveCaptionOptions(defaults, { maxNewTokens: 0 }).maxNewTokens).toBe(1);
  });
});

describe('toGenerateKwargs', () => {
  it('speaks transformers.js generate() spelling, greedy', () => {
    expect(toGenerateKwargs(defaults)).toEqual({ max_new_tokens: 30, no_repeat_ngram_size: 3, repetition_penalty: 1.1, do_sample: false });
  });

  it('passes a minimum number of new tokens for fixed-work benchmark runs', () => {
    expect(toGenerateKwargs({ ...defaults, minNewTokens: 20, maxNewTokens: 20 })).toMatchObject({ max_new_tokens: 20, min_new_tokens: 20 });
    expect('min_new_tokens' in toGenerateKwargs(defaults)).toBe(false);
  });

  it('omits processors that would do nothing', () => {
    expect(toGenerateKwargs(getModel('altscribe/shapes-captioner').generation)).toEqual({ max_new_tokens: 12, do_sample: false });
  });
});
