/**
 * Turns the browser's storage failures into errors a person can act on.
 *
 * IndexedDB reports "disk full" and "storage switched off" under several names depending on
 * the browser and on where the failure surfaced (the request, the transaction, or a wrapper),
 * so every write in this folder funnels its errors through `toStorageError`.
 */
import { formatBytes } from '../models/format-bytes';
import type { StorageEstimateSummary } from './storage-quota';

export { formatBytes };

export type StorageErrorKind = 'quota' | 'unavailable' | 'unknown';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly kind: StorageErrorKind;

  constructor(kind: StorageErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

const FREE_SPACE_HINT = "Free space in the model manager or your browser's site settings.";

// Legacy DOMException code for QuotaExceededError; old WebKit only sets the code reliably.
const QUOTA_EXCEEDED_CODE = 22;

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

// InvalidStateError is what Firefox private windows (and closed connections) raise;
// SecurityError comes from blocked site data or opaque origins.
const UNAVAILABLE_NAMES = new Set(['InvalidStateError', 'SecurityError']);

/**
 * Maps any thrown value to a StorageError whose message names what could not be saved.
 * `bytesNeeded` is only used for the quota message, where the size helps the user decide
 * what to delete.
 */
export function toStorageError(err: unknown, whatWasBeingSaved: string, bytesNeeded?: number): StorageError {
  if (err instanceof StorageError) return err;

  const names = errorNames(err);
  if (names.some((n) => QUOTA_NAMES.has(n)) || hasQuotaCode(err)) {
    const size = bytesNeeded !== undefined && bytesNeeded > 0 ? ` (needs about ${formatBytes(bytesNeeded)})` : '';
    return new StorageError('quota', `Not enough storage space to save ${whatWasBeingSaved}${size}. ${FREE_SPACE_HINT}`, {
      cause: err,
    });
  }
  if (names.includes('VersionError')) {
    return new StorageError(
      'unavailable',
      `A newer version of Altscribe is open in another tab, so ${whatWasBeingSaved} can't be saved here. Reload this page to continue.`,
      { cause: err },
    );
  }
  if (names.some((n) => UNAVAILABLE_NAMES.has(n))) {
    return unavailableStorageError(whatWasBeingSaved, err);
  }
  const detail = err instanceof Error && err.message ? `: ${err.message}` : '';
  return new StorageError('unknown', `Couldn't save ${whatWasBeingSaved}${detail}`, { cause: err });
}

export function unavailableStorageError(whatWasBeingSaved: string, cause?: unknown): StorageError {
  return new StorageError(
    'unavailable',
    `Browser storage is unavailable, so ${whatWasBeingSaved} can't be saved. ` +
      'Private browsing or blocked site data can cause this; check your browser\'s site settings.',
    { cause },
  );
}

const QUOTA_ADVICE = 'Delete models you no longer use or free up disk space.';

/**
 * The message for a download that does not fit, naming the size needed and what is free, so a
 * person can judge how much to delete. `estimate` is undefined where the browser won't say.
 */
export function quotaMessage(neededBytes: number, estimate: StorageEstimateSummary | undefined, label = 'this model'): string {
  if (!Number.isFinite(neededBytes) || neededBytes <= 0) return `Not enough storage for ${label}. ${QUOTA_ADVICE}`;
  const needs = `Not enough storage: ${label} needs about ${formatBytes(neededBytes)}`;
  if (!estimate) return `${needs}. ${QUOTA_ADVICE}`;
  if (estimate.available >= neededBytes) {
    // Estimates are padded and the quota is shared with other data, so a refusal can still
    // come with "enough" free space; saying "only 3 GB is free" would then read as nonsense.
    return `${needs}, and the browser refused to store it although it reports ${formatBytes(estimate.available)} free. ${QUOTA_ADVICE}`;
  }
  const free = estimate.available > 0 ? `only ${formatBytes(estimate.available)} is free` : 'no space is free';
  return `${needs}, but ${free}. ${QUOTA_ADVICE}`;
}

/** Runs a storage write and rethrows any failure as a StorageError. */
export async function withStorageErrors<T>(
  whatWasBeingSaved: string,
  write: () => Promise<T>,
  bytesNeeded?: number,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw toStorageError(err, whatWasBeingSaved, bytesNeeded);
  }
}

/**
 * The error's own name plus those of any wrapped errors: quota failures sometimes arrive as an
 * AbortError whose `cause` (or a library's `inner`) is the QuotaExceededError.
 */
function errorNames(err: unknown, depth = 0): string[] {
  if (typeof err !== 'object' || err === null || depth > 3) return [];
  const names: string[] = [];
  if ('name' in err && typeof err.name === 'string') names.push(err.name);
  if ('cause' in err) names.push(...errorNames(err.cause, depth + 1));
  if ('inner' in err) names.push(...errorNames(err.inner, depth + 1));
  return names;
}

function hasQuotaCode(err: unknown): boolean {
  return typeof DOMException !== 'undefined' && err instanceof DOMException && err.code === QUOTA_EXCEEDED_CODE;
}
