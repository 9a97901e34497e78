import type { Device, Dtype, LoadProgress } from '../src/models/model-types';
import { findTranslationModel, type TranslationEntry } from '../src/models/translation-models';
import type { DownloadPlan } from '../src/models/download-plan';
import { createModelFileCache } from '../src/storage/model-cache';
import { CaptionError } from './caption-error';
import { LoadProgressTracker } from './load-progress';
import { planDownload } from './model-download-plan';
import { configureTransformers, modelFetch, selectModelSource } from './transformers-env';
import { MarianTranslator, type Translator, type TranslatorLoadOptions } from './translator';

export interface TranslatorRequest {
  modelId: string;
  /** The captioner's device, so both models share a runtime; the dtype is the entry's for it. */
  device: Device;
  dtype: Dtype;
  /** The app's base URL, for /models/ (the fixture) and the shared model cache. */
  baseUrl: string;
}

export interface LoadedTranslator {
  modelId: string;
  device: Device;
  dtype: Dtype;
  loadMs: number;
}

export type TranslatorLoader = (path: string, entry: TranslationEntry, options: TranslatorLoadOptions) => Promise<Translator>;

/**
 * The step after the caption for models that cannot be told the language (encoder-decoder,
 * Florence-2): the English caption goes through a Marian model loaded in the same worker, with
 * the same file cache and runtime as the captioner. One translation model at a time.
 */
export class TranslationStep {
  private loaded: { info: LoadedTranslator; entry: TranslationEntry; translator: Translator } | null = null;

  constructor(private readonly loadTranslator: TranslatorLoader = (path, entry, options) => MarianTranslator.load(path, entry, options)) {}

  /** What loading it would download, for the same consent as a captioning model. */
  async plan(request: TranslatorRequest): Promise<DownloadPlan> {
    const entry = entryOf(request.modelId);
    configureTransformers(request.baseUrl);
    const location = selectModelSource(entry, request.baseUrl);
    try {
      return await planDownload({ ...location, device: request.device, dtype: request.dtype }, createModelFileCache(), modelFetch);
    } catch (error) {
      throw new CaptionError('model-load-failed', `Could not find out what ${entry.label} needs to download: ${describe(error)}`);
    }
  }

  async load(request: TranslatorRequest, onProgress?: (progress: LoadProgress) => void): Promise<LoadedTranslator> {
    const current = this.loaded?.info;
    if (current?.modelId === request.modelId && current.device === request.device && current.dtype === request.dtype) return current;
    await this.dispose();
    const entry = entryOf(request.modelId);
    configureTransformers(request.baseUrl);
    const { path } = selectModelSource(entry, request.baseUrl);
    const tracker = new LoadProgressTracker();
    const started = performance.now();
    let translator: Translator;
    try {
      translator = await this.loadTranslator(path, entry, { device: request.device, dtype: request.dtype, onProgress: (info) => onProgress?.(tracker.update(info)) });
    } catch (error) {
      throw new CaptionError('model-load-failed', `${entry.label} could not be loaded on ${request.device} (${request.dtype}): ${describe(error)}`);
    }
    const info = { modelId: request.modelId, device: request.device, dtype: request.dtype, loadMs: Math.round(performance.now() - started) };
    this.loaded = { info, entry, translator };
    return info;
  }

  /** The English caption in `language`, by the loaded model; it must be one that translates into it. */
  async translate(text: string, language: string): Promise<string> {
    const loaded = this.loaded;
    if (!loaded) throw new CaptionError('model-not-loaded', 'No translation model is loaded yet.');
    if (!loaded.entry.targets.includes(language)) throw new CaptionError('model-not-loaded', `${loaded.entry.label} does not translate into "${language}".`);
    try {
      return await loaded.translator.translate(text, language);
    } catch (error) {
      throw new CaptionError('inference-failed', `The translation failed: ${describe(error)}`);
    }
  }

  async dispose(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = null;
    await loaded?.translator.dispose();
  }
}

function entryOf(modelId: string): TranslationEntry {
  const entry = findTranslationModel(modelId);
  if (!entry) throw new CaptionError('model-load-failed', `Unknown translation model "${modelId}".`);
  return entry;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
