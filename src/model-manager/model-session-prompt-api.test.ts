// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { CaptionClient } from '../client/caption-client';
import type { LanguageModelCreateOptions, LanguageModelSession, LanguageModelStatic, PromptAvailability } from '../client/prompt-api/language-model';
import { PromptApiClient } from '../client/prompt-api/prompt-api-client';
import { RoutedCaptionClient, type WorkerCaptionClient } from '../client/prompt-api/routed-caption-client';
import type { LoadProgress } from '../models/model-types';
import { BROWSER_MODEL_ID } from '../models/registry';
import { until } from '../test-support/wait';
import { DownloadGate } from './download-gate';
import { ModelSession } from './model-session';

class Progress extends Event {
  constructor(readonly loaded: number) {
    super('downloadprogress');
  }
}

/** The browser's side: availability, and a download the test moves step by step (or the signal aborts). */
function browserWith(state: PromptAvailability) {
  let step: (loaded: number) => void = () => {};
  let finish: () => void = () => {};
  let createCalled: () => void = () => {};
  const created = new Promise<void>((resolve) => (createCalled = resolve));
  const session: LanguageModelSession = { clone: vi.fn(), destroy: vi.fn(), promptStreaming: vi.fn() };
  const api: LanguageModelStatic = {
    availability: vi.fn(async () => state),
    create: vi.fn(
      (options: LanguageModelCreateOptions) =>
        new Promise<LanguageModelSession>((resolve, reject) => {
          const monitor = new EventTarget();
          options.monitor?.(monitor as never);
          createCalled();
          step = (loaded) => monitor.dispatchEvent(new Progress(loaded));
          finish = () => resolve(session);
          options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
          if (state === 'available') finish();
        }),
    ),
  };
  return { api, created, step: (loaded: number) => step(loaded), finish: () => finish() };
}

function sessionFor(state: PromptAvailability) {
  const browser = browserWith(state);
  const worker = { ensureModel: vi.fn(), planDownload: vi.fn(), abortAll: vi.fn() } as unknown as WorkerCaptionClient;
  const client = new RoutedCaptionClient(worker, new PromptApiClient({ api: () => browser.api, language: () => 'en' }));
  const gate = new DownloadGate(client as unknown as Pick<CaptionClient, 'planDownload'>, async () => ({ quota: 1e9, available: 5e8 }));
  const session = new ModelSession(client, gate);
  session.update({ settings: { modelId: BROWSER_MODEL_ID, device: 'auto' } });
  const announcements: string[] = [];
  session.addEventListener('announce', (e) => announcements.push((e as CustomEvent<string>).detail));
  const progress: LoadProgress[] = [];
  session.addEventListener('change', () => session.view.progress && progress.at(-1) !== session.view.progress && progress.push(session.view.progress));
  return { browser, worker, session, announcements, progress };
}

describe("ModelSession with the browser's own model", () => {
  it("asks first, with Chrome's size and no byte count of ours, then shows the browser's progress and announces who runs it", async () => {
    const { browser, worker, session, announcements, progress } = sessionFor('downloadable');
    const loading = session.load();
    await until(session, 'change', () => session.view.phase === 'needs-consent');
    expect(session.view.consent).toMatchObject({ modelId: BROWSER_MODEL_ID, size: { bytes: 4_000_000_000, exact: false, files: 1, managedBy: 'Chrome' } });
    expect(browser.api.create).not.toHaveBeenCalled();
    session.accept();
    await browser.created;
    for (const loaded of [0, 0.5, 1]) browser.step(loaded);
    browser.finish();
    await expect(loading).resolves.toMatchObject({ modelId: BROWSER_MODEL_ID, device: 'browser' });
    expect(progress.map((p) => [p.percent, p.phase])).toEqual([
      [0, 'downloading'],
      [50, 'downloading'],
      [100, 'initializing'],
    ]);
    expect(announcements).toContain('Model ready run by the browser.');
    expect(worker.ensureModel).not.toHaveBeenCalled();
  });

  it('asks nothing when the browser has the model already', async () => {
    const { session } = sessionFor('available');
    await expect(session.load()).resolves.toMatchObject({ device: 'browser' });
    expect(session.view.consent).toBeNull();
  });

  it("Cancel during the browser's download aborts create() and withdraws consent", async () => {
    const { browser, session } = sessionFor('downloadable');
    const loading = session.load();
    await until(session, 'change', () => session.view.phase === 'needs-consent');
    session.accept();
    await browser.created;
    browser.step(0.25);
    session.cancel();
    await expect(loading).rejects.toThrow('the model download was cancelled');
    expect(vi.mocked(browser.api.create).mock.calls[0]?.[0].signal?.aborted).toBe(true);
    expect(session.view.phase).toBe('failed');
  });
});
