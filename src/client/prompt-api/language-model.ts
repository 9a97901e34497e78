/**
 * The part of the Prompt API (Chrome's `LanguageModel`, shipped with image input in Chrome 148)
 * this app uses, typed here because TypeScript's DOM library does not have it yet. Shapes follow
 * the specification (webmachinelearning/prompt-api) and MDN's LanguageModel pages.
 */

export type PromptAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface ExpectedIO {
  type: 'text' | 'image' | 'audio';
  languages?: string[];
}

export interface LanguageModelOptions {
  expectedInputs: ExpectedIO[];
  expectedOutputs: ExpectedIO[];
}

/** The event `monitor` receives while the browser downloads the model; `loaded` is a 0–1 fraction. */
export interface DownloadProgressEvent extends Event {
  readonly loaded: number;
  readonly total?: number;
}

export interface CreateMonitor extends EventTarget {
  addEventListener(type: 'downloadprogress', listener: (event: DownloadProgressEvent) => void): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
}

export interface LanguageModelCreateOptions extends LanguageModelOptions {
  signal?: AbortSignal;
  monitor?: (monitor: CreateMonitor) => void;
}

export type PromptImage = Blob | ImageBitmap | ImageData | OffscreenCanvas | HTMLCanvasElement | HTMLImageElement;

export type PromptContent = { type: 'text'; value: string } | { type: 'image'; value: PromptImage };

export interface PromptMessage {
  role: 'user' | 'assistant' | 'system';
  content: PromptContent[];
}

export interface LanguageModelSession {
  promptStreaming(input: PromptMessage[] | string, options?: { signal?: AbortSignal }): ReadableStream<string>;
  clone(options?: { signal?: AbortSignal }): Promise<LanguageModelSession>;
  destroy(): void;
}

export interface LanguageModelStatic {
  availability(options: LanguageModelOptions): Promise<PromptAvailability>;
  create(options: LanguageModelCreateOptions): Promise<LanguageModelSession>;
}

/** The page's `LanguageModel`, or undefined where the browser has none (every non-Chrome browser, Chrome on mobile). */
export function languageModelOf(scope: object = globalThis): LanguageModelStatic | undefined {
  const candidate = (scope as { LanguageModel?: unknown }).LanguageModel;
  if (!candidate || (typeof candidate !== 'function' && typeof candidate !== 'object')) return undefined;
  const api = candidate as Partial<LanguageModelStatic>;
  return typeof api.availability === 'function' && typeof api.create === 'function' ? (candidate as LanguageModelStatic) : undefined;
}
