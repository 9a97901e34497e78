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
  it('keeps the first text when both are equally supported and equally sure', () => {
    expect(mergeOpinions({ text: first }, { text: second }).chosen).toBe('first');
  });
  it('prefers the text whose disputed word its model was surer of', () => {
    const unsureRed = confidence([['a', 0.99], ['red', 0.4], ['circle', 0.99], ['on', 0.99], ['a', 0.99], ['blue', 0.99], ['background', 0.99]]);
    const sureGreen = confidence([['a', 0.99], ['green', 0.95], ['circle', 0.99], ['on', 0.99], ['a', 0.99], ['blue', 0.99], ['background', 0.99]]);
    expect(mergeOpinions({ text: first, confidence: unsureRed }, { text: second, confidence: sureGreen }).chosen).toBe('second');
    expect(mergeOpinions({ text: first, confidence: sureGreen }, { text: second, confidence: unsureRed }).chosen).toBe('first');
  });
  it('judges a count by the counting word, not by the "a" of "on a"', () => {
    const one = confidence([['a', 0.3], ['red', 0.99], ['circle', 0.99], ['on', 0.99], ['a', 0.99], ['blue', 0.99], ['background', 0.99]]);
    const two = confidence([['two', 0.9], ['red', 0.99], ['circles', 0.99], ['on', 0.99], ['a', 0.99], ['blue', 0.99], ['background', 0.99]]);
    expect(mergeOpinions({ text: first, confidence: one }, { text: 'two red circles on a blue background', confidence: two }).chosen).toBe('second');
  });
  it('prefers the caption whose words the other confirms over one that adds unconfirmed content', () => {
    const merged = mergeOpinions({ text: 'a dog on a beach with a red kite and a lighthouse and two boats' }, { text: 'a dog on a beach' });
    expect(merged.chosen).toBe('second');
  });
  it('only ever returns one of the two texts', () => {
    for (const [a, b] of [[first, second], ['a cat', 'a dog'], ['', 'a dog']] as const) expect(['first', 'second']).toContain(mergeOpinions({ text: a }, { text: b }).chosen);
  });
});
