/**
 * File System Access handles to originals (see OriginalHandleRecord). Handles are
 * structured-cloneable, so they are stored as they are; the photo's bytes never are.
 * A card's handle goes with the card: deleteResult and clearResults remove it too.
 */
import { DB_NAME, openAltscribeDB, type FolderHandleRecord, type OriginalHandleRecord, type StorageOptions } from './schema';
import { readByKey } from './read-by-key';
import { withStorageErrors } from './storage-errors';

/**
 * Keeps the handle of card `id`'s original and the folder it came from, in one transaction.
 * `storeFolder: false` when this folder's record was already written for an earlier photo:
 * each handle written is a call into the browser, and the folder's was half of them.
 */
export async function putOriginalHandle(id: string, handle: FileSystemFileHandle, folder: FolderHandleRecord, options?: StorageOptions & { storeFolder?: boolean }): Promise<void> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  await withStorageErrors(`the link to the original of ${handle.name}`, async () => {
    const tx = db.transaction(['originals', 'folders'], 'readwrite');
    const writes = [tx.objectStore('originals').put({ id, handle, folderId: folder.id }), tx.done];
    if (options?.storeFolder !== false) writes.push(tx.objectStore('folders').put(folder));
    await Promise.all(writes);
  });
}

export async function listOriginalHandles(options?: StorageOptions): Promise<OriginalHandleRecord[]> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  return db.getAll('originals');
}

/**
 * The handles of these cards (those stored; in the order asked), each by its own request:
 * deserialising a handle is a call into the browser, and one getAll of every handle after a
 * reload was a 190-228 ms task for 1,000 photos (traced), 10× that for 10,000.
 */
export async function getOriginalHandles(ids: readonly string[], options?: StorageOptions): Promise<OriginalHandleRecord[]> {
  return readByKey(await openAltscribeDB(options?.dbName ?? DB_NAME), 'originals', ids);
}

export async function listFolderHandles(options?: StorageOptions): Promise<FolderHandleRecord[]> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  return db.getAll('folders');
}

export async function deleteOriginalHandle(id: string, options?: StorageOptions): Promise<void> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  await withStorageErrors('the removal of a link to an original', () => db.delete('originals', id));
}

/** Drops folders no kept original points into any more; returns how many were dropped. */
export async function forgetUnusedFolders(options?: StorageOptions): Promise<number> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  return withStorageErrors('the removal of unused folder links', async () => {
    const tx = db.transaction(['originals', 'folders'], 'readwrite');
    const used = new Set<string>();
    // One step per folder, not per original: the index's keys are folder ids.
    for (let cursor = await tx.objectStore('originals').index('by-folder').openKeyCursor(null, 'nextunique'); cursor; cursor = await cursor.continue()) used.add(cursor.key);
    const unused = (await tx.objectStore('folders').getAllKeys()).filter((id) => !used.has(id));
    await Promise.all([...unused.map((id) => tx.objectStore('folders').delete(id)), tx.done]);
    return unused.length;
  });
}
