// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Capabilities } from './model-types';
import { approxLargestWeight, gpuBufferLimit, oversizedGpuWeight } from './largest-weight';
import { getModel } from './registry';

const MB = 1_000_000;
const gpu = (maxBufferSize?: number, maxStorageBufferBindingSize?: number): Capabilities => ({
  webgpu: { adapter: true, shaderF16: true, maxBufferSize, maxStorageBufferBindingSize },
});

describe('approxLargestWeight', () => {
  // Published file sizes (shared notes, peers §2) are an independent check on the shapes.
  it.each([
    ['FastVLM embed_tokens fp16 (published 272 MB)', 'onnx-community/FastVLM-0.5B-ONNX', 'q4f16', 272],
    ['SmolVLM-256M embed_tokens fp32 (published 114 MB)', 'HuggingFaceTB/SmolVLM-256M-Instruct', 'q4', 114],
    ['distilvit wte fp32 (published 154 MB)', 'Mozilla/distilvit', 'fp32', 154],
  ] as const)('%s', (_name, id, dtype, publishedMb) => {
    const weight = approxLargestWeight(getModel(id), dtype);
    expect(weight?.basis).toBe('embedding');
    expect(Math.abs((weight?.bytes ?? 0) / MB - publishedMb)).toBeLessThan(1);
  });

  it('follows the per-module embedding dtype, not the headline dtype', () => {
    const florence = getModel('onnx-community/Florence-2-large-ft');
    const f16 = approxLargestWeight(florence, 'q4f16')?.bytes ?? 0;
    const f32 = approxLargestWeight(florence, 'q4')?.bytes ?? 0;
    expect(f32).toBe(2 * f16);
  });

  it('falls back to the whole download as an upper bound for models it has no shape for', () => {
    const fixture = getModel('altscribe/shapes-captioner');
    expect(approxLargestWeight(fixture, 'fp32')).toEqual({ bytes: fixture.approxBytes.fp32, basis: 'whole download' });
    expect(approxLargestWeight(fixture, 'q4')).toBeUndefined();
  });
});

describe('gpu buffer limits', () => {
  it('takes the smaller of the two limits and ignores missing ones', () => {
    expect(gpuBufferLimit(gpu(2 ** 28, 2 ** 27))).toBe(2 ** 27);
    expect(gpuBufferLimit(gpu(2 ** 28))).toBe(2 ** 28);
    expect(gpuBufferLimit(gpu())).toBeUndefined();
  });

  it('flags a weight larger than the limit and passes one that fits', () => {
    const distilvit = getModel('Mozilla/distilvit');
    expect(oversizedGpuWeight(gpu(2 ** 28, 2 ** 27), distilvit, 'fp32')).toMatchObject({ limitBytes: 2 ** 27 });
    expect(oversizedGpuWeight(gpu(2 ** 31, 2 ** 30), distilvit, 'fp32')).toBeNull();
  });

  it('says nothing when the limits or the real tensor size are unknown', () => {
    expect(oversizedGpuWeight(gpu(), getModel('Mozilla/distilvit'), 'fp32')).toBeNull();
    // 2 MB download against a 1 MB limit: an upper bound only, so no verdict.
    expect(oversizedGpuWeight(gpu(MB, MB), getModel('altscribe/shapes-captioner'), 'fp32')).toBeNull();
  });
});
