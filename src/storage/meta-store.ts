/**
 * Small settings (selected model, device preference) in the `meta` store.
 *
 * Keys are plain strings and values JSON-compatible, so a new setting needs no schema
 * migration. Reads come back as MetaValue, not as the caller's type: a value written by an
 * older version of the app may have another shape, so the module that owns a setting
 * validates what it reads (as src/app/settings.ts does).
 */
import { DB_NAME, openAltscribeDB, type MetaValue, type StorageOptions } from './schema';
import { withStorageErrors } from './storage-errors';

export async function getMeta(key: string, options?: StorageOptions): Promise<MetaValue | undefined> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  return db.get('meta', key);
}

export async function setMeta(key: string, value: MetaValue, options?: StorageOptions): Promise<void> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  await withStorageErrors(`the setting "${key}"`, () => db.put('meta', value, key));
}

export async function deleteMeta(key: string, options?: StorageOptions): Promise<void> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  await withStorageErrors(`the removal of the setting "${key}"`, () => db.delete('meta', key));
}

/** Every stored key, e.g. for a "reset settings" action or a data export. */
export async function listMetaKeys(options?: StorageOptions): Promise<string[]> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  return db.getAllKeys('meta');
}
