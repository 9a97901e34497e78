// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { ModelReady } from '../client/caption-client';
import type { DownloadPlan } from '../models/download-plan';
import { DownloadGate } from './download-gate';
import { ModelSession } from './model-session';

const FIXTURE = 'altscribe/shapes-captioner';
const ready: ModelReady = { modelId: FIXTURE, device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 5, reason: 'test' };
const missing: DownloadPlan = { files: [{ file: 'onnx/x.onnx', bytes: 10, cached: false }], totalBytes: 10, bytesToDownload: 10, filesToDownload: 1, exact: true };
const tick = () => new Promise((r) => setTimeout(r, 0));

function sessionWith(ensureModel = vi.fn(async () => ready)) {
  const abortAll = vi.fn();
  const gate = new DownloadGate({ planDownload: async () => ({ choice: { device: 'wasm', dtype: 'q8', reason: '' }, plan: missing }) }, async () => undefined);
  const session = new ModelSession({ ensureModel, abortAll }, gate);
  session.update({ settings: { modelId: FIXTURE, device: 'wasm' } });
  const announcements: string[] = [];
  session.addEventListener('announce', (e) => announcements.push((e as CustomEvent<string>).detail));
  return { session, gate, abortAll, ensureModel, announcements };
}

describe('ModelSession', () => {
  it('asks before the first download, then loads and announces the device', async () => {
    const { session, ensureModel, announcements } = sessionWith();
    const loading = session.load();
    await tick();
    expect(session.view.phase).toBe('needs-consent');
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
    await tick();
    session.accept();
    await tick();
    expect(session.view.phase).toBe('loading');
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
});
