import type { Dtype, DtypeTarget } from './model-types';
import type { ModelSource } from './registry';

/**
 * Translation models: what turns an English caption into the person's alt-text language when the
 * captioning model cannot be told to write it (encoder-decoder captioners, Florence-2). All are
 * Marian (opus-mt) models, which transformers.js runs with its `translation` pipeline. Pure
 * data, shared by the page (the language list, the consent prompt) and the worker (loading).
 */

export interface TranslationEntry {
  id: string;
  label: string;
  /** Where its files live, like a captioning model's (registry.ts). */
  source: ModelSource;
  /** Primary language subtags it translates English into. */
  targets: readonly string[];
  /**
   * Multilingual opus-mt models (the opus-mt-en-ROMANCE style) choose the target language with a
   * `>>fr<<` token before the source text; single-pair models take the text as it is.
   */
  targetToken?: boolean;
  /** The dtype per device, like a captioning model's; a device missing here cannot run it. */
  dtypes: Partial<Record<DtypeTarget, Dtype>>;
  /** Approximate download per dtype (encoder plus merged decoder), in bytes, for the consent prompt. */
  approxBytes: Partial<Record<Dtype, number>>;
  licence: string;
  /** Built by this project for tests: it only knows the shapes world's words. */
  fixture?: boolean;
}

const MB = 1_000_000;
// Like the encoder-decoder captioners: q8 on WASM, full precision on WebGPU.
const hubDtypes = { wasm: 'q8', webgpu: 'fp32' } as const;

export const TRANSLATION_MODELS: readonly TranslationEntry[] = [
  // Sizes: approximately, the hub's q8 encoder plus q8 merged decoder (the files the pipeline fetches).
  { id: 'Xenova/opus-mt-en-fr', label: 'English to French (opus-mt)', source: { kind: 'hub', repo: 'Xenova/opus-mt-en-fr' }, targets: ['fr'], dtypes: hubDtypes, approxBytes: { q8: 108 * MB, fp32: 424 * MB }, licence: 'CC-BY-4.0' },
  { id: 'Xenova/opus-mt-en-de', label: 'English to German (opus-mt)', source: { kind: 'hub', repo: 'Xenova/opus-mt-en-de' }, targets: ['de'], dtypes: hubDtypes, approxBytes: { q8: 106 * MB, fp32: 418 * MB }, licence: 'CC-BY-4.0' },
  { id: 'Xenova/opus-mt-en-es', label: 'English to Spanish (opus-mt)', source: { kind: 'hub', repo: 'Xenova/opus-mt-en-es' }, targets: ['es'], dtypes: hubDtypes, approxBytes: { q8: 113 * MB, fp32: 446 * MB }, licence: 'CC-BY-4.0' },
  {
    id: 'altscribe/shapes-opus-mt-en-mul',
    label: 'Shapes translation test model (built by this project)',
    source: { kind: 'app' },
    targets: ['fr', 'de'],
    targetToken: true,
    dtypes: { wasm: 'fp32', webgpu: 'fp32' },
    approxBytes: { fp32: 1 * MB },
    licence: 'MIT',
    fixture: true,
  },
];

/**
 * The model that translates English into `language`: a real one, or with `fixtures` (the
 * captioner is a test model too) the shapes fixture when it covers the language.
 */
export function translatorFor(language: string, fixtures = false): TranslationEntry | undefined {
  const able = TRANSLATION_MODELS.filter((entry) => entry.targets.includes(language));
  return (fixtures ? able.find((entry) => entry.fixture) : undefined) ?? able.find((entry) => !entry.fixture);
}

export function findTranslationModel(id: string): TranslationEntry | undefined {
  return TRANSLATION_MODELS.find((entry) => entry.id === id);
}

/** The text a Marian model is given: multilingual ones need the target token first. */
export function translationInput(entry: Pick<TranslationEntry, 'targetToken'>, text: string, language: string): string {
  return entry.targetToken ? `>>${language}<< ${text}` : text;
}
