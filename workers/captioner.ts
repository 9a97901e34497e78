import type { InterruptableStoppingCriteria, ProgressCallback, RawImage } from '@huggingface/transformers';
import type { CaptionOptions, CaptionStages, Device, Dtype, ModuleDtypes } from '../src/models/model-types';
import type { TextConfidence, TextLikelihood } from '../src/models/review-signals';

/**
 * The contract every model family's adapter meets, so the worker (and the Node tests) caption
 * the same way whatever the architecture. Adapters are runtime-neutral: the worker feeds them
 * images decoded in the browser, Node tests feed images decoded by sharp.
 */
export interface CaptionerLoadOptions {
  /** 'webgpu', 'wasm' or a WebNN device in browsers; leave undefined in Node (onnxruntime-node CPU). */
  device?: Device;
  /** One dtype for every module, or one per ONNX file base name. */
  dtype: Dtype | ModuleDtypes;
  onProgress?: ProgressCallback;
  /** onnxruntime session options for every session of the model (transformers.js `session_options`). */
  sessionOptions?: Record<string, unknown>;
}

export interface CaptionRun {
  /** Called with each decoded piece of text as soon as it forms whole words. */
  onText?: (chunk: string) => void;
  /** Interrupt it to stop after the current token; the model stays loaded. */
  stop?: InterruptableStoppingCriteria;
  /** Florence-2 task token (`<CAPTION>`, `<OCR>`…) or a chat VLM's instruction. */
  prompt?: string;
  /** Called once the caption ends with where its time went, by adapters that can tell. */
  onStages?: (stages: Omit<CaptionStages, 'decodeMs'>) => void;
  /** Called once generation ends with the probabilities of the tokens it chose; asking costs one pass over the vocabulary per token. */
  onConfidence?: (confidence: TextConfidence) => void;
  /**
   * Score this text instead of writing a caption: generation is forced through its tokens and
   * `onLikelihood` gets their log probabilities (undefined when the run ended early). The
   * adapter's returned text is then the forced text, not a caption.
   */
  scoreText?: { text: string; onLikelihood: (likelihood: TextLikelihood | undefined) => void };
}

export interface Captioner {
  /** The caption as the model wrote it (trimmed); finishing rules are applied by the caller. */
  caption(image: RawImage, options: CaptionOptions, run?: CaptionRun): Promise<string>;
  dispose(): Promise<void>;
}
