/**
 * The storage layer's public surface: verbs and types only. The database handle stays
 * inside this folder so every byte goes through a verb that maps its errors.
 */
export {
  DB_NAME,
  DB_VERSION,
  closeAltscribeDB,
  type CaptionRecord,
  type CaptionReview,
  type CaptionStatus,
  type FolderHandleRecord,
  type OriginalHandleRecord,
  type MetaValue,
  type ModelFileRecord,
  type StorageOptions,
  type TextVersion,
} from './schema';
export {
  clearResults,
  deleteResult,
  addResultUnlessKnown,
  findResultByHash,
  getResult,
  listResults,
  putResult,
  updateResult,
  updateResults,
  type CaptionPatch,
} from './results-store';
export { storeIntakeBatch, type IntakeBatch } from './intake-batch';
export {
  countModelFiles,
  createModelFileCache,
  deleteCachedModel,
  listCachedModels,
  modelIdFromCacheKey,
  type CachedModelSummary,
  type ModelFileCache,
} from './model-cache';
export { deleteOriginalHandle, forgetUnusedFolders, getOriginalHandles, listFolderHandles, listOriginalHandles, putOriginalHandle } from './original-handles';
export { deleteMeta, getMeta, listMetaKeys, setMeta } from './meta-store';
export { eraseAllStoredData } from './erase';
export { CUSTOM_MODELS_KEY, loadCustomModelEntries, saveCustomModelEntries, storeModelFolder, type ModelFolderFile } from './custom-models';
export {
  MODEL_USAGE_KEY,
  cachedModelSummaries,
  forgetModelUsage,
  getModelUsage,
  markModelUsed,
  type CachedModelWithUsage,
  type ModelUsage,
  type ModelUsageMap,
} from './model-usage';
export { estimateStorage, isStoragePersisted, requestPersistentStorage, type StorageEstimateSummary } from './storage-quota';
export { StorageError, formatBytes, quotaMessage, toStorageError, type StorageErrorKind } from './storage-errors';
