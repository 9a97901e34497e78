import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearResults, getResult, listResults, putResult, type CaptionRecord } from '../storage';
import { INTERRUPTED, INTERRUPTED_PER_TRANSACTION, InterruptedCards } from './interrupted-cards';

const record = (id: string, status: CaptionRecord['status']): CaptionRecord => ({ id, fileName: `${id}.png`, mimeType: 'image/png', byteSize: 1, status, text: status === 'done' ? 'Kept.' : '', review: 'unreviewed', createdAt: 1, updatedAt: 1 });
/** The patch intake plans for a photo whose card lost it (intake-plan.ts's REQUEUE). */
const requeue = { status: 'queued', error: undefined, text: '', modelText: undefined, flags: undefined, regenerated: undefined } as const;

afterEach(async () => {
  await clearResults();
});

describe('interrupted cards after a reload', () => {
  it('shows the unfinished cards as interrupted without writing anything', async () => {
    for (const [id, status] of [['q', 'queued'], ['r', 'running'], ['d', 'done'], ['f', 'failed']] as const) await putResult(record(id, status));
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const cards = new InterruptedCards();
    try {
      const shown = cards.show(await listResults());
      expect(shown.map((r) => [r.id, r.status, r.error ?? null])).toEqual([['d', 'done', null], ['f', 'failed', null], ['q', 'failed', INTERRUPTED], ['r', 'failed', INTERRUPTED]]);
      expect(put).not.toHaveBeenCalled();
    } finally {
      put.mockRestore();
    }
    expect((await listResults()).map((r) => r.status)).toEqual(['done', 'failed', 'queued', 'running']);
    expect(['q', 'r', 'd'].map((id) => cards.has(id))).toEqual([true, true, false]);
  });

  it('a photo queued again writes nothing when storage holds it queued; anything else writes the interruption with it', () => {
    const cards = new InterruptedCards();
    cards.show([record('q', 'queued'), record('r', 'running'), record('e', 'queued')]);
    expect(cards.resolve('q', requeue)).toEqual({ unchanged: record('q', 'queued') });
    // Stored as running (older versions wrote it): queued again is a real change.
    expect(cards.resolve('r', requeue)).toEqual({ write: { ...requeue, failure: 'interrupted' } });
    // An edit of an interrupted card must not make it queued in storage.
    expect(cards.resolve('e', { text: 'Mine.', review: 'edited' })).toEqual({ write: { status: 'failed', error: INTERRUPTED, failure: 'interrupted', text: 'Mine.', review: 'edited' } });
    // Once resolved, storage holds what the card shows: later patches are written as they are.
    expect(cards.resolve('q', { text: 'Later.' })).toEqual({ write: { text: 'Later.' } });
    expect(['q', 'r', 'e'].some((id) => cards.has(id))).toBe(false);
  });

  it('stores the interruption of the cards named, a slice per transaction, skipping cards resolved meanwhile', async () => {
    const count = INTERRUPTED_PER_TRANSACTION * 2 + 3; // two of them resolved below: one card more than two slices
    for (let i = 0; i < count; i++) await putResult(record(`q${i}`, 'queued'));
    const cards = new InterruptedCards();
    cards.show(await listResults());
    cards.resolve('q7', requeue); // added again by hand: stays queued
    cards.forget('q8'); // stored by someone else
    const readwrite = vi.spyOn(IDBDatabase.prototype, 'transaction');
    try {
      await cards.store([...Array.from({ length: count }, (_, i) => `q${i}`), 'unknown']);
      expect(readwrite.mock.calls.filter(([, mode]) => mode === 'readwrite')).toHaveLength(3);
    } finally {
      readwrite.mockRestore();
    }
    const stored = await listResults();
    expect(stored.filter((r) => r.status === 'failed' && r.error === INTERRUPTED && r.failure === 'interrupted')).toHaveLength(count - 2);
    expect([(await getResult('q7'))?.status, (await getResult('q8'))?.status]).toEqual(['queued', 'queued']);
    // Stored once: a second call writes nothing.
    const again = vi.spyOn(IDBDatabase.prototype, 'transaction');
    try {
      await cards.store(stored.map((r) => r.id));
      expect(again.mock.calls.filter(([, mode]) => mode === 'readwrite')).toHaveLength(0);
    } finally {
      again.mockRestore();
    }
  });
});
