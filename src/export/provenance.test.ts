import { describe, expect, it } from 'vitest';
import { formatPriority, isAiGenerated, readAiGenerated, readBand, readPriority, readReasons, roundPriority } from './provenance';

describe('isAiGenerated', () => {
  it.each([
    ['unreviewed', true],
    ['edited', false],
    ['approved', false],
    ['imported', false],
  ] as const)('review %s gives %s', (review, expected) => {
    expect(isAiGenerated(review, 'A red car.')).toBe(expected);
  });

  it('is false for a result without a text yet, whatever its review', () => {
    expect(isAiGenerated('unreviewed', '')).toBe(false);
    expect(isAiGenerated('unreviewed', '  ')).toBe(false);
  });
});

describe('priority formatting', () => {
  it('writes exactly three decimals, rounding half away as toFixed does', () => {
    expect([0.41249, 0.4125001, 0.4, 0, 1, 0.0005, 0.99999].map(formatPriority)).toEqual(['0.412', '0.413', '0.400', '0.000', '1.000', '0.001', '1.000']);
  });

  it('writes nothing for an absent or non-finite priority', () => {
    expect([undefined, Number.NaN, Number.POSITIVE_INFINITY].map(formatPriority)).toEqual(['', '', '']);
    expect(roundPriority(Number.NaN)).toBeUndefined();
    expect(roundPriority(0.41249)).toBe(0.412);
  });
});

describe('readers', () => {
  it('reads a priority in 0–1 from a number or a cell, and nothing else', () => {
    expect([0.412, '0.412', ' 1.000 ', '0', 1].map(readPriority)).toEqual([0.412, 0.412, 1, 0, 1]);
    expect(['', ' ', 'high', '0,4', '1.01', '-0.1', 2, Number.NaN, null, true, [0.4]].map(readPriority)).toEqual(new Array(11).fill(undefined));
  });

  it('reads the three bands, forgiving case and spaces', () => {
    expect(['needs-review', ' Check ', 'FINE'].map(readBand)).toEqual(['needs-review', 'check', 'fine']);
    expect(['needs review', 'urgent', '', 3, null].map(readBand)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('splits a cell on " | " and keeps a list’s strings', () => {
    expect(readReasons('Low confidence, on "red" | Dark\nphoto  |  Blurry | a|b')).toEqual(['Low confidence, on "red"', 'Dark\nphoto', 'Blurry', 'a|b']);
    expect(readReasons(['One', 2, ' ', 'Two'])).toEqual(['One', 'Two']);
    expect([' ', '', ' |  | ', [], [1], false, { a: 'b' }].map(readReasons)).toEqual(new Array(7).fill(undefined));
  });

  it('reads true and false as a JSON boolean or as a spreadsheet writes them', () => {
    expect([true, 'true', 'TRUE', ' yes ', '1'].map(readAiGenerated)).toEqual([true, true, true, true, true]);
    expect([false, 'false', 'False', 'no', '0'].map(readAiGenerated)).toEqual([false, false, false, false, false]);
    expect(['', 'maybe', 1, null].map(readAiGenerated)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
