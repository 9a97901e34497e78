/**
 * The one IndexedDB database of Altscribe: its typed schema and the shared connection.
 *
 * Runs on the page and in the model worker, so it may only use `indexedDB` and other globals
 * both contexts have. Verbs in this folder get their connection from `openAltscribeDB`; the
 * handle itself is not re-exported from the folder so that schema knowledge stays here.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AltTextFlag } from '../alttext';
import { upgradeAltscribeDB } from './migrations';
import { toStorageError, unavailableStorageError } from './storage-errors';

export const DB_NAME = 'altscribe';

/** Bump together with a new `if (oldVersion < N)` step in migrations.ts. */
export const DB_VERSION = 4;

export type CaptionStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'skipped';
/** 'imported': existing alt-text brought in from a CSV/JSON; a batch never overwrites it. */
export type CaptionReview = 'unreviewed' | 'edited' | 'approved' | 'imported';

/** An earlier text of a result, kept when it is replaced (regenerate, import, edit). */
export interface TextVersion {
  text: string;
  review: CaptionReview;
  modelId?: string;
  /** Epoch milliseconds when this text was replaced. */
  replacedAt: number;
}

/** One image and the alt-text written for it. */
export interface CaptionRecord {
  /** A UUID (crypto.randomUUID()). */
  id: string;
  fileName: string;
  /** Path inside a dropped or picked folder ("2019/beach/IMG_1.jpg"); absent for single files. */
  relativePath?: string;
  /** SHA-256 of the original bytes, hex: the same photo added twice is one item. */
  hash?: string;
  mimeType: string;
  byteSize: number;
  width?: number;
  height?: number;
  /** Small preview; the original image is never stored. */
  thumbnail?: Blob;
  status: CaptionStatus;
  error?: string;
  /** What the card shows: the finished model text, or the person's own words once edited. */
  text: string;
  review: CaptionReview;
  /** The model's raw output behind `text`, before the finishing rules; kept for auditing. */
  modelText?: string;
  /** Finishing-rule flags for the current `text` (recomputed when a person edits it). */
  flags?: AltTextFlag[];
  /** True when the shown model text came from the one retry after a 'repetition' flag. */
  regenerated?: boolean;
  modelId?: string;
  device?: string;
  dtype?: string;
  durationMs?: number;
  /** Earlier texts, newest last; capped so a record stays small. */
  history?: TextVersion[];
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

/** One file of a downloaded model (or an ONNX Runtime .wasm), as cached for transformers.js. */
export interface ModelFileRecord {
  /** transformers.js's cache key: a Hub URL or a local path. */
  key: string;
  /** Derived from `key` by modelIdFromCacheKey; indexed so the model manager can group. */
  modelId: string;
  /**
   * A Blob, never an ArrayBuffer: Chromium fails to store ArrayBuffer values above ~127 MiB,
   * and Blobs are written to disk without being held in the page's memory.
   */
  blob: Blob;
  contentType: string;
  size: number;
  storedAt: number;
}

/**
 * A File System Access handle to a card's original (Chromium), so a later session can read the
 * photo again without it being copied here. One per card that came from a picked or dropped folder.
 */
export interface OriginalHandleRecord {
  /** The card's id (CaptionRecord.id). */
  id: string;
  handle: FileSystemFileHandle;
  /** The FolderHandleRecord the handle was found under: read permission is asked per folder. */
  folderId: string;
}

/** A picked or dropped folder, stored once per pick. */
export interface FolderHandleRecord {
  id: string;
  handle: FileSystemDirectoryHandle;
}

/** JSON-compatible values, so the meta store can hold new settings without a schema change. */
export type MetaValue = string | number | boolean | null | MetaValue[] | { [key: string]: MetaValue };

export interface AltscribeDB extends DBSchema {
  results: {
    key: string;
    value: CaptionRecord;
    indexes: { 'by-created': number; 'by-hash': string };
  };
  modelFiles: {
    key: string;
    value: ModelFileRecord;
    indexes: { 'by-model': string };
  };
  /** Small settings, e.g. the selected model id. Keys are out-of-line. */
  meta: {
    key: string;
    value: MetaValue;
  };
  originals: {
    key: string;
    value: OriginalHandleRecord;
    indexes: { 'by-folder': string };
  };
  folders: {
    key: string;
    value: FolderHandleRecord;
  };
}

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
