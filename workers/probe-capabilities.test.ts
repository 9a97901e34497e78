// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeCapabilities, WEBNN_PROBE_TIMEOUT_MS } from './probe-capabilities';

interface FakeNavigator {
  gpu?: { requestAdapter: () => Promise<unknown> };
  ml?: { createContext: (options?: { deviceType?: string }) => Promise<unknown> };
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
  vi.useRealTimers();
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

  it('has no webnn entry when the browser has no navigator.ml', async () => {
    inWorker({ hardwareConcurrency: 2 });
    expect('webnn' in (await probeCapabilities())).toBe(false);
  });

  it('reports each WebNN device type whose context can be created, and frees the contexts', async () => {
    const destroyed: string[] = [];
    const createContext = vi.fn(async (options?: { deviceType?: string }) => {
      if (options?.deviceType === 'npu') throw new DOMException('no NPU', 'NotSupportedError');
      return { destroy: () => destroyed.push(options?.deviceType ?? '?') };
    });
    inWorker({ ml: { createContext } });
    expect((await probeCapabilities()).webnn).toEqual({ cpu: true, gpu: true, npu: false });
    expect(createContext.mock.calls.map(([o]) => o?.deviceType).sort()).toEqual(['cpu', 'gpu', 'npu']);
    expect(destroyed.sort()).toEqual(['cpu', 'gpu']);
  });

  it('counts a WebNN device type that never answers as missing, after a time limit', async () => {
    vi.useFakeTimers();
    inWorker({ ml: { createContext: (o) => (o?.deviceType === 'gpu' ? new Promise(() => {}) : Promise.resolve({})) } });
    const probe = probeCapabilities();
    await vi.advanceTimersByTimeAsync(WEBNN_PROBE_TIMEOUT_MS + 1);
    expect((await probe).webnn).toEqual({ cpu: true, gpu: false, npu: true });
  });
});
