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
