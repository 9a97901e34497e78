import { describe, expect, it } from 'vitest';
import type { CaptionRecord } from '../storage';
import { exportFileName, exportResults, importAltTexts, matchImported } from './index';

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5, 6);

const records: CaptionRecord[] = [
  { id: '1', fileName: 'a.jpg', mimeType: 'image/jpeg', byteSize: 10, status: 'done', text: 'A, "quoted"\nthing', review: 'edited', createdAt: T0, updatedAt: T0 },
  { id: '2', fileName: 'b.png', mimeType: 'image/png', byteSize: 20, status: 'done', text: '-minus first', review: 'approved', createdAt: T0, updatedAt: T0 },
];

describe('exportResults / importAltTexts', () => {
  it('exports today’s CaptionRecord as CSV and JSON that import back into the same items', () => {
    const exportedAt = new Date(2025, 5, 1, 23, 30);
    for (const format of ['csv', 'json'] as const) {
      const file = exportResults(records, format, exportedAt);
      expect(file.fileName).toBe(`altscribe-results-2025-06-01.${format}`);
      expect(file.mimeType).toBe(format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');

      const imported = importAltTexts(file.text);
      expect(imported.format).toBe(format);
      const { matched } = matchImported(imported.rows, records);
      expect(matched.map((m) => [m.item.id, m.row.altText])).toEqual(records.map((r) => [r.id, r.text]));
    }
  });

  it('detects the format from the content, past a BOM and whitespace', () => {
    expect(importAltTexts('\uFEFF \n{"format":"altscribe-results","version":1,"items":[]}').format).toBe('json');
    expect(importAltTexts('\uFEFFfile;alt\na.jpg;x\n').format).toBe('csv');
    expect(() => importAltTexts('[]')).toThrow(/not an Altscribe results export/);
  });

  it('names files by the local date', () => {
    expect(exportFileName('json', new Date(2024, 0, 9, 0, 5))).toBe('altscribe-results-2024-01-09.json');
  });
});
