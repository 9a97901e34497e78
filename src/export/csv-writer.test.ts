import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, toCsv } from './csv-writer';

describe('csvField', () => {
  it('leaves plain text unquoted, including spaces, emoji and RTL text', () => {
    expect(csvField('A red car')).toBe('A red car');
    expect(csvField(' padded ')).toBe(' padded ');
    expect(csvField('🚗 גשר')).toBe('🚗 גשר');
    expect(csvField('')).toBe('');
  });

  it('quotes a comma, a quote, CR or LF and doubles embedded quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('"')).toBe('""""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('quotes for the delimiter in use, not always for a comma', () => {
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('a,b', ';')).toBe('a,b');
    expect(csvField('a\tb', '\t')).toBe('"a\tb"');
    expect(csvField('a\tb')).toBe('a\tb');
  });
});

describe('csvRecord', () => {
  it('joins fields with the delimiter', () => {
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",');
    expect(csvRecord(['a', 'b;c'], ';')).toBe('a;"b;c"');
  });

  it('quotes a lone empty field so the record is not read as a blank line', () => {
    expect(csvRecord([''])).toBe('""');
    expect(csvRecord(['', ''])).toBe(',');
  });
});

describe('toCsv', () => {
  it('writes a BOM, CRLF after every record, and keeps line breaks inside fields as they are', () => {
    const csv = toCsv([
      ['file_name', 'alt_text'],
      ['a.jpg', 'Two lines:\nsecond'],
      ['b "x".png', 'Comma, and "quotes"'],
    ]);
    expect(csv).toBe('\uFEFFfile_name,alt_text\r\na.jpg,"Two lines:\nsecond"\r\n"b ""x"".png","Comma, and ""quotes"""\r\n');
  });

  it('can leave out the BOM and use a semicolon', () => {
    expect(toCsv([['a', 'b;c'], ['1', '2']], { bom: false, delimiter: ';' })).toBe('a;"b;c"\r\n1;2\r\n');
  });

  it('writes only the BOM for no records', () => {
    expect(toCsv([])).toBe('\uFEFF');
  });
});
