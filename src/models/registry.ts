import { ALT_TEXT_INSTRUCTION, MODEL_FAMILIES, type ModelFamily } from './families';
import { FIXTURE_MODELS } from './fixture-models';
import type { ModelEntry } from './model-entry';
import type { Dtype, ModuleDtypes } from './model-types';

export { ALT_TEXT_INSTRUCTION, type ModelFamily };
export type { ModelEntry, ModelSource } from './model-entry';

/**
 * The model registry: what a person can choose, where its files live and how to run it.
 * Pure data, shared by the page (to list and explain models) and the worker (to load them).
 */

const MB = 1_000_000;
const GB = 1_000_000_000;

// Hub models take their family's generation settings from MODEL_FAMILIES, exactly what a model
// someone adds of that family gets; the fixtures (fixture-models.ts) set their own.

const florenceModules = {
  q4f16: { embed_tokens: 'fp16', vision_encoder: 'fp16', encoder_model: 'q4f16', decoder_model_merged: 'q4f16' },
  q4: { embed_tokens: 'fp32', vision_encoder: 'fp32', encoder_model: 'q4', decoder_model_merged: 'q4' },
} as const satisfies Partial<Record<Dtype, ModuleDtypes>>;
const vlmModules = {
  q4f16: { embed_tokens: 'fp16', vision_encoder: 'q4f16', decoder_model_merged: 'q4f16' },
  q4: { embed_tokens: 'fp32', vision_encoder: 'fp32', decoder_model_merged: 'q4' },
} as const satisfies Partial<Record<Dtype, ModuleDtypes>>;

export const MODELS: readonly ModelEntry[] = [
  {
    id: 'Mozilla/distilvit',
    label: 'DistilViT (Mozilla, used by Firefox)',
    family: 'encoder-decoder',
    source: { kind: 'hub', repo: 'Mozilla/distilvit' },
    dtypes: { wasm: 'q8', webgpu: 'fp32' },
    approxBytes: { q8: 180 * MB, fp32: 730 * MB },
    approxMemoryBytes: 600 * MB,
    generation: MODEL_FAMILIES['encoder-decoder'].generation,
    licence: 'Apache-2.0',
    note: 'Small and fast; short literal captions, can repeat phrases or miss text in images.',
  },
  {
    id: 'Xenova/vit-gpt2-image-captioning',
    label: 'ViT-GPT2 image captioning',
    family: 'encoder-decoder',
    source: { kind: 'hub', repo: 'Xenova/vit-gpt2-image-captioning' },
    dtypes: { wasm: 'q8', webgpu: 'fp32' },
    approxBytes: { q8: 250 * MB, fp32: 980 * MB },
    approxMemoryBytes: 800 * MB,
    generation: MODEL_FAMILIES['encoder-decoder'].generation,
    licence: 'Apache-2.0',
    note: 'The classic baseline; often generic or repetitive, review every caption.',
  },
  {
    id: 'onnx-community/Florence-2-base-ft',
    label: 'Florence-2 base (Microsoft)',
    family: 'florence2',
    source: { kind: 'hub', repo: 'onnx-community/Florence-2-base-ft' },
    dtypes: { wasm: 'q8', webgpu: 'q4' },
    webgpuF16Dtype: 'q4f16',
    moduleDtypes: florenceModules,
    approxBytes: { q8: 280 * MB, q4: 330 * MB, q4f16: 230 * MB, fp32: 1.1 * GB },
    approxMemoryBytes: 1.2 * GB,
    prompt: '<CAPTION>',
    generation: MODEL_FAMILIES.florence2.generation,
    licence: 'MIT',
    note: 'Good short captions and OCR for its size; runs acceptably on CPU.',
  },
  {
    id: 'onnx-community/Florence-2-large-ft',
    label: 'Florence-2 large (Microsoft)',
    family: 'florence2',
    source: { kind: 'hub', repo: 'onnx-community/Florence-2-large-ft' },
    dtypes: { wasm: 'q8', webgpu: 'q4' },
    webgpuF16Dtype: 'q4f16',
    moduleDtypes: florenceModules,
    approxBytes: { q8: 800 * MB, q4: 900 * MB, q4f16: 600 * MB, fp32: 3.1 * GB },
    approxMemoryBytes: 2.5 * GB,
    prompt: '<CAPTION>',
    generation: MODEL_FAMILIES.florence2.generation,
    licence: 'MIT',
    note: 'More accurate than base, three times the download; best on WebGPU.',
  },
  {
    id: 'HuggingFaceTB/SmolVLM-256M-Instruct',
    label: 'SmolVLM 256M Instruct',
    family: 'smolvlm',
    source: { kind: 'hub', repo: 'HuggingFaceTB/SmolVLM-256M-Instruct' },
    dtypes: { wasm: 'q8', webgpu: 'q4' },
    webgpuF16Dtype: 'q4f16',
    moduleDtypes: vlmModules,
    approxBytes: { q8: 270 * MB, q4: 260 * MB, q4f16: 200 * MB, fp32: 1.0 * GB },
    approxMemoryBytes: 1.2 * GB,
    prompt: ALT_TEXT_INSTRUCTION,
    generation: MODEL_FAMILIES.smolvlm.generation,
    licence: 'Apache-2.0',
    note: 'The smallest instruction-following VLM; follows the alt-text brief, sometimes vague.',
  },
  {
    id: 'HuggingFaceTB/SmolVLM-500M-Instruct',
    label: 'SmolVLM 500M Instruct',
    family: 'smolvlm',
    source: { kind: 'hub', repo: 'HuggingFaceTB/SmolVLM-500M-Instruct' },
    dtypes: { wasm: 'q8', webgpu: 'q4' },
    webgpuF16Dtype: 'q4f16',
    moduleDtypes: vlmModules,
    approxBytes: { q8: 510 * MB, q4: 480 * MB, q4f16: 380 * MB, fp32: 2.0 * GB },
    approxMemoryBytes: 2 * GB,
    prompt: ALT_TEXT_INSTRUCTION,
    generation: MODEL_FAMILIES.smolvlm.generation,
    licence: 'Apache-2.0',
    note: 'Noticeably more accurate than 256M; slow on CPU, comfortable on WebGPU.',
  },
  {
    id: 'onnx-community/FastVLM-0.5B-ONNX',
    label: 'FastVLM 0.5B (Apple)',
    family: 'image-text-to-text',
    source: { kind: 'hub', repo: 'onnx-community/FastVLM-0.5B-ONNX' },
    dtypes: { webgpu: 'q4' },
    webgpuF16Dtype: 'q4f16',
    moduleDtypes: vlmModules,
    approxBytes: { q4: 700 * MB, q4f16: 560 * MB },
    approxMemoryBytes: 3 * GB,
    prompt: ALT_TEXT_INSTRUCTION,
    generation: MODEL_FAMILIES['image-text-to-text'].generation,
    licence: 'Apple AMLR (research use)',
    note: 'The most detailed descriptions here; needs WebGPU and memory to spare. Research licence.',
  },
  {
    id: 'onnx-community/LFM2-VL-450M-ONNX',
    label: 'LFM2-VL 450M (Liquid AI)',
    family: 'lfm2-vl',
    source: { kind: 'hub', repo: 'onnx-community/LFM2-VL-450M-ONNX' },
    dtypes: { wasm: 'q8', webgpu: 'q4' },
    webgpuF16Dtype: 'q4f16',
    moduleDtypes: vlmModules,
    // Estimated per module from parameter counts (embeddings 67 M, SigLIP2 + projector 96 M,
    // decoder with its lm_head 354 M), not read file by file from the hub; the fp16 total is the
    // hub's published 1.05 GB. q4 keeps embeddings and vision in fp32, hence its size.
    approxBytes: { q8: 520 * MB, q4: 870 * MB, q4f16: 390 * MB, fp16: 1.05 * GB, fp32: 2.1 * GB },
    approxMemoryBytes: 1.5 * GB,
    prompt: ALT_TEXT_INSTRUCTION,
    generation: MODEL_FAMILIES['lfm2-vl'].generation,
    licence: 'LFM Open License v1.0 (free below US$10 M annual revenue)',
    // Why this family over the other candidates (issue 17): Qwen3.5-0.8B is about 650 MB at
    // q4f16 and Gemma 3n over 2 GB, against about 390 MB here; transformers.js 4.3.1 already runs
    // lfm2_vl (Lfm2VlProcessor, Lfm2VlForConditionalGeneration), so no upgrade.
    note: "A 2025 VLM (SigLIP2 + LFM2-350M) about twice SmolVLM 256M's download; Liquid AI's card puts it ahead of SmolVLM2-500M on RealWorldQA, MMStar and OCRBench, alt-text not yet measured here. Photos keep their aspect ratio (64-256 visual tokens). English only (LFM2.5-VL-450M, same family, adds eight languages). Needs WebGPU or patience on CPU.",
  },
  {
    id: 'browser/prompt-api',
    label: "Chrome's built-in model (Prompt API)",
    family: 'image-text-to-text',
    source: { kind: 'browser', api: 'prompt-api' },
    // Chrome chooses the build and the device; no transformers.js dtype applies (pickRuntime is never asked).
    dtypes: {},
    // The specification gives no size before the download; Chrome's own documentation says about 4 GB.
    approxBytes: { q4: 4 * GB },
    // Chrome decides whether this device can run it (it asks for 16 GB of memory or a 4 GB GPU).
    approxMemoryBytes: 0,
    prompt: ALT_TEXT_INSTRUCTION,
    generation: MODEL_FAMILIES['image-text-to-text'].generation,
    licence: "Google's Generative AI Prohibited Uses Policy (Chrome's terms)",
    note: "The browser's own on-device model (Chrome 148+ on desktop): about 4 GB, downloaded and managed by Chrome, shared with other sites; writes English, Spanish and Japanese.",
  },
  ...FIXTURE_MODELS,
];

export const DEFAULT_MODEL_ID = 'Mozilla/distilvit';

/** The registry id of the browser's own model (Chrome's Prompt API). */
export const BROWSER_MODEL_ID = 'browser/prompt-api';

/** True for a model the browser itself runs on the page (routed away from the caption worker). */
export function isBrowserModel(model: Pick<ModelEntry, 'source'> | undefined): boolean {
  return model?.source.kind === 'browser';
}

export function findModel(id: string): ModelEntry | undefined {
  return MODELS.find((m) => m.id === id);
}

export function getModel(id: string): ModelEntry {
  const model = findModel(id);
  if (!model) throw new Error(`Unknown model "${id}"`);
  return model;
}
