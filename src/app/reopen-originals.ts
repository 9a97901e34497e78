/**
 * Originals are never copied into IndexedDB, so a reload leaves unfinished cards without their
 * photo. Where the browser gave File System Access handles (Chromium), they were kept
 * (storage/original-handles.ts) and this reopens the files: at once when read permission
 * still holds, after one click on "Reopen…" when the browser wants to ask, never when the file
 * is gone or changed (a changed file must not be captioned under the old card).
 */
import { planIntake, type FileInspector, type IntakeItem, type IntakeStep } from '../intake';
import type { DirectoryHandleLike, FileHandleLike, ReadPermission } from '../intake/walk-handles';
import { forgetUnusedFolders, getOriginalHandles, listFolderHandles, putOriginalHandle, updateResult, type CaptionPatch, type CaptionRecord } from '../storage';

/** What a card says after a reload until its photo is back. */
export const INTERRUPTED = 'Interrupted when the page was closed. Add the photo again to caption it.';

/** Captions that were running when the tab closed cannot resume by themselves: the photo was never stored. */
export async function markInterrupted(records: CaptionRecord[]): Promise<void> {
  for (const record of records) {
    if (record.status === 'running' || record.status === 'queued') Object.assign(record, await updateResult(record.id, { status: 'failed', error: INTERRUPTED }));
  }
}

/** Keeps the handle of a card's original when it came from a folder handle (intake, see walk-handles.ts). */
export function keepOriginalHandle(id: string, item: IntakeItem | undefined): void {
  if (!item?.handle || !item.folder) return;
  // The walk only yields the browser's own handles; the structural types exist for tests.
  const folder = { id: item.folder.id, handle: item.folder.handle as unknown as FileSystemDirectoryHandle };
  // Every photo of one pick shares its folder object: the folder's record is written with the first.
  const storeFolder = !foldersStored.has(item.folder);
  foldersStored.add(item.folder);
  void putOriginalHandle(id, item.handle as unknown as FileSystemFileHandle, folder, { storeFolder }).catch((error: unknown) => {
    foldersStored.delete(item.folder!);
    console.warn('Could not keep a link to the original; after a reload it must be added again.', error);
  });
}

/** The picks (walk-handles.ts makes one folder object per pick) whose folder record is written. */
const foldersStored = new WeakSet<object>();

/** What reopening needs of the controller. */
export interface ReopenHost {
  readonly cards: readonly { record: CaptionRecord }[];
  readonly intake: { inspect: FileInspector };
  /** The intake's own verb: a 'requeue' step gives the original back and queues the card. */
  applyIntake(step: IntakeStep): Promise<unknown>;
  /** Shows records changed in storage from outside the controller. */
  showRecords(records: readonly CaptionRecord[]): void;
}

/** Storage as reopening sees it; tests hand in handles with behaviour (IndexedDB in Node cannot clone them). */
export interface ReopenStore {
  /** The kept handles of these cards (cards without one are left out). */
  originals(ids: readonly string[]): Promise<{ id: string; handle: FileHandleLike; folderId: string }[]>;
  folders(): Promise<{ id: string; handle: DirectoryHandleLike }[]>;
  update(id: string, patch: CaptionPatch): Promise<CaptionRecord | undefined>;
  forgetUnusedFolders(): Promise<unknown>;
}

const browserStore: ReopenStore = {
  originals: getOriginalHandles as unknown as ReopenStore['originals'],
  folders: listFolderHandles as unknown as ReopenStore['folders'],
  update: (id, patch) => updateResult(id, patch),
  forgetUnusedFolders: () => forgetUnusedFolders(),
};

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

type Outcome = 'reopened' | 'failed' | 'skipped';

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

  /** At startup: reopens what the browser still lets this page read; the rest waits for a click. */
  async start(): Promise<void> {
    // Only the unfinished photos' handles: a finished card's handle is not needed now.
    const interrupted = this.interruptedIds();
    const [originals, folders] = interrupted.size === 0 ? [[], []] : await Promise.all([this.store.originals([...interrupted]), this.store.folders()]).catch((error: unknown) => {
      console.warn('Could not read the links to originals.', error);
      return [[], []] as const;
    });
    for (const folder of folders) {
      const mine = originals.filter((o) => o.folderId === folder.id && interrupted.has(o.id));
      if (!mine.length) continue;
      const permission = await ask(folder.handle, 'query');
      if (permission === 'granted') {
        await this.reopen({ folder: folder.handle, originals: mine });
      } else if (permission === 'prompt') {
        this.waiting.push({ folder: folder.handle, originals: mine });
        this.changed(); // the button shows while other folders are still being reopened
      } else {
        await this.explainAll(mine, deniedMessage(folder.handle.name));
      }
    }
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

  private async reopen({ folder, originals }: Waiting): Promise<void> {
    const outcomes: Outcome[] = [];
    for (const original of originals) outcomes.push(await this.reopenOne(original.id, original.handle));
    const reopened = outcomes.filter((o) => o === 'reopened').length;
    const failed = outcomes.filter((o) => o === 'failed').length;
    const parts = [];
    if (reopened) parts.push(`Reopened ${photos(reopened)} from “${folder.name}”; ${reopened === 1 ? 'it is' : 'they are'} queued again.`);
    if (failed) parts.push(`${photos(failed)} from “${folder.name}” could not be reopened; ${failed === 1 ? 'its card says' : 'their cards say'} why.`);
    if (parts.length) this.announce(parts.join(' '));
  }

  private async reopenOne(id: string, handle: FileHandleLike): Promise<Outcome> {
    const before = this.card(id);
    if (!before || !isInterrupted(before)) return 'skipped'; // deleted, or added again meanwhile
    const where = before.relativePath ?? before.fileName;
    let file: File;
    try {
      file = await handle.getFile();
    } catch (error) {
      const denied = error instanceof Error && error.name === 'NotAllowedError';
      return this.explain(id, denied ? `Reading ${where} was not allowed. Add the photo again to caption it.` : `The original is no longer at ${where} (moved, renamed or deleted). Add the photo again to caption it.`);
    }
    const changed = `The file at ${where} has changed since it was added, so it is not captioned under this card. Add it again to caption it as a new photo.`;
    if (file.size !== before.byteSize) return this.explain(id, changed);
    const inspection = await this.host.intake.inspect(file).catch(() => null);
    if (!inspection?.kind || (before.hash && inspection.hash !== before.hash)) return this.explain(id, changed);
    // Hashing took a while: the card may have been deleted or given its photo by hand meanwhile.
    const record = this.card(id);
    if (!record || !isInterrupted(record)) return 'skipped';
    const item = { file, ...(record.relativePath ? { relativePath: record.relativePath } : {}) };
    await this.host.applyIntake(planIntake(item, inspection, { record, hasOriginal: false }, { id, now: Date.now() }));
    return 'reopened';
  }

  private async explainAll(originals: readonly { id: string }[], error: string): Promise<void> {
    for (const { id } of originals) {
      const record = this.card(id);
      if (record && isInterrupted(record)) await this.explain(id, error);
    }
  }

  private async explain(id: string, error: string): Promise<'failed'> {
    const updated = await this.store.update(id, { error }).catch(() => undefined);
    if (updated) this.host.showRecords([updated]);
    return 'failed';
  }

  private interruptedIds(): Set<string> {
    return new Set(this.host.cards.filter((c) => isInterrupted(c.record)).map((c) => c.record.id));
  }

  private card(id: string): CaptionRecord | undefined {
    return this.host.cards.find((c) => c.record.id === id)?.record;
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
