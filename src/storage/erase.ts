/**
 * "Erase all data": deletes Altscribe's IndexedDB database(s) — results, thumbnails, settings,
 * model weights, added models, remembered folders — in one go.
 */
import { deleteDB } from 'idb';
import { closeAltscribeDB, DB_NAME } from './schema';

/** Databases on this origin that are ours: the main one and any other whose name starts with it (tests, future stores). */
async function ourDatabaseNames(): Promise<string[]> {
  const names = new Set([DB_NAME]);
  // databases() is missing in some browsers; the main database is then deleted by name alone.
  const listed = typeof indexedDB.databases === 'function' ? await indexedDB.databases().catch(() => []) : [];
  for (const { name } of listed) if (name?.startsWith(DB_NAME)) names.add(name);
  return [...names];
}

/**
 * Deletes every Altscribe database and returns their names. Open connections elsewhere (the
 * caption worker, other tabs) close themselves on the delete's versionchange (schema.ts,
 * `blocking`), so the deletion is not left waiting for them.
 */
export async function eraseAllStoredData(): Promise<string[]> {
  const names = await ourDatabaseNames();
  for (const name of names) {
    await closeAltscribeDB(name);
    await deleteDB(name, {
      blocked() {
        console.warn(`Altscribe: erasing "${name}" waits for another tab or worker to close it.`);
      },
    });
  }
  return names;
}
