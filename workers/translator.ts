import { pipeline, type ProgressCallback, type TranslationPipeline } from '@huggingface/transformers';
import type { Device, Dtype } from '../src/models/model-types';
import { translationInput, type TranslationEntry } from '../src/models/translation-models';

export interface TranslatorLoadOptions {
  /** Like a captioner's: 'webgpu', 'wasm' or WebNN in browsers; undefined in Node (CPU). */
  device?: Device;
  dtype: Dtype;
  onProgress?: ProgressCallback;
}

/** What the caption worker needs of a translation model (a fake in tests). */
export interface Translator {
  translate(text: string, language: string): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * Captions are one short sentence; a translation a few times longer than its source is a model
 * that lost its way, and this bounds the time it can take.
 */
const MAX_NEW_TOKENS = 64;

/** A Marian (opus-mt) model through transformers.js's translation pipeline. */
export class MarianTranslator implements Translator {
  private constructor(
    private readonly pipe: TranslationPipeline,
    private readonly entry: Pick<TranslationEntry, 'targetToken' | 'targets'>,
  ) {}

  static async load(path: string, entry: Pick<TranslationEntry, 'targetToken' | 'targets'>, options: TranslatorLoadOptions): Promise<MarianTranslator> {
    const pipe = await pipeline('translation', path, {
      ...(options.device ? { device: options.device } : {}),
      dtype: options.dtype,
      ...(options.onProgress ? { progress_callback: options.onProgress } : {}),
    });
    return new MarianTranslator(pipe, entry);
  }

  async translate(text: string, language: string): Promise<string> {
    if (!this.entry.targets.includes(language)) throw new Error(`This translation model does not translate into "${language}".`);
    if (!text.trim()) return '';
    const output = await this.pipe(translationInput(this.entry, text, language), { max_new_tokens: MAX_NEW_TOKENS });
    const first = Array.isArray(output) ? output[0] : output;
    const translated = first && typeof first === 'object' && 'translation_text' in first ? first.translation_text : '';
    return (typeof translated === 'string' ? translated : '').trim();
  }

  async dispose(): Promise<void> {
    await this.pipe.dispose();
  }
}
