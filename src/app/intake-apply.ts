import { storeIntakeBatch, type CaptionRecord } from '../storage';
import { queuesCaption, type IntakeStep, type PlannedStep } from '../intake';
import type { CardStore } from './card-store';
import type { CardView } from './card-view';
import { handleEntriesFor } from '../intake/reopen-originals';
import type { StoredElsewhere } from './stored-elsewhere';

/** What applying intake decisions needs from the controller. */
export interface IntakeApplyHost {
  store: CardStore;
  /** The photos this tab has, by card id: a card with one can be captioned and retried. */
  originals: Map<string, File>;
  /** Runs a storage write; a failure becomes the page's visible problem and yields undefined. */
  save<T>(write: () => Promise<T>, what: string): Promise<T | undefined>;
  /** Many patches in one transaction, shown even when saving failed. */
  patchAll(entries: readonly { id: string; patch: Partial<CaptionRecord> }[], what: string): Promise<void>;
  /** Queues a first-pass caption of the card. */
  enqueue(id: string): void;
  elsewhere: Pick<StoredElsewhere, 'watch'>;
}

/** The intake's planned steps made real: stored in chunks, shown in the card store, queued. */
export class IntakeApplier {
  constructor(private readonly host: IntakeApplyHost) {}

  /**
   * Intake decisions made real, a chunk (up to a few hundred) at a time: new cards and their file
   * handles in one transaction, in which another tab's copy of the same photo is found; originals
   * given back to cards that lost them, their patches in one more. Answers with the step that
   * really happened for each.
   */
  async apply(batch: readonly PlannedStep[]): Promise<readonly (IntakeStep | void)[]> {
    const add = batch.flatMap(({ step }) => (step.action === 'add' ? [step.record] : []));
    const put = batch.flatMap(({ step }) => (step.action === 'skip' ? [step.record] : []));
    const handles = handleEntriesFor(batch);
    const label = batch.length === 1 ? `the card for ${nameOf(batch[0]!.step)}` : `${batch.length} new cards`;
    const elsewhere = add.length || put.length || handles.length ? await this.host.save(() => storeIntakeBatch({ add, put, handles }), label) : undefined;
    // A copy later in the chunk points at a card that another tab turned out to hold: point it there.
    const idOf = (id: string) => elsewhere?.get(id)?.id ?? id;
    const fresh: CardView[] = [];
    const outcomes: (IntakeStep | void)[] = batch.map(({ step }) => {
      // Stored unless another tab stored the same photo a moment ago; that tab captions it.
      const existing = step.action === 'add' ? elsewhere?.get(step.record.id) : undefined;
      if (existing && step.action === 'add') return this.showStoredElsewhere(existing, step.file);
      if ('record' in step) fresh.push(this.withOriginal({ record: step.record, canRetry: false }, 'file' in step ? step.file : undefined));
      else if (idOf(step.id) !== step.id) return { ...step, id: idOf(step.id) };
    });
    this.host.store.add(fresh);
    const given = batch.flatMap(({ step }, i) => ('record' in step || outcomes[i] ? [] : [step]));
    await this.host.patchAll(given.flatMap((step) => (step.patch ? [{ id: step.id, patch: step.patch }] : [])), label);
    for (const step of given) if (step.file) this.host.store.update(step.id, (card) => this.withOriginal(card, step.file));
    batch.forEach(({ step }, i) => {
      const id = 'record' in step ? step.record.id : step.id;
      if (outcomes[i] || !('file' in step) || !step.file || !this.host.store.get(id)) return;
      this.host.originals.set(id, step.file);
      if (queuesCaption(step)) this.host.enqueue(id);
    });
    return outcomes;
  }

  withOriginal(card: CardView, file: File | undefined): CardView {
    if (!file) return card;
    return { ...card, canRetry: true, original: card.original ?? (file.type.startsWith('image/') ? file : undefined) };
  }

  private showStoredElsewhere(record: CaptionRecord, file: File): IntakeStep {
    if (!this.host.store.get(record.id)) this.host.store.add([{ record, canRetry: false }]);
    this.host.originals.set(record.id, file);
    this.host.elsewhere.watch(record);
    return { action: 'duplicate', id: record.id, name: file.name, existing: record.relativePath ?? record.fileName };
  }
}

function nameOf(step: IntakeStep): string {
  return 'record' in step ? step.record.fileName : step.name;
}
