import { ALT_TEXT_INSTRUCTION, type ModelFamily } from './families';
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

/** Same files and tensor names as the family's real model, random weights: they prove the plumbing. */
function randomWeights(slug: string, name: string, family: ModelFamily, prompt: string): ModelEntry {
  return {
    id: `altscribe/tiny-${slug}`,
    label: `Tiny ${name} (random weights, for tests)`,
    family,
    source: { kind: 'app' },
    dtypes: { wasm: 'fp32', webgpu: 'fp32' },
    approxBytes: { fp32: 1 * MB },
    approxMemoryBytes: 20 * MB,
    prompt,
    generation: fixtureGeneration,
    licence: 'MIT',
    note: `Same files and tensor names as ${name}, random weights: its words are noise.`,
    fixture: true,
  };
}

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
  randomWeights('florence2', 'Florence-2', 'florence2', '<CAPTION>'),
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
  randomWeights('smolvlm', 'SmolVLM', 'smolvlm', ALT_TEXT_INSTRUCTION),
  randomWeights('fastvlm', 'FastVLM', 'image-text-to-text', ALT_TEXT_INSTRUCTION),
  randomWeights('lfm2-vl', 'LFM2-VL', 'lfm2-vl', ALT_TEXT_INSTRUCTION),
];
