/**
 * Storage budget and eviction protection via `navigator.storage`.
 *
 * Model files are hundreds of megabytes, so the model manager shows how much room is left
 * before a download, and asks for persistent storage so the browser doesn't evict a model
 * under storage pressure. `navigator.storage` is missing in some contexts (older Safari,
 * insecure origins, Node), so both helpers degrade to "unknown" instead of throwing.
 */

export interface StorageEstimateSummary {
  /** Bytes this origin uses, as the browser counts them (may be padded for privacy). */
  usage: number;
  /** Bytes this origin may use in total. */
  quota: number;
  /** quota − usage, never negative. */
  available: number;
}

/** Undefined when the browser can't tell. */
export async function estimateStorage(): Promise<StorageEstimateSummary | undefined> {
  const manager = storageManager();
  if (typeof manager?.estimate !== 'function') return undefined;
  try {
    const { usage, quota } = await manager.estimate();
    if (usage === undefined || quota === undefined) return undefined;
    return { usage, quota, available: Math.max(0, quota - usage) };
  } catch {
    return undefined;
  }
}

/**
 * Asks the browser to keep this origin's data under storage pressure. Resolves true if the
 * data is (now) persistent. Chromium decides silently from engagement; Firefox may prompt,
 * so call it from a user action such as "Download model".
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const manager = storageManager();
  if (!manager) return false;
  try {
    if (typeof manager.persisted === 'function' && (await manager.persisted())) return true;
    return typeof manager.persist === 'function' ? await manager.persist() : false;
  } catch {
    return false;
  }
}

/** Whether the browser has promised to keep this origin's data; false when it can't tell. */
export async function isStoragePersisted(): Promise<boolean> {
  const manager = storageManager();
  if (typeof manager?.persisted !== 'function') return false;
  try {
    return await manager.persisted();
  } catch {
    return false;
  }
}

/**
 * The parts of StorageManager we use, all optional: `persist()` exists only on the page
 * (not in workers, and so not in the WebWorker lib types), and the whole object may be absent.
 */
interface OptionalStorageManager {
  estimate?: () => Promise<StorageEstimate>;
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

function storageManager(): OptionalStorageManager | undefined {
  // Works on the page and in workers; `navigator` itself is absent in Node < 21.
  if (typeof navigator === 'undefined') return undefined;
  const { storage } = navigator as { storage?: OptionalStorageManager };
  return storage ?? undefined;
}
