import { describe, expect, it } from 'vitest';
import type { Capabilities } from './model-types';
import { pickRuntime } from './pick-runtime';
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
