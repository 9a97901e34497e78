import type { Device } from './model-types';

/**
 * PLACEHOLDER, written by the batch-estimate helper so its code could land first: the bench
 * helper owns this file and replaces the table with the per-family seconds per photo measured
 * head to head by `npm run bench` (docs/benchmarks.md). Until then the table is empty, so
 * `secondsPerPhoto` answers null for every model and the batch estimate offers no faster model.
 *
 * What callers use it for: a ratio between two models on the same reference machine, applied to
 * the time measured on the person's own device. Only the ratio travels; the absolute numbers are
 * this machine's.
 */
const SECONDS_PER_PHOTO: Readonly<Record<string, Partial<Record<Device, number>>>> = {};

/** Measured seconds per photo of `modelId` on `device` on the reference machine; null when unmeasured. */
export function secondsPerPhoto(modelId: string, device: Device): number | null {
  return SECONDS_PER_PHOTO[modelId]?.[device] ?? null;
}
