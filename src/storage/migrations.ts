/**
 * Schema migrations, one step per version, run in order inside the versionchange transaction.
 *
 * A browser may skip versions (a tab left closed for months), so each step only assumes the
 * shape the previous step left behind, and `upgradeAltscribeDB` runs every step newer than the
 * stored version. To change the schema: add `if (oldVersion < N)` at the end, bump DB_VERSION,
 * and describe the old record shape here if the step rewrites records.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { modelIdFromCacheKey } from './model-cache-key';
import type { AltscribeDB, CaptionRecord, ModelFileRecord } from './records';

type UpgradeDB = IDBPDatabase<AltscribeDB>;
type UpgradeTransaction = IDBPTransaction<AltscribeDB, StoreNames<AltscribeDB>[], 'versionchange'>;

/** v1 results had no review state: every caption was implicitly unreviewed. */
export type V1CaptionRecord = Omit<CaptionRecord, 'review'> & { review?: CaptionRecord['review'] };

/** v1 model files were not grouped by model; the id is now derived from the key. */
export type V1ModelFileRecord = Omit<ModelFileRecord, 'modelId'> & { modelId?: string };

export async function upgradeAltscribeDB(
  db: UpgradeDB,
  oldVersion: number,
  _newVersion: number | null,
  tx: UpgradeTransaction,
): Promise<void> {
  if (oldVersion < 1) createV1Stores(db);
  if (oldVersion < 2) await migrateV1ToV2(db, tx);
  if (oldVersion < 3) migrateV2ToV3(tx);
  if (oldVersion < 4) createV4Stores(db);
}

/**
 * v4: File System Access handles to originals and the folders they were picked from, so a
 * reload can reopen unfinished photos. New stores only; every older record stays as it was.
 */
function createV4Stores(db: UpgradeDB): void {
  db.createObjectStore('originals', { keyPath: 'id' }).createIndex('by-folder', 'folderId');
  db.createObjectStore('folders', { keyPath: 'id' });
}

/**
 * v3: items are identified by the SHA-256 of their bytes, so the same photo added twice is
 * found again. Older records have no hash and simply stay out of the index.
 */
function migrateV2ToV3(tx: UpgradeTransaction): void {
  tx.objectStore('results').createIndex('by-hash', 'hash');
}

/** v1: captions, and the model-file cache keyed by transformers.js's cache key. */
function createV1Stores(db: UpgradeDB): void {
  const results = db.createObjectStore('results', { keyPath: 'id' });
  results.createIndex('by-created', 'createdAt');
  db.createObjectStore('modelFiles', { keyPath: 'key' });
}

/**
 * v2: the model manager lists and deletes downloads per model, and captions gain a review
 * state. Adds the `meta` settings store and the `by-model` index, and fills in the fields
 * v1 records lack so every record matches the current types (and appears in the index).
 */
async function migrateV1ToV2(db: UpgradeDB, tx: UpgradeTransaction): Promise<void> {
  db.createObjectStore('meta');

  const modelFiles = tx.objectStore('modelFiles');
  modelFiles.createIndex('by-model', 'modelId');
  // Records without the indexed property are silently left out of an index, so a v1 file
  // with no modelId would be invisible to the model manager and never deleted.
  let fileCursor = await modelFiles.openCursor();
  while (fileCursor) {
    const file: V1ModelFileRecord = fileCursor.value;
    if (file.modelId === undefined) {
      await fileCursor.update({ ...file, modelId: modelIdFromCacheKey(file.key) });
    }
    fileCursor = await fileCursor.continue();
  }

  let resultCursor = await tx.objectStore('results').openCursor();
  while (resultCursor) {
    const result: V1CaptionRecord = resultCursor.value;
    if (result.review === undefined) {
      await resultCursor.update({ ...result, review: 'unreviewed' });
    }
    resultCursor = await resultCursor.continue();
  }
}
