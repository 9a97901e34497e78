import type { CaptionOptions, Device, Dtype } from './model-types';

/**
 * The model registry: what a person can choose, where its files live and how to run it.
 * Pure data, shared by the page (to list and explain models) and the worker (to load them).
 */

export type ModelFamily = 'encoder-decoder';

export type ModelSource =
  /** Downloaded from the Hugging Face hub by the user's browser, then kept in IndexedDB. */
  | { kind: 'hub'; repo: string }
  /** Served by this app from /models/<id>/ (the trained test fixture). */
  | { kind: 'app' };

export interface ModelEntry {
  id: string;
  label: string;
  family: ModelFamily;
  source: ModelSource;
  /** The dtype to use per device. A device missing here cannot run this model. */
  dtypes: Partial<Record<Device, Dtype>>;
  /** Dtype for WebGPU when the adapter has shader-f16; otherwise dtypes.webgpu applies. */
  webgpuF16Dtype?: Dtype;
  /** Approximate total download per dtype, in bytes, for the consent prompt. */
  approxBytes: Partial<Record<Dtype, number>>;
  generation: CaptionOptions;
  licence: string;
  /** One honest line on output quality. */
  note: string;
}

const MB = 1_000_000;

/** Shared by the encoder-decoder captioners: short captions, no loops. */
const captionerGeneration: CaptionOptions = { maxNewTokens: 30, noRepeatNgramSize: 3, repetitionPenalty: 1.1 };

export const MODELS: readonly ModelEntry[] = [
  {
    id: 'Mozilla/distilvit',
    label: 'DistilViT (Mozilla, used by Firefox)',
    family: 'encoder-decoder',
    source: { kind: 'hub', repo: 'Mozilla/distilvit' },
    dtypes: { wasm: 'q8', webgpu: 'fp32' },
    approxBytes: { q8: 180 * MB, fp32: 730 * MB },
    generation: captionerGeneration,
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
    generation: captionerGeneration,
    licence: 'Apache-2.0',
    note: 'The classic baseline; often generic or repetitive, review every caption.',
  },
  {
    id: 'altscribe/shapes-captioner',
    label: 'Shapes test model (built by this project)',
    family: 'encoder-decoder',
    source: { kind: 'app' },
    dtypes: { wasm: 'q8', webgpu: 'fp32' },
    webgpuF16Dtype: 'fp16',
    approxBytes: { q8: 1 * MB, fp32: 2 * MB, fp16: 1 * MB },
    // A closed vocabulary: repetition penalties would only hurt ("a … on a …" repeats "a").
    generation: { maxNewTokens: 12, noRepeatNgramSize: 0, repetitionPenalty: 1 },
    licence: 'MIT',
    note: 'Only knows coloured circles, squares and triangles; for tests and demos.',
  },
];

export const DEFAULT_MODEL_ID = 'Mozilla/distilvit';

export function findModel(id: string): ModelEntry | undefined {
  return MODELS.find((m) => m.id === id);
}

export function getModel(id: string): ModelEntry {
  const model = findModel(id);
  if (!model) throw new Error(`Unknown model "${id}"`);
  return model;
}
