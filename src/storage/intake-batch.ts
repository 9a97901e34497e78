/**
 * Intake's one write per chunk of a folder: the new cards, the skipped files' cards and the
 * handles to the originals, in one readwrite transaction. A transaction per photo made adding
 * 10,000 photos mostly waiting on IndexedDB commits.
 */
import type { IDBPTransaction } from 'idb';
import { DB_NAME, openAltscribeDB, type AltscribeDB, type CaptionRecord, type FolderHandleRecord, type StorageOptions } from './schema';
import { withStorageErrors } from './storage-errors';

export interface IntakeBatch {
  /** New photos: stored unless a record with the same hash is (see storeIntakeBatch). */
  add: CaptionRecord[];
  /** Cards stored as they are (skipped files, which have no hash to match). */
  put: CaptionRecord[];
  /** Handles to originals (File System Access), kept with their cards so a reload can reopen them. */
  handles: { id: string; handle: FileSystemFileHandle; folder: FolderHandleRecord }[];
}

/**
 * Stores the batch and returns, for each `add` record whose photo was already stored (by another
 * tab, an earlier batch, or earlier in this one), its id → the stored record; those are not
 * stored again. The hash check and the writes share one readwrite transaction, which IndexedDB
 * runs alone, so two tabs adding the same folder at once still store each photo once. Handles
 * are kept only for cards that exist once the batch is in; a folder's record is written with its
 * pick's first batch and never again (each handle written is a call into the browser).
 */
export async function storeIntakeBatch(batch: IntakeBatch, options?: StorageOptions): Promise<Map<string, CaptionRecord>> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  const cards = batch.add.length + batch.put.length;
  const label = cards === 1 ? `the card for ${(batch.add[0] ?? batch.put[0])?.fileName ?? 'the photo'}` : `the cards for ${cards} files`;
  const bytes = [...batch.add, ...batch.put].reduce((sum, r) => sum + (r.thumbnail?.size ?? 0), 0);
  return withStorageErrors(label, async () => {
    const tx = db.transaction(['results', 'originals', 'folders'], 'readwrite');
    // If a lookup fails, the rejection below is the one reported; the aborted commit is not news.
    tx.done.catch(() => undefined);
    try {
      return await writeBatch(tx, batch);
    } catch (error) {
      // A put that throws at once (a value the browser cannot clone) would otherwise let the
      // writes made before it commit: the batch is stored whole or not at all.
      abortQuietly(tx);
      throw error;
    }
  }, bytes || undefined);
}

type BatchTransaction = IDBPTransaction<AltscribeDB, ['results', 'originals', 'folders'], 'readwrite'>;

async function writeBatch(tx: BatchTransaction, batch: IntakeBatch): Promise<Map<string, CaptionRecord>> {
  const results = tx.objectStore('results');
  // Requests run in the order made, so all lookups are issued at once and answered in one pass.
  const [stored, present, foldersKept] = await Promise.all([
    Promise.all(batch.add.map((record) => (record.hash ? results.index('by-hash').get(record.hash) : undefined))),
    Promise.all(batch.handles.map(({ id }) => results.getKey(id))),
    Promise.all(distinct(batch.handles.map((h) => h.folder)).map(async (folder) => [folder, await tx.objectStore('folders').getKey(folder.id)] as const)),
  ]);
  const known = new Map<string, CaptionRecord>();
  const byHash = new Map<string, CaptionRecord>();
  const planned: (() => Promise<unknown>)[] = [];
  batch.add.forEach((record, i) => {
    const existing = stored[i] ?? (record.hash ? byHash.get(record.hash) : undefined);
    if (existing) return void known.set(record.id, existing);
    if (record.hash) byHash.set(record.hash, record);
    planned.push(() => results.put(record));
  });
  for (const record of batch.put) planned.push(() => results.put(record));
  const added = new Set([...batch.add, ...batch.put].map((r) => r.id).filter((id) => !known.has(id)));
  const kept = batch.handles.filter(({ id }, i) => !known.has(id) && (added.has(id) || present[i] !== undefined));
  const folders = new Set(kept.map((h) => h.folder.id));
  for (const { id, handle, folder } of kept) planned.push(() => tx.objectStore('originals').put({ id, handle, folderId: folder.id }));
  for (const [folder, key] of foldersKept) if (key === undefined && folders.has(folder.id)) planned.push(() => tx.objectStore('folders').put(folder));
  const writes: Promise<unknown>[] = [];
  // A slice of writes per task, each slice asked for once the one before is written, still in this
  // transaction: every put clones its record (thumbnail, file handle) then and there, and a whole
  // chunk's puts asked for at once were one long task of the page's own work (traced).
  for (let start = 0; start < planned.length; start += WRITES_PER_TASK) {
    for (const put of planned.slice(start, start + WRITES_PER_TASK)) {
      const request = put();
      // Each write is also observed on its own: if a later put throws, the batch is aborted and
      // the writes made before it reject with AbortError before anything awaits them.
      request.catch(() => undefined);
      writes.push(request);
    }
    if (start + WRITES_PER_TASK < planned.length) await writes.at(-1);
  }
  // Awaiting the commit too: a failure reported on the transaction (quota) rejects here.
  await Promise.all([...writes, tx.done]);
  return known;
}

/** Writes asked for in one task (see writeBatch). */
export const WRITES_PER_TASK = 100;

function abortQuietly(tx: BatchTransaction): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted.
  }
}

function distinct(folders: readonly FolderHandleRecord[]): FolderHandleRecord[] {
  return [...new Map(folders.map((f) => [f.id, f])).values()];
}
