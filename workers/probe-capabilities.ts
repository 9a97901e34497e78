import type { Capabilities } from '../src/models/model-types';
import { estimateStorage } from '../src/storage/storage-quota';

/** The few WebGPU members we read; TypeScript's WebWorker lib does not declare WebGPU yet. */
interface GpuAdapterLike {
  features: { has(name: string): boolean };
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  info?: { description?: string; vendor?: string; architecture?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}
/** WebNN's entry point; not in TypeScript's libs either. */
interface MlLike {
  createContext(options?: { deviceType?: 'cpu' | 'gpu' | 'npu' }): Promise<{ destroy?: () => void } | null | undefined>;
}
type WebnnDevices = NonNullable<Capabilities['webnn']>;

/** A context that has not answered by then counts as missing: some drivers hang instead of refusing. */
export const WEBNN_PROBE_TIMEOUT_MS = 2000;

/**
 * Probes what this worker can run on. It runs in the worker because that is where the model
 * runs: WebGPU availability can differ between a page and its workers. Storage is per origin,
 * so the worker's estimate is the page's too.
 */
export async function probeCapabilities(): Promise<Capabilities> {
  const nav = navigator as typeof navigator & { gpu?: GpuLike; ml?: MlLike; deviceMemory?: number };
  const [webgpu, storage, webnn] = await Promise.all([probeWebGpu(nav.gpu), probeStorage(), 'ml' in nav ? probeWebnn(nav.ml) : undefined]);
  return {
    webgpu,
    ...(webnn ? { webnn } : {}),
    ...(nav.deviceMemory !== undefined ? { deviceMemoryGiB: nav.deviceMemory } : {}),
    hardwareConcurrency: nav.hardwareConcurrency,
    crossOriginIsolated: self.crossOriginIsolated,
    ...(storage ? { storage } : {}),
  };
}

async function probeWebGpu(gpu: GpuLike | undefined): Promise<Capabilities['webgpu']> {
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = (await gpu?.requestAdapter({ powerPreference: 'high-performance' })) ?? null;
  } catch {
    adapter = null;
  }
  if (!adapter) return { adapter: false, shaderF16: false };
  const info = adapter.info;
  const description = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ').trim();
  return {
    adapter: true,
    shaderF16: adapter.features.has('shader-f16'),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    ...(description ? { description } : {}),
    isFallbackAdapter: info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false,
  };
}

/** Which WebNN device types can create a context; the three are asked at once, each time-limited. */
async function probeWebnn(ml: MlLike | undefined): Promise<WebnnDevices> {
  const kinds = ['cpu', 'gpu', 'npu'] as const;
  const [cpu, gpu, npu] = await Promise.all(kinds.map((deviceType) => canCreateContext(ml, deviceType)));
  return { cpu: cpu ?? false, gpu: gpu ?? false, npu: npu ?? false };
}

async function canCreateContext(ml: MlLike | undefined, deviceType: 'cpu' | 'gpu' | 'npu'): Promise<boolean> {
  if (typeof ml?.createContext !== 'function') return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), WEBNN_PROBE_TIMEOUT_MS)));
  const attempt = (async () => {
    const context = await ml.createContext({ deviceType });
    // The probe only needs to know; a context holds device resources until destroyed.
    context?.destroy?.();
    return Boolean(context);
  })().catch(() => false);
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function probeStorage(): Promise<Capabilities['storage']> {
  const estimate = await estimateStorage();
  if (!estimate) return undefined;
  const manager = (navigator as { storage?: { persisted?: () => Promise<boolean> } }).storage;
  // persisted() exists in workers (persist() does not); an error only means "cannot tell".
  const persisted = await manager?.persisted?.().catch(() => undefined);
  return { quotaBytes: estimate.quota, usageBytes: estimate.usage, ...(persisted !== undefined ? { persisted } : {}) };
}
