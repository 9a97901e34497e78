import { describe, expect, it } from 'vitest';
import { buildCompareJson, compareJsonFileName, compareToJson, parseCompareJson } from './compare-json';
import { ImportError } from './rows';

const rows = [
  { image: '000-a.png', altTexts: new Map([['altscribe/shapes-captioner', 'A red circle.'], ['altscribe/tiny-florence2', 'Cat dog.']]) },
  { image: '001-b.png', altTexts: new Map([['altscribe/tiny-florence2', 'A "quoted" word, and ünïcode.']]) },
];

function errorOf(text: string): string {
  try {
    parseCompareJson(text);
  } catch (err) {
    if (err instanceof ImportError) return err.message;
    throw err;
  }
  throw new Error('expected an ImportError');
}

describe('compare JSON', () => {
  it('has exactly the seed script shape: a list, one { image, alt-texts } object per image', () => {
    const parsed: unknown = JSON.parse(compareToJson(rows));
    expect(parsed).toEqual([
      { image: '000-a.png', 'alt-texts': { 'altscribe/shapes-captioner': 'A red circle.', 'altscribe/tiny-florence2': 'Cat dog.' } },
      { image: '001-b.png', 'alt-texts': { 'altscribe/tiny-florence2': 'A "quoted" word, and ünïcode.' } },
    ]);
    for (const item of parsed as object[]) expect(Object.keys(item)).toEqual(['image', 'alt-texts']);
  });

  it('keeps the models in column order', () => {
    const reordered = [{ image: 'x.png', altTexts: new Map([['z/last', 'Z.'], ['a/first', 'A.']]) }];
    expect(Object.keys(buildCompareJson(reordered)[0]!['alt-texts'])).toEqual(['z/last', 'a/first']);
  });

  it('writes indented JSON ending in a newline', () => {
    const text = compareToJson(rows);
    expect(text.endsWith(']\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  {');
  });

  it('round-trips through the reader, also with a BOM in front', () => {
    expect(parseCompareJson(compareToJson(rows))).toEqual(buildCompareJson(rows));
    expect(parseCompareJson(`\uFEFF${compareToJson(rows)}`)).toEqual(buildCompareJson(rows));
    expect(parseCompareJson(compareToJson([]))).toEqual([]);
  });

  it('refuses files that are not a compare export, saying where', () => {
    expect(errorOf('{nope')).toMatch(/^The file is not valid JSON/);
    expect(errorOf('{"image":"a.png"}')).toBe('A compare export is a JSON list with one object per image.');
    expect(errorOf('[1]')).toBe('Item 1 is not an object.');
    expect(errorOf('[{"alt-texts":{}}]')).toBe('Item 1 has no "image" name.');
    expect(errorOf('[{"image":"a.png","alt-texts":{"m":"ok"}},{"image":"b.png"}]')).toBe('Item 2 (b.png) has no "alt-texts" object.');
    expect(errorOf('[{"image":"a.png","alt-texts":{"m":3}}]')).toBe('Item 1 (a.png): the alt-text of m is not text.');
  });

  it('names the download by the local date', () => {
    expect(compareJsonFileName(new Date(2026, 0, 5, 0, 30))).toBe('altscribe-compare-2026-01-05.json');
    expect(compareJsonFileName(new Date(2026, 10, 27, 23, 59))).toBe('altscribe-compare-2026-11-27.json');
  });
});
