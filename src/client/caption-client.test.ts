import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptionWorkerApi, LoadRequest } from '../../workers/caption-api';
import type { Capabilities, CaptionOutcome, LoadedModel, LoadProgress } from '../models/model-types';
import { CaptionClient } from './caption-client';

/**
 * A stand-in worker: the real comlink protocol over a real MessageChannel, with a scripted API
 * behind it. Lets the client's fallback, abort and crash handling run without a browser.
 */
class FakeWorker extends EventTarget {
  private readonly port: MessagePort;
  terminated = false;
  constructor(api: Partial<CaptionWorkerApi>) {
    super();
    const { port1, port2 } = new MessageChannel();
    expose(api, port2);
    this.port = port1;
  }
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void {
    if (type === 'message' && listener) this.port.addEventListener(type, listener, options);
    else super.addEventListener(type, listener, options);
  }
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message' && listener) this.port.removeEventListener(type, listener);
    else super.removeEventListener(type, listener);
  }
  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.port.postMessage(message, transfer);
  }
  start(): void {
    this.port.start();
  }
  terminate(): void {
    this.terminated = true;
    this.port.close();
  }
  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

const gpuCaps: Capabilities = { webgpu: { adapter: true, shaderF16: false, description: 'nvidia' } };
const cpuCaps: Capabilities = { webgpu: { adapter: false, shaderF16: false } };
const loaded = (r: LoadRequest): LoadedModel => ({ modelId: r.modelId, device: r.device, dtype: r.dtype, wasmThreads: 2, loadMs: 3 });
const outcome = (text: string, interrupted = false): CaptionOutcome => ({ text, interrupted, durationMs: 1, width: 4, height: 4, thumbnail: null });
const FIXTURE = 'altscribe/shapes-captioner';
const options = { maxNewTokens: 12, noRepeatNgramSize: 0, repetitionPenalty: 1 };

let workers: FakeWorker[] = [];
function clientWith(...apis: Partial<CaptionWorkerApi>[]): CaptionClient {
  let n = 0;
  return new CaptionClient('/', () => {
    const api = apis[Math.min(n++, apis.length - 1)]!;
    const worker = new FakeWorker(api);
    workers.push(worker);
    return worker as unknown as Worker;
  });
}

afterEach(() => {
  for (const w of workers) w.terminate();
  workers = [];
});

describe('CaptionClient', () => {
  it('loads on the device pickRuntime chose and reports progress', async () => {
    const seen: LoadProgress[] = [];
    const client = clientWith({
      capabilities: async () => cpuCaps,
      load: async (r: LoadRequest, onProgress?: (p: LoadProgress) => void) => {
        await onProgress?.({ loadedBytes: 5, totalBytes: 10, percent: 50, file: 'a', filesDone: 0, filesTotal: 1, phase: 'downloading' });
        return loaded(r);
      },
    });
    const ready = await client.ensureModel(FIXTURE, 'auto', (p) => seen.push(p));
    expect(ready).toMatchObject({ device: 'wasm', dtype: 'q8' });
    expect(ready.reason).toMatch(/No WebGPU adapter/);
    expect(seen.map((p) => p.percent)).toEqual([50]);
  });

  it('falls back to WASM in a fresh worker when WebGPU cannot create a session, and says so', async () => {
    const first = { capabilities: async () => gpuCaps, load: vi.fn(async () => Promise.reject(new Error('[model-load-failed] no fp16 here'))) };
    const second = { capabilities: async () => gpuCaps, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    const client = clientWith(first, second);
    const ready = await client.ensureModel(FIXTURE, 'auto');
    expect(first.load).toHaveBeenCalledWith(expect.objectContaining({ device: 'webgpu', dtype: 'fp32' }), undefined);
    expect(second.load).toHaveBeenCalledWith(expect.objectContaining({ device: 'wasm', dtype: 'q8' }), undefined);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(ready.device).toBe('wasm');
    expect(ready.fallbackNotice).toBe('no fp16 here. Switched to WASM (CPU), which is slower but works.');
  });

  it('asks before the WASM fallback, and loads nothing when that is refused', async () => {
    const first = { capabilities: async () => gpuCaps, load: vi.fn(async () => Promise.reject(new Error('[model-load-failed] lost device'))) };
    const second = { capabilities: async () => gpuCaps, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    const client = clientWith(first, second);
    const refuse = vi.fn(async () => Promise.reject(new Error('declined')));
    await expect(client.ensureModel(FIXTURE, 'auto', undefined, undefined, refuse)).rejects.toThrow('declined');
    expect(refuse).toHaveBeenCalledTimes(1);
    expect(second.load).not.toHaveBeenCalled();
  });

  it('reuses the loaded model instead of loading it twice', async () => {
    const api = { capabilities: async () => cpuCaps, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    const client = clientWith(api);
    await client.ensureModel(FIXTURE, 'auto');
    await client.ensureModel(FIXTURE, 'auto');
    expect(api.load).toHaveBeenCalledTimes(1);
  });

  it('turns an AbortSignal into the worker interrupt and streams text', async () => {
    let interrupted = false;
    let release!: () => void;
    const api = {
      capabilities: async () => cpuCaps,
      load: async (r: LoadRequest) => loaded(r),
      interrupt: () => void (interrupted = true),
      caption: async (_b: Blob, _n: string, _o: unknown, onText?: (t: string) => void) => {
        await onText?.('a ');
        await new Promise<void>((r) => (release = r));
        return outcome('a', interrupted);
      },
    };
    const client = clientWith(api);
    await client.ensureModel(FIXTURE, 'auto');
    const abort = new AbortController();
    const chunks: string[] = [];
    const pending = client.caption(new Blob(['x']), 'x.png', options, { signal: abort.signal, onText: (t) => chunks.push(t) });
    await vi.waitFor(() => expect(chunks).toEqual(['a ']));
    abort.abort();
    await vi.waitFor(() => expect(interrupted).toBe(true));
    release();
    await expect(pending).resolves.toMatchObject({ interrupted: true });
  });

  it('rejects a pending caption when the worker crashes, and the next call gets a new worker', async () => {
    const hanging = { capabilities: async () => cpuCaps, load: async (r: LoadRequest) => loaded(r), caption: () => new Promise<CaptionOutcome>(() => {}) };
    const healthy = { capabilities: async () => cpuCaps, load: vi.fn(async (r: LoadRequest) => loaded(r)), caption: async () => outcome('a red circle') };
    const client = clientWith(hanging, healthy);
    await client.ensureModel(FIXTURE, 'auto');
    const pending = client.caption(new Blob(['x']), 'x.png', options);
    await new Promise((r) => setTimeout(r, 10));
    workers[0]!.crash('Out of memory');
    await expect(pending).rejects.toThrow('The caption worker crashed (Out of memory); it has been restarted.');
    await client.ensureModel(FIXTURE, 'auto');
    expect(healthy.load).toHaveBeenCalledTimes(1); // the model is loaded again in the new worker
    await expect(client.caption(new Blob(['x']), 'y.png', options)).resolves.toMatchObject({ text: 'a red circle' });
  });

  it('abortAll rejects a pending load at once and terminates the worker, and the next load starts a fresh one', async () => {
    const slow = { capabilities: async () => cpuCaps, load: () => new Promise<LoadedModel>(() => {}) };
    const healthy = { capabilities: async () => cpuCaps, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    const client = clientWith(slow, healthy);
    const pending = client.ensureModel(FIXTURE, 'auto');
    await new Promise((r) => setTimeout(r, 10));
    client.abortAll('Download cancelled.');
    await expect(pending).rejects.toThrow('Download cancelled.');
    expect(workers[0]!.terminated).toBe(true);
    await expect(client.ensureModel(FIXTURE, 'auto')).resolves.toMatchObject({ device: 'wasm', dtype: 'q8' });
    expect(healthy.load).toHaveBeenCalledTimes(1);
  });

  it('plans a download for the runtime ensureModel would pick', async () => {
    const plan = vi.fn(async (r: LoadRequest) => ({ files: [{ file: `onnx/x_${r.device}_${r.dtype}.onnx`, bytes: 5, cached: false }], totalBytes: 5, bytesToDownload: 5, filesToDownload: 1, exact: true }));
    const client = clientWith({ capabilities: async () => cpuCaps, plan });
    const { choice, plan: result } = await client.planDownload(FIXTURE, 'auto');
    expect(choice).toMatchObject({ device: 'wasm', dtype: 'q8' });
    expect(result.files[0]!.file).toBe('onnx/x_wasm_q8.onnx');
    expect(plan.mock.calls[0]![0]).toMatchObject({ modelId: FIXTURE, device: 'wasm', dtype: 'q8', baseUrl: '/' });
  });
});
