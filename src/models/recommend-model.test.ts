// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CPU_QUALITY_FACTOR, cpuOrder } from './cpu-order';
import type { Capabilities } from './model-types';
import { recommendModel } from './recommend-model';
import { MODELS, getModel, type ModelEntry } from './registry';

const GB = 1_000_000_000;
const roomy = { quotaBytes: 100 * GB, usageBytes: 1 * GB };

const laptopWithGpu: Capabilities = {
  webgpu: { adapter: true, shaderF16: true, maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: 2 ** 31, description: 'nvidia ampere' },
  deviceMemoryGiB: 8,
  hardwareConcurrency: 12,
  crossOriginIsolated: true,
  storage: roomy,
};
const gpuWithoutF16: Capabilities = { ...laptopWithGpu, webgpu: { ...laptopWithGpu.webgpu, shaderF16: false, description: 'intel gen-9' } };
// WebGPU's default limits: 256 MiB per buffer, 128 MiB per storage binding.
const gpuWithDefaultLimits: Capabilities = { ...gpuWithoutF16, webgpu: { ...gpuWithoutF16.webgpu, maxBufferSize: 2 ** 28, maxStorageBufferBindingSize: 2 ** 27 } };
const noWebGpu: Capabilities = { webgpu: { adapter: false, shaderF16: false }, deviceMemoryGiB: 8, hardwareConcurrency: 8, crossOriginIsolated: true, storage: roomy };
const lowMemoryPhone: Capabilities = { webgpu: { adapter: false, shaderF16: false }, deviceMemoryGiB: 2, hardwareConcurrency: 8, crossOriginIsolated: false, storage: { quotaBytes: 3 * GB, usageBytes: 0.1 * GB } };
const swiftshader: Capabilities = { ...laptopWithGpu, webgpu: { ...laptopWithGpu.webgpu, description: 'google swiftshader', isFallbackAdapter: true } };
// Safari: WebGPU, but no navigator.deviceMemory.
const memoryNotReported: Capabilities = { ...laptopWithGpu, deviceMemoryGiB: undefined };

const FLORENCE_LARGE = 'onnx-community/Florence-2-large-ft';
const FLORENCE_BASE = 'onnx-community/Florence-2-base-ft';
const SMOLVLM_256 = 'HuggingFaceTB/SmolVLM-256M-Instruct';
const DISTILVIT = 'Mozilla/distilvit';
const FASTVLM = 'onnx-community/FastVLM-0.5B-ONNX';
const rejectedIds = (caps: Capabilities): string[] => recommendModel(caps, MODELS).rejected.map((r) => r.modelId);
const whyRejected = (caps: Capabilities, id: string): string => recommendModel(caps, MODELS).rejected.find((r) => r.modelId === id)?.why ?? '';

describe('recommendModel picks a model per device', () => {
  it.each([
    // [case, capabilities, model, device, dtype]
    ['laptop with a GPU and shader-f16', laptopWithGpu, FLORENCE_LARGE, 'webgpu', 'q4f16'],
    ['GPU without shader-f16 keeps the model, with q4', gpuWithoutF16, FLORENCE_LARGE, 'webgpu', 'q4'],
    ['GPU with default buffer limits takes the largest model whose weights fit', gpuWithDefaultLimits, SMOLVLM_256, 'webgpu', 'q4'],
    ['no WebGPU: the lowest measured seconds per photo once caption quality is weighed', noWebGpu, DISTILVIT, 'wasm', 'q8'],
    ['low-memory phone: the small captioner', lowMemoryPhone, DISTILVIT, 'wasm', 'q8'],
    ['software adapter counts as no GPU', swiftshader, DISTILVIT, 'wasm', 'q8'],
    ['memory not reported: assumes a mid-range device', memoryNotReported, FLORENCE_BASE, 'webgpu', 'q4f16'],
  ] as const)('%s', (_name, caps, modelId, device, dtype) => {
    const rec = recommendModel(caps, MODELS);
    expect({ modelId: rec.modelId, device: rec.runtime.device, dtype: rec.runtime.dtype }).toEqual({ modelId, device, dtype });
    expect(rec.reasons.length).toBeGreaterThanOrEqual(3);
    expect(rec.rejected.map((r) => r.modelId)).not.toContain(modelId);
  });

  it('carries the per-module dtypes of the chosen runtime', () => {
    expect(recommendModel(gpuWithoutF16, MODELS).runtime.modules).toEqual(getModel(FLORENCE_LARGE).moduleDtypes?.q4);
  });

  it('rejects nothing on a roomy laptop', () => {
    expect(rejectedIds(laptopWithGpu)).toEqual([]);
  });
});

describe('recommendModel explains rejections', () => {
  it('rejects a WebGPU-only model without WebGPU, and on a software adapter', () => {
    expect(whyRejected(noWebGpu, FASTVLM)).toMatch(/needs WebGPU.*no WebGPU adapter/i);
    expect(whyRejected(swiftshader, FASTVLM)).toMatch(/software renderer/);
  });

  it('rejects a GPU-only model whose largest weight exceeds the GPU buffers, approximately', () => {
    expect(whyRejected(gpuWithDefaultLimits, FASTVLM)).toMatch(/approximately 545 MB.*134 MB/);
  });

  it('rejects models needing more than half the reported memory', () => {
    const rejected = rejectedIds(lowMemoryPhone);
    for (const model of MODELS.filter((m) => !m.fixture && m.approxMemoryBytes > 2 ** 30)) expect(rejected).toContain(model.id);
    expect(rejected).not.toContain('Xenova/vit-gpt2-image-captioning');
    expect(whyRejected(lowMemoryPhone, FLORENCE_BASE)).toMatch(/approximately 1.2 GB of memory.*half of the 2 GB this device reports/);
  });

  it('says when device memory was assumed, not reported', () => {
    expect(whyRejected(memoryNotReported, FLORENCE_LARGE)).toMatch(/assumed because this browser does not report device memory/);
  });

  it('rejects a download larger than the free storage', () => {
    const tight: Capabilities = { ...noWebGpu, storage: { quotaBytes: 1 * GB, usageBytes: 0.75 * GB } };
    const rec = recommendModel(tight, MODELS);
    expect(rec.modelId).toBe(DISTILVIT);
    expect(rec.rejected.find((r) => r.modelId === FLORENCE_BASE)?.why).toMatch(/approximately 280 MB \(q8\).*approximately 250 MB of storage/);
  });
});

describe('recommendModel never offers a test fixture', () => {
  it('neither recommends nor lists fixtures, on any device', () => {
    for (const caps of [laptopWithGpu, gpuWithoutF16, gpuWithDefaultLimits, noWebGpu, lowMemoryPhone, swiftshader]) {
      const rec = recommendModel(caps, MODELS);
      const fixtureIds = MODELS.filter((m) => m.fixture).map((m) => m.id);
      expect(fixtureIds).not.toContain(rec.modelId);
      expect(rec.rejected.map((r) => r.modelId).filter((id) => fixtureIds.includes(id))).toEqual([]);
    }
  });

  it('offers the lightest real model, with a warning, when nothing fits, even though a fixture would', () => {
    const tiny: Capabilities = { ...lowMemoryPhone, deviceMemoryGiB: 0.5 };
    const rec = recommendModel(tiny, MODELS);
    expect(rec.modelId).toBe(DISTILVIT);
    expect(rec.reasons.at(-1)).toMatch(/No model fits this device comfortably/);
    expect(rec.reasons.join(' ')).toMatch(/more than half of the 0.5 GB/);
    expect(rec.rejected.map((r) => r.modelId)).not.toContain(DISTILVIT);
  });

  it('throws when only fixtures are offered', () => {
    expect(() => recommendModel(laptopWithGpu, MODELS.filter((m) => m.fixture))).toThrow(/No captioning model/);
  });
});

describe('recommendModel reasons and ranking', () => {
  it('states why the device and weights, the buffer check, the download and the memory, with "approximately"', () => {
    const reasons = recommendModel(laptopWithGpu, MODELS).reasons.join('\n');
    expect(reasons).toMatch(/WebGPU adapter found; q4f16 because the adapter supports shader-f16/);
    // The choice itself is the panel's headline; the reasons do not restate it.
    expect(reasons).not.toMatch(/Florence-2 large/);
    expect(reasons).toMatch(/largest single weight, approximately 105 MB, fits this GPU's largest buffer \(2.1 GB\)/);
    expect(reasons).toMatch(/Download approximately 600 MB, within/);
    expect(reasons).toMatch(/approximately 2.5 GB of memory while captioning, within half of the 8 GB/);
  });

  it('says when the storage quota could not be checked', () => {
    const { storage: _storage, ...noQuota } = noWebGpu;
    expect(recommendModel(noQuota, MODELS).reasons.join(' ')).toMatch(/did not report its storage quota/);
  });

  it('prefers any model on a hardware GPU over one on the CPU', () => {
    expect(recommendModel(gpuWithDefaultLimits, MODELS).runtime.device).toBe('webgpu');
  });

  it('ranks models it does not know after the ones it does', () => {
    const unknown: ModelEntry = { ...getModel(DISTILVIT), id: 'someone/new-captioner', label: 'New captioner' };
    expect(recommendModel(noWebGpu, [unknown, getModel(DISTILVIT)]).modelId).toBe(DISTILVIT);
    expect(recommendModel(noWebGpu, [unknown]).modelId).toBe('someone/new-captioner');
  });

  it('on the CPU follows measured seconds per photo weighed by caption quality (cpu-order.ts), not a fixed list', () => {
    const withoutDistilvit = MODELS.filter((m) => m.id !== DISTILVIT);
    expect(recommendModel(noWebGpu, withoutDistilvit).modelId).toBe(cpuOrder(Object.keys(CPU_QUALITY_FACTOR)).find((id) => id !== DISTILVIT));
    expect(recommendModel(noWebGpu, withoutDistilvit).modelId).toBe(SMOLVLM_256);
    expect(recommendModel(noWebGpu, MODELS).reasons.join(' ')).toMatch(/measured seconds per photo/);
  });

  it('honours an explicit device preference', () => {
    expect(recommendModel(laptopWithGpu, MODELS, 'wasm').runtime.device).toBe('wasm');
  });
});
