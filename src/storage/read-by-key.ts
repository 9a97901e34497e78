import type { IDBPDatabase, StoreNames, StoreValue } from 'idb';
import type { AltscribeDB } from './schema';

/**
 * Records read per transaction. Chromium hands a page's answers over in as few tasks as it can:
 * while the page is busy (a reload's first render) every answer that has arrived is dispatched in
 * one task, so a page's size bounds that task. 200 file handles made one task of several tens of
 * ms of the page's own work in a traced reload.
 */
export const PER_TRANSACTION = 100;

/**
 * The records under these keys, in the order asked, leaving out keys with none. Each record is
 * read by its own request, PER_TRANSACTION per transaction: one getAll of thousands of records
 * (thumbnails, file handles) was a long task that grows with the list.
 */
export async function readByKey<Name extends 'results' | 'originals'>(db: IDBPDatabase<AltscribeDB>, store: Name, keys: readonly string[]): Promise<StoreValue<AltscribeDB, Name>[]> {
  const found: StoreValue<AltscribeDB, Name>[] = [];
  for (let start = 0; start < keys.length; start += PER_TRANSACTION) {
    const tx = db.transaction<Name, 'readonly'>(store as Name & StoreNames<AltscribeDB>);
    const page = await Promise.all(keys.slice(start, start + PER_TRANSACTION).map((key) => tx.store.get(key)));
    for (const record of page) if (record) found.push(record);
  }
  return found;
}
