import { crc32, deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';

/**
 * A contract fake of Chrome's Prompt API (`LanguageModel`), installed before the page loads
 * (Playwright addInitScript), because no browser on this machine has the real model. It follows
 * the specification's shapes and errors: availability() with the four states and 'unavailable'
 * for languages other than English, Spanish and Japanese; create() with a monitor that receives
 * `downloadprogress` events (`loaded` a 0–1 fraction), needing a user activation to start a
 * download (NotAllowedError), rejecting with the signal's reason when aborted; clone() and
 * destroy(), a destroyed session throwing InvalidStateError; promptStreaming() returning a
 * ReadableStream of string chunks that errors with the signal's reason (an AbortError
 * DOMException by default) when aborted, with NotSupportedError for an image prompt to a session
 * created without an image input, and QuotaExceededError (`requested`, `quota`) when the input
 * exceeds the context window.
 *
 * Its answer is computed from the image, so a test checks the real path of the pixels: the mean
 * colour's name ("a plain red picture"). An image costs 256 tokens per 768-pixel tile, like
 * tiling VLMs, so a large photo can exceed a small context window.
 */

export type FakeAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface PromptApiFakeOptions {
  availability: FakeAvailability;
  /** downloadprogress events between 0 and 1. */
  downloadSteps?: number;
  downloadStepMs?: number;
  /** Delay between streamed chunks. */
  chunkMs?: number;
  /** Tokens a session may hold; the instruction counts one per word, an image 256 per 768-pixel tile. */
  contextWindow?: number;
}

/** What a test reads and switches in the page: `window.__promptApiFake`. */
export interface PromptApiFakeState extends Required<PromptApiFakeOptions> {
  created: number;
  clones: number;
  destroyed: number;
  prompts: string[];
  /** Chunks streamed before each answer waits for `release()`; null streams straight through. */
  holdAfter: number | null;
  release: () => void;
  /** Answers that have started streaming and not ended. */
  streaming: number;
}

export async function addPromptApiFake(page: Page, options: PromptApiFakeOptions): Promise<void> {
  await page.addInitScript(installPromptApiFake, options);
}

/** Changes the fake's state from the test (availability, hold, context window). */
export async function setPromptApiFake(page: Page, patch: Partial<Pick<PromptApiFakeState, 'availability' | 'holdAfter' | 'contextWindow' | 'chunkMs'>>): Promise<void> {
  await page.evaluate((p) => Object.assign((window as unknown as { __promptApiFake: PromptApiFakeState }).__promptApiFake, p), patch);
}

export async function readPromptApiFake(page: Page): Promise<Omit<PromptApiFakeState, 'release'>> {
  return page.evaluate(() => {
    const { release: _release, ...rest } = (window as unknown as { __promptApiFake: PromptApiFakeState }).__promptApiFake;
    return JSON.parse(JSON.stringify(rest)) as Omit<PromptApiFakeState, 'release'>;
  });
}

export async function releasePromptApiFake(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __promptApiFake: PromptApiFakeState }).__promptApiFake.release());
}

/** The fake's answer for a picture of one colour, as the tests expect it. */
export function fakeDescription(colour: string): string {
  return `a plain ${colour} picture`;
}

const COLOURS = { red: [220, 40, 40], green: [40, 170, 60], blue: [40, 70, 220], yellow: [235, 220, 50] } as const;

/** A PNG of one colour, as the file input takes it: the fake names that colour. */
export function solidPhoto(name: string, colour: keyof typeof COLOURS, side = 64): { name: string; mimeType: string; buffer: Buffer } {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: side }, () => COLOURS[colour]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: side }, () => row)));
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
  return { name, mimeType: 'image/png', buffer: png };
}

/** Runs in the page, before its scripts: self-contained (no imports, no outer variables). */
function installPromptApiFake(options: PromptApiFakeOptions): void {
  const LANGUAGES = ['en', 'es', 'ja'];
  const IMAGE_TILE = 768;
  const TOKENS_PER_TILE = 256;
  let waiting: (() => void)[] = [];
  const state: PromptApiFakeState = {
    availability: options.availability,
    downloadSteps: options.downloadSteps ?? 4,
    downloadStepMs: options.downloadStepMs ?? 150,
    chunkMs: options.chunkMs ?? 30,
    contextWindow: options.contextWindow ?? 4096,
    created: 0,
    clones: 0,
    destroyed: 0,
    prompts: [],
    holdAfter: null,
    streaming: 0,
    release() {
      const go = waiting;
      waiting = [];
      state.holdAfter = null;
      for (const resume of go) resume();
    },
  };
  (window as unknown as { __promptApiFake: PromptApiFakeState }).__promptApiFake = state;

  type IO = { type: string; languages?: string[] };
  type Options = { expectedInputs?: IO[]; expectedOutputs?: IO[]; signal?: AbortSignal; monitor?: (m: EventTarget) => void };
  type Content = { type: string; value: unknown };
  type Message = { role: string; content: string | Content[] };

  const exception = (name: string, message: string): DOMException => new DOMException(message, name);
  const quotaExceeded = (requested: number, quota: number): Error => {
    const message = `The input is too large: ${requested} tokens for a context window of ${quota}.`;
    const Native = (window as unknown as { QuotaExceededError?: new (m: string, o: { requested: number; quota: number }) => Error }).QuotaExceededError;
    if (typeof Native === 'function') return new Native(message, { requested, quota });
    return Object.assign(exception('QuotaExceededError', message), { requested, quota });
  };
  const supported = (o: Options): boolean => {
    const ios = [...(o.expectedInputs ?? []), ...(o.expectedOutputs ?? [])];
    return ios.every((io) => ['text', 'image', 'audio'].includes(io.type) && (io.languages ?? []).every((l) => LANGUAGES.includes(l)));
  };
  const wait = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });

  // The mean colour of the picture, named from a small palette.
  const PALETTE: [string, number, number, number][] = [
    ['red', 220, 40, 40], ['green', 40, 170, 60], ['blue', 40, 70, 220], ['yellow', 235, 220, 50], ['orange', 240, 140, 30],
    ['purple', 130, 50, 170], ['white', 245, 245, 245], ['black', 15, 15, 15], ['grey', 128, 128, 128],
  ];
  const describe = async (image: unknown): Promise<{ text: string; tiles: number }> => {
    const bitmap = image instanceof Blob ? await createImageBitmap(image) : (image as ImageBitmap);
    const tiles = Math.ceil(bitmap.width / IMAGE_TILE) * Math.ceil(bitmap.height / IMAGE_TILE);
    const canvas = new OffscreenCanvas(8, 8);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.drawImage(bitmap, 0, 0, 8, 8);
    const data = context.getImageData(0, 0, 8, 8).data;
    const mean = [0, 0, 0];
    for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) mean[c]! += data[i + c]! / 64;
    const [name] = PALETTE.map(([n, r, g, b]) => [n, (r - mean[0]!) ** 2 + (g - mean[1]!) ** 2 + (b - mean[2]!) ** 2] as const).sort((a, b) => a[1] - b[1])[0]!;
    return { text: `a plain ${name} picture`, tiles };
  };

  class DownloadProgressEvent extends Event {
    constructor(readonly loaded: number) {
      super('downloadprogress');
    }
    get total(): number {
      return 1;
    }
  }

  class FakeSession {
    private destroyed = false;
    constructor(private readonly options: Options) {}
    private alive(): void {
      if (this.destroyed) throw exception('InvalidStateError', 'The session has been destroyed.');
    }
    get contextWindow(): number {
      return state.contextWindow;
    }
    async clone(o: { signal?: AbortSignal } = {}): Promise<FakeSession> {
      this.alive();
      if (o.signal?.aborted) throw o.signal.reason;
      state.clones++;
      return new FakeSession(this.options);
    }
    destroy(): void {
      if (!this.destroyed) state.destroyed++;
      this.destroyed = true;
    }
    promptStreaming(input: string | Message[], o: { signal?: AbortSignal } = {}): ReadableStream<string> {
      this.alive();
      const signal = o.signal;
      const messages: Message[] = typeof input === 'string' ? [{ role: 'user', content: [{ type: 'text', value: input }] }] : input;
      const contents = messages.flatMap((m) => (typeof m.content === 'string' ? [{ type: 'text', value: m.content }] : m.content));
      const takesImages = (this.options.expectedInputs ?? []).some((io) => io.type === 'image');
      const text = contents.filter((c) => c.type === 'text').map((c) => String(c.value)).join(' ');
      const image = contents.find((c) => c.type === 'image');
      let cancelled = false;
      return new ReadableStream<string>({
        start: async (controller) => {
          state.streaming++;
          try {
            if (signal?.aborted) throw signal.reason;
            if (image && !takesImages) throw exception('NotSupportedError', 'The session was not created with an image input.');
            const answer = image ? await describe(image.value) : { text: 'a text answer', tiles: 0 };
            const requested = text.split(/\s+/).filter(Boolean).length + answer.tiles * TOKENS_PER_TILE;
            if (requested > state.contextWindow) throw quotaExceeded(requested, state.contextWindow);
            state.prompts.push(text);
            const chunks = answer.text.split(/(?<= )/);
            for (let i = 0; i < chunks.length && !cancelled; i++) {
              if (state.holdAfter !== null && i === state.holdAfter) {
                await new Promise<void>((resolve, reject) => {
                  waiting.push(resolve);
                  signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
                });
              }
              await wait(state.chunkMs, signal);
              controller.enqueue(chunks[i]!);
            }
            controller.close();
          } catch (error) {
            controller.error(error);
          } finally {
            state.streaming--;
          }
        },
        cancel: () => void (cancelled = true),
      });
    }
  }

  const LanguageModel = {
    async availability(o: Options = {}): Promise<FakeAvailability> {
      return supported(o) ? state.availability : 'unavailable';
    },
    async create(o: Options = {}): Promise<FakeSession> {
      if (o.signal?.aborted) throw o.signal.reason;
      const availability = supported(o) ? state.availability : 'unavailable';
      if (availability === 'unavailable') throw exception('NotSupportedError', 'The requested options are not supported on this device.');
      const monitor = new EventTarget();
      o.monitor?.(monitor);
      if (availability === 'downloadable' || availability === 'downloading') {
        // A download starts only from a page the person is using (transient user activation).
        if (availability === 'downloadable' && !navigator.userActivation.isActive) throw exception('NotAllowedError', 'Downloading the model requires a user activation.');
        state.availability = 'downloading';
        try {
          for (let step = 0; step <= state.downloadSteps; step++) {
            if (step > 0) await wait(state.downloadStepMs, o.signal);
            monitor.dispatchEvent(new DownloadProgressEvent(step / state.downloadSteps));
          }
        } catch (error) {
          state.availability = 'downloadable';
          throw error;
        }
        state.availability = 'available';
      }
      state.created++;
      return new FakeSession(o);
    },
  };
  Object.defineProperty(window, 'LanguageModel', { value: LanguageModel, configurable: true, writable: true });
}
