import type { ModelEntry } from './registry';
import type { Dtype } from './model-types';

/**
 * What loading a model would download. Crosses the worker boundary, so pure data only.
 */
export interface PlannedFile {
  /** Path inside the model repo, e.g. "onnx/decoder_model_merged_q4.onnx". */
  file: string;
  /** Size the server reported; null when it would not say. */
  bytes: number | null;
  /** Already whole in IndexedDB: loading it costs no download. */
  cached: boolean;
}

export interface DownloadPlan {
  files: PlannedFile[];
  totalBytes: number;
  bytesToDownload: number;
  filesToDownload: number;
  /** False when a file's size is unknown; the registry's estimate is then shown instead. */
  exact: boolean;
  /** Set when the browser downloads and keeps the model itself (its Prompt API): the browser's name. */
  managedBy?: string;
}

/** What the consent prompt states: the download, and any of the model's files already on this device. */
export interface ConsentSize {
  bytes: number;
  exact: boolean;
  files: number;
  /** Files of this load stored before it was planned (an earlier, interrupted download); absent when none. */
  stored?: { bytes: number; files: number };
  /** The browser that downloads and keeps the model, outside this site's storage; absent for our own downloads. */
  managedBy?: string;
}

/** The size to show a person before download: the server's numbers, or the registry's estimate. */
export function sizeForConsent(plan: DownloadPlan, model: Pick<ModelEntry, 'approxBytes'>, dtype: Dtype): ConsentSize {
  const cached = plan.files.filter((f) => f.cached);
  const stored = cached.length ? { stored: { bytes: cached.reduce((sum, f) => sum + (f.bytes ?? 0), 0), files: cached.length } } : {};
  if (plan.exact) return { bytes: plan.bytesToDownload, exact: true, files: plan.filesToDownload, ...stored };
  const estimate = model.approxBytes[dtype] ?? 0;
  if (plan.managedBy) return { bytes: estimate, exact: false, files: plan.filesToDownload, managedBy: plan.managedBy };
  // The known part plus, for unknown files, the registry's estimate scaled to what is missing.
  return { bytes: Math.max(plan.bytesToDownload, estimate), exact: false, files: plan.filesToDownload, ...stored };
}

/** Nothing to download: every file is cached already. */
export function isFullyCached(plan: DownloadPlan): boolean {
  return plan.filesToDownload === 0;
}
