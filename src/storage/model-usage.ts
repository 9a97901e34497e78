/**
 * When each model was last used, for the model manager's "Last used" column.
 *
 * Kept as one map under a meta key rather than on the model file records: a caption touches
 * one model, and rewriting every file record (Blobs of hundreds of megabytes) for a timestamp
 * would be wasteful. The map is small (one entry per model ever used).
 */
import { listCachedModels, type CachedModelSummary } from './model-cache';
import { DB_NAME, openAltscribeDB, type MetaValue, type StorageOptions } from './schema';
import { withStorageErrors } from './storage-errors';

export const MODEL_USAGE_KEY = 'modelUsage';

export interface ModelUsage {
  /** Epoch milliseconds. */
  lastUsedAt: number;
}

export type ModelUsageMap = Record<string, ModelUsage>;

/** A cached model joined with its last use; `lastUsedAt` is absent if it was never used. */
export interface CachedModelWithUsage extends CachedModelSummary {
  lastUsedAt?: number;
}

/**
 * Records that `modelId` was used at `at`. Read and write share one transaction, so two
 * calls racing (two tabs, or page and worker) cannot drop each other's entry. An older `at`
 * never overwrites a newer one.
 */
export async function markModelUsed(modelId: string, at: number = Date.now(), options?: StorageOptions): Promise<void> {
  await updateUsage(`the last use of ${modelId}`, options, (usage) => {
    const previous = usage[modelId]?.lastUsedAt ?? -Infinity;
    if (at > previous) usage[modelId] = { lastUsedAt: at };
  });
}

/** Forgets a model's last use, e.g. after its files were deleted. */
export async function forgetModelUsage(modelId: string, options?: StorageOptions): Promise<void> {
  await updateUsage(`the removal of the last use of ${modelId}`, options, (usage) => {
    delete usage[modelId];
  });
}

/** Every recorded last use. Entries of an unexpected shape (older app versions) are skipped. */
export async function getModelUsage(options?: StorageOptions): Promise<ModelUsageMap> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  return parseUsage(await db.get('meta', MODEL_USAGE_KEY));
}

/** What the model manager lists: each cached model's size, file count and last use. */
export async function cachedModelSummaries(options?: StorageOptions): Promise<CachedModelWithUsage[]> {
  const [models, usage] = await Promise.all([listCachedModels(options), getModelUsage(options)]);
  return models.map((model) => {
    const lastUsedAt = usage[model.modelId]?.lastUsedAt;
    return lastUsedAt === undefined ? model : { ...model, lastUsedAt };
  });
}

async function updateUsage(what: string, options: StorageOptions | undefined, change: (usage: ModelUsageMap) => void): Promise<void> {
  const db = await openAltscribeDB(options?.dbName ?? DB_NAME);
  await withStorageErrors(what, async () => {
    const tx = db.transaction('meta', 'readwrite');
    const write = async (): Promise<void> => {
      const usage = parseUsage(await tx.store.get(MODEL_USAGE_KEY));
      change(usage);
      await tx.store.put(toMetaValue(usage), MODEL_USAGE_KEY);
    };
    await Promise.all([write(), tx.done]);
  });
}

function parseUsage(value: MetaValue | undefined): ModelUsageMap {
  const usage: ModelUsageMap = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return usage;
  for (const [modelId, entry] of Object.entries(value)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
    const { lastUsedAt } = entry;
    if (typeof lastUsedAt === 'number' && Number.isFinite(lastUsedAt)) usage[modelId] = { lastUsedAt };
  }
  return usage;
}

function toMetaValue(usage: ModelUsageMap): MetaValue {
  return Object.fromEntries(Object.entries(usage).map(([modelId, { lastUsedAt }]) => [modelId, { lastUsedAt }]));
}
