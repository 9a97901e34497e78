import { describe, expect, it } from 'vitest';
import { strongerRepetitionSettings } from './regeneration-settings';

describe('strongerRepetitionSettings', () => {
  it.each([
    // The encoder-decoder captioners' registry defaults.
    [{ noRepeatNgramSize: 3, repetitionPenalty: 1.1, maxNewTokens: 30 }, { noRepeatNgramSize: 2, repetitionPenalty: 1.32, maxNewTokens: 30 }],
    // Processors off entirely: switch both on, penalty at CTRL's 1.2.
    [{ noRepeatNgramSize: 0, repetitionPenalty: 1, maxNewTokens: 12 }, { noRepeatNgramSize: 2, repetitionPenalty: 1.2, maxNewTokens: 12 }],
    // Already 1.3 → 1.56 would exceed the cap.
    [{ noRepeatNgramSize: 2, repetitionPenalty: 1.3, maxNewTokens: 60 }, { noRepeatNgramSize: 2, repetitionPenalty: 1.5, maxNewTokens: 60 }],
    // A person's stronger choice is never weakened; a big budget is capped.
    [{ noRepeatNgramSize: 1, repetitionPenalty: 1.8, maxNewTokens: 128 }, { noRepeatNgramSize: 1, repetitionPenalty: 1.8, maxNewTokens: 60 }],
  ])('%j → %j', (current, expected) => {
    expect(strongerRepetitionSettings(current)).toEqual(expected);
  });
});
