import { ModelRegistry } from '@huggingface/transformers';
import type { Device, Dtype, ModuleDtypes } from '../src/models/model-types';
import type { DownloadPlan, PlannedFile } from '../src/models/download-plan';
import type { ModelFileCache } from '../src/storage/model-cache';

/**
 * What loading a model would download, asked of the server before anything large is fetched,
 * so the person can consent with the real size. Sizes come from a one-byte Range request per
 * file (the Hub and static servers answer with Content-Range: …/<total>); a file whose size the
 * server will not say keeps the plan marked as an estimate.
 */
export interface PlanRequest {
  /** What transformers.js is given as the model: an app path id or a hub repo. */
  path: string;
  /** Where each file would be fetched from and stored under (the cache key). */
  urlOf: (file: string) => string;
  device: Device;
  dtype: Dtype;
  modules?: ModuleDtypes;
}

/** Files get_files itself downloads (and transformers.js caches) while it works out the plan. */
const PLANNING_READS = ['config.json'];

export async function planDownload(request: PlanRequest, cache: ModelFileCache, fetchImpl: typeof fetch = fetch): Promise<DownloadPlan> {
  const dtype = request.modules ? { model: request.modules['encoder_model'] ?? request.dtype, ...request.modules } : request.dtype;
  // get_files reads config.json to know the rest, and transformers.js caches it as it does so.
  // Looked up first: a config stored by this planning is part of the download the person is asked
  // about, or the prompt would state one file fewer than the model manager lists afterwards.
  const fetchedToPlan = new Set<string>();
  for (const file of PLANNING_READS) if (!(await cache.match(request.urlOf(file)).catch(() => undefined))) fetchedToPlan.add(file);
  // Lists exactly the files transformers.js will request for this device and dtype.
  const files = await ModelRegistry.get_files(request.path, { device: request.device, dtype });
  const planned = await Promise.all(
    files.map(async (file) => {
      const entry = await planFile(file, request.urlOf(file), cache, fetchImpl);
      return fetchedToPlan.has(file) ? { ...entry, cached: false } : entry;
    }),
  );
  const missing = planned.filter((f) => !f.cached);
  return {
    files: planned,
    totalBytes: sum(planned.map((f) => f.bytes ?? 0)),
    bytesToDownload: sum(missing.map((f) => f.bytes ?? 0)),
    filesToDownload: missing.length,
    exact: missing.every((f) => f.bytes !== null),
  };
}

async function planFile(file: string, url: string, cache: ModelFileCache, fetchImpl: typeof fetch): Promise<PlannedFile> {
  const hit = await cache.match(url).catch(() => undefined);
  if (hit) return { file, bytes: Number(hit.headers.get('content-length')) || null, cached: true };
  return { file, bytes: await remoteSize(url, fetchImpl), cached: false };
}

/** Total size from a one-byte Range request; null when the server does not say. */
async function remoteSize(url: string, fetchImpl: typeof fetch): Promise<number | null> {
  try {
    const response = await fetchImpl(url, { headers: { Range: 'bytes=0-0' }, cache: 'no-store' });
    void response.body?.cancel();
    if (!response.ok) return null;
    const range = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
    if (range?.[1]) return Number(range[1]);
    // 200 instead of 206: the server ignored Range; its Content-Length is then the whole file.
    const length = response.status === 200 ? Number(response.headers.get('content-length')) : NaN;
    return Number.isFinite(length) && length > 0 ? length : null;
  } catch {
    return null;
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
