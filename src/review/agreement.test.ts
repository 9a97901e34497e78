import { describe, expect, it } from 'vitest';
import type { TextConfidence } from '../models/review-signals';
import { agreement, contentWords, mergeOpinions, unsharedWords } from './agreement';

function confidence(words: [string, number][]): TextConfidence {
  const logs = words.map(([, p]) => Math.log(p));
  return { words: words.map(([word, prob]) => ({ word, prob })), minProb: Math.min(...words.map(([, p]) => p)), meanLogProb: logs.reduce((a, b) => a + b, 0) / logs.length, meanEntropy: 0, maxEntropy: 0, tokens: words.length };
}

describe('content-word agreement', () => {
  it('ignores function words, case, punctuation and regular plurals', () => {
    expect([...contentWords('Two red circles on a blue background.')]).toEqual(['two', 'red', 'circle', 'blue', 'background']);
    expect(agreement('A red circle.', 'a red circle on it')).toBe(1);
    expect(agreement('Boxes of dogs.', 'a box with a dog')).toBe(1);
  });
  it('counts a different word as a disagreement (Dice coefficient)', () => {
    expect(agreement('a red circle on a blue background', 'a green circle on a blue background')).toBeCloseTo(0.75);
    expect(agreement('a cat', 'a boat')).toBe(0);
    expect(agreement('', '')).toBe(1);
  });
  it('lists the content words only one text has', () => {
    expect(unsharedWords('two red circles', 'a red circle')).toEqual(['two']);
  });
});

describe('mergeOpinions', () => {
  const first = 'a red circle on a blue background';
  const second = 'a green circle on a blue background';
  it('keeps the first text when neither is better supported, however sure the second model was', () => {
    const unsureRed = confidence([['a', 0.99], ['red', 0.4], ['circle', 0.99], ['on', 0.99], ['a', 0.99], ['blue', 0.99], ['background', 0.99]]);
    const sureGreen = confidence([['a', 0.99], ['green', 0.95], ['circle', 0.99], ['on', 0.99], ['a', 0.99], ['blue', 0.99], ['background', 0.99]]);
    expect(mergeOpinions({ text: first }, { text: second })).toEqual({ chosen: 'first', agreement: 0.75 });
    expect(mergeOpinions({ text: first, confidence: unsureRed }, { text: second, confidence: sureGreen }).chosen).toBe('first');
    expect(mergeOpinions({ text: first }, { text: 'two red circles on a blue background' }).chosen).toBe('first');
  });
  it('keeps the first when both say the same', () => {
    expect(mergeOpinions({ text: 'A red circle.' }, { text: 'a red circle' })).toEqual({ chosen: 'first', agreement: 1 });
  });
  it('prefers the caption whose words the other confirms over one that adds unconfirmed content', () => {
    expect(mergeOpinions({ text: 'a dog on a beach with a red kite and a lighthouse and two boats' }, { text: 'a dog on a beach' }).chosen).toBe('second');
    expect(mergeOpinions({ text: 'a dog on a beach' }, { text: 'a dog on a beach with a red kite and a lighthouse and two boats' }).chosen).toBe('first');
  });
  it('only ever returns one of the two texts', () => {
    for (const [a, b] of [[first, second], ['a cat', 'a dog'], ['', 'a dog']] as const) expect(['first', 'second']).toContain(mergeOpinions({ text: a }, { text: b }).chosen);
  });
});
