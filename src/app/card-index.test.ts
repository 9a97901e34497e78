import { describe, expect, it } from 'vitest';
import { CardIndex } from './card-index';

const cards = (...ids: string[]) => ids.map((id) => ({ record: { id } }));

describe('CardIndex', () => {
  it('finds cards, also ones appended or replaced in place since', () => {
    const index = new CardIndex<{ record: { id: string } }>();
    let list = cards('a', 'b', 'c');
    expect(index.indexOf(list, 'b')).toBe(1);
    list = [...list, ...cards('d')];
    expect(index.indexOf(list, 'd')).toBe(3);
    list = list.map((c) => (c.record.id === 'c' ? { record: { id: 'c' } } : c));
    expect(index.indexOf(list, 'c')).toBe(2);
    expect(index.indexOf(list, 'zz')).toBeUndefined();
  });

  it('follows removals and reorders made anywhere in the list', () => {
    const index = new CardIndex<{ record: { id: string } }>();
    const list = cards('a', 'b', 'c', 'd');
    expect(index.indexOf(list, 'd')).toBe(3);
    expect(index.indexOf(cards('a', 'c', 'd'), 'd')).toBe(2);
    expect(index.indexOf(cards('a', 'c', 'd'), 'b')).toBeUndefined();
    // Same length, same last card, two swapped: the stale position is caught when used.
    expect(index.indexOf(cards('c', 'a', 'd'), 'a')).toBe(1);
    expect(index.indexOf(cards('c', 'a', 'd'), 'c')).toBe(0);
    expect(index.indexOf(cards('d', 'c', 'a', 'e'), 'e')).toBe(3);
    expect(index.indexOf(cards('d', 'c', 'a', 'e'), 'd')).toBe(0);
    expect(index.indexOf([], 'd')).toBeUndefined();
  });

  it('agrees with a scan of the list after random edits', () => {
    const index = new CardIndex<{ record: { id: string } }>();
    let list = cards(...Array.from({ length: 50 }, (_, i) => `id-${i}`));
    let next = 50;
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let step = 0; step < 2000; step++) {
      const r = random();
      if (r < 0.3) list = [...list, ...cards(`id-${next++}`)];
      else if (r < 0.45 && list.length) list = list.filter((_, i) => i !== Math.floor(random() * list.length));
      else if (r < 0.5) list = [...list].reverse();
      const id = `id-${Math.floor(random() * next)}`;
      const expected = list.findIndex((c) => c.record.id === id);
      expect(index.indexOf(list, id)).toBe(expected < 0 ? undefined : expected);
    }
  });
});
