import { findModel, type ModelEntry } from '../models/registry';
import { cachedModelSummaries, deleteCachedModel, estimateStorage, forgetModelUsage, isStoragePersisted, requestPersistentStorage } from '../storage';

/** One downloaded model as the manager lists it. */
export interface ManagedModel {
  modelId: string;
  label: string;
  /** Bytes on disk, summed over the model's cached files. */
  bytes: number;
  files: number;
  /** Epoch milliseconds; absent when the model was downloaded but never used. */
  lastUsedAt?: number;
  /** Loaded in the worker right now. */
  inUse: boolean;
}

/** The browser's storage estimate and whether it promised to keep this site's data. */
export interface ManagerStorage {
  usageBytes: number;
  quotaBytes: number;
  persisted: boolean;
}

/**
 * The models kept on this device, for the model manager: what each takes on disk, when it was
 * last used, and the verbs to delete one or ask the browser to keep them. Reads IndexedDB only;
 * the caption worker is not involved, so managing models never disturbs a running caption.
 */
export class ModelLibrary extends EventTarget {
  models: ManagedModel[] = [];
  storage: ManagerStorage | null = null;
  busy: string | null = null;
  /** A failed delete, worded for the person; null when all went well. */
  error: string | null = null;

  constructor(
    private readonly inUse: () => string | null,
    /** Labels for the models the person added come from their own entries. */
    private readonly lookupModel: (id: string) => ModelEntry | undefined = findModel,
  ) {
    super();
  }

  async refresh(): Promise<void> {
    const [summaries, estimate, persisted] = await Promise.all([cachedModelSummaries(), estimateStorage(), isStoragePersisted()]);
    const active = this.inUse();
    this.models = summaries.map((s) => ({
      modelId: s.modelId,
      label: this.lookupModel(s.modelId)?.label ?? s.modelId,
      bytes: s.bytes,
      files: s.files,
      ...(s.lastUsedAt !== undefined ? { lastUsedAt: s.lastUsedAt } : {}),
      inUse: s.modelId === active,
    }));
    this.storage = estimate ? { usageBytes: estimate.usage, quotaBytes: estimate.quota, persisted } : null;
    this.changed();
  }

  async remove(modelId: string): Promise<void> {
    this.busy = modelId;
    this.error = null;
    this.changed();
    try {
      await deleteCachedModel(modelId);
      await forgetModelUsage(modelId).catch(() => {});
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = null;
      await this.refresh();
    }
  }

  async persist(): Promise<void> {
    await requestPersistentStorage();
    await this.refresh();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
