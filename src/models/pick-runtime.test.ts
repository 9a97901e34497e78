import { describe, expect, it } from 'vitest';
import type { Capabilities } from './model-types';
import { deviceLabel, pickRuntime, wasmThreadsFor } from './pick-runtime';
import { getModel, type ModelEntry } from './registry';

const gpu = (extra: Partial<Capabilities['webgpu']> = {}): Capabilities => ({
  webgpu: { adapter: true, shaderF16: false, maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30, description: 'nvidia ampere', ...extra },
  deviceMemoryGiB: 16,
});
const noGpu: Capabilities = { webgpu: { adapter: false, shaderF16: false }, deviceMemoryGiB: 4 };
const swiftshader = gpu({ description: 'google swiftshader', isFallbackAdapter: true });

const fixture = getModel('altscribe/shapes-captioner');
const distilvit = getModel('Mozilla/distilvit');
const f16Only: ModelEntry = { ...distilvit, id: 'test/f16-only', dtypes: { webgpu: 'q4f16', wasm: 'q8' }, webgpuF16Dtype: undefined };
const gpuOnly: ModelEntry = { ...distilvit, id: 'test/gpu-only', dtypes: { webgpu: 'fp32' } };

describe('pickRuntime', () => {
  it.each([
    // [case, capabilities, model, preference, device, dtype]
    ['laptop GPU with shader-f16 takes the f16 build', gpu({ shaderF16: true }), fixture, 'auto', 'webgpu', 'fp16'],
    ['GPU without shader-f16 keeps fp32', gpu(), fixture, 'auto', 'webgpu', 'fp32'],
    ['no WebGPU falls to WASM q8', noGpu, fixture, 'auto', 'wasm', 'q8'],
    ['software adapter is slower than the CPU, so WASM', swiftshader, fixture, 'auto', 'wasm', 'q8'],
    ['explicit WebGPU request honoured even on a software adapter', swiftshader, fixture, 'webgpu', 'webgpu', 'fp32'],
    ['explicit WASM request honoured on a big GPU', gpu({ shaderF16: true }), distilvit, 'wasm', 'wasm', 'q8'],
    ['WebGPU requested without an adapter falls back to WASM', noGpu, distilvit, 'webgpu', 'wasm', 'q8'],
    ['q4f16-only WebGPU build is skipped without shader-f16', gpu(), f16Only, 'auto', 'wasm', 'q8'],
    ['q4f16 build used when shader-f16 exists', gpu({ shaderF16: true }), f16Only, 'auto', 'webgpu', 'q4f16'],
  ] as const)('%s', (_name, caps, model, preference, device, dtype) => {
    const choice = pickRuntime(caps, model, preference);
    expect({ device: choice.device, dtype: choice.dtype }).toEqual({ device, dtype });
    expect(choice.reason.length).toBeGreaterThan(10);
  });

  it('explains a software-adapter decision in words', () => {
    expect(pickRuntime(swiftshader, fixture).reason).toMatch(/software/i);
  });

  it('says why f16 was not used', () => {
    expect(pickRuntime(gpu(), fixture).reason).toMatch(/lacks shader-f16/);
  });

  it('refuses a model that has no WASM build on a machine without WebGPU', () => {
    expect(() => pickRuntime(noGpu, gpuOnly)).toThrow(/cannot run on WASM/);
  });
});

describe('pickRuntime with an explicit dtype', () => {
  it('honours the requested dtype and says so', () => {
    const choice = pickRuntime(swiftshader, fixture, 'webgpu', 'fp16');
    expect(choice).toMatchObject({ device: 'webgpu', dtype: 'fp16' });
    expect(choice.reason).toMatch(/fp16, as requested/);
  });
});

describe('pickRuntime and GPU buffer limits', () => {
  // The WebGPU default limits (256 MiB buffer, 128 MiB binding); some adapters report no more.
  const smallGpu = gpu({ shaderF16: true, maxBufferSize: 2 ** 28, maxStorageBufferBindingSize: 2 ** 27 });
  const fastvlm = getModel('onnx-community/FastVLM-0.5B-ONNX');

  it('runs a model on WASM when its largest weight would not fit the GPU, and says so', () => {
    const choice = pickRuntime(smallGpu, distilvit);
    expect(choice).toMatchObject({ device: 'wasm', dtype: 'q8' });
    expect(choice.reason).toMatch(/approximately 154 MB.*134 MB/);
  });

  it('keeps WebGPU for a model that fits the same GPU', () => {
    expect(pickRuntime(smallGpu, getModel('HuggingFaceTB/SmolVLM-256M-Instruct'))).toMatchObject({ device: 'webgpu', dtype: 'q4f16' });
  });

  it('still tries WebGPU for a GPU-only model, warning that it may fail', () => {
    const choice = pickRuntime(smallGpu, fastvlm);
    expect(choice.device).toBe('webgpu');
    expect(choice.reason).toMatch(/may fail/);
  });

  it('honours an explicit WebGPU request over the estimate, with a warning', () => {
    const choice = pickRuntime(smallGpu, distilvit, 'webgpu');
    expect(choice.device).toBe('webgpu');
    expect(choice.reason).toMatch(/approximately 154 MB.*may fail/);
  });

  it('does not guess when the adapter reported no limits', () => {
    expect(pickRuntime(gpu({ maxBufferSize: undefined, maxStorageBufferBindingSize: undefined }), distilvit).device).toBe('webgpu');
  });
});

describe('pickRuntime per-module dtypes', () => {
  const florence = getModel('onnx-community/Florence-2-base-ft');

  it('keeps embeddings and vision at fp16 with shader-f16', () => {
    expect(pickRuntime(gpu({ shaderF16: true }), florence).modules).toEqual({ embed_tokens: 'fp16', vision_encoder: 'fp16', encoder_model: 'q4f16', decoder_model_merged: 'q4f16' });
  });

  it('uses fp32 embeddings and vision with q4 when the adapter lacks shader-f16', () => {
    const choice = pickRuntime(gpu(), florence);
    expect(choice).toMatchObject({ device: 'webgpu', dtype: 'q4' });
    expect(choice.modules?.['embed_tokens']).toBe('fp32');
  });

  it('has no module map for a single-file dtype', () => {
    expect(pickRuntime(noGpu, florence).modules).toBeUndefined();
  });
});

describe('pickRuntime WASM threads', () => {
  it.each([
    ['isolated 2-core machine uses both cores', { crossOriginIsolated: true, hardwareConcurrency: 2 }, 2],
    ['isolated 16-core machine is capped at 4', { crossOriginIsolated: true, hardwareConcurrency: 16 }, 4],
    ['isolated but core count unknown: 1', { crossOriginIsolated: true }, 1],
    ['not isolated: SharedArrayBuffer is missing, so 1', { crossOriginIsolated: false, hardwareConcurrency: 8 }, 1],
    ['isolation unknown: 1', { hardwareConcurrency: 8 }, 1],
  ] as const)('%s', (_name, extra, threads) => {
    expect(pickRuntime({ ...noGpu, ...extra }, fixture).wasmThreads).toBe(threads);
    expect(wasmThreadsFor({ ...noGpu, ...extra })).toBe(threads);
  });

  it('is also set for WebGPU and an explicit dtype (onnxruntime starts its threads for any device)', () => {
    expect(pickRuntime({ ...gpu(), crossOriginIsolated: true, hardwareConcurrency: 3 }, fixture).wasmThreads).toBe(3);
    expect(pickRuntime({ ...noGpu, crossOriginIsolated: true, hardwareConcurrency: 2 }, fixture, 'auto', 'fp32')).toMatchObject({ dtype: 'fp32', wasmThreads: 2 });
  });
});

describe('pickRuntime and WebNN', () => {
  const webnnModel: ModelEntry = { ...distilvit, id: 'test/webnn', dtypes: { ...distilvit.dtypes, webnn: 'fp16' } };
  const webnn = (cpu: boolean, gpu: boolean, npu: boolean): Capabilities['webnn'] => ({ cpu, gpu, npu });

  it.each([
    ['NPU before GPU and CPU', webnn(true, true, true), 'webnn-npu', /NPU/],
    ['GPU before CPU', webnn(true, true, false), 'webnn-gpu', /GPU/],
    ['CPU when it is the only WebNN device', webnn(true, false, false), 'webnn-cpu', /CPU/],
  ] as const)('%s', (_name, caps, device, where) => {
    const choice = pickRuntime({ ...noGpu, webnn: caps }, webnnModel);
    expect(choice).toMatchObject({ device, dtype: 'fp16' });
    expect(choice.reason).toMatch(/No WebGPU adapter/);
    expect(choice.reason).toMatch(where);
    expect(choice.reason).toMatch(/WebNN build/);
  });

  it('a hardware WebGPU adapter still wins over WebNN', () => {
    expect(pickRuntime({ ...gpu(), webnn: webnn(true, true, true) }, webnnModel).device).toBe('webgpu');
  });

  it('a software WebGPU adapter loses to WebNN', () => {
    const choice = pickRuntime({ ...swiftshader, webnn: webnn(false, false, true) }, webnnModel);
    expect(choice.device).toBe('webnn-npu');
    expect(choice.reason).toMatch(/software renderer/);
  });

  it('WASM when WebNN exists but no device type could create a context', () => {
    expect(pickRuntime({ ...noGpu, webnn: webnn(false, false, false) }, webnnModel).device).toBe('wasm');
  });

  it('WASM for a model without a WebNN build, however good the WebNN devices', () => {
    expect(pickRuntime({ ...noGpu, webnn: webnn(true, true, true) }, distilvit)).toMatchObject({ device: 'wasm', dtype: 'q8' });
  });

  it('an explicit WASM request is honoured on a WebNN machine', () => {
    expect(pickRuntime({ ...noGpu, webnn: webnn(true, true, true) }, webnnModel, 'wasm').device).toBe('wasm');
  });

  it('names devices for people', () => {
    expect([deviceLabel('webgpu'), deviceLabel('wasm'), deviceLabel('webnn-npu')]).toEqual(['WebGPU', 'WASM (CPU)', 'WebNN (NPU)']);
  });
});
