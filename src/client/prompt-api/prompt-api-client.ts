import { instructionWithLanguage } from '../../alttext/alt-text-language';
import { instructionWithContext } from '../../alttext/photo-context';
import type { DownloadPlan } from '../../models/download-plan';
import { ENGLISH } from '../../models/languages';
import { ALT_TEXT_INSTRUCTION } from '../../models/families';
import type { CaptionOptions, CaptionOutcome, LoadProgress, RuntimeChoice } from '../../models/model-types';
import type { ModelEntry } from '../../models/registry';
import type { CaptionCall, ModelReady } from '../caption-client';
import { probePromptApi, promptLanguage, unsupportedLanguageMessage } from './availability';
import { languageModelOf, type LanguageModelStatic, type PromptAvailability } from './language-model';
import { PromptApiSession } from './prompt-api-session';
import type { PreparedPhoto } from '../../../workers/prompt-photo';
import { PromptPhotoClient } from './prompt-photo-client';

const REASON = 'The browser runs its own model on this device (on its GPU or CPU, as the browser decides).';
const NO_API = "[model-load-failed] This browser has no built-in model for images here: Chrome's Prompt API needs Chrome 148 or later on a desktop computer with enough memory and disk. Choose another model.";

export interface PromptApiClientOptions {
  /** The page's LanguageModel; looked up each time, so a test's fake installed later is found. */
  api?: () => LanguageModelStatic | undefined;
  prepare?: (image: Blob, fileName: string) => Promise<PreparedPhoto>;
  /** The alt-text language chosen now: the base session is made for it. */
  language?: () => string | undefined;
}

/**
 * The browser's own model behind the caption worker client's interface (src/client/caption-client.ts):
 * the model session, the queue, pause, cancel and the consent step call it exactly as they call
 * the worker. Everything runs on the page, where the API lives, and never blocks it: decoding is
 * createImageBitmap's, and the model streams its answer in asynchronous chunks.
 */
export class PromptApiClient {
  private current: { api: LanguageModelStatic; session: PromptApiSession } | null = null;
  private ready: ModelReady | null = null;
  private inflight: { language: string; promise: Promise<ModelReady> } | null = null;
  private loading: AbortController | null = null;
  private readonly api: () => LanguageModelStatic | undefined;
  private readonly prepare: (image: Blob, fileName: string) => Promise<PreparedPhoto>;
  private readonly language: () => string | undefined;

  constructor(options: PromptApiClientOptions = {}) {
    this.api = options.api ?? (() => languageModelOf());
    this.prepare = options.prepare ?? lazyPhotoWorker();
    this.language = options.language ?? (() => undefined);
  }

  /**
   * Whether the browser has its model for images, asked in the alt-text language when the model
   * writes it, else in English: a language it does not write is said at load, not taken for a
   * browser without the model.
   */
  availability(language?: string): Promise<PromptAvailability> {
    const wanted = promptLanguage(language ?? this.language());
    return probePromptApi(unsupportedLanguageMessage(wanted) ? ENGLISH : wanted, this.api());
  }

  /**
   * What the consent step asks about. The browser states no size before it downloads, so the
   * plan has one file of unknown size (the registry's figure is shown, said to be the browser's);
   * nothing is asked when the browser says the model is there already.
   */
  async planDownload(model: ModelEntry): Promise<{ choice: RuntimeChoice; plan: DownloadPlan }> {
    // Nothing is asked about a download that cannot happen: the language or the browser says no first.
    const unsupported = unsupportedLanguageMessage(promptLanguage(this.language()));
    if (unsupported) throw new Error(`[model-load-failed] ${unsupported}`);
    const state = await this.availability();
    if (state === 'unavailable') throw new Error(NO_API);
    const present = state === 'available';
    const plan: DownloadPlan = { files: [{ file: "the browser's model", bytes: null, cached: present }], totalBytes: 0, bytesToDownload: 0, filesToDownload: present ? 0 : 1, exact: false, managedBy: 'Chrome' };
    // The consent key needs a device of ours; the browser's model has only the one way to run.
    return { choice: { device: 'wasm', dtype: firstDtype(model), reason: REASON }, plan };
  }

  /** Makes (or reuses) the base session; `onProgress` shows the browser's own download progress. */
  async ensureModel(model: ModelEntry, onProgress?: (p: LoadProgress) => void): Promise<ModelReady> {
    const language = promptLanguage(this.language());
    const unsupported = unsupportedLanguageMessage(language);
    if (unsupported) throw new Error(`[model-load-failed] ${unsupported}`);
    if (this.ready?.modelId === model.id && this.current?.session.language === language) return this.ready;
    if (this.inflight?.language === language) return this.inflight.promise;
    await this.inflight?.promise.catch(() => {});
    const entry = { language, promise: this.open(model, language, onProgress) };
    this.inflight = entry;
    try {
      return await entry.promise;
    } finally {
      if (this.inflight === entry) this.inflight = null;
    }
  }

  private async open(model: ModelEntry, language: string, onProgress?: (p: LoadProgress) => void): Promise<ModelReady> {
    const api = this.api();
    if (!api) throw new Error(NO_API);
    if (this.current?.api !== api) {
      this.current?.session.close();
      this.current = { api, session: new PromptApiSession(api) };
    }
    const loading = new AbortController();
    this.loading = loading;
    const started = performance.now();
    try {
      await this.current.session.open(language, loading.signal, (fraction) => onProgress?.(progressOf(fraction)));
    } catch (error) {
      // The browser rejects with the signal's reason, or an AbortError when there is none.
      if (loading.signal.aborted) throw loading.signal.reason instanceof Error ? loading.signal.reason : new Error("The browser's built-in model was not loaded: cancelled.");
      throw error;
    } finally {
      if (this.loading === loading) this.loading = null;
    }
    this.ready = { modelId: model.id, device: 'browser', dtype: firstDtype(model), wasmThreads: 1, loadMs: Math.round(performance.now() - started), reason: REASON };
    return this.ready;
  }

  /** Describes one photo from a clone of the base session: the alt-text instruction with the photo's context and language. */
  async caption(image: Blob, fileName: string, _options: CaptionOptions, call: CaptionCall = {}): Promise<CaptionOutcome> {
    const session = this.current?.session;
    if (!session || !this.ready) throw new Error("[model-not-loaded] The browser's built-in model is not ready yet.");
    const language = promptLanguage(call.language);
    const unsupported = unsupportedLanguageMessage(language);
    if (unsupported) throw new Error(`[model-load-failed] ${unsupported}`);
    const signal = call.signal ?? new AbortController().signal;
    const started = performance.now();
    const photo = await this.prepare(image, fileName);
    try {
      if (signal.aborted) return outcome('', true, started, photo);
      // A photo that started in another language than the base session's gets a base of its own.
      if (session.language !== language) await session.open(language, signal);
      const instruction = instructionWithLanguage(instructionWithContext(ALT_TEXT_INSTRUCTION, call.context), language);
      const messages = [{ role: 'user' as const, content: [{ type: 'text' as const, value: instruction }, { type: 'image' as const, value: photo.image }] }];
      const streamed = await session.describe(messages, fileName, signal, call.onText);
      return outcome(streamed.text, streamed.interrupted, started, photo);
    } catch (error) {
      if (signal.aborted) return outcome('', true, started, photo);
      throw error;
    } finally {
      photo.image.close();
    }
  }

  /** Stops a creation (and its download) under way, which then rejects with `message`; the base session goes. */
  abortAll(message: string): void {
    this.loading?.abort(new Error(message));
    this.dispose();
  }

  dispose(): void {
    this.current?.session.close();
    this.current = null;
    this.ready = null;
    this.inflight = null;
  }
}

/** The browser reports a 0–1 fraction and no bytes; at 1 the model is unpacked and started. */
function progressOf(fraction: number): LoadProgress {
  const done = Math.max(0, Math.min(1, fraction));
  return { loadedBytes: 0, totalBytes: null, percent: done * 100, file: null, filesDone: 0, filesTotal: 0, phase: done >= 1 ? 'initializing' : 'downloading' };
}

function outcome(text: string, interrupted: boolean, started: number, photo: PreparedPhoto): CaptionOutcome {
  return { text, interrupted, durationMs: Math.round(performance.now() - started), width: photo.width, height: photo.height, thumbnail: photo.thumbnail };
}

function firstDtype(model: ModelEntry): NonNullable<ModelReady['dtype']> {
  return (Object.keys(model.approxBytes)[0] as ModelReady['dtype'] | undefined) ?? 'q4';
}

/** The photo worker starts at the first photo, not when the app opens. */
function lazyPhotoWorker(): (image: Blob, fileName: string) => Promise<PreparedPhoto> {
  let photos: PromptPhotoClient | null = null;
  return (image, fileName) => (photos ??= new PromptPhotoClient()).prepare(image, fileName);
}
