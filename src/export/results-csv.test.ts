import { describe, expect, it } from 'vitest';
import { guardCell, importAltTextCsv, normalizeHeader, resultsToCsv, unguardCell } from './results-csv';
import { ImportError, toExportRow, type ExportableRecord, type ExportRow } from './rows';

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5, 6);
const HEADER = 'file_name,relative_path,hash,alt_text,status,review,model_id,dtype,device,created_at,updated_at,flags,ai_generated,model,review_priority,review_band,review_reasons,context,language\r\n';
const HASH = 'a'.repeat(64);

function record(overrides: Partial<ExportableRecord> = {}): ExportableRecord {
  return { fileName: 'a.jpg', text: 'A red car', status: 'done', review: 'unreviewed', createdAt: T0, updatedAt: T0 + 1000, ...overrides };
}

function thrown(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
  throw new Error('expected an ImportError');
}

describe('guardCell / unguardCell', () => {
  it('prefixes formula triggers and a leading apostrophe, nothing else', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'x", "''"].map(guardCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      "''x",
      "'''",
    ]);
    expect(['', 'a=b', ' =x', '1-2', '"q"'].map(guardCell)).toEqual(['', 'a=b', ' =x', '1-2', '"q"']);
  });

  it('is undone exactly, and leaves apostrophes the guard cannot have written', () => {
    for (const text of ['=1', '-', "'", "''tis", "'tis", '@', 'plain', '', '\t']) expect(unguardCell(guardCell(text))).toBe(text);
    expect(unguardCell("'tis the season")).toBe("'tis the season");
    expect(unguardCell("'")).toBe("'");
  });
});

describe('resultsToCsv', () => {
  it('writes the header and a full row byte for byte', () => {
    const row = toExportRow(
      record({
        relativePath: 'trip/a.jpg',
        hash: HASH,
        modelId: 'm/x',
        dtype: 'q8',
        device: 'wasm',
        review: 'approved',
        flags: ['too-long', 'starts-with-image-of'],
        reviewPriority: 0.41249,
        reviewBand: 'check',
        reviewReasons: ['Low confidence on "red"', 'Dark photo'],
        context: '=Acadia, "2019"',
        language: 'fr',
      }),
    );
    expect(resultsToCsv([row])).toBe(
      `\uFEFF${HEADER}a.jpg,trip/a.jpg,${HASH},A red car,done,approved,m/x,q8,wasm,2025-01-02T03:04:05.006Z,2025-01-02T03:04:06.006Z,too-long;starts-with-image-of,false,m/x,0.412,check,"Low confidence on ""red"" | Dark photo","'=Acadia, ""2019""",fr\r\n`,
    );
  });

  it('leaves absent optional fields empty and writes only the header for no rows', () => {
    expect(resultsToCsv([toExportRow(record({ status: 'failed', text: '' }))])).toBe(
      `\uFEFF${HEADER}a.jpg,,,,failed,unreviewed,,,,2025-01-02T03:04:05.006Z,2025-01-02T03:04:06.006Z,,false,,,,,,\r\n`,
    );
    expect(resultsToCsv([])).toBe(`\uFEFF${HEADER}`);
  });

  it('quotes and guards hostile text', () => {
    const row = toExportRow(record({ fileName: '=cmd.jpg', text: '-"quoted", and\nmore' }));
    expect(resultsToCsv([row])).toBe(
      `\uFEFF${HEADER}'=cmd.jpg,,,"'-""quoted"", and\nmore",done,unreviewed,,,,2025-01-02T03:04:05.006Z,2025-01-02T03:04:06.006Z,,true,,,,,,\r\n`,
    );
  });

  it('can write semicolons', () => {
    expect(resultsToCsv([toExportRow(record({ text: 'a; b' }))], { delimiter: ';' })).toBe(
      `\uFEFF${HEADER.replaceAll(',', ';')}a.jpg;;;"a; b";done;unreviewed;;;;2025-01-02T03:04:05.006Z;2025-01-02T03:04:06.006Z;;true;;;;;;\r\n`,
    );
  });
});

describe('normalizeHeader', () => {
  it('folds case, spaces and hyphens', () => {
    expect(['Alt Text', 'alt-text', ' FILE_NAME ', 'Relative  Path', 'SHA-256'].map(normalizeHeader)).toEqual([
      'alt_text',
      'alt_text',
      'file_name',
      'relative_path',
      'sha_256',
    ]);
  });
});

describe('importAltTextCsv', () => {
  it('maps aliased, case-insensitive columns and keeps line numbers', () => {
    const text = 'Image;Path;SHA256;Description;Other\nA.JPG ; x/A.JPG;ABC; Keep me ;z\n';
    expect(importAltTextCsv(text)).toEqual({
      format: 'csv',
      rows: [{ line: 2, fileName: 'A.JPG', relativePath: 'x/A.JPG', hash: 'abc', altText: ' Keep me ' }],
      skipped: [],
    });
  });

  it.each([
    ['filename,alt', 'fileName'],
    ['file,alttext', 'fileName'],
    ['name,alt-text', 'fileName'],
    ['relative_path,caption', 'relativePath'],
    ['hash,alt_text', 'hash'],
  ])('understands header %s', (header, key) => {
    const { rows } = importAltTextCsv(`${header}\nk,text\n`);
    expect(rows).toEqual([{ line: 2, [key]: 'k', altText: 'text' }]);
  });

  it('prefers the more specific column when several aliases are present', () => {
    const { rows } = importAltTextCsv('name,caption,file_name,alt\nwrong,no,right.jpg,yes\n');
    expect(rows).toEqual([{ line: 2, fileName: 'right.jpg', altText: 'yes' }]);
  });

  it('reports rows without a key or alt-text, and ignores empty rows', () => {
    const text = 'file_name,relative_path,alt_text\r\na.jpg,,ok\r\n,,orphan text\r\nb.jpg,,   \r\n,,\r\n"c.jpg",,"multi\nline"\r\nd.jpg\r\n';
    const result = importAltTextCsv(text);
    expect(result.rows).toEqual([
      { line: 2, fileName: 'a.jpg', altText: 'ok' },
      { line: 6, fileName: 'c.jpg', altText: 'multi\nline' },
    ]);
    expect(result.skipped).toEqual([
      { line: 3, reason: 'no-key', message: 'Line 3: skipped, it has no file name, path or hash to match an image by.' },
      { line: 4, reason: 'no-alt-text', message: 'Line 4: skipped, its alt-text is empty.' },
      { line: 8, reason: 'no-alt-text', message: 'Line 8: skipped, its alt-text is empty.' },
    ]);
  });

  it('reads tab-separated files with CR line endings and a BOM', () => {
    expect(importAltTextCsv('\uFEFFfile\talt\ra.jpg\tone, two\r').rows).toEqual([{ line: 2, fileName: 'a.jpg', altText: 'one, two' }]);
  });

  it('returns no rows for a header-only file', () => {
    expect(importAltTextCsv('file_name,alt_text\r\n\r\n')).toEqual({ format: 'csv', rows: [], skipped: [] });
  });

  it('fails clearly on an empty file, missing columns and an unterminated quote', () => {
    expect(thrown(() => importAltTextCsv('\uFEFF\r\n\r\n')).message).toBe('The file is empty: expected a header row such as "file_name,alt_text".');

    const noAlt = thrown(() => importAltTextCsv('file_name,text\na.jpg,x\n'));
    expect(noAlt.line).toBe(1);
    expect(noAlt.message).toBe('Line 1: no alt-text column. Name one of: alt_text, alt, alttext, description, caption (found "file_name", "text").');

    expect(thrown(() => importAltTextCsv('id,alt\n1,x\n')).message).toBe(
      'Line 1: no column says which image a text belongs to. Add a file_name, relative_path or hash column (found "id", "alt").',
    );

    const open = thrown(() => importAltTextCsv('file,alt\n\na.jpg,"oops\n'));
    expect(open.line).toBe(3);
    expect(open.message).toMatch(/^Line 3: a quoted field starts here but its closing quote/);
  });
});

describe('CSV round trip', () => {
  const texts: ExportRow[] = [
    record({ fileName: 'comma, file.jpg', relativePath: 'a/b, c/comma, file.jpg', hash: HASH, text: 'A dog, a cat, and a "bird"', review: 'edited', modelId: 'org/m-1', dtype: 'q8', device: 'wasm' }),
    record({ fileName: 'nl.png', text: 'Line one\nLine two\r\nLine three\rend', review: 'approved', flags: ['too-short', 'hedge'] }),
    record({ fileName: 'emoji 🎉.webp', relativePath: 'שנה/emoji 🎉.webp', text: '🎉 Party hats 👒 on a 🐕', review: 'imported' }),
    record({ fileName: 'rtl.jpg', text: 'כלב רץ על החוף — مرحبا بالعالم', reviewPriority: 0.9, reviewBand: 'needs-review', reviewReasons: ['Unsure of "dog", "beach"', 'Two lines\nof reason', '=formula-looking; reason'] }),
    record({ fileName: 'fine.jpg', modelId: 'org/m-2', reviewPriority: 0, reviewBand: 'fine', reviewReasons: [] }),
    record({ fileName: '=danger.jpg', text: '=HYPERLINK("http://x","click")' }),
    record({ fileName: '-dash.jpg', text: '- a list item' }),
    record({ fileName: 'plus.jpg', text: '+1 more; @mention' }),
    record({ fileName: "'quote.jpg", text: "'tis a ''quoted'' text" }),
    record({ fileName: 'tab.jpg', text: '\tindented' }),
    record({ fileName: 'trailing.jpg', text: 'kept as typed  \n' }),
  ].map(toExportRow);

  it('gives back the same texts, keys, review states, run details and provenance for every case, with each delimiter', () => {
    const expected = texts.map((r, i) => ({
      fileName: r.fileName,
      ...(r.relativePath !== undefined ? { relativePath: r.relativePath } : {}),
      ...(r.hash !== undefined ? { hash: r.hash } : {}),
      altText: r.altText,
      review: r.review,
      status: r.status,
      ...(r.modelId !== undefined ? { modelId: r.modelId } : {}),
      ...(r.dtype !== undefined ? { dtype: r.dtype, device: r.device } : {}),
      aiGenerated: r.aiGenerated,
      ...(r.reviewPriority !== undefined ? { reviewPriority: r.reviewPriority, reviewBand: r.reviewBand } : {}),
      // An empty list is an empty cell, which restores no reasons.
      ...(r.reviewReasons?.length ? { reviewReasons: r.reviewReasons } : {}),
      line: expect.any(Number) as number,
      i,
    }));
    for (const delimiter of [',', ';', '\t'] as const) {
      const result = importAltTextCsv(resultsToCsv(texts, { delimiter }));
      expect(result.skipped).toEqual([]);
      expect(result.rows.map((r, i) => ({ ...r, i }))).toEqual(expected);
    }
  });

  it('skips results that have no text yet, by line', () => {
    const rows = [record({ fileName: 'x.jpg', status: 'failed', text: '' }), record()].map(toExportRow);
    const result = importAltTextCsv(resultsToCsv(rows));
    expect(result.skipped.map((s) => [s.line, s.reason])).toEqual([[2, 'no-alt-text']]);
    expect(result.rows).toEqual([{ line: 3, fileName: 'a.jpg', altText: 'A red car', review: 'unreviewed', status: 'done', aiGenerated: true }]);
  });
});

describe('review states and run details', () => {
  it('reads them from the exact column names, forgiving case and spaces in the values', () => {
    const csv = 'File Name,Alt Text,Review,Status,Model ID,DType,Device\na.jpg,A.,  Edited ,DONE,org/m,Q8,WebGPU\n';
    expect(importAltTextCsv(csv).rows).toEqual([{ line: 2, fileName: 'a.jpg', altText: 'A.', review: 'edited', status: 'done', modelId: 'org/m', dtype: 'q8', device: 'webgpu' }]);
  });

  it('leaves out values Altscribe does not write, and blank cells', () => {
    const csv = 'file_name,alt_text,review,status,model_id,dtype,device\na.jpg,A.,banana,published,two words,int3,gpu\nb.jpg,B.,,,,,\nc.jpg,C.,\'=approved,\'+done,=cmd,@q8,-wasm\n';
    expect(importAltTextCsv(csv).rows).toEqual([
      { line: 2, fileName: 'a.jpg', altText: 'A.' },
      { line: 3, fileName: 'b.jpg', altText: 'B.' },
      // Unguarded, "=approved" is still not "approved", and no model id starts with "=".
      { line: 4, fileName: 'c.jpg', altText: 'C.' },
    ]);
  });

  it('finds nothing to restore in a plain two-column sheet', () => {
    expect(importAltTextCsv('path,alt\nx/a.jpg,"A, b."\n').rows).toEqual([{ line: 2, relativePath: 'x/a.jpg', altText: 'A, b.' }]);
  });
});

describe('provenance columns', () => {
  const header = 'file_name,alt_text,ai_generated,model,review_priority,review_band,review_reasons';

  it('reads them back, forgiving case, spaces and a spreadsheet’s TRUE', () => {
    const csv = `${header.toUpperCase()}\na.jpg,A.,TRUE , org/m ,0.412, Needs-Review ,"Low confidence, ""red"" | Dark photo"\n`;
    expect(importAltTextCsv(csv).rows).toEqual([
      { line: 2, fileName: 'a.jpg', altText: 'A.', aiGenerated: true, modelId: 'org/m', reviewPriority: 0.412, reviewBand: 'needs-review', reviewReasons: ['Low confidence, "red"', 'Dark photo'] },
    ]);
  });

  it('ignores a bad value for its own field and keeps the row and the other fields', () => {
    const csv = [
      header,
      'a.jpg,A.,maybe,org/m,high,check,One',
      'b.jpg,B.,false,two words,1.5,urgent,',
      'c.jpg,C.,,,-0.2,,',
      "d.jpg,D.,true,,'-1,fine,'=x | y",
    ].join('\n');
    const { rows, skipped } = importAltTextCsv(csv);
    expect(skipped).toEqual([]);
    expect(rows).toEqual([
      { line: 2, fileName: 'a.jpg', altText: 'A.', modelId: 'org/m', reviewBand: 'check', reviewReasons: ['One'] },
      { line: 3, fileName: 'b.jpg', altText: 'B.', aiGenerated: false },
      { line: 4, fileName: 'c.jpg', altText: 'C.' },
      { line: 5, fileName: 'd.jpg', altText: 'D.', aiGenerated: true, reviewBand: 'fine', reviewReasons: ['=x', 'y'] },
    ]);
  });

  it('prefers model_id over model when a sheet has both', () => {
    expect(importAltTextCsv('file_name,alt_text,model,model_id\na.jpg,A.,org/other,org/m\n').rows).toEqual([{ line: 2, fileName: 'a.jpg', altText: 'A.', modelId: 'org/m' }]);
  });

  it('reads an export made before these columns existed as before', () => {
    const old = '\uFEFFfile_name,relative_path,hash,alt_text,status,review,model_id,dtype,device,created_at,updated_at,flags\r\na.jpg,,,A red car,done,approved,m/x,q8,wasm,2025-01-02T03:04:05.006Z,2025-01-02T03:04:06.006Z,\r\n';
    expect(importAltTextCsv(old).rows).toEqual([{ line: 2, fileName: 'a.jpg', altText: 'A red car', review: 'approved', status: 'done', modelId: 'm/x', dtype: 'q8', device: 'wasm' }]);
  });
});
