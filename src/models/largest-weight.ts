import type { Capabilities, Dtype } from './model-types';
import type { ModelEntry } from './registry';

/**
 * onnxruntime-web gives every initializer its own GPU buffer and binds it whole as a storage
 * buffer, asking the device for the adapter's own `maxBufferSize` and
 * `maxStorageBufferBindingSize`. So on WebGPU the limit that bites is the largest single tensor,
 * not the file: here that is the token-embedding table (vocab × hidden), which for GPT-2-style
 * decoders is also the size of the untied lm_head.
 *
 * Shapes come from each model's config.json (Florence-2 vocab 51289; SmolVLM vocab 49280 with
 * hidden 576 / 960; Qwen2-0.5B under FastVLM 151936 × 896). They agree with the published file
 * sizes in /work/shared/notes/peers-and-user-expectations.md (SmolVLM-256M embed fp32 114 MB,
 * FastVLM embed fp16 272 MB, distilvit wte fp32 154 MB).
 */
const EMBEDDING_SHAPES: Readonly<Record<string, readonly [vocab: number, hidden: number]>> = {
  'Mozilla/distilvit': [50257, 768],
  'Xenova/vit-gpt2-image-captioning': [50257, 768],
  'onnx-community/Florence-2-base-ft': [51289, 768],
  'onnx-community/Florence-2-large-ft': [51289, 1024],
  'HuggingFaceTB/SmolVLM-256M-Instruct': [49280, 576],
  'HuggingFaceTB/SmolVLM-500M-Instruct': [49280, 960],
  'onnx-community/FastVLM-0.5B-ONNX': [151936, 896],
};

/**
 * Bytes per element of an embedding table in a file of this dtype. q4 exports quantize MatMul
 * weights only, so their Gather tables stay fp32 (distilvit's decoder_model_q4 is as large as
 * its fp32 one); q8 exports quantize the table too (its q8 decoder is a quarter of fp32).
 */
const EMBEDDING_BYTES: Readonly<Record<Dtype, number>> = { fp32: 4, fp16: 2, q4f16: 2, q8: 1, q4: 4 };

export interface WeightEstimate {
  bytes: number;
  /** 'embedding': an estimate of the real largest tensor; 'whole download': only an upper bound. */
  basis: 'embedding' | 'whole download';
}

/** Approximately the largest single weight tensor of a model run at this headline dtype. */
export function approxLargestWeight(model: ModelEntry, dtype: Dtype): WeightEstimate | undefined {
  const shape = EMBEDDING_SHAPES[model.id];
  if (shape) {
    const embedDtype = model.moduleDtypes?.[dtype]?.['embed_tokens'] ?? dtype;
    return { bytes: shape[0] * shape[1] * EMBEDDING_BYTES[embedDtype], basis: 'embedding' };
  }
  // No tensor can be larger than everything downloaded; tiny test models pass on that alone.
  const download = model.approxBytes[dtype];
  return download === undefined ? undefined : { bytes: download, basis: 'whole download' };
}

/** The largest buffer a WebGPU device made from this adapter can bind, when the probe saw one. */
export function gpuBufferLimit(caps: Capabilities): number | undefined {
  const limits = [caps.webgpu.maxBufferSize, caps.webgpu.maxStorageBufferBindingSize].filter((n): n is number => typeof n === 'number' && n > 0);
  return limits.length ? Math.min(...limits) : undefined;
}

export interface OversizedWeight {
  weightBytes: number;
  limitBytes: number;
}

/**
 * The weight that would not fit this GPU's buffers, or null when it fits or nothing can be said
 * (limits unknown, or only an upper bound that happens to exceed them).
 */
export function oversizedGpuWeight(caps: Capabilities, model: ModelEntry, dtype: Dtype): OversizedWeight | null {
  const limitBytes = gpuBufferLimit(caps);
  const weight = approxLargestWeight(model, dtype);
  if (limitBytes === undefined || !weight || weight.basis !== 'embedding' || weight.bytes <= limitBytes) return null;
  return { weightBytes: weight.bytes, limitBytes };
}
