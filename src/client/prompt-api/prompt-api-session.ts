import { sessionOptions } from './availability';
import type { LanguageModelSession, LanguageModelStatic, PromptMessage } from './language-model';
import { isAbortError, isSessionGone, promptApiError } from './prompt-api-errors';

export interface StreamedText {
  text: string;
  /** True when the caller's signal stopped the stream; `text` holds what had arrived. */
  interrupted: boolean;
}

/**
 * One base session per language, made once (the download, if any, happens here) and cloned for
 * each photo, as the Prompt API intends: a clone starts from the base's state without the
 * photos before it in its context, and is destroyed as soon as its photo is described.
 */
export class PromptApiSession {
  private base: { language: string; session: Promise<LanguageModelSession> } | null = null;

  constructor(private readonly api: LanguageModelStatic) {}

  /**
   * Makes (or reuses) the base session for `language`. `onDownload` receives the browser's
   * `downloadprogress` fractions (0–1) while it fetches the model. Aborting rejects with AbortError.
   */
  async open(language: string, signal: AbortSignal, onDownload?: (fraction: number) => void): Promise<void> {
    if (this.base?.language === language) {
      await this.base.session;
      return;
    }
    this.close();
    const session = this.api.create({
      ...sessionOptions(language),
      signal,
      monitor(monitor) {
        monitor.addEventListener('downloadprogress', (event) => onDownload?.(event.loaded));
      },
    });
    const base = { language, session };
    this.base = base;
    try {
      await session;
    } catch (error) {
      // A failed or aborted creation leaves nothing to reuse: the next open tries again.
      if (this.base === base) this.base = null;
      throw isAbortError(error) ? error : promptApiError(error, { kind: 'load' });
    }
  }

  get language(): string | null {
    return this.base?.language ?? null;
  }

  /**
   * Streams the model's answer to `messages` from a clone of the base session. Each chunk is
   * handed on as it arrives and kept in a list joined once at the end, so a chunk costs the same
   * however long the text already is.
   */
  async describe(messages: PromptMessage[], fileName: string, signal: AbortSignal, onText?: (chunk: string) => void): Promise<StreamedText> {
    const base = this.base;
    if (!base) throw new Error("[model-not-loaded] The browser's built-in model is not ready yet.");
    const chunks: string[] = [];
    let clone: LanguageModelSession | null = null;
    let reader: ReadableStreamDefaultReader<string> | null = null;
    try {
      clone = await (await base.session).clone({ signal });
      reader = clone.promptStreaming(messages, { signal }).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        onText?.(value);
      }
      return { text: chunks.join(''), interrupted: false };
    } catch (error) {
      // The specification errors the stream with the signal's reason; cancelling as well frees a
      // stream from a browser that kept it open.
      if (signal.aborted) {
        void reader?.cancel().catch(() => {});
        return { text: chunks.join(''), interrupted: true };
      }
      if (isSessionGone(error) && this.base === base) this.base = null;
      throw promptApiError(error, { kind: 'caption', fileName });
    } finally {
      clone?.destroy();
    }
  }

  /** Destroys the base session; the next open makes a new one. */
  close(): void {
    const base = this.base;
    this.base = null;
    void base?.session.then(
      (session) => session.destroy(),
      () => {},
    );
  }
}
