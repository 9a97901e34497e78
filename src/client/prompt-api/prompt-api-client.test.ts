// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { BROWSER_MODEL_ID, getModel } from '../../models/registry';
import type { LoadProgress } from '../../models/model-types';
import { sessionOptions } from './availability';
import type { LanguageModelCreateOptions, LanguageModelSession, LanguageModelStatic, PromptAvailability, PromptMessage } from './language-model';
import { PromptApiClient } from './prompt-api-client';
import type { PreparedPhoto } from '../../../workers/prompt-photo';

const model = getModel(BROWSER_MODEL_ID);
const OPTIONS = { maxNewTokens: 60, noRepeatNgramSize: 3, repetitionPenalty: 1.05 };

class Progress extends Event {
  constructor(readonly loaded: number) {
    super('downloadprogress');
  }
}

/** A stream whose chunks the test pushes one at a time, erroring with the signal's reason on abort. */
function controlledStream(signal: AbortSignal | undefined) {
  let push: (chunk: string) => void = () => {};
  let end: () => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const stream = new ReadableStream<string>({
    start(controller) {
      push = (chunk) => controller.enqueue(chunk);
      end = () => controller.close();
      fail = (error) => controller.error(error);
      signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true });
    },
  });
  return { stream, push: (c: string) => push(c), end: () => end(), fail: (e: unknown) => fail(e) };
}

/** An in-memory LanguageModel: records what it is asked, lets the test drive downloads and streams. */
function fakeApi(state: PromptAvailability = 'available') {
  const sessions: { destroyed: boolean; clone: boolean; prompts: PromptMessage[][] }[] = [];
  const streams: ReturnType<typeof controlledStream>[] = [];
  let onPrompt: (stream: ReturnType<typeof controlledStream>) => void = (s) => (s.push('a red '), s.push('circle'), s.end());
  const session = (clone: boolean): LanguageModelSession => {
    const record = { destroyed: false, clone, prompts: [] as PromptMessage[][] };
    sessions.push(record);
    const alive = () => {
      if (record.destroyed) throw new DOMException('The session has been destroyed.', 'InvalidStateError');
    };
    return {
      async clone() {
        alive();
        return session(true);
      },
      destroy: () => void (record.destroyed = true),
      promptStreaming(input, options) {
        alive();
        record.prompts.push(input as PromptMessage[]);
        const controlled = controlledStream(options?.signal);
        streams.push(controlled);
        queueMicrotask(() => onPrompt(controlled));
        return controlled.stream;
      },
    };
  };
  const created: LanguageModelCreateOptions[] = [];
  let download: ((monitor: EventTarget, signal?: AbortSignal) => Promise<void>) | null = null;
  const api: LanguageModelStatic = {
    availability: vi.fn(async () => state),
    create: vi.fn(async (options: LanguageModelCreateOptions) => {
      created.push(options);
      const monitor = new EventTarget();
      options.monitor?.(monitor as never);
      if (download) await download(monitor, options.signal);
      if (options.signal?.aborted) throw options.signal.reason;
      return session(false);
    }),
  };
  return {
    api,
    sessions,
    streams,
    created,
    answerWith: (f: typeof onPrompt) => void (onPrompt = f),
    downloadWith: (f: typeof download) => void (download = f),
  };
}

const closed = vi.fn();
const prepare = async (): Promise<PreparedPhoto> => ({ image: { width: 640, height: 480, close: closed } as unknown as ImageBitmap, width: 4000, height: 3000, thumbnail: null });
const photo = new Blob(['jpeg bytes']);

function client(fake: ReturnType<typeof fakeApi>, language: string | undefined = 'en') {
  return new PromptApiClient({ api: () => fake.api, prepare, language: () => language });
}

describe('PromptApiClient: the base session', () => {
  it('creates one base session with the availability options and reuses it, cloning and destroying one per photo', async () => {
    const fake = fakeApi();
    const prompts = client(fake);
    const ready = await prompts.ensureModel(model);
    expect(ready).toMatchObject({ modelId: BROWSER_MODEL_ID, device: 'browser' });
    expect(await prompts.ensureModel(model)).toBe(ready);
    const first = await prompts.caption(photo, 'a.jpg', OPTIONS);
    const second = await prompts.caption(photo, 'b.jpg', OPTIONS);
    expect(fake.api.create).toHaveBeenCalledTimes(1);
    const { signal: _signal, monitor: _monitor, ...options } = fake.created[0]!;
    expect(options).toEqual(sessionOptions('en'));
    expect(fake.sessions.map((s) => ({ clone: s.clone, destroyed: s.destroyed, prompts: s.prompts.length }))).toEqual([
      { clone: false, destroyed: false, prompts: 0 },
      { clone: true, destroyed: true, prompts: 1 },
      { clone: true, destroyed: true, prompts: 1 },
    ]);
    expect([first.text, second.text]).toEqual(['a red circle', 'a red circle']);
    expect(first).toMatchObject({ interrupted: false, width: 4000, height: 3000 });
    expect(closed).toHaveBeenCalled();
  });

  it("reports the browser's download fractions as progress, and 'initializing' at 1", async () => {
    const fake = fakeApi('downloadable');
    fake.downloadWith(async (monitor) => {
      for (const loaded of [0, 0.5, 1]) monitor.dispatchEvent(new Progress(loaded));
    });
    const seen: LoadProgress[] = [];
    await client(fake).ensureModel(model, (p) => seen.push(p));
    expect(seen.map((p) => [p.percent, p.phase])).toEqual([
      [0, 'downloading'],
      [50, 'downloading'],
      [100, 'initializing'],
    ]);
  });

  it('plans no download when the browser has the model, and one of its own size when not', async () => {
    expect((await client(fakeApi('available')).planDownload(model)).plan).toMatchObject({ filesToDownload: 0, managedBy: 'Chrome' });
    expect((await client(fakeApi('downloadable')).planDownload(model)).plan).toMatchObject({ filesToDownload: 1, exact: false, managedBy: 'Chrome' });
  });

  it('refuses a language the model does not write before asking the browser, and asks no consent for it', async () => {
    const fake = fakeApi('downloadable');
    const words = "[model-load-failed] The browser's built-in model writes English, Spanish and Japanese only, not French.";
    await expect(client(fake, 'fr').planDownload(model)).rejects.toThrow(words);
    await expect(client(fake, 'fr').ensureModel(model)).rejects.toThrow(words);
    expect(fake.api.availability).not.toHaveBeenCalled();
    expect(fake.api.create).not.toHaveBeenCalled();
  });

  it('probes in the alt-text language when the model writes it, else in English', async () => {
    const fake = fakeApi();
    await client(fake, 'es').availability();
    await client(fake, 'fr').availability();
    expect(vi.mocked(fake.api.availability).mock.calls.map(([options]) => options.expectedOutputs[0]?.languages)).toEqual([['es'], ['en']]);
  });

  it("plans nothing where the browser says 'unavailable'", async () => {
    await expect(client(fakeApi('unavailable')).planDownload(model)).rejects.toThrow(/^\[model-load-failed\] This browser has no built-in model for images here/);
  });

  it('cancelling a download aborts create() and rejects the load with the reason given', async () => {
    const fake = fakeApi('downloadable');
    let started: () => void = () => {};
    const downloading = new Promise<void>((resolve) => (started = resolve));
    // Like the browser: the download goes on until the signal aborts it, then create() rejects with its reason.
    fake.downloadWith(
      (_monitor, signal) =>
        new Promise<void>((_, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          started();
        }),
    );
    const prompts = client(fake);
    const load = prompts.ensureModel(model);
    await downloading;
    prompts.abortAll('Not captioned: the model download was cancelled.');
    await expect(load).rejects.toThrow('Not captioned: the model download was cancelled.');
    expect(fake.created[0]!.signal!.aborted).toBe(true);
  });
});

describe('PromptApiClient: one photo', () => {
  it('sends the instruction with the context and language, then the image, and streams each chunk as it arrives', async () => {
    const fake = fakeApi();
    const prompts = client(fake, 'es');
    await prompts.ensureModel(model);
    const chunks: string[] = [];
    await prompts.caption(photo, 'a.jpg', OPTIONS, { onText: (c) => chunks.push(c), context: 'Hike "in" Acadia', language: 'es' });
    const [message] = fake.sessions[1]!.prompts[0]!;
    expect(message?.role).toBe('user');
    const [text, image] = message!.content;
    expect(text).toEqual({ type: 'text', value: expect.stringMatching(/^Write alt-text for this image.*Context from the photographer.*"Hike 'in' Acadia".*Write the alt-text in Spanish\.$/) });
    expect(image?.type).toBe('image');
    expect(chunks).toEqual(['a red ', 'circle']);
  });

  it('an abort mid-stream ends the photo as interrupted with the text so far, and destroys its clone', async () => {
    const fake = fakeApi();
    const abort = new AbortController();
    fake.answerWith((s) => {
      s.push('a blue ');
      queueMicrotask(() => abort.abort());
    });
    const prompts = client(fake);
    await prompts.ensureModel(model);
    const outcome = await prompts.caption(photo, 'a.jpg', OPTIONS, { signal: abort.signal });
    expect(outcome).toMatchObject({ text: 'a blue ', interrupted: true });
    expect(fake.sessions[1]!.destroyed).toBe(true);
  });

  it('maps a stream error to a per-photo message, and the next photo still runs', async () => {
    const fake = fakeApi();
    fake.answerWith((s) => s.fail(Object.assign(new DOMException('too big', 'QuotaExceededError'), { requested: 900, quota: 600 })));
    const prompts = client(fake);
    await prompts.ensureModel(model);
    await expect(prompts.caption(photo, 'big.jpg', OPTIONS)).rejects.toThrow("[inference-failed] big.jpg and its instruction are too long for the browser's built-in model's context window (it needs 900 tokens of 600).");
    fake.answerWith((s) => (s.push('fine'), s.end()));
    expect((await prompts.caption(photo, 'small.jpg', OPTIONS)).text).toBe('fine');
    expect(fake.sessions.filter((s) => s.clone).every((s) => s.destroyed)).toBe(true);
  });

  it('a destroyed base session gives InvalidStateError once, then the next load makes a new one', async () => {
    const fake = fakeApi();
    const prompts = client(fake);
    await prompts.ensureModel(model);
    fake.sessions[0]!.destroyed = true;
    await expect(prompts.caption(photo, 'a.jpg', OPTIONS)).rejects.toThrow(/^\[inference-failed\] The browser's built-in model session had ended before a\.jpg/);
    await prompts.ensureModel(model);
    expect(fake.api.create).toHaveBeenCalledTimes(2);
    expect((await prompts.caption(photo, 'b.jpg', OPTIONS)).text).toBe('a red circle');
  });

  it('says the model is not ready when no session was made', async () => {
    await expect(client(fakeApi()).caption(photo, 'a.jpg', OPTIONS)).rejects.toThrow('[model-not-loaded]');
  });
});
