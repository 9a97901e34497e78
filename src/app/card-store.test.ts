import { describe, expect, it } from 'vitest';
import type { CaptionRecord } from '../storage';
import { batchCounter, MINE_FAILED, MINE_QUEUED } from './batch-controls';
import { CardStore, type CardChange } from './card-store';
import type { CardView } from './card-view';
import { matchesStatus, ShownCards, statusCounter, statusCounts, STATUS_FILTERS } from './result-filters';

const STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'skipped'] as const;
const REVIEWS = ['unreviewed', 'edited', 'approved', 'imported'] as const;

function card(id: string, record: Partial<CaptionRecord> = {}, canRetry = true): CardView {
  return { record: { id, fileName: `${id}.png`, mimeType: 'image/png', byteSize: 1, status: 'done', text: 't', review: 'unreviewed', createdAt: 1, updatedAt: 1, hash: `h-${id}`, ...record }, canRetry };
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe('CardStore', () => {
  it('keeps every count equal to a full recount through 3,000 random adds, changes and removals', () => {
    const store = new CardStore([statusCounter, batchCounter]);
    const next = random(7);
    const pick = <T>(from: readonly T[]): T => from[Math.floor(next() * from.length)]!;
    let serial = 0;
    for (let step = 0; step < 3_000; step++) {
      const roll = next();
      const ids = store.ids;
      if (roll < 0.3 || ids.length === 0) store.add([card(`c${serial++}`, { status: pick(STATUSES), review: pick(REVIEWS) }, next() < 0.5)]);
      else if (roll < 0.9) store.update(pick(ids), (c) => ({ ...c, canRetry: next() < 0.5, record: { ...c.record, status: pick(STATUSES), review: pick(REVIEWS) } }));
      else store.remove(pick(ids));
    }
    const all = store.list();
    expect(statusCounts(store)).toEqual(Object.fromEntries(STATUS_FILTERS.map((f) => [f, all.filter((c) => matchesStatus(c.record, f)).length])));
    expect(store.count(MINE_QUEUED)).toBe(all.filter((c) => c.canRetry && c.record.status === 'queued').length);
    expect(store.count(MINE_FAILED)).toBe(all.filter((c) => c.canRetry && c.record.status === 'failed').length);
  });

  it('tells subscribers what changed, per record, and keeps the id list the same array until membership changes', () => {
    const store = new CardStore();
    const changes: CardChange['type'][] = [];
    store.subscribe((change) => changes.push(change.type));
    store.add([card('a'), card('b')]);
    const ids = store.ids;
    store.update('a', (c) => ({ ...c, record: { ...c.record, text: 'new' } }));
    expect(store.ids).toBe(ids);
    expect(store.get('a')?.record.text).toBe('new');
    store.remove('a');
    expect(store.ids).toEqual(['b']);
    expect(changes).toEqual(['added', 'changed', 'removed']);
    // A change to a card that is not there is no change at all.
    expect(store.update('gone', (c) => c)).toBeUndefined();
    expect(changes).toHaveLength(3);
  });

  it('finds a card by its photo hash, and the older copy takes over when the first is removed', () => {
    const store = new CardStore();
    store.add([card('first', { hash: 'same' }), card('second', { hash: 'same' }), card('other')]);
    expect(store.getByKey('same')?.record.id).toBe('first');
    store.remove('first');
    expect(store.getByKey('same')?.record.id).toBe('second');
    expect(store.getByKey('h-other')?.record.id).toBe('other');
    expect(store.getByKey('missing')).toBeUndefined();
  });
});

describe('ShownCards', () => {
  it('follows filters and sorts, and re-derives only when a card enters, leaves or moves', () => {
    const store = new CardStore();
    store.add([card('a', { status: 'failed' }), card('b'), card('c', { status: 'failed' })]);
    const shown = new ShownCards(store);
    expect(shown.ids).toBe(store.ids);
    shown.setView({ status: 'failed', flag: 'all', sort: 'added' });
    expect(shown.ids).toEqual(['a', 'c']);
    const before = shown.ids;
    store.update('b', (c) => ({ ...c, record: { ...c.record, text: 'edited' } }));
    expect(shown.ids).toBe(before);
    store.update('b', (c) => ({ ...c, record: { ...c.record, status: 'cancelled' } }));
    expect(shown.ids).toEqual(['a', 'b', 'c']);
    store.remove('a');
    expect(shown.ids).toEqual(['b', 'c']);
    shown.setView({ status: 'all', flag: 'all', sort: 'name' });
    store.update('c', (c) => ({ ...c, record: { ...c.record, fileName: '0.png' } }));
    expect(shown.ids).toEqual(['c', 'b']);
    expect(shown.cards().map((c) => c.record.id)).toEqual(['c', 'b']);
  });
});
