import { ALT_TEXT_INSTRUCTION } from './families';
import type { CaptionOptions } from './model-types';
import type { ModelEntry } from './model-entry';

/**
 * The models this project builds under tools/ and serves from /models/<id>/: small enough to
 * commit, so the tests run the same loading and captioning code people's hub models go through.
 * Never recommended to people (`fixture: true`).
 */

const MB = 1_000_000;

/** Random-weight fixtures: a few tokens prove the plumbing; penalties would only add noise. */
const fixtureGeneration: CaptionOptions = { maxNewTokens: 8, noRepeatNgramSize: 0, repetitionPenalty: 1 };

export const FIXTURE_MODELS: readonly ModelEntry[] = [
  {
    id: 'altscribe/shapes-captioner',
    label: 'Shapes test model (built by this project)',
    family: 'encoder-decoder',
    source: { kind: 'app' },
    dtypes: { wasm: 'q8', webgpu: 'fp32' },
    webgpuF16Dtype: 'fp16',
    approxBytes: { q8: 1 * MB, fp32: 2 * MB, fp16: 1 * MB },
    approxMemoryBytes: 20 * MB,
    // A closed vocabulary: repetition penalties would only hurt ("a … on a …" repeats "a").
    generation: { maxNewTokens: 12, noRepeatNgramSize: 0, repetitionPenalty: 1 },
    licence: 'MIT',
    note: 'Only knows coloured circles, squares and triangles; for tests and demos.',
    fixture: true,
  },
  {
    id: 'altscribe/tiny-florence2',
    label: 'Tiny Florence-2 (random weights, for tests)',
    family: 'florence2',
    source: { kind: 'app' },
    dtypes: { wasm: 'fp32', webgpu: 'fp32' },
    approxBytes: { fp32: 1 * MB },
    approxMemoryBytes: 20 * MB,
    prompt: '<CAPTION>',
    generation: fixtureGeneration,
    licence: 'MIT',
    note: 'Same files and tensor names as Florence-2, random weights: its words are noise.',
    fixture: true,
  },
  {
    id: 'altscribe/shapes-florence2',
    label: 'Shapes Florence (test model)',
    family: 'florence2',
    source: { kind: 'app' },
    dtypes: { wasm: 'fp32', webgpu: 'fp32' },
    approxBytes: { fp32: 2 * MB },
    approxMemoryBytes: 20 * MB,
    prompt: '<CAPTION>',
    // Room for the forced <s>, seven words and </s>; a closed vocabulary needs no penalties.
    generation: { maxNewTokens: 12, noRepeatNgramSize: 0, repetitionPenalty: 1 },
    licence: 'MIT',
    note: 'A trained Florence-2 for the shapes world only: a second opinion that makes its own mistakes.',
    fixture: true,
  },
  {
    id: 'altscribe/tiny-smolvlm',
    label: 'Tiny SmolVLM (random weights, for tests)',
    family: 'smolvlm',
    source: { kind: 'app' },
    dtypes: { wasm: 'fp32', webgpu: 'fp32' },
    approxBytes: { fp32: 1 * MB },
    approxMemoryBytes: 20 * MB,
    prompt: ALT_TEXT_INSTRUCTION,
    generation: fixtureGeneration,
    licence: 'MIT',
    note: 'Same files and tensor names as SmolVLM, random weights: its words are noise.',
    fixture: true,
  },
  {
    id: 'altscribe/tiny-fastvlm',
    label: 'Tiny FastVLM (random weights, for tests)',
    family: 'image-text-to-text',
    source: { kind: 'app' },
    dtypes: { wasm: 'fp32', webgpu: 'fp32' },
    approxBytes: { fp32: 1 * MB },
    approxMemoryBytes: 20 * MB,
    prompt: ALT_TEXT_INSTRUCTION,
    generation: fixtureGeneration,
    licence: 'MIT',
    note: 'Same files and tensor names as FastVLM, random weights: its words are noise.',
    fixture: true,
  },
  {
    id: 'altscribe/tiny-lfm2-vl',
    label: 'Tiny LFM2-VL (random weights, for tests)',
    family: 'lfm2-vl',
    source: { kind: 'app' },
    dtypes: { wasm: 'fp32', webgpu: 'fp32' },
    approxBytes: { fp32: 1 * MB },
    approxMemoryBytes: 20 * MB,
    prompt: ALT_TEXT_INSTRUCTION,
    generation: fixtureGeneration,
    licence: 'MIT',
    note: 'Same files and tensor names as LFM2-VL, random weights: its words are noise.',
    fixture: true,
  },
];
