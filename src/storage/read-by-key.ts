import type { IDBPDatabase, StoreNames, StoreValue } from 'idb';
import type { AltscribeDB } from './schema';

/** Records read per transaction. */
const PER_TRANSACTION = 200;

/**
 * The records under these keys, in the order asked, leaving out keys with none. Each record is
 * read by its own request, 200 per transaction, so each is deserialised in its own small task:
 * one getAll of thousands of records (thumbnails, file handles) was a long task that grows with
 * the list.
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
