import { updateResults, type CaptionPatch, type CaptionRecord } from '../storage';

/** What a card says after a reload until its photo is back. */
export const INTERRUPTED = 'Interrupted when the page was closed. Add the photo again to caption it.';

/** The patch that makes an unfinished card an interrupted one. */
export const INTERRUPTED_PATCH = { status: 'failed', error: INTERRUPTED, failure: 'interrupted' } as const satisfies CaptionPatch;

/**
 * Cards marked interrupted per transaction. A transaction's reads are asked for in one task and
 * its writes (each record cloned, thumbnail included) in the next: with every unfinished card of
 * a big backlog in one transaction those were two long tasks of the page's own work after a
 * reload, growing with the backlog (traced).
 */
export const INTERRUPTED_PER_TRANSACTION = 100;

const UNFINISHED = new Set<CaptionRecord['status']>(['queued', 'running']);

/**
 * After a reload the unfinished cards show as interrupted at once, while storage keeps them queued
 * until a card's photo cannot come back by itself: most come back moments later from their kept
 * handles (reopen-originals.ts), and storing each as interrupted only to store it as queued again
 * was about half of a big backlog's reopening time (README, the backlog runs). A stored "queued"
 * and a stored "interrupted" mean the same at the next load (nothing runs them until their photo
 * is back), so a crash at any moment loses nothing it did not before.
 */
export class InterruptedCards {
  /** Cards interrupted on screen only, with the record storage holds for them. */
  private readonly stored = new Map<string, CaptionRecord>();

  /** The records as shown after a reload: the unfinished ones interrupted, on screen only. */
  show(records: readonly CaptionRecord[]): CaptionRecord[] {
    return records.map((record) => {
      if (!UNFINISHED.has(record.status)) return record;
      this.stored.set(record.id, record);
      return { ...record, ...INTERRUPTED_PATCH };
    });
  }

  /** Whether card `id` shows an interruption that storage does not hold yet. */
  has(id: string): boolean {
    return this.stored.has(id);
  }

  /**
   * What writing `patch` to card `id` must store, and from then on storage holds what the card
   * shows: nothing when storage already holds exactly that (a photo queued again), the
   * interruption with the patch when it was on screen only (an edit must not requeue a card).
   */
  resolve(id: string, patch: CaptionPatch): { write: CaptionPatch } | { unchanged: CaptionRecord } {
    const stored = this.stored.get(id);
    if (!stored) return { write: patch };
    this.stored.delete(id);
    const same = Object.entries(patch).every(([key, value]) => stored[key as keyof CaptionRecord] === value);
    return same ? { unchanged: stored } : { write: { ...INTERRUPTED_PATCH, ...patch } };
  }

  /** The card's record is stored by someone else (deleted, imported, explained): nothing more to hold. */
  forget(id: string): void {
    this.stored.delete(id);
  }

  /**
   * Stores the interruption of these cards, whose photo cannot come back by itself now (no kept
   * handle, the browser must ask first), a slice per transaction: a crash halfway leaves the rest
   * queued, which the next load shows as interrupted again.
   */
  async store(ids: readonly string[], write = updateResults): Promise<void> {
    const waiting = ids.filter((id) => this.stored.has(id));
    for (let start = 0; start < waiting.length; start += INTERRUPTED_PER_TRANSACTION) {
      // Checked again per slice: a photo added again by hand meanwhile was written as queued.
      const slice = waiting.slice(start, start + INTERRUPTED_PER_TRANSACTION).filter((id) => this.stored.delete(id));
      if (slice.length) await write(slice.map((id) => ({ id, patch: INTERRUPTED_PATCH })));
    }
  }
}
