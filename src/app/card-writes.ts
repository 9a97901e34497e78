import { updateResult, updateResults, type CaptionRecord } from '../storage';
import { InterruptedCards } from '../intake/interrupted-cards';
import type { CardStore } from './card-store';

type Patch = Partial<CaptionRecord>;

/** What a failed or a recovered write tells the controller. */
export interface WriteProblems {
  current(): string | null;
  /** A write failed (the sentence to show and speak), or one succeeded after a failure (null). */
  set(problem: string | null): void;
}

/**
 * Every change to a stored card goes through here: saved, then shown. A failed save becomes the
 * page's visible problem and the change still shows, so what the person did is not lost from view.
 */
export class CardWrites {
  /** After a reload: unfinished cards shown as interrupted, which storage holds as queued until their photo comes back or cannot. */
  readonly interruptions = new InterruptedCards();

  constructor(
    private readonly store: CardStore,
    private readonly problems: WriteProblems,
  ) {}

  /** One card's patch. */
  async patch(id: string, patch: Patch): Promise<void> {
    const card = this.store.get(id);
    const plan = this.interruptions.resolve(id, patch);
    if ('unchanged' in plan) return void this.store.update(id, (current) => ({ ...current, record: plan.unchanged }));
    // A patch to a record that was never stored (its first save failed) writes nothing, so it must not clear the problem.
    const updated = await this.save(() => updateResult(id, plan.write), `the changes to ${card?.record.fileName ?? 'a photo'}`, (r) => r !== undefined);
    const next = updated ?? (card ? { ...card.record, ...patch, updatedAt: Date.now() } : undefined);
    if (next) this.store.update(id, (current) => ({ ...current, record: next }));
  }

  /**
   * Many patches in one transaction (a chunk's requeued photos). A photo queued again after a
   * reload whose card storage still holds as queued writes nothing (interrupted-cards.ts).
   */
  async patchAll(entries: readonly { id: string; patch: Patch }[], what: string): Promise<void> {
    if (!entries.length) return;
    const plans = entries.map(({ id, patch }) => ({ id, patch, ...this.interruptions.resolve(id, patch) }));
    const writes = plans.flatMap((plan) => ('write' in plan ? [{ id: plan.id, patch: plan.write }] : []));
    const updated = writes.length ? await this.save(() => updateResults(writes), `the changes to ${what}`) : [];
    let written = 0;
    for (const plan of plans) {
      const next = 'unchanged' in plan ? plan.unchanged : updated?.[written++];
      this.store.update(plan.id, (card) => ({ ...card, record: next ?? { ...card.record, ...plan.patch, updatedAt: Date.now() } }));
    }
  }

  /** Runs a storage write; a failure becomes a visible, announced problem instead of a lost edit. */
  async save<T>(write: () => Promise<T>, what: string, wrote: (result: T) => boolean = () => true): Promise<T | undefined> {
    try {
      const result = await write();
      if (this.problems.current() && wrote(result)) this.problems.set(null);
      return result;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.problems.set(`Could not save ${what}; it will be gone after a reload. ${reason}`);
      return undefined;
    }
  }
}
