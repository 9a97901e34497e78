import { describe, expect, it } from 'vitest';
import { buildResultsJson, importResultsJson, resultsToJson } from './results-json';
import { ImportError, toExportRow, type ExportableRecord } from './rows';

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5, 6);
const EXPORTED = new Date(Date.UTC(2025, 5, 1, 12, 0, 0));
const HASH = 'ab'.repeat(32);

function record(overrides: Partial<ExportableRecord> = {}): ExportableRecord {
  return { fileName: 'a.jpg', text: 'A red car', status: 'done', review: 'unreviewed', createdAt: T0, updatedAt: T0, ...overrides };
}

function errorOf(text: string): string {
  try {
    importResultsJson(text);
  } catch (err) {
    if (err instanceof ImportError) return err.message;
    throw err;
  }
  throw new Error('expected an ImportError');
}

describe('toExportRow', () => {
  it('carries today’s record fields and leaves absent ones out', () => {
    expect(toExportRow(record())).toEqual({
      fileName: 'a.jpg',
      altText: 'A red car',
      status: 'done',
      review: 'unreviewed',
      createdAt: '2025-01-02T03:04:05.006Z',
      updatedAt: '2025-01-02T03:04:05.006Z',
      aiGenerated: true,
    });
  });

  it("carries the person's context under `context` in the row and the JSON item, and leaves an empty one out", () => {
    expect(toExportRow(record({ context: 'Acadia, "2019"' })).context).toBe('Acadia, "2019"');
    expect(toExportRow(record({ context: '' }))).not.toHaveProperty('context');
    const [item] = buildResultsJson([toExportRow(record({ context: 'Acadia' }))], EXPORTED).items;
    expect(item).toMatchObject({ fileName: 'a.jpg', context: 'Acadia' });
  });

  it('carries the language of a text that is not English under `language`, and leaves English out', () => {
    expect(toExportRow(record({ language: 'fr' })).language).toBe('fr');
    expect(toExportRow(record({}))).not.toHaveProperty('language');
    const [item] = buildResultsJson([toExportRow(record({ language: 'de' }))], EXPORTED).items;
    expect(item).toMatchObject({ fileName: 'a.jpg', language: 'de' });
  });

  it.each([
    ['unreviewed', true],
    ['edited', false],
    ['approved', false],
    ['imported', false],
  ] as const)('marks a %s text aiGenerated: %s', (review, aiGenerated) => {
    expect(toExportRow(record({ review })).aiGenerated).toBe(aiGenerated);
  });

  it('carries the provenance, priority rounded to three decimals, after every older field', () => {
    const reasons = ['Unsure of "red"'];
    const row = toExportRow(record({ modelId: 'org/m', flags: [], reviewPriority: 0.41251, reviewBand: 'check', reviewReasons: reasons }));
    expect(row).toMatchObject({ aiGenerated: true, model: 'org/m', reviewPriority: 0.413, reviewBand: 'check', reviewReasons: reasons });
    expect(row.reviewReasons).not.toBe(reasons);
    expect(Object.keys(row).slice(-6)).toEqual(['flags', 'aiGenerated', 'model', 'reviewPriority', 'reviewBand', 'reviewReasons']);
  });

  it('carries the later fields (path, hash, flags, imported review) when present', () => {
    const flags = ['too-long'];
    const row = toExportRow(record({ relativePath: 'x/a.jpg', hash: HASH, flags, review: 'imported', modelId: 'm', dtype: 'fp32', device: 'webgpu' }));
    expect(row).toMatchObject({ relativePath: 'x/a.jpg', hash: HASH, flags: ['too-long'], review: 'imported', modelId: 'm', dtype: 'fp32', device: 'webgpu' });
    expect(row.flags).not.toBe(flags);
  });

  it('turns an unusable timestamp into an empty string instead of throwing', () => {
    expect(toExportRow(record({ createdAt: Number.NaN, updatedAt: 1e20 }))).toMatchObject({ createdAt: '', updatedAt: '' });
  });
});

describe('resultsToJson', () => {
  it('writes the envelope, the fields (provenance under the CSV column names) and ISO timestamps exactly', () => {
    const rows = [
      toExportRow(record({ hash: HASH, flags: [], modelId: 'org/m', reviewPriority: 0.4, reviewBand: 'check', reviewReasons: ['Dark photo'] })),
      toExportRow(record({ fileName: 'b.png', text: '', status: 'failed' })),
    ];
    expect(resultsToJson(rows, EXPORTED)).toBe(
      [
        '{',
        '  "format": "altscribe-results",',
        '  "version": 1,',
        '  "exportedAt": "2025-06-01T12:00:00.000Z",',
        '  "items": [',
        '    {',
        '      "fileName": "a.jpg",',
        '      "altText": "A red car",',
        '      "status": "done",',
        '      "review": "unreviewed",',
        '      "createdAt": "2025-01-02T03:04:05.006Z",',
        '      "updatedAt": "2025-01-02T03:04:05.006Z",',
        `      "hash": "${HASH}",`,
        '      "modelId": "org/m",',
        '      "flags": [],',
        '      "ai_generated": true,',
        '      "model": "org/m",',
        '      "review_priority": 0.4,',
        '      "review_band": "check",',
        '      "review_reasons": [',
        '        "Dark photo"',
        '      ]',
        '    },',
        '    {',
        '      "fileName": "b.png",',
        '      "altText": "",',
        '      "status": "failed",',
        '      "review": "unreviewed",',
        '      "createdAt": "2025-01-02T03:04:05.006Z",',
        '      "updatedAt": "2025-01-02T03:04:05.006Z",',
        '      "ai_generated": false',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('builds an empty export', () => {
    expect(buildResultsJson([], EXPORTED)).toEqual({ format: 'altscribe-results', version: 1, exportedAt: '2025-06-01T12:00:00.000Z', items: [] });
  });
});

describe('importResultsJson', () => {
  it('round-trips texts, keys, review states, run details and provenance, including awkward text', () => {
    const reasons = ['Unsure of "red", "blue"', 'Two\nlines'];
    const records = [
      record({ fileName: 'q "x", y.jpg', relativePath: 'dir/q "x", y.jpg', hash: HASH, text: '=SUM(1)\n"quoted", 🎉 שלום', review: 'edited', modelId: 'org/model-1', dtype: 'q4f16', device: 'webgpu', reviewPriority: 0.8, reviewBand: 'needs-review', reviewReasons: reasons }),
      record({ fileName: ' spaced .jpg', text: '  kept exactly  ', review: 'approved', flags: ['too-short'] }),
      record({ fileName: 'c.jpg', text: 'A cut-off capt', status: 'cancelled', modelId: 'org/m', reviewPriority: 0.123, reviewBand: 'fine', reviewReasons: [] }),
    ];
    const result = importResultsJson(resultsToJson(records.map(toExportRow), EXPORTED));
    expect(result).toEqual({
      format: 'json',
      rows: [
        { item: 1, fileName: 'q "x", y.jpg', relativePath: 'dir/q "x", y.jpg', hash: HASH, altText: '=SUM(1)\n"quoted", 🎉 שלום', review: 'edited', status: 'done', modelId: 'org/model-1', dtype: 'q4f16', device: 'webgpu', aiGenerated: false, reviewPriority: 0.8, reviewBand: 'needs-review', reviewReasons: reasons },
        { item: 2, fileName: ' spaced .jpg', altText: '  kept exactly  ', review: 'approved', status: 'done', aiGenerated: false },
        { item: 3, fileName: 'c.jpg', altText: 'A cut-off capt', review: 'unreviewed', status: 'cancelled', modelId: 'org/m', aiGenerated: true, reviewPriority: 0.123, reviewBand: 'fine' },
      ],
      skipped: [],
    });
  });

  it('drops review states and run details that are not values Altscribe writes', () => {
    const items = [
      { fileName: 'a.jpg', altText: 'A.', review: 'banana', status: 'published', modelId: 'two words', dtype: 'int3', device: 'gpu' },
      { fileName: 'b.jpg', altText: 'B.', review: 7, status: null, modelId: 42, dtype: ['q8'], device: { wasm: true } },
      { fileName: 'c.jpg', altText: 'C.', review: ' Approved ', status: 'DONE', modelId: `${'m'.repeat(201)}`, device: 'WASM' },
    ];
    const result = importResultsJson(JSON.stringify({ format: 'altscribe-results', version: 1, exportedAt: '', items }));
    expect(result.rows).toEqual([
      { item: 1, fileName: 'a.jpg', altText: 'A.' },
      { item: 2, fileName: 'b.jpg', altText: 'B.' },
      { item: 3, fileName: 'c.jpg', altText: 'C.', review: 'approved', status: 'done', device: 'wasm' },
    ]);
  });

  it('ignores a bad provenance value for its own field and keeps the item', () => {
    const items = [
      { fileName: 'a.jpg', altText: 'A.', aiGenerated: 'perhaps', model: 'org/m', reviewPriority: '0.5', reviewBand: 'urgent', reviewReasons: 'One | Two' },
      { fileName: 'b.jpg', altText: 'B.', aiGenerated: 1, reviewPriority: 1.2, reviewBand: null, reviewReasons: [3, 'Kept'] },
      { fileName: 'c.jpg', altText: 'C.', aiGenerated: false, reviewPriority: -0.01, reviewBand: 'Fine', reviewReasons: { a: 'b' } },
    ];
    const result = importResultsJson(JSON.stringify({ format: 'altscribe-results', version: 1, exportedAt: '', items }));
    expect(result.skipped).toEqual([]);
    expect(result.rows).toEqual([
      { item: 1, fileName: 'a.jpg', altText: 'A.', modelId: 'org/m', reviewPriority: 0.5, reviewReasons: ['One', 'Two'] },
      { item: 2, fileName: 'b.jpg', altText: 'B.', reviewReasons: ['Kept'] },
      { item: 3, fileName: 'c.jpg', altText: 'C.', aiGenerated: false, reviewBand: 'fine' },
    ]);
  });

  it('reads an export made before the provenance fields existed as before', () => {
    const items = [{ fileName: 'a.jpg', altText: 'A.', status: 'done', review: 'unreviewed', modelId: 'org/m', createdAt: '', updatedAt: '' }];
    expect(importResultsJson(JSON.stringify({ format: 'altscribe-results', version: 1, exportedAt: '', items })).rows).toEqual([
      { item: 1, fileName: 'a.jpg', altText: 'A.', status: 'done', review: 'unreviewed', modelId: 'org/m' },
    ]);
  });

  it('reports unusable items by position and lowercases hashes', () => {
    const doc = {
      format: 'altscribe-results',
      version: 1,
      exportedAt: '',
      items: [
        null,
        { altText: 'no key' },
        { fileName: 'empty.jpg', altText: ' ' },
        { fileName: 42, hash: 'ABCDEF', altText: 'ok' },
        { relativePath: 'p/x.jpg', altText: 7 },
      ],
    };
    const result = importResultsJson(`\uFEFF${JSON.stringify(doc)}`);
    expect(result.rows).toEqual([{ item: 4, hash: 'abcdef', altText: 'ok' }]);
    expect(result.skipped).toEqual([
      { item: 1, reason: 'not-an-object', message: 'Item 1: skipped, it is not an object.' },
      { item: 2, reason: 'no-key', message: 'Item 2: skipped, it has no file name, path or hash to match an image by.' },
      { item: 3, reason: 'no-alt-text', message: 'Item 3 (empty.jpg): skipped, its alt-text is empty.' },
      { item: 5, reason: 'no-alt-text', message: 'Item 5 (p/x.jpg): skipped, its alt-text is empty.' },
    ]);
  });

  it('refuses files that are not a readable Altscribe export', () => {
    expect(errorOf('{"format": ')).toMatch(/^The file is not valid JSON \(.+\)\.$/);
    expect(errorOf('[1, 2]')).toBe('This JSON file is not an Altscribe results export (expected "format": "altscribe-results").');
    expect(errorOf('{"format": "other", "items": []}')).toBe('This JSON file is not an Altscribe results export (expected "format": "altscribe-results").');
    expect(errorOf('{"format": "altscribe-results", "items": []}')).toBe('This Altscribe export has no valid "version" number, so it cannot be read safely.');
    expect(errorOf('{"format": "altscribe-results", "version": 1.5, "items": []}')).toBe(
      'This Altscribe export has no valid "version" number, so it cannot be read safely.',
    );
    expect(errorOf('{"format": "altscribe-results", "version": 2, "items": []}')).toBe(
      'This export was made by a newer Altscribe (format version 2); this one reads version 1. Update the app and try again.',
    );
    expect(errorOf('{"format": "altscribe-results", "version": 1, "items": {}}')).toBe('This Altscribe export has no "items" list.');
  });
});
