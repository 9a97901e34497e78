import { describe, expect, it } from 'vitest';
import { formatCount } from './format-count';

describe('formatCount', () => {
  it('writes whole counts exactly as toLocaleString("en") does', () => {
    for (const count of [0, 1, 7, 42, 999, 1_000, 1_234, 9_999, 10_000, 123_456, 1_000_000, 9_876_543_210, -1, -1_234, Number.MAX_SAFE_INTEGER]) {
      expect(formatCount(count)).toBe(count.toLocaleString('en'));
    }
  });

  it('leaves what is not a whole count to Intl', () => {
    for (const value of [1.5, 1234.5678, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatCount(value)).toBe(value.toLocaleString('en'));
  });
});
