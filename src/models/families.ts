import type { CaptionOptions } from './model-types';

/**
 * One row per model family: how transformers.js runs it, which config.json model types and ONNX
 * files make a model of it, and what a model of it is given unless its registry entry says
 * otherwise. Everything that lists families derives from this table (the `ModelFamily` type, the
 * custom-model tables, the stored-entry check), so a new family is one row here, one adapter in
 * `workers/` and one line in `workers/load-captioner.ts`'s loader table (TypeScript asks for it).
 * Pure data, shared by the page and the worker.
 */

/** The instruction chat VLMs get; the alt-text finishing rules clean up what slips through. */
export const ALT_TEXT_INSTRUCTION =
  'Write alt-text for this image in one sentence of at most 20 words. Describe only what is visible. Do not start with "Image of" or "A picture of".';

/**
 * The largest picture a family's processor ever uses. Photos are decoded straight to it (aspect
 * kept, never upscaled): more pixels only cost decode time and memory, and for VLMs whose visual
 * token count grows with area, prompt length. Where each number comes from: docs/pixel-budget.md.
 */
export interface PixelBudget {
  /** Longest side, in pixels, a photo is decoded to. */
  longEdge: number;
  /** Most pixels (width × height) a photo is decoded to; binds before `longEdge` only for wide budgets. */
  maxPixels: number;
  /**
   * 'square' for processors that squash every photo to a longEdge × longEdge square: the photo is
   * decoded straight to that square (each side capped, never upscaled), because keeping the
   * aspect would hand the processor fewer rows than it then stretches to fill the square.
   */
  shape?: 'square';
}

export interface ModelFamilyRow {
  /** How people call it (README's model table, test titles). */
  label: string;
  /** Which models go through it and how its adapter drives them. */
  summary: string;
  /**
   * What its adapter asks @huggingface/transformers for, by export name: the image-to-text
   * pipeline, or a processor class plus a model class (checked in workers/load-captioner.test.ts).
   */
  transformers: { pipeline: 'image-to-text' } | { processor: string; model: string };
  /** config.json `model_type` values this family's adapter runs: how an added model finds its family. */
  modelTypes: readonly string[];
  /**
   * The ONNX sessions transformers.js creates, by file base name under `onnx/` (a dtype suffix
   * follows): an added model needs every one of them in at least one dtype.
   */
  modules: readonly string[];
  /** Florence-2 task token or chat instruction; absent when the family takes no prompt. */
  prompt?: string;
  /** True when `prompt` is a sentence the person's context can join (src/alttext/photo-context.ts). */
  readsContext?: boolean;
  /** Generation settings; an added model gets exactly these and the prompt, like the built-in models of its family. */
  generation: CaptionOptions;
  /** What the worker decodes a photo to before the processor sees it. */
  pixelBudget: PixelBudget;
}

export const MODEL_FAMILIES = {
  'encoder-decoder': {
    label: 'encoder-decoder',
    summary: '`vision-encoder-decoder` captioners (ViT-GPT2, DistilViT, the shapes fixture) through the image-to-text pipeline.',
    transformers: { pipeline: 'image-to-text' },
    modelTypes: ['vision-encoder-decoder'],
    modules: ['encoder_model', 'decoder_model_merged'],
    // Short captions, no loops.
    generation: { maxNewTokens: 30, noRepeatNgramSize: 3, repetitionPenalty: 1.1 },
    // ViTImageProcessor `size` 224×224 (Mozilla/distilvit, vit-gpt2): squashed to that square.
    pixelBudget: { longEdge: 224, maxPixels: 224 * 224, shape: 'square' },
  },
  florence2: {
    label: 'Florence-2',
    summary: 'Florence-2: task prompts such as `<CAPTION>`, then `post_process_generation`.',
    transformers: { processor: 'AutoProcessor', model: 'Florence2ForConditionalGeneration' },
    modelTypes: ['florence2'],
    // `encoder_model` because its config says is_encoder_decoder.
    modules: ['embed_tokens', 'vision_encoder', 'encoder_model', 'decoder_model_merged'],
    prompt: '<CAPTION>',
    generation: { maxNewTokens: 60, noRepeatNgramSize: 3, repetitionPenalty: 1.1 },
    // Florence-2 preprocessor_config.json `size` 768×768: squashed to that square.
    pixelBudget: { longEdge: 768, maxPixels: 768 * 768, shape: 'square' },
  },
  smolvlm: {
    label: 'SmolVLM',
    summary: 'Idefics3 / SmolVLM(2): a chat template with an image and an instruction.',
    transformers: { processor: 'AutoProcessor', model: 'AutoModelForImageTextToText' },
    modelTypes: ['idefics3', 'smolvlm'],
    modules: ['embed_tokens', 'vision_encoder', 'decoder_model_merged'],
    prompt: ALT_TEXT_INSTRUCTION,
    readsContext: true,
    // VLMs write longer sentences; a milder penalty keeps articles and "and" usable.
    generation: { maxNewTokens: 60, noRepeatNgramSize: 3, repetitionPenalty: 1.05 },
    // `max_image_size.longest_edge` 512: with image splitting off (the adapter's choice) the
    // processor squashes every photo to one 512×512 frame.
    pixelBudget: { longEdge: 512, maxPixels: 512 * 512, shape: 'square' },
  },
  'image-text-to-text': {
    label: 'image-text-to-text',
    summary: 'Decoder-only VLMs (FastVLM here) through `AutoModelForImageTextToText`, prompted the way each model type wants.',
    transformers: { processor: 'AutoProcessor', model: 'AutoModelForImageTextToText' },
    modelTypes: ['llava_qwen2', 'llava', 'qwen2_vl', 'qwen2_5_vl', 'gemma3'],
    modules: ['embed_tokens', 'vision_encoder', 'decoder_model_merged'],
    prompt: ALT_TEXT_INSTRUCTION,
    readsContext: true,
    generation: { maxNewTokens: 60, noRepeatNgramSize: 3, repetitionPenalty: 1.05 },
    // FastVLM's CLIPImageProcessor: `shortest_edge` 1024, centre crop 1024×1024. The same cap keeps
    // the dynamic-resolution types listed here (Qwen2-VL) at about 1 MP.
    pixelBudget: { longEdge: 1024, maxPixels: 1024 * 1024 },
  },
  'lfm2-vl': {
    label: 'LFM2-VL',
    summary: 'Liquid AI LFM2-VL / LFM2.5-VL: a chat template with an image and an instruction; the image keeps its aspect ratio (64–256 visual tokens).',
    transformers: { processor: 'AutoProcessor', model: 'AutoModelForImageTextToText' },
    modelTypes: ['lfm2_vl'],
    modules: ['embed_tokens', 'vision_encoder', 'decoder_model_merged'],
    prompt: ALT_TEXT_INSTRUCTION,
    readsContext: true,
    generation: { maxNewTokens: 60, noRepeatNgramSize: 3, repetitionPenalty: 1.05 },
    // Lfm2VlImageProcessor: one image is resized to at most max_image_tokens 256 × (16 px patch ×
    // 2 unshuffle)² = 512×512 px in area, aspect kept; only above twice that does it cut 512 px
    // tiles. So 512² px is the most it uses untiled, at any aspect up to 4:1.
    pixelBudget: { longEdge: 1024, maxPixels: 512 * 512 },
  },
} satisfies Record<string, ModelFamilyRow>;

/** How transformers.js runs a model; each family has one adapter in `workers/`. */
export type ModelFamily = keyof typeof MODEL_FAMILIES;

/** Every family, in table order. */
export const MODEL_FAMILY_IDS: readonly ModelFamily[] = Object.keys(MODEL_FAMILIES) as ModelFamily[];

/** A family's row, typed as the general row (optional fields stay optional). */
export function familyRow(family: ModelFamily): ModelFamilyRow {
  return MODEL_FAMILIES[family];
}

/** True for exactly the table's ids: what a stored or received entry's `family` is checked with. */
export function isModelFamily(value: unknown): value is ModelFamily {
  return typeof value === 'string' && Object.hasOwn(MODEL_FAMILIES, value);
}

/** Every config.json `model_type` some family runs, in table order (how an error lists them). */
export const SUPPORTED_MODEL_TYPES: readonly string[] = MODEL_FAMILY_IDS.flatMap((family) => familyRow(family).modelTypes);

/** The family whose adapter runs models of this config.json `model_type`; undefined when none does. */
export function familyOfModelType(modelType: string): ModelFamily | undefined {
  return MODEL_FAMILY_IDS.find((family) => familyRow(family).modelTypes.includes(modelType));
}
