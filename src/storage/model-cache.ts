/**
 * Model weights in IndexedDB, shaped as transformers.js's `env.customCache`.
 *
 * Runs in the model worker (transformers.js calls match/put/delete) and on the page (the model
 * manager lists and deletes). The one rule that matters: a file is either stored whole or
 * not at all, because transformers.js trusts a cache hit and a truncated .onnx file fails
 * later with an error that does not mention the cache.
 */
import { DB_NAME, openAltscribeDB, type ModelFileRecord, type StorageOptions } from './schema';
import { modelIdFromCacheKey } from './model-cache-key';
import { withStorageErrors } from './storage-errors';

export { modelIdFromCacheKey } from './model-cache-key';

/** The subset of transformers.js's CacheInterface we implement (returning strings is not). */
export interface ModelFileCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export interface CachedModelSummary {
  modelId: string;
  files: number;
  bytes: number;
  lastStoredAt: number;
}

export function createModelFileCache(options?: StorageOptions): ModelFileCache {
  const dbName = options?.dbName ?? DB_NAME;
  return {
    async match(key) {
      const db = await openAltscribeDB(dbName);
      const record = await db.get('modelFiles', key);
      return record ? responseFromRecord(record) : undefined;
    },

    async put(key, response) {
      const record = await recordFromResponse(key, response);
      const db = await openAltscribeDB(dbName);
      await withStorageErrors(fileLabel(key), () => db.put('modelFiles', record), record.size);
    },

    async delete(key) {
      const db = await openAltscribeDB(dbName);
      return withStorageErrors(`the removal of ${fileLabel(key)}`, async () => {
        const tx = db.transaction('modelFiles', 'readwrite');
        const remove = async (): Promise<boolean> => {
          const existed = (await tx.store.count(key)) > 0;
          if (existed) await tx.store.delete(key);
          return existed;
        };
        const [existed] = await Promise.all([remove(), tx.done]);
        return existed;
      });
    },
  };
}

/** Downloaded models with their file count and total size, sorted by model id. */
export async function listCachedModels(options?: StorageOptions): Promise<CachedModelSummary[]> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  const tx = db.transaction('modelFiles');
  const summarise = async (): Promise<CachedModelSummary[]> => {
    const summaries = new Map<string, CachedModelSummary>();
    // Walks the index with a cursor so a large cache is never materialised as one array;
    // the Blob values are handles, so no file contents are read.
    let cursor = await tx.store.index('by-model').openCursor();
    while (cursor) {
      const { modelId, size, storedAt } = cursor.value;
      const summary = summaries.get(modelId) ?? { modelId, files: 0, bytes: 0, lastStoredAt: 0 };
      summary.files += 1;
      summary.bytes += size;
      summary.lastStoredAt = Math.max(summary.lastStoredAt, storedAt);
      summaries.set(modelId, summary);
      cursor = await cursor.continue();
    }
    return [...summaries.values()];
  };
  const [summaries] = await Promise.all([summarise(), tx.done]);
  return summaries;
}

/** Removes every cached file of one model; returns how many were removed. */
export async function deleteCachedModel(modelId: string, options?: StorageOptions): Promise<number> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  return withStorageErrors(`the removal of ${modelId}`, async () => {
    const tx = db.transaction('modelFiles', 'readwrite');
    const remove = async (): Promise<number> => {
      const keys = await tx.store.index('by-model').getAllKeys(modelId);
      await Promise.all(keys.map((key) => tx.store.delete(key)));
      return keys.length;
    };
    const [removed] = await Promise.all([remove(), tx.done]);
    return removed;
  });
}

// What ONNX Runtime and JSON.parse say about a file that is cut short or garbled. A server (or
// proxy) that ends a file early *and* sends the shorter Content-Length is indistinguishable from
// a whole file when it is stored; this is the first point where the damage shows.
// V8's JSON.parse says "Unexpected end of JSON input", "… in JSON at position N" or "… is not valid JSON".
const DAMAGED_FILE = /protobuf parsing failed|\bJSON (input|at position)|is not valid JSON/i;

/**
 * After a failed model load: when the failure says a file could not be read, removes the files
 * this load had just stored, so the next attempt downloads them again instead of failing the
 * same way forever. Files stored before this load (e.g. from a person's own folder) are kept.
 * Returns how many were removed.
 */
export async function forgetDamagedDownloads(error: unknown, storedDuringLoad: readonly string[], options?: StorageOptions): Promise<number> {
  const message = error instanceof Error ? error.message : String(error);
  if (!DAMAGED_FILE.test(message) || storedDuringLoad.length === 0) return 0;
  const cache = createModelFileCache(options);
  let removed = 0;
  for (const key of new Set(storedDuringLoad)) if (await cache.delete(key)) removed += 1;
  return removed;
}

export async function countModelFiles(options?: StorageOptions): Promise<number> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  return db.count('modelFiles');
}

/**
 * Reads the whole body before anything is written, so a dropped connection or a short body
 * leaves the cache untouched. Throws (transformers.js logs put failures as warnings) rather
 * than silently skipping, so the reason shows up in the console.
 */
async function recordFromResponse(key: string, response: Response): Promise<ModelFileRecord> {
  if (!response.ok) {
    throw new Error(`Not caching ${key}: the server answered ${response.status} ${response.statusText}`.trim());
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch (err) {
    throw new Error(`Not caching ${key}: the download failed before it finished`, { cause: err });
  }
  const declared = declaredLength(response);
  if (declared !== undefined && declared !== blob.size) {
    throw new Error(`Not caching ${key}: expected ${declared} bytes but received ${blob.size}`);
  }
  return {
    key,
    modelId: modelIdFromCacheKey(key),
    blob,
    contentType: response.headers.get('content-type') ?? blob.type,
    size: blob.size,
    storedAt: Date.now(),
  };
}

/**
 * The body length the response promises, if it is comparable to the decoded body. With a
 * content-encoding, content-length counts the compressed bytes (Fetch spec), so a CDN that
 * gzips a .wasm would otherwise never be cacheable.
 */
function declaredLength(response: Response): number | undefined {
  const encoding = response.headers.get('content-encoding');
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return undefined;
  const header = response.headers.get('content-length');
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

function responseFromRecord(record: ModelFileRecord): Response {
  // transformers.js sizes its buffer and progress events from content-length, and without it
  // issues a metadata request over the network, so it must always be present.
  const headers = new Headers({ 'content-length': String(record.blob.size) });
  if (record.contentType) headers.set('content-type', record.contentType);
  return new Response(record.blob, { status: 200, headers });
}

function fileLabel(key: string): string {
  const fileName = key.split(/[?#]/, 1)[0]?.split('/').pop() || key;
  return `the model file ${fileName}`;
}
