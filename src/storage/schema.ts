/**
 * The one IndexedDB database of Altscribe: its name, version and the shared connection. The
 * record types live in records.ts and are re-exported here for the rest of the folder.
 *
 * Runs on the page and in the model worker, so it may only use `indexedDB` and other globals
 * both contexts have. Verbs in this folder get their connection from `openAltscribeDB`; the
 * handle itself is not re-exported from the folder so that schema knowledge stays here.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { upgradeAltscribeDB } from './migrations';
import type { AltscribeDB } from './records';
import { toStorageError, unavailableStorageError } from './storage-errors';

export type {
  AltscribeDB,
  CaptionRecord,
  CaptionReview,
  CaptionStatus,
  FolderHandleRecord,
  MetaValue,
  ModelFileRecord,
  OriginalHandleRecord,
  TextVersion,
} from './records';

export const DB_NAME = 'altscribe';

/** Bump together with a new `if (oldVersion < N)` step in migrations.ts. */
export const DB_VERSION = 4;

/** Lets tests (or a future second profile) use a database other than the default. */
export interface StorageOptions {
  dbName?: string;
}

const openConnections = new Map<string, Promise<IDBPDatabase<AltscribeDB>>>();

/**
 * Opens (and on first use creates or migrates) the database. The promise is shared per name
 * so the page makes one connection, not one per verb call.
 */
export function openAltscribeDB(dbName: string = DB_NAME): Promise<IDBPDatabase<AltscribeDB>> {
  const cached = openConnections.get(dbName);
  if (cached) return cached;

  if (typeof indexedDB === 'undefined') {
    return Promise.reject(unavailableStorageError('your captions and models'));
  }

  let migrationError: unknown;
  const opening: Promise<IDBPDatabase<AltscribeDB>> = openDB<AltscribeDB>(dbName, DB_VERSION, {
    upgrade(db, oldVersion, newVersion, tx) {
      // The open request reports an aborted upgrade; without this, idb's done promise for
      // the versionchange transaction would also surface as an unhandled rejection.
      tx.done.catch(() => undefined);
      // idb does not wait for an async upgrade. If a step fails, abort the versionchange
      // transaction so the database stays at the old version instead of half-migrated.
      upgradeAltscribeDB(db, oldVersion, newVersion, tx).catch((err: unknown) => {
        migrationError = err;
        try {
          tx.abort();
        } catch {
          // Already finished or aborted; the open request reports the failure.
        }
      });
    },
    blocked(currentVersion, blockedVersion) {
      // Another tab holds an older connection and has not closed it yet. Our own code closes
      // on `blocking`, so this normally resolves by itself; the warning helps when it doesn't.
      console.warn(
        `Altscribe storage upgrade from v${currentVersion} to v${blockedVersion ?? DB_VERSION} is waiting for other tabs to close.`,
      );
    },
    blocking() {
      // A newer version is being opened elsewhere. Step aside so that tab can migrate; the
      // next verb call here reopens (and gets a clear VersionError message if it is now stale).
      forget(dbName, opening);
      void opening.then((db) => db.close());
    },
    terminated() {
      // The browser closed the connection (storage cleared, disk error): reopen on next use.
      forget(dbName, opening);
    },
  }).catch((err: unknown) => {
    forget(dbName, opening);
    throw toStorageError(migrationError ?? err, 'your captions and models');
  });

  openConnections.set(dbName, opening);
  return opening;
}

/** Closes the shared connection, e.g. before deleting the database or when a worker ends. */
export async function closeAltscribeDB(dbName: string = DB_NAME): Promise<void> {
  const opening = openConnections.get(dbName);
  if (!opening) return;
  forget(dbName, opening);
  try {
    (await opening).close();
  } catch {
    // It never opened; nothing to close.
  }
}

function forget(dbName: string, opening: Promise<IDBPDatabase<AltscribeDB>>): void {
  // A newer promise may already sit under this name; only remove our own.
  if (openConnections.get(dbName) === opening) openConnections.delete(dbName);
}
