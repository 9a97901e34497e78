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

/**
 * Probes what this worker can run on. It runs in the worker because that is where the model
 * runs: WebGPU availability can differ between a page and its workers. Storage is per origin,
 * so the worker's estimate is the page's too.
 */
export async function probeCapabilities(): Promise<Capabilities> {
  const nav = navigator as typeof navigator & { gpu?: GpuLike; deviceMemory?: number };
  const [webgpu, storage] = await Promise.all([probeWebGpu(nav.gpu), probeStorage()]);
  return {
    webgpu,
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

async function probeStorage(): Promise<Capabilities['storage']> {
  const estimate = await estimateStorage();
  if (!estimate) return undefined;
  const manager = (navigator as { storage?: { persisted?: () => Promise<boolean> } }).storage;
  // persisted() exists in workers (persist() does not); an error only means "cannot tell".
  const persisted = await manager?.persisted?.().catch(() => undefined);
  return { quotaBytes: estimate.quota, usageBytes: estimate.usage, ...(persisted !== undefined ? { persisted } : {}) };
}
