/**
 * Originals are never copied into IndexedDB, so a reload leaves unfinished cards without their
 * photo. Where the browser gave File System Access handles (Chromium), they were kept
 * (storage/original-handles.ts) and this reopens the files: at once when read permission
 * still holds, after one click on "Reopen…" when the browser wants to ask, never when the file
 * is gone or changed (a changed file must not be captioned under the old card).
 */
import type { FileInspection, FileInspector } from './inspect-file';
import { planIntake, type IntakeStep } from './intake-plan';
import { chunkDue, INSPECTING_BYTES, INTAKE_CHUNK, type PlannedStep } from './run-intake';
import type { DirectoryHandleLike, FileHandleLike, ReadPermission } from './walk-handles';
import { WorkAhead } from './work-ahead';
import { nextTask } from './when-idle';
import { forgetUnusedFolders, getOriginalHandles, listFolderHandles, updateResults, type CaptionPatch, type CaptionRecord, type IntakeBatch } from '../storage';
import { INTERRUPTED, INTERRUPTED_PATCH } from './interrupted-cards';

export { INTERRUPTED } from './interrupted-cards';

/**
 * The handles of a chunk's originals where they came from a folder handle (intake, see
 * walk-handles.ts), for storeIntakeBatch, which keeps them with their cards in the chunk's own
 * transaction and writes each pick's folder record once.
 */
export function handleEntriesFor(batch: readonly PlannedStep[]): IntakeBatch['handles'] {
  return batch.flatMap(({ step, item }) => {
    if (!item.handle || !item.folder || !('file' in step) || !step.file) return [];
    // The walk only yields the browser's own handles; the structural types exist for tests.
    const folder = { id: item.folder.id, handle: item.folder.handle as unknown as FileSystemDirectoryHandle };
    return [{ id: 'record' in step ? step.record.id : step.id, handle: item.handle as unknown as FileSystemFileHandle, folder }];
  });
}

/** What reopening needs of the controller. */
export interface ReopenHost {
  /** The cards by id (the controller's CardStore): a reload of 10,000 cards is not scanned per photo. */
  readonly store: { readonly ids: readonly string[]; get(id: string): { record: CaptionRecord } | undefined };
  readonly intake: { inspect: FileInspector };
  /** The intake's own verb: 'requeue' steps give the originals back and queue the cards, a chunk at a time. */
  applyIntakeBatch(batch: readonly PlannedStep[]): Promise<readonly (IntakeStep | void)[]>;
  /** Shows records changed in storage from outside the controller. */
  showRecords(records: readonly CaptionRecord[]): void;
  /** Stores these cards as interrupted where that is still shown on screen only (interrupted-cards.ts). */
  storeInterrupted(ids: readonly string[]): Promise<void>;
}

/** Storage as reopening sees it; tests hand in handles with behaviour (IndexedDB in Node cannot clone them). */
export interface ReopenStore {
  /** The kept handles of these cards (cards without one are left out). */
  originals(ids: readonly string[]): Promise<{ id: string; handle: FileHandleLike; folderId: string }[]>;
  folders(): Promise<{ id: string; handle: DirectoryHandleLike }[]>;
  /** updateResults: many cards' patches in one transaction, answers aligned with the entries. */
  update(entries: readonly { id: string; patch: CaptionPatch }[]): Promise<(CaptionRecord | undefined)[]>;
  forgetUnusedFolders(): Promise<unknown>;
}

const browserStore: ReopenStore = {
  originals: getOriginalHandles as unknown as ReopenStore['originals'],
  folders: listFolderHandles as unknown as ReopenStore['folders'],
  update: (entries) => updateResults(entries),
  forgetUnusedFolders: () => forgetUnusedFolders(),
};

/**
 * Originals read and hashed at once while reopening (at most INSPECTING_BYTES of them). More than
 * intake's INSPECTING: a reopened card is on screen already, so the page has little else to do,
 * and 5,000 small photos spent most of their reopening waiting on round trips to the browser and
 * the intake worker at 8 at once (README's backlog runs).
 */
export const REOPENING = 32;

/** The button's offer: one folder at a time, because each permission prompt needs its own click. */
export interface ReopenOffer {
  folder: string;
  count: number;
  /** Further folders waiting after this one. */
  moreFolders: number;
}

interface Waiting {
  folder: DirectoryHandleLike;
  originals: { id: string; handle: FileHandleLike }[];
}

/** One original read back: the photo and its inspection, why its card cannot have it, or nothing to do. */
type Read = { file: File; inspection: FileInspection } | { error: string } | 'skipped';

/** Events: 'change' (offer or busy changed), 'announce' (detail: a sentence for the live region). */
export class OriginalsReopener extends EventTarget {
  busy = false;
  private readonly waiting: Waiting[] = [];

  constructor(
    private readonly host: ReopenHost,
    private readonly store: ReopenStore = browserStore,
  ) {
    super();
  }

  /** Counted from the cards each time: a photo added again by hand meanwhile no longer waits. */
  get offer(): ReopenOffer | null {
    if (!this.waiting.length) return null;
    const interrupted = this.interruptedIds();
    const folders = this.waiting.map((w) => ({ folder: w.folder.name, count: w.originals.filter((o) => interrupted.has(o.id)).length })).filter((w) => w.count > 0);
    const [first, ...rest] = folders;
    return first ? { ...first, moreFolders: rest.length } : null;
  }

  /**
   * At startup: reopens what the browser still lets this page read; the rest waits for a click.
   * Only the cards whose photo does not come back now are stored as interrupted (the rest stay
   * queued in storage while they come back, see interrupted-cards.ts).
   */
  async start(): Promise<void> {
    // main.ts starts this right after the page's first render: its reads get a task of their own.
    await nextTask();
    // Only the unfinished photos' handles: a finished card's handle is not needed now.
    const interrupted = this.interruptedIds();
    const [originals, folders] = interrupted.size === 0 ? [[], []] : await Promise.all([this.store.originals([...interrupted]), this.store.folders()]).catch((error: unknown) => {
      console.warn('Could not read the links to originals.', error);
      return [[], []] as const;
    });
    const granted: Waiting[] = [];
    const denied: Waiting[] = [];
    for (const folder of folders) {
      const mine = originals.filter((o) => o.folderId === folder.id && interrupted.has(o.id));
      if (!mine.length) continue;
      const permission = await ask(folder.handle, 'query');
      (permission === 'granted' ? granted : permission === 'prompt' ? this.waiting : denied).push({ folder: folder.handle, originals: mine });
    }
    if (this.waiting.length) this.changed(); // the button shows while the other folders are reopened
    const answered = new Set([...granted, ...denied].flatMap((w) => w.originals.map((o) => o.id)));
    const stored = this.host.storeInterrupted([...interrupted].filter((id) => !answered.has(id))).catch((error: unknown) => console.warn('Could not store which photos were interrupted.', error));
    for (const { folder, originals: mine } of denied) await this.explainAll(mine, deniedMessage(folder.name));
    for (const waiting of granted) await this.reopen(waiting);
    await stored;
    this.changed();
    void this.store.forgetUnusedFolders().catch(() => undefined);
  }

  /** The "Reopen…" button: the browser asks the person (needs this click), then the photos come back. */
  async requestAccess(): Promise<void> {
    const interrupted = this.interruptedIds();
    // Folders whose photos were all added again by hand meanwhile need no prompt.
    while (this.waiting[0] && !this.waiting[0].originals.some((o) => interrupted.has(o.id))) this.waiting.shift();
    const next = this.waiting[0];
    if (!next || this.busy) return this.changed();
    this.busy = true;
    this.changed();
    try {
      const permission = await ask(next.folder, 'request');
      if (permission === 'prompt') return this.announce(`“${next.folder.name}” was not opened: your browser did not get permission to read it. The photos wait until you try again or add them again.`);
      this.waiting.shift();
      if (permission === 'granted') await this.reopen(next);
      else await this.explainAll(next.originals, deniedMessage(next.folder.name));
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  /**
   * Reads and hashes a few originals at a time, in order, and hands them back a chunk at a time,
   * on intake's rule (chunkDue: full, or the next file not read yet and the chunk waited a moment).
   */
  private async reopen({ folder, originals }: Waiting): Promise<void> {
    const reads = new WorkAhead(originals.length, (i) => this.read(originals[i]!), { parallel: REOPENING, ahead: INTAKE_CHUNK, bytes: INSPECTING_BYTES }, (i) => this.interrupted(originals[i]!.id)?.byteSize ?? 0);
    let chunk: PlannedStep[] = [];
    let failures: { id: string; patch: CaptionPatch }[] = [];
    const flush = async () => {
      const [steps, explained] = [chunk, failures];
      [chunk, failures] = [[], []];
      if (steps.length) await this.host.applyIntakeBatch(steps);
      await this.explain(explained);
    };
    let [reopened, failed, openedAt] = [0, 0, 0];
    for (let i = 0; i < originals.length; i++) {
      if (chunkDue(chunk.length + failures.length, reads.isDone(i), openedAt, Date.now())) await flush();
      if (chunk.length + failures.length === 0) openedAt = Date.now();
      const read = await reads.take(i);
      const { id } = originals[i]!;
      if (read === 'skipped') continue;
      if ('error' in read) {
        failures.push({ id, patch: { ...INTERRUPTED_PATCH, error: read.error } });
        failed++;
      } else {
        // Reading took a while: the card may have been deleted or given its photo by hand meanwhile.
        const record = this.interrupted(id);
        if (!record) continue;
        const item = { file: read.file, ...(record.relativePath ? { relativePath: record.relativePath } : {}) };
        chunk.push({ step: planIntake(item, read.inspection, { record, hasOriginal: false }, { id, now: Date.now() }), item });
        reopened++;
      }
      if (chunkDue(chunk.length + failures.length, true, openedAt, Date.now())) await flush();
    }
    await flush();
    const parts = [];
    if (reopened) parts.push(`Reopened ${photos(reopened)} from “${folder.name}”; ${reopened === 1 ? 'it is' : 'they are'} queued again.`);
    if (failed) parts.push(`${photos(failed)} from “${folder.name}” could not be reopened; ${failed === 1 ? 'its card says' : 'their cards say'} why.`);
    if (parts.length) this.announce(parts.join(' '));
  }

  /** The original of card `id`, if the card still waits for it and the file is the one it was made from. */
  private async read({ id, handle }: { id: string; handle: FileHandleLike }): Promise<Read> {
    const before = this.interrupted(id);
    if (!before) return 'skipped'; // deleted, or added again meanwhile
    const where = before.relativePath ?? before.fileName;
    let file: File;
    try {
      file = await handle.getFile();
    } catch (error) {
      const denied = error instanceof Error && error.name === 'NotAllowedError';
      return { error: denied ? `Reading ${where} was not allowed. Add the photo again to caption it.` : `The original is no longer at ${where} (moved, renamed or deleted). Add the photo again to caption it.` };
    }
    const changed = { error: `The file at ${where} has changed since it was added, so it is not captioned under this card. Add it again to caption it as a new photo.` };
    if (file.size !== before.byteSize) return changed;
    // Once more on failure, as intake does: a crashed worker fails every file it was reading.
    const inspect = () => this.host.intake.inspect(file);
    const inspection = await inspect().catch(inspect).catch(() => null);
    if (!inspection?.kind || (before.hash && inspection.hash !== before.hash)) return changed;
    return { file, inspection };
  }

  private async explainAll(originals: readonly { id: string }[], error: string): Promise<void> {
    const waiting = originals.filter(({ id }) => this.interrupted(id));
    // The whole failure, not only its words: storage may still hold the card as queued (interrupted-cards.ts).
    for (let start = 0; start < waiting.length; start += INTAKE_CHUNK) await this.explain(waiting.slice(start, start + INTAKE_CHUNK).map(({ id }) => ({ id, patch: { ...INTERRUPTED_PATCH, error } })));
  }

  /** Stores why these cards stay without their photo, and shows it. */
  private async explain(entries: readonly { id: string; patch: CaptionPatch }[]): Promise<void> {
    if (!entries.length) return;
    const updated: (CaptionRecord | undefined)[] = await this.store.update(entries).catch(() => []);
    const shown = updated.filter((record): record is CaptionRecord => record !== undefined);
    if (shown.length) this.host.showRecords(shown);
  }

  private interruptedIds(): Set<string> {
    return new Set(this.host.store.ids.filter((id) => this.interrupted(id)));
  }

  /** The card's record while it still waits for its photo (not deleted, not added again by hand). */
  private interrupted(id: string): CaptionRecord | undefined {
    const record = this.host.store.get(id)?.record;
    return record && isInterrupted(record) ? record : undefined;
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  private announce(message: string): void {
    this.dispatchEvent(new CustomEvent('announce', { detail: message }));
  }
}

function isInterrupted(record: CaptionRecord): boolean {
  return record.status === 'failed' && record.error === INTERRUPTED;
}

/** Handles without the permission methods (browsers that grant reads outright) count as granted. */
async function ask(handle: DirectoryHandleLike, how: 'query' | 'request'): Promise<ReadPermission> {
  const call = how === 'query' ? handle.queryPermission : handle.requestPermission;
  try {
    return call ? await call.call(handle, { mode: 'read' }) : 'granted';
  } catch {
    // requestPermission throws without a user gesture; asking again with a click can still work.
    return 'prompt';
  }
}

function deniedMessage(folder: string): string {
  return `Reading the folder “${folder}” was not allowed. Add the photo again to caption it.`;
}

function photos(count: number): string {
  return `${count} photo${count === 1 ? '' : 's'}`;
}
