import { describe, expect, it } from 'vitest';
import { matchImported, type MatchableItem } from './match-imported';
import type { ImportedRow } from './rows';

interface Item extends MatchableItem {
  id: string;
}

const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);

describe('matchImported', () => {
  it('prefers hash over path over file name', () => {
    const items: Item[] = [
      { id: 'byHash', fileName: 'renamed.jpg', hash: H1 },
      { id: 'byPath', fileName: 'x.jpg', relativePath: 'trip/x.jpg' },
      { id: 'byName', fileName: 'y.jpg' },
      { id: 'decoy', fileName: 'a.jpg', relativePath: 'a.jpg' },
    ];
    const rows: ImportedRow[] = [
      { line: 2, fileName: 'a.jpg', relativePath: 'a.jpg', hash: H1.toUpperCase(), altText: 'h' },
      { line: 3, fileName: 'y.jpg', relativePath: 'trip\\x.jpg', altText: 'p' },
      { line: 4, fileName: 'y.jpg', altText: 'n' },
    ];
    const result = matchImported(rows, items);
    expect(result.matched.map((m) => [m.row.line, m.item.id, m.by])).toEqual([
      [2, 'byHash', 'hash'],
      [3, 'byPath', 'relativePath'],
      [4, 'byName', 'fileName'],
    ]);
    expect(result).toMatchObject({ ambiguous: [], duplicates: [], unmatched: [] });
  });

  it('falls back to path and name when the hash is unknown (a re-encoded file)', () => {
    const items: Item[] = [{ id: 'a', fileName: 'a.jpg', hash: H2 }];
    const result = matchImported([{ hash: H1, fileName: 'a.jpg', altText: 't' }], items);
    expect(result.matched.map((m) => [m.item.id, m.by])).toEqual([['a', 'fileName']]);
  });

  it('compares file names case-sensitively', () => {
    const result = matchImported([{ fileName: 'IMG_1.JPG', altText: 't' }], [{ fileName: 'img_1.jpg' }]);
    expect(result.matched).toEqual([]);
    expect(result.unmatched).toHaveLength(1);
  });

  it('reports a shared file name as ambiguous instead of guessing', () => {
    const items: Item[] = [
      { id: 'one', fileName: 'cover.jpg' },
      { id: 'two', fileName: 'cover.jpg' },
    ];
    const row = { line: 5, fileName: 'cover.jpg', altText: 't' };
    const result = matchImported([row], items);
    expect(result.matched).toEqual([]);
    expect(result.ambiguous).toEqual([{ row, by: 'fileName', candidates: items }]);
  });

  it('uses the row path to tell same-named items apart, and never pairs different folders', () => {
    const items: Item[] = [
      { id: '2023', fileName: 'cover.jpg', relativePath: 'Photos/2023/cover.jpg' },
      { id: '2024', fileName: 'cover.jpg', relativePath: 'Photos/2024/cover.jpg' },
    ];
    const result = matchImported(
      [
        { line: 2, relativePath: '2023/cover.jpg', altText: 'suffix of a deeper root' },
        { line: 3, relativePath: 'Other/2025/cover.jpg', altText: 'different folder' },
      ],
      items,
    );
    expect(result.matched.map((m) => [m.row.line, m.item.id, m.by])).toEqual([[2, '2023', 'fileName']]);
    expect(result.unmatched.map((r) => r.line)).toEqual([3]);
  });

  it('matches a path-only row by its file name when items have no paths yet', () => {
    const result = matchImported([{ relativePath: 'dir/sub/a.jpg', altText: 't' }], [{ fileName: 'a.jpg' }]);
    expect(result.matched.map((m) => m.by)).toEqual(['fileName']);
  });

  it('narrows copies with the same hash by path, then name, else reports them', () => {
    const items: Item[] = [
      { id: 'p', fileName: 'a.jpg', relativePath: 'x/a.jpg', hash: H1 },
      { id: 'q', fileName: 'b.jpg', relativePath: 'y/b.jpg', hash: H1 },
    ];
    const result = matchImported(
      [
        { line: 2, hash: H1, relativePath: 'y/b.jpg', altText: 'by path' },
        { line: 3, hash: H1, fileName: 'a.jpg', altText: 'by name' },
        { line: 4, hash: H1, altText: 'which one?' },
      ],
      items,
    );
    expect(result.matched.map((m) => [m.row.line, m.item.id, m.by])).toEqual([
      [2, 'q', 'hash'],
      [3, 'p', 'hash'],
    ]);
    expect(result.ambiguous.map((a) => [a.row.line, a.by, a.candidates.map((c) => c.id)])).toEqual([[4, 'hash', ['p', 'q']]]);
  });

  it('reports an ambiguous relative path', () => {
    const items: Item[] = [
      { id: 'a', fileName: 'a.jpg', relativePath: 'd/a.jpg' },
      { id: 'b', fileName: 'a.jpg', relativePath: 'd/a.jpg' },
    ];
    const result = matchImported([{ relativePath: 'd/a.jpg', altText: 't' }], items);
    expect(result.ambiguous.map((a) => a.by)).toEqual(['relativePath']);
  });

  it('lets the first row win an item and reports later ones as duplicates', () => {
    const item: Item = { id: 'a', fileName: 'a.jpg', hash: H1 };
    const first = { line: 2, fileName: 'a.jpg', altText: 'first' };
    const second = { line: 3, hash: H1, altText: 'second' };
    const result = matchImported([first, second], [item]);
    expect(result.matched).toEqual([{ row: first, item, by: 'fileName' }]);
    expect(result.duplicates).toEqual([{ row: second, item, firstRow: first }]);
  });

  it('leaves rows unmatched when there is nothing to match', () => {
    const rows = [{ fileName: 'a.jpg', altText: 't' }, { hash: H1, altText: 't' }];
    expect(matchImported(rows, [])).toEqual({ matched: [], ambiguous: [], duplicates: [], unmatched: rows });
    expect(matchImported([], [{ fileName: 'a.jpg' }])).toEqual({ matched: [], ambiguous: [], duplicates: [], unmatched: [] });
  });
});
