// @vitest-environment node
import 'fake-indexeddb/auto';
import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptionWorkerApi, LoadRequest } from '../../workers/caption-api';
import { CaptionClient, type ModelReady } from '../client/caption-client';
import type { DownloadPlan } from '../models/download-plan';
import type { LoadedModel } from '../models/model-types';
import { createModelFileCache } from '../storage/model-cache';
import { DownloadGate } from './download-gate';
import { ModelSession } from './model-session';
import { called, promisesSettled, signal, until } from '../test-support/wait';

const FIXTURE = 'altscribe/shapes-captioner';
const ready: ModelReady = { modelId: FIXTURE, device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 5, reason: 'test' };
const missing: DownloadPlan = { files: [{ file: 'onnx/x.onnx', bytes: 10, cached: false }], totalBytes: 10, bytesToDownload: 10, filesToDownload: 1, exact: true };
const cached: DownloadPlan = { files: [{ file: 'onnx/x.onnx', bytes: 10, cached: true }], totalBytes: 10, bytesToDownload: 0, filesToDownload: 0, exact: true };
const inPhase = (session: ModelSession, phase: ModelSession['view']['phase']) => until(session, 'change', () => session.view.phase === phase);

function sessionWith(ensureModel = vi.fn(async () => ready), plan = missing) {
  const abortAll = vi.fn();
  const planDownload = vi.fn(async () => ({ choice: { device: 'wasm' as const, dtype: 'q8' as const, reason: '' }, plan }));
  const gate = new DownloadGate({ planDownload }, async () => undefined);
  const session = new ModelSession({ ensureModel, abortAll, planDownload }, gate);
  session.update({ settings: { modelId: FIXTURE, device: 'wasm' } });
  const announcements: string[] = [];
  session.addEventListener('announce', (e) => announcements.push((e as CustomEvent<string>).detail));
  const phases: string[] = [];
  session.addEventListener('change', () => phases.at(-1) !== session.view.phase && phases.push(session.view.phase));
  return { session, gate, abortAll, ensureModel, planDownload, announcements, phases };
}

// The fixture has a file in (fake) IndexedDB, as after its first download; other models have none.
await createModelFileCache().put('/models/altscribe/shapes-captioner/config.json', new Response('{}'));

describe('ModelSession', () => {
  it('asks before the first download, then loads and announces the device', async () => {
    const { session, ensureModel, announcements } = sessionWith();
    const loading = session.load();
    await inPhase(session, 'needs-consent');
    expect(ensureModel).not.toHaveBeenCalled();
    session.accept();
    await expect(loading).resolves.toBe(ready);
    expect(session.view.phase).toBe('ready');
    expect(announcements).toContain('Model ready on WASM (q8).');
  });

  it('Cancel during a load stops the worker and withdraws consent', async () => {
    let reject: (e: Error) => void = () => {};
    const ensureModel = vi.fn(() => new Promise<ModelReady>((_, r) => (reject = r)));
    const { session, abortAll } = sessionWith(ensureModel);
    const loading = session.load();
    await inPhase(session, 'needs-consent');
    session.accept();
    await inPhase(session, 'loading');
    abortAll.mockImplementation((message: string) => reject(new Error(message)));
    session.cancel();
    await expect(loading).rejects.toThrow('cancelled');
    expect(abortAll).toHaveBeenCalledTimes(1);
    await expect(session.load()).rejects.toThrow('cancelled'); // the batch stops instead of re-downloading
  });

  it('a device recommendation replaces only a default model', () => {
    const { session } = sessionWith();
    session.useRecommendedModel('onnx-community/Florence-2-base-ft');
    expect(session.view.settings.modelId).toBe('onnx-community/Florence-2-base-ft');
    session.modelChosen = true;
    session.useRecommendedModel('Mozilla/distilvit');
    expect(session.view.settings.modelId).toBe('onnx-community/Florence-2-base-ft');
  });

  it('a load waits until the device recommendation is known, then loads the recommended model', async () => {
    const { session, planDownload, ensureModel } = sessionWith();
    session.update({ settings: { modelId: 'Mozilla/distilvit', device: 'wasm' } });
    const probe = signal();
    const recommendationKnown = vi.fn(() => probe.promise.then(() => session.useRecommendedModel(FIXTURE)));
    session.recommendationKnown = recommendationKnown;
    const loading = session.load();
    await promisesSettled();
    expect(planDownload).not.toHaveBeenCalled();
    probe.resolve();
    await inPhase(session, 'needs-consent');
    expect(planDownload).toHaveBeenCalledWith(FIXTURE, 'wasm', undefined);
    session.accept();
    await expect(loading).resolves.toBe(ready);
    expect((ensureModel.mock.calls[0] as unknown[] | undefined)?.[0]).toBe(FIXTURE);
    await session.load();
    expect(recommendationKnown).toHaveBeenCalledTimes(1);
  });
});

describe('ModelSession preload at open', () => {
  afterEach(() => vi.restoreAllMocks());

  it('does not even plan for a model with no file on this device (no request to its server)', async () => {
    const { session, ensureModel, planDownload } = sessionWith(vi.fn(async () => ready), cached);
    session.update({ settings: { modelId: 'Mozilla/distilvit', device: 'wasm' } });
    await session.preload();
    expect(planDownload).not.toHaveBeenCalled();
    expect(ensureModel).not.toHaveBeenCalled();
  });

  it('does nothing when the model still needs a download: no consent prompt, no load', async () => {
    const { session, gate, ensureModel, phases } = sessionWith(vi.fn(async () => ready), missing);
    await session.preload();
    expect(ensureModel).not.toHaveBeenCalled();
    expect(gate.request).toBeNull();
    expect(session.view.phase).toBe('idle');
    expect(phases).not.toContain('needs-consent');
  });

  it('loads a cached model with warm-up, shown as a normal load', async () => {
    const { session, ensureModel, phases, announcements } = sessionWith(vi.fn(async () => ready), cached);
    await session.preload();
    expect(ensureModel).toHaveBeenCalledTimes(1);
    expect(ensureModel.mock.calls[0]).toEqual([FIXTURE, 'wasm', expect.any(Function), undefined, expect.any(Function), { warmUp: true }]);
    expect(phases).toEqual(['loading', 'ready']);
    expect(session.view.ready).toBe(ready);
    expect(session.view.fromDevice).toBe(true);
    expect(announcements).toEqual(['Model ready on WASM (q8).']);
  });

  it('says whether a photo’s load reads the model from this device or downloads it', async () => {
    const fromCache = sessionWith(vi.fn(async () => ready), cached);
    await fromCache.session.load();
    expect(fromCache.session.view.fromDevice).toBe(true);
    const download = sessionWith(vi.fn(async () => ready), missing);
    const loading = download.session.load();
    await until(download.gate, 'change', () => download.gate.request !== null);
    download.session.accept();
    await loading;
    expect(download.session.view.fromDevice).toBe(false);
  });

  it('fails quietly: back to idle with no error text, and the next photo loads again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ensureModel = vi.fn<() => Promise<ModelReady>>().mockRejectedValueOnce(new Error('[model-load-failed] broken')).mockResolvedValue(ready);
    const { session, phases, announcements } = sessionWith(ensureModel, cached);
    await session.preload();
    expect(phases).toEqual(['loading', 'idle']);
    expect(session.view.error).toBeNull();
    expect(announcements).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    await expect(session.load()).resolves.toBe(ready);
    expect(ensureModel).toHaveBeenCalledTimes(2);
  });

  it('does not preload when a load is already under way or done', async () => {
    const { session, ensureModel } = sessionWith(vi.fn(async () => ready), cached);
    await session.load();
    await session.preload();
    expect(ensureModel).toHaveBeenCalledTimes(1);
  });
});

/** The real CaptionClient over a comlink channel, with a scripted worker behind it. */
function workerClient(api: Partial<CaptionWorkerApi>): CaptionClient {
  return new CaptionClient('/', () => {
    const { port1, port2 } = new MessageChannel();
    expose(api, port2);
    return Object.assign(port1, { terminate: () => port1.close() }) as unknown as Worker;
  });
}

describe('ModelSession preload with a photo arriving (real CaptionClient)', () => {
  function heldWorker() {
    const held: { resolve: (m: LoadedModel) => void; reject: (e: Error) => void }[] = [];
    const api = {
      capabilities: async () => ({ webgpu: { adapter: false, shaderF16: false } }),
      plan: async () => cached,
      load: vi.fn((r: LoadRequest) => new Promise<LoadedModel>((resolve, reject) => held.push({ resolve, reject })).then((m) => ({ ...m, modelId: r.modelId }))),
      skipWarmUp: vi.fn(),
    };
    const model: LoadedModel = { modelId: FIXTURE, device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 5 };
    return { api, release: () => held.shift()?.resolve(model), fail: (e: Error) => held.shift()?.reject(e) };
  }

  function sessionOver(client: CaptionClient) {
    const session = new ModelSession(client, new DownloadGate(client, async () => undefined));
    session.update({ settings: { modelId: FIXTURE, device: 'wasm' } });
    const announcements: string[] = [];
    session.addEventListener('announce', (e) => announcements.push((e as CustomEvent<string>).detail));
    return { session, announcements };
  }

  it('a photo during the preload joins it: one worker load, its warm-up skipped, one announcement', async () => {
    const { api, release } = heldWorker();
    const { session, announcements } = sessionOver(workerClient(api));
    const preload = session.preload();
    await called(api.load);
    expect(api.load).toHaveBeenCalledWith(expect.objectContaining({ warmUp: true }), expect.anything());
    expect(session.view.phase).toBe('loading');
    const photo = session.load();
    await called(api.skipWarmUp);
    expect(api.skipWarmUp).toHaveBeenCalledTimes(1);
    release();
    await expect(photo).resolves.toMatchObject({ modelId: FIXTURE, device: 'wasm' });
    await preload;
    expect(api.load).toHaveBeenCalledTimes(1);
    expect(session.view.phase).toBe('ready');
    expect(announcements).toEqual(['Model ready on WASM (q8).']);
  });

  it('a photo that joined a failing preload reports the real failure', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api, fail } = heldWorker();
    const { session } = sessionOver(workerClient(api));
    const preload = session.preload();
    await called(api.load);
    const photo = session.load();
    await called(api.skipWarmUp);
    fail(new Error('[model-load-failed] The fixture could not be loaded'));
    await expect(photo).rejects.toThrow('could not be loaded');
    await preload;
    expect(session.view.phase).toBe('failed');
    expect(session.view.error).toMatch(/could not be loaded/);
    vi.restoreAllMocks();
  });
});
