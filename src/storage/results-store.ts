/**
 * Captions and their review state. Every write is mapped to a StorageError so the UI can
 * show "out of space" instead of a DOMException name.
 */
import { DB_NAME, openAltscribeDB, type CaptionRecord, type StorageOptions } from './schema';
import { readByKey } from './read-by-key';
import { withStorageErrors } from './storage-errors';

/**
 * What `updateResult` may change. `id` and `createdAt` identify the record and `updatedAt`
 * is stamped by the store, so none of them are patchable.
 */
export type CaptionPatch = Partial<Omit<CaptionRecord, 'id' | 'createdAt' | 'updatedAt'>>;

// `Partial` admits `undefined` for every key. Setting an optional field to undefined is how
// a caller clears it (e.g. `error` on retry); for a required field it would corrupt the
// record, so there it is ignored. Typed as a Record so adding a field to CaptionRecord
// fails to compile until it is classified here.
const PATCH_FIELDS: Record<keyof CaptionPatch, 'required' | 'optional'> = {
  fileName: 'required',
  mimeType: 'required',
  byteSize: 'required',
  status: 'required',
  text: 'required',
  review: 'required',
  width: 'optional',
  height: 'optional',
  thumbnail: 'optional',
  error: 'optional',
  failure: 'optional',
  modelText: 'optional',
  relativePath: 'optional',
  hash: 'optional',
  history: 'optional',
  flags: 'optional',
  regenerated: 'optional',
  modelId: 'optional',
  device: 'optional',
  dtype: 'optional',
  durationMs: 'optional',
  confidence: 'optional',
  quality: 'optional',
  secondOpinion: 'optional',
  reviewPriority: 'optional',
  reviewBand: 'optional',
  reviewReasons: 'optional',
  context: 'optional',
  language: 'optional',
};
const REQUIRED_FIELDS = fieldsOfKind('required');
const OPTIONAL_FIELDS = fieldsOfKind('optional');

/** Requests updateResults asks for in one task (reads, then writes). */
export const REQUESTS_PER_TASK = 100;

/** Stores the record as given (insert or replace). */
export async function putResult(record: CaptionRecord, options?: StorageOptions): Promise<void> {
  const db = await openAltscribeDB(dbNameOf(options));
  await withStorageErrors(captionLabel(record.fileName), () => db.put('results', record), record.thumbnail?.size);
}

export async function getResult(id: string, options?: StorageOptions): Promise<CaptionRecord | undefined> {
  const db = await openAltscribeDB(dbNameOf(options));
  return db.get('results', id);
}

/** All captions, oldest first (ties, which only happen within one millisecond, by id). */
export async function listResults(options?: StorageOptions): Promise<CaptionRecord[]> {
  const db = await openAltscribeDB(dbNameOf(options));
  // One getAll of every record deserialises all of them, thumbnails included, in one task: 0.4 s
  // for 1,000 photos in Chromium, a frozen page for 10,000. The ids are cheap to read in one go.
  // A record deleted (by another tab) between the two reads is simply gone.
  return readByKey(db, 'results', await db.getAllKeysFromIndex('results', 'by-created'));
}

/** The result for a photo with this SHA-256 (the oldest if there are several), by the 'by-hash' index. */
export async function findResultByHash(hash: string, options?: StorageOptions): Promise<CaptionRecord | undefined> {
  const db = await openAltscribeDB(dbNameOf(options));
  const matches = await db.getAllFromIndex('results', 'by-hash', hash);
  return matches.sort((a, b) => a.createdAt - b.createdAt)[0];
}

/**
 * Stores a new photo's record unless a record with the same SHA-256 is already stored, and then
 * returns that one instead. Check and write share one readwrite transaction, which IndexedDB
 * runs alone: two tabs adding the same folder at the same moment still store each photo once.
 */
export async function addResultUnlessKnown(record: CaptionRecord, options?: StorageOptions): Promise<CaptionRecord | undefined> {
  const db = await openAltscribeDB(dbNameOf(options));
  return withStorageErrors(captionLabel(record.fileName), async () => {
    const tx = db.transaction('results', 'readwrite');
    const existing = record.hash ? await tx.store.index('by-hash').get(record.hash) : undefined;
    if (!existing) await tx.store.put(record);
    await tx.done;
    return existing;
  }, record.thumbnail?.size);
}

/**
 * Applies `patch` to the stored record and stamps `updatedAt`, reading and writing in one
 * transaction so two concurrent updates (worker progress and a user edit) can't lose each
 * other's fields. A key whose value is `undefined` removes that optional field.
 * Returns the new record, or undefined if no record has this id.
 */
export async function updateResult(
  id: string,
  patch: CaptionPatch,
  options?: StorageOptions,
): Promise<CaptionRecord | undefined> {
  const db = await openAltscribeDB(dbNameOf(options));
  return withStorageErrors(captionLabel(patch.fileName), async () => {
    const tx = db.transaction('results', 'readwrite');
    const update = async (): Promise<CaptionRecord | undefined> => {
      const current = await tx.store.get(id);
      if (!current) return undefined;
      const next = applyPatch(current, patch);
      await tx.store.put(next);
      return next;
    };
    // Awaiting both means a failed commit (e.g. quota, reported on the transaction) rejects
    // here, and a failed request can't leave tx.done rejecting unobserved.
    const [next] = await Promise.all([update(), tx.done]);
    return next;
  });
}

/**
 * `updateResult` for many records in one transaction (after a reload, every unfinished card at
 * once): the answers are aligned with `entries`, each the record as that entry left it. Two
 * entries for one id apply in order.
 */
export async function updateResults(entries: readonly { id: string; patch: CaptionPatch }[], options?: StorageOptions): Promise<(CaptionRecord | undefined)[]> {
  if (!entries.length) return [];
  const db = await openAltscribeDB(dbNameOf(options));
  return withStorageErrors(entries.length === 1 ? captionLabel(entries[0]?.patch.fileName) : `the changes to ${entries.length} captions`, async () => {
    const tx = db.transaction('results', 'readwrite');
    tx.done.catch(() => undefined); // a failed read is reported below; the aborted commit with it
    const ids = [...new Set(entries.map((e) => e.id))];
    const current = new Map<string, CaptionRecord | undefined>();
    // A slice of reads, then of writes, per task, each asked for once the slice before is done:
    // the answers to a whole chunk's reads came in one task (each record deserialised there), and
    // all its writes were asked for in one (each record cloned there), long tasks of the page's
    // own work in a traced reload.
    for (let start = 0; start < ids.length; start += REQUESTS_PER_TASK) {
      const slice = ids.slice(start, start + REQUESTS_PER_TASK);
      (await Promise.all(slice.map((id) => tx.store.get(id)))).forEach((record, i) => current.set(slice[i] as string, record));
    }
    const answers = entries.map(({ id, patch }) => {
      const record = current.get(id);
      const next = record && applyPatch(record, patch);
      current.set(id, next);
      return next;
    });
    const records = [...current.values()].filter((record): record is CaptionRecord => record !== undefined);
    const writes: Promise<unknown>[] = [];
    for (let start = 0; start < records.length; start += REQUESTS_PER_TASK) {
      for (const record of records.slice(start, start + REQUESTS_PER_TASK)) {
        const write = tx.store.put(record);
        write.catch(() => undefined); // awaited below; observed now so an abort before then is not unhandled
        writes.push(write);
      }
      if (start + REQUESTS_PER_TASK < records.length) await writes.at(-1);
    }
    await Promise.all([...writes, tx.done]);
    return answers;
  });
}

/** Deletes the card and, in the same transaction, the handle to its original (original-handles.ts). */
export async function deleteResult(id: string, options?: StorageOptions): Promise<void> {
  const db = await openAltscribeDB(dbNameOf(options));
  await withStorageErrors('the caption deletion', async () => {
    const tx = db.transaction(['results', 'originals'], 'readwrite');
    await Promise.all([tx.objectStore('results').delete(id), tx.objectStore('originals').delete(id), tx.done]);
  });
}

export async function clearResults(options?: StorageOptions): Promise<void> {
  const db = await openAltscribeDB(dbNameOf(options));
  await withStorageErrors('the cleared caption list', async () => {
    const tx = db.transaction(['results', 'originals', 'folders'], 'readwrite');
    await Promise.all([tx.objectStore('results').clear(), tx.objectStore('originals').clear(), tx.objectStore('folders').clear(), tx.done]);
  });
}

function applyPatch(current: CaptionRecord, patch: CaptionPatch): CaptionRecord {
  const next: CaptionRecord = {
    ...current,
    ...patch,
    // Re-asserted because a patch cast from untyped data could still carry them.
    id: current.id,
    createdAt: current.createdAt,
    updatedAt: Date.now(),
  };
  for (const field of REQUIRED_FIELDS) keepIfUndefined(next, current, field);
  // Drop cleared optionals instead of storing `undefined`, so `'error' in record` and
  // exports that serialise records see the field as absent.
  for (const field of OPTIONAL_FIELDS) {
    if (next[field] === undefined) Reflect.deleteProperty(next, field);
  }
  return next;
}

function keepIfUndefined<K extends keyof CaptionRecord>(next: CaptionRecord, current: CaptionRecord, field: K): void {
  if (next[field] === undefined) next[field] = current[field];
}

function captionLabel(fileName: string | undefined): string {
  return fileName ? `the caption for ${fileName}` : 'the caption';
}

function fieldsOfKind(kind: 'required' | 'optional'): (keyof CaptionPatch)[] {
  return (Object.keys(PATCH_FIELDS) as (keyof CaptionPatch)[]).filter((field) => PATCH_FIELDS[field] === kind);
}

function dbNameOf(options: StorageOptions | undefined): string {
  return options?.dbName ?? DB_NAME;
}
