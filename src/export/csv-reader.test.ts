import { describe, expect, it } from 'vitest';
import { CsvParseError, detectDelimiter, parseCsv } from './csv-reader';
import { toCsv } from './csv-writer';
import { ImportError } from './rows';

const fieldsOf = (text: string): string[][] => parseCsv(text).records.map((r) => r.fields);

describe('detectDelimiter', () => {
  it('picks the most frequent candidate on the header line', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1,2')).toBe('\t');
    expect(detectDelimiter('\uFEFFfile;alt\r\n')).toBe(';');
  });

  it('ignores delimiters inside quoted header names', () => {
    expect(detectDelimiter('"a,b,c";d;e')).toBe(';');
    expect(detectDelimiter('"x;y;z",w')).toBe(',');
  });

  it('falls back to a comma for a one-column header or a tie', () => {
    expect(detectDelimiter('alt_text\nfoo;bar')).toBe(',');
    expect(detectDelimiter('a;b,c')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and embedded line breaks', () => {
    const text = 'name,alt\r\n"a,b.jpg","He said ""hi""\r\nthen left"\r\nc.jpg,plain\r\n';
    const { records, delimiter } = parseCsv(text);
    expect(delimiter).toBe(',');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'alt'] },
      { line: 2, fields: ['a,b.jpg', 'He said "hi"\r\nthen left'] },
      // The record before spans lines 2-3, so this one starts on line 4.
      { line: 4, fields: ['c.jpg', 'plain'] },
    ]);
  });

  it('accepts CRLF, LF and lone CR line endings, mixed', () => {
    expect(fieldsOf('a,b\r\n1,2\n3,4\r5,6')).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
    expect(parseCsv('h\r"x\ry"\rz').records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('drops a BOM and skips blank lines, trailing ones included', () => {
    const { records } = parseCsv('\uFEFFa,b\n\n1,2\r\n\r\n\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('keeps a line of bare delimiters and a lone quoted empty field as records', () => {
    expect(fieldsOf('a,b\n,\n""\n')).toEqual([['a', 'b'], ['', ''], ['']]);
  });

  it('keeps empty fields at either end and does not trim', () => {
    expect(fieldsOf(',x, y ,')).toEqual([['', 'x', ' y ', '']]);
  });

  it('reads semicolon and tab files when detected', () => {
    expect(parseCsv('file;alt\na.jpg;"x; y"\n')).toEqual({ delimiter: ';', records: [{ line: 1, fields: ['file', 'alt'] }, { line: 2, fields: ['a.jpg', 'x; y'] }] });
    expect(fieldsOf('file\talt\na.jpg\tx, y\n')).toEqual([['file', 'alt'], ['a.jpg', 'x, y']]);
  });

  it('uses a given delimiter over detection', () => {
    expect(parseCsv('a;b,c', { delimiter: ';' }).records[0]?.fields).toEqual(['a', 'b,c']);
  });

  it('treats stray quotes as data instead of failing', () => {
    expect(fieldsOf('"He said "hi" twice",x')).toEqual([['He said "hi" twice', 'x']]);
    expect(fieldsOf('5" screen,x')).toEqual([['5" screen', 'x']]);
  });

  it('reads the last record without a final line break, and an empty last field', () => {
    expect(fieldsOf('a,b\n1,')).toEqual([['a', 'b'], ['1', '']]);
    expect(fieldsOf('a,"b"')).toEqual([['a', 'b']]);
  });

  it('names the line where an unterminated quote opens', () => {
    const text = 'file,alt\na.jpg,fine\nb.jpg,"never closed\nc.jpg,more\n';
    expect(() => parseCsv(text)).toThrow(CsvParseError);
    try {
      parseCsv(text);
    } catch (err) {
      expect(err).toBeInstanceOf(ImportError);
      expect((err as CsvParseError).line).toBe(3);
      expect((err as Error).message).toBe(
        'Line 3: a quoted field starts here but its closing quote (") is missing, so the rest of the file cannot be read.',
      );
    }
  });

  it('reads back exactly what the writer wrote', () => {
    const records = [
      ['h1', 'h2', 'h3'],
      ['', '""', 'a,b'],
      ['x\r\ny', '\n', '🚀 مرحبا'],
      ['\r', ' ', ','],
    ];
    expect(parseCsv(toCsv(records)).records.map((r) => r.fields)).toEqual(records);
    expect(parseCsv(toCsv(records, { delimiter: '\t' })).records.map((r) => r.fields)).toEqual(records);
  });
});
