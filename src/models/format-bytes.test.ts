import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1_234_567, '1.2 MB'],
    [250_000_000, '250 MB'],
    [3_400_000_000, '3.4 GB'],
    [-1, 'unknown size'],
  ])('%d → %s', (n, text) => expect(formatBytes(n)).toBe(text));
});
