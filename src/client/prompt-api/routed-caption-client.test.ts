// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { BROWSER_MODEL_ID } from '../../models/registry';
import type { ModelReady } from '../caption-client';
import type { PromptApiClient } from './prompt-api-client';
import { RoutedCaptionClient, type WorkerCaptionClient } from './routed-caption-client';

const OPTIONS = { maxNewTokens: 8, noRepeatNgramSize: 0, repetitionPenalty: 1 };
const ready = (modelId: string, device: ModelReady['device']): ModelReady => ({ modelId, device, dtype: 'q8', wasmThreads: 1, loadMs: 1, reason: '' });
const outcome = (text: string) => ({ text, interrupted: false, durationMs: 1, width: 1, height: 1, thumbnail: null });

function clients() {
  const worker = {
    capabilities: vi.fn(async () => ({ webgpu: { adapter: false, shaderF16: false } })),
    planDownload: vi.fn(),
    ensureModel: vi.fn(async (id: string) => ready(id, 'wasm')),
    caption: vi.fn(async () => outcome('from the worker')),
    planTranslator: vi.fn(),
    loadTranslator: vi.fn(),
    translate: vi.fn(),
    abortAll: vi.fn(),
    dispose: vi.fn(),
  };
  const browser = {
    availability: vi.fn(async () => 'downloadable' as const),
    planDownload: vi.fn(),
    ensureModel: vi.fn(async () => ready(BROWSER_MODEL_ID, 'browser')),
    caption: vi.fn(async () => outcome('from the browser')),
    abortAll: vi.fn(),
    dispose: vi.fn(),
  };
  return { worker, browser, routed: new RoutedCaptionClient(worker as unknown as WorkerCaptionClient, browser as unknown as PromptApiClient) };
}

describe('RoutedCaptionClient', () => {
  it("sends the browser's model to the page and the others to the worker, captions to the one loaded last", async () => {
    const { worker, browser, routed } = clients();
    await routed.ensureModel(BROWSER_MODEL_ID, 'auto');
    expect((await routed.caption(new Blob(), 'a.jpg', OPTIONS)).text).toBe('from the browser');
    await routed.ensureModel('Mozilla/distilvit', 'auto');
    expect((await routed.caption(new Blob(), 'b.jpg', OPTIONS)).text).toBe('from the worker');
    expect(browser.ensureModel).toHaveBeenCalledTimes(1);
    expect(worker.ensureModel).toHaveBeenCalledTimes(1);
  });

  it("cancels the load of the runtime that is loading, and adds the page's probe to the worker's", async () => {
    const { worker, browser, routed } = clients();
    await routed.ensureModel(BROWSER_MODEL_ID, 'auto');
    routed.abortAll('cancelled');
    expect(browser.abortAll).toHaveBeenCalledWith('cancelled');
    expect(worker.abortAll).not.toHaveBeenCalled();
    expect(await routed.capabilities()).toEqual({ webgpu: { adapter: false, shaderF16: false }, promptApi: 'downloadable' });
  });
});
