// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeCapabilities } from './probe-capabilities';

interface FakeNavigator {
  gpu?: { requestAdapter: () => Promise<unknown> };
  deviceMemory?: number;
  hardwareConcurrency?: number;
  storage?: { estimate?: () => Promise<{ quota?: number; usage?: number }>; persisted?: () => Promise<boolean> };
}

function inWorker(nav: FakeNavigator, crossOriginIsolated = false): void {
  vi.stubGlobal('navigator', nav);
  vi.stubGlobal('self', { crossOriginIsolated });
}

const adapter = (features: string[], extra: object = {}) => ({
  features: new Set(features),
  limits: { maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: 2 ** 31 },
  info: { vendor: 'nvidia', architecture: 'ampere', description: '' },
  ...extra,
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('probeCapabilities', () => {
  it('reads the adapter, its limits, memory, threads, isolation and storage', async () => {
    inWorker(
      {
        gpu: { requestAdapter: async () => adapter(['shader-f16']) },
        deviceMemory: 8,
        hardwareConcurrency: 12,
        storage: { estimate: async () => ({ quota: 5e10, usage: 2e8 }), persisted: async () => true },
      },
      true,
    );
    expect(await probeCapabilities()).toEqual({
      webgpu: { adapter: true, shaderF16: true, maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: 2 ** 31, description: 'nvidia ampere', isFallbackAdapter: false },
      deviceMemoryGiB: 8,
      hardwareConcurrency: 12,
      crossOriginIsolated: true,
      storage: { quotaBytes: 5e10, usageBytes: 2e8, persisted: true },
    });
  });

  it('reports a fallback adapter so pickRuntime can avoid it', async () => {
    inWorker({ gpu: { requestAdapter: async () => adapter([], { info: { description: 'swiftshader', isFallbackAdapter: true } }) } });
    expect((await probeCapabilities()).webgpu).toMatchObject({ adapter: true, shaderF16: false, description: 'swiftshader', isFallbackAdapter: true });
  });

  it('treats a throwing requestAdapter as no WebGPU', async () => {
    inWorker({ gpu: { requestAdapter: () => Promise.reject(new Error('blocked')) }, hardwareConcurrency: 4 });
    expect((await probeCapabilities()).webgpu).toEqual({ adapter: false, shaderF16: false });
  });

  it('leaves out what the browser does not report', async () => {
    inWorker({ hardwareConcurrency: 2 });
    const caps = await probeCapabilities();
    expect(caps.webgpu).toEqual({ adapter: false, shaderF16: false });
    expect('deviceMemoryGiB' in caps).toBe(false);
    expect('storage' in caps).toBe(false);
  });

  it('keeps the estimate when persisted() fails', async () => {
    inWorker({ storage: { estimate: async () => ({ quota: 1e9, usage: 0 }), persisted: () => Promise.reject(new Error('no')) } });
    expect((await probeCapabilities()).storage).toEqual({ quotaBytes: 1e9, usageBytes: 0 });
  });
});
