/**
 * Models the person added themselves: their registry entries in the `meta` store, and, for a
 * picked folder, its files in the model cache under the keys transformers.js will look up,
 * so loading it later needs no network at all.
 */
import { isModelFamily } from '../models/families';
import type { ModelEntry } from '../models/registry';
import { getMeta, setMeta } from './meta-store';
import { createModelFileCache } from './model-cache';
import type { MetaValue, StorageOptions } from './schema';

export const CUSTOM_MODELS_KEY = 'customModels';

/** Entries saved by this or an earlier version; anything malformed is dropped, not fatal. */
export async function loadCustomModelEntries(options?: StorageOptions): Promise<ModelEntry[]> {
  const value = await getMeta(CUSTOM_MODELS_KEY, options);
  return Array.isArray(value) ? value.filter(isCustomEntry) : [];
}

export async function saveCustomModelEntries(entries: readonly ModelEntry[], options?: StorageOptions): Promise<void> {
  // Entries are plain data by contract (they cross the worker boundary too).
  await setMeta(CUSTOM_MODELS_KEY, JSON.parse(JSON.stringify(entries)) as MetaValue, options);
}

export interface ModelFolderFile {
  /** Path inside the model folder, e.g. "onnx/encoder_model.onnx". */
  path: string;
  blob: Blob;
}

/**
 * Copies a picked folder into the model cache as `<keyPrefix><path>`. All or nothing: when one
 * file cannot be stored (disk full), the ones already stored are removed again, so a model is
 * never half there.
 */
export async function storeModelFolder(keyPrefix: string, files: readonly ModelFolderFile[], options?: StorageOptions): Promise<void> {
  const cache = createModelFileCache(options);
  const stored: string[] = [];
  try {
    for (const file of files) {
      const key = keyPrefix + file.path;
      const headers = { 'content-length': String(file.blob.size), 'content-type': file.blob.type || contentTypeOf(file.path) };
      await cache.put(key, new Response(file.blob, { status: 200, headers }));
      stored.push(key);
    }
  } catch (error) {
    await Promise.all(stored.map((key) => cache.delete(key).catch(() => false)));
    throw error;
  }
}

function contentTypeOf(path: string): string {
  if (path.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}

function isCustomEntry(value: unknown): value is ModelEntry & MetaValue {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Record<keyof ModelEntry, unknown>>;
  const source = entry.source as { kind?: unknown; baseUrl?: unknown } | undefined;
  return (
    typeof entry.id === 'string' &&
    typeof entry.label === 'string' &&
    isModelFamily(entry.family) &&
    typeof entry.dtypes === 'object' &&
    entry.dtypes !== null &&
    typeof entry.approxBytes === 'object' &&
    typeof entry.generation === 'object' &&
    (source?.kind === 'folder' || (source?.kind === 'url' && typeof source.baseUrl === 'string'))
  );
}
