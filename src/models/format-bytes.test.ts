import { describe, expect, it } from 'vitest';
import { formatBytes, formatFilesSize } from './format-bytes';

describe('formatBytes', () => {
  it('uses decimal units, one decimal below 10', () => {
    expect(formatBytes(769_361)).toBe('769 KB');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
    expect(formatBytes(999_950)).toBe('1 MB');
    expect(formatBytes(0)).toBe('0 B');
  });
});

describe('formatFilesSize', () => {
  it('states the size and the file count together, singular for one file', () => {
    expect(formatFilesSize(769_361, 7)).toBe('769 KB (7 files)');
    expect(formatFilesSize(1_000, 1)).toBe('1 KB (1 file)');
  });
});
