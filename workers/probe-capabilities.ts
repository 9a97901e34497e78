import type { Capabilities } from '../src/models/model-types';

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
 * runs: WebGPU availability can differ between a page and its workers.
 */
export async function probeCapabilities(): Promise<Capabilities> {
  const nav = navigator as typeof navigator & { gpu?: GpuLike; deviceMemory?: number };
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = (await nav.gpu?.requestAdapter({ powerPreference: 'high-performance' })) ?? null;
  } catch {
    adapter = null;
  }
  const info = adapter?.info;
  const description = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ').trim();
  return {
    webgpu: adapter
      ? {
          adapter: true,
          shaderF16: adapter.features.has('shader-f16'),
          maxBufferSize: adapter.limits.maxBufferSize,
          maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
          ...(description ? { description } : {}),
          isFallbackAdapter: info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false,
        }
      : { adapter: false, shaderF16: false },
    ...(nav.deviceMemory !== undefined ? { deviceMemoryGiB: nav.deviceMemory } : {}),
    hardwareConcurrency: nav.hardwareConcurrency,
    crossOriginIsolated: self.crossOriginIsolated,
  };
}
