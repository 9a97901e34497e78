import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptionWorkerApi, LoadRequest } from '../../workers/caption-api';
import type { Capabilities, CaptionOutcome, LoadedModel, LoadProgress } from '../models/model-types';
import { CaptionClient } from './caption-client';
import { called, signal, until } from '../test-support/wait';

/**
 * A stand-in worker: the real comlink protocol over a real MessageChannel, with a scripted API
 * behind it. Lets the client's fallback, abort and crash handling run without a browser.
 */
class FakeWorker extends EventTarget {
  private readonly port: MessagePort;
  terminated = false;
  constructor(
    api: Partial<CaptionWorkerApi>,
    readonly name = '',
    private readonly locks?: FakeLocks,
  ) {
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
    this.die();
  }
  /** The worker's lifetime lock, held until it ends. */
  takeLock(): void {
    void this.locks?.request(this.name, {}, () => new Promise<never>(() => {}), 'worker').catch(() => {});
  }
  /** Ends without an error event (self.close(), killed for memory): only its lock goes. */
  die(): void {
    if (this.locks?.holder(this.name) === 'worker') this.locks.release(this.name);
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
function clientWith(...apis: Partial<CaptionWorkerApi>[]): CaptionClient;
function clientWith(apis: Partial<CaptionWorkerApi>[], locks: FakeLocks, options?: { noLock?: boolean }): CaptionClient;
function clientWith(...args: unknown[]): CaptionClient {
  const [apis, locks, options] = Array.isArray(args[0]) ? (args as [Partial<CaptionWorkerApi>[], FakeLocks, { noLock?: boolean }?]) : [args as Partial<CaptionWorkerApi>[], undefined, undefined];
  let n = 0;
  const create = (name: string): Worker => {
    const api = apis[Math.min(n++, apis.length - 1)]!;
    const worker = new FakeWorker(api, name, locks);
    if (!options?.noLock) worker.takeLock(); // as caption.worker.ts does on its first line
    workers.push(worker);
    return worker as unknown as Worker;
  };
  return new CaptionClient('/', create, undefined, locks as unknown as LockManager | undefined);
}

/**
 * Web Locks for one origin, enough for the client: exclusive locks granted in request order,
 * `signal` to withdraw a waiting request, and `query()` listing held and waiting requests.
 * Says 'change' when a lock is requested, withdrawn or released, and 'query' when asked.
 */
class FakeLocks extends EventTarget {
  /** query() calls so far. */
  queries = 0;
  private readonly held = new Map<string, string>();
  private readonly queue: { name: string; owner: string; grant: () => void; signal?: AbortSignal }[] = [];

  request<T>(name: string, options: { signal?: AbortSignal }, callback: () => Promise<T>, owner = 'client'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry = {
        name,
        owner,
        ...(options.signal ? { signal: options.signal } : {}),
        grant: () => {
          this.held.set(name, owner);
          void callback().then(
            (value) => {
              this.release(name);
              resolve(value);
            },
            (error: unknown) => {
              this.release(name);
              reject(error);
            },
          );
        },
      };
      options.signal?.addEventListener('abort', () => {
        const at = this.queue.indexOf(entry);
        if (at >= 0) this.queue.splice(at, 1);
        reject(new DOMException('aborted', 'AbortError'));
        this.dispatchEvent(new Event('change'));
      });
      this.queue.push(entry);
      this.pump();
      this.dispatchEvent(new Event('change'));
    });
  }

  async query(): Promise<{ held: { name: string }[]; pending: { name: string }[] }> {
    this.queries++;
    this.dispatchEvent(new Event('query'));
    return { held: [...this.held.keys()].map((name) => ({ name })), pending: this.queue.map(({ name }) => ({ name })) };
  }

  release(name: string): void {
    this.held.delete(name);
    this.pump();
    this.dispatchEvent(new Event('change'));
  }

  holder(name: string): string | undefined {
    return this.held.get(name);
  }

  waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    for (const entry of [...this.queue]) {
      if (this.held.has(entry.name)) continue;
      this.queue.splice(this.queue.indexOf(entry), 1);
      entry.grant();
    }
  }
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
    const parked = signal();
    const api = {
      capabilities: async () => cpuCaps,
      load: async (r: LoadRequest) => loaded(r),
      interrupt: vi.fn(() => void (interrupted = true)),
      caption: async (_b: Blob, _n: string, _o: unknown, onText?: (t: string) => void) => {
        await onText?.('a ');
        await new Promise<void>((r) => ((release = r), parked.resolve()));
        return outcome('a', interrupted);
      },
    };
    const client = clientWith(api);
    await client.ensureModel(FIXTURE, 'auto');
    const abort = new AbortController();
    const chunks: string[] = [];
    const firstChunk = signal();
    const pending = client.caption(new Blob(['x']), 'x.png', options, { signal: abort.signal, onText: (t) => (chunks.push(t), firstChunk.resolve()) });
    await firstChunk.promise;
    expect(chunks).toEqual(['a ']);
    abort.abort();
    await called(api.interrupt);
    expect(interrupted).toBe(true);
    await parked.promise;
    release();
    await expect(pending).resolves.toMatchObject({ interrupted: true });
  });

  it('rejects a pending caption when the worker crashes, and the next call gets a new worker', async () => {
    const captioning = signal();
    const hanging = { capabilities: async () => cpuCaps, load: async (r: LoadRequest) => loaded(r), caption: () => (captioning.resolve(), new Promise<CaptionOutcome>(() => {})) };
    const healthy = { capabilities: async () => cpuCaps, load: vi.fn(async (r: LoadRequest) => loaded(r)), caption: async () => outcome('a red circle') };
    const client = clientWith(hanging, healthy);
    await client.ensureModel(FIXTURE, 'auto');
    const pending = client.caption(new Blob(['x']), 'x.png', options);
    await captioning.promise;
    workers[0]!.crash('Out of memory');
    await expect(pending).rejects.toThrow('The caption worker crashed (Out of memory); it has been restarted.');
    await client.ensureModel(FIXTURE, 'auto');
    expect(healthy.load).toHaveBeenCalledTimes(1); // the model is loaded again in the new worker
    await expect(client.caption(new Blob(['x']), 'y.png', options)).resolves.toMatchObject({ text: 'a red circle' });
  });

  it('rejects a pending caption when the worker ends without an error event, and restarts it', async () => {
    const locks = new FakeLocks();
    const captioning = signal();
    const hanging = { capabilities: async () => cpuCaps, load: async (r: LoadRequest) => loaded(r), caption: () => (captioning.resolve(), new Promise<CaptionOutcome>(() => {})) };
    const healthy = { capabilities: async () => cpuCaps, load: vi.fn(async (r: LoadRequest) => loaded(r)), caption: async () => outcome('a red circle') };
    const client = clientWith([hanging, healthy], locks);
    await client.ensureModel(FIXTURE, 'auto');
    const pending = client.caption(new Blob(['x']), 'x.png', options);
    await captioning.promise;
    await until(locks, 'change', () => locks.waiting() === 1); // the client waits behind the worker's lifetime lock
    workers[0]!.die();
    await expect(pending).rejects.toThrow('The caption worker stopped unexpectedly (the browser may have run out of memory); it has been restarted.');
    expect(workers[0]!.terminated).toBe(true);
    await client.ensureModel(FIXTURE, 'auto');
    expect(healthy.load).toHaveBeenCalledTimes(1);
    await expect(client.caption(new Blob(['x']), 'y.png', options)).resolves.toMatchObject({ text: 'a red circle' });
  });

  it('watches a worker whose lifetime lock reached the lock manager after its first answer', async () => {
    const locks = new FakeLocks();
    const captioning = signal();
    const hanging = { capabilities: async () => cpuCaps, load: async (r: LoadRequest) => loaded(r), caption: () => (captioning.resolve(), new Promise<CaptionOutcome>(() => {})) };
    const healthy = { capabilities: async () => cpuCaps, load: async (r: LoadRequest) => loaded(r), caption: async () => outcome('a red circle') };
    const client = clientWith([hanging, healthy], locks, { noLock: true });
    await client.ensureModel(FIXTURE, 'auto');
    await until(locks, 'query', () => locks.queries > 0); // looked, found no lock yet
    workers[0]!.takeLock(); // the worker's own request arrives late
    // The next call the worker answers makes the client look again.
    await client.capabilities();
    await until(locks, 'change', () => locks.waiting() === 1); // now watching behind the worker's lock
    const pending = client.caption(new Blob(['x']), 'x.png', options);
    await captioning.promise;
    workers[0]!.die();
    await expect(pending).rejects.toThrow('The caption worker stopped unexpectedly');
  });

  it('does not watch (or restart) a worker that holds no lifetime lock', async () => {
    const locks = new FakeLocks();
    const api = { capabilities: async () => cpuCaps, load: async (r: LoadRequest) => loaded(r), caption: async () => outcome('a blue square') };
    const client = clientWith([api], locks, { noLock: true });
    await client.ensureModel(FIXTURE, 'auto');
    await until(locks, 'query', () => locks.queries > 0); // the client looked for the worker's lock
    // A caption's round trip to the worker comes after anything the client did about that answer.
    await expect(client.caption(new Blob(['x']), 'z.png', options)).resolves.toMatchObject({ text: 'a blue square' });
    expect(locks.holder(workers[0]!.name)).toBeUndefined();
    expect(locks.waiting()).toBe(0);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.terminated).toBe(false);
  });

  it('stops watching a worker it terminated on purpose', async () => {
    const locks = new FakeLocks();
    const api = { capabilities: async () => cpuCaps, load: async (r: LoadRequest) => loaded(r) };
    const client = clientWith([api], locks);
    await client.ensureModel(FIXTURE, 'auto');
    await until(locks, 'change', () => locks.waiting() === 1); // watching
    client.dispose();
    workers[0]!.die();
    // Terminating frees the worker's lock, which may reach the client's request before its withdrawal does: the client lets it go.
    await until(locks, 'change', () => locks.holder(workers[0]!.name) === undefined);
    expect(locks.waiting()).toBe(0);
  });

  it('abortAll rejects a pending load at once and terminates the worker, and the next load starts a fresh one', async () => {
    const loading = signal();
    const slow = { capabilities: async () => cpuCaps, load: () => (loading.resolve(), new Promise<LoadedModel>(() => {})) };
    const healthy = { capabilities: async () => cpuCaps, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    const client = clientWith(slow, healthy);
    const pending = client.ensureModel(FIXTURE, 'auto');
    await loading.promise;
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

describe('CaptionClient runtime tuning', () => {
  const isolated2: Capabilities = { ...cpuCaps, crossOriginIsolated: true, hardwareConcurrency: 2 };

  it('passes the thread count pickRuntime chose, and no warm-up by default', async () => {
    const api = { capabilities: async () => isolated2, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    await clientWith(api).ensureModel(FIXTURE, 'auto');
    expect(api.load).toHaveBeenCalledWith(expect.objectContaining({ device: 'wasm', wasmThreads: 2, warmUp: false }), undefined);
  });

  it('lets the benchmark override threads and turn warm-up on', async () => {
    const api = { capabilities: async () => isolated2, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    await clientWith(api).ensureModel(FIXTURE, 'auto', undefined, undefined, undefined, { wasmThreads: 1, warmUp: true });
    expect(api.load).toHaveBeenCalledWith(expect.objectContaining({ wasmThreads: 1, warmUp: true }), undefined);
  });

  it('starts a new worker for another thread count, since onnxruntime reads it once per worker', async () => {
    const api = { capabilities: async () => isolated2, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    const client = clientWith(api);
    await client.ensureModel(FIXTURE, 'auto');
    await client.ensureModel(FIXTURE, 'auto', undefined, undefined, undefined, { wasmThreads: 2 });
    expect(workers).toHaveLength(1);
    expect(api.load).toHaveBeenCalledTimes(1);
    await client.ensureModel(FIXTURE, 'auto', undefined, undefined, undefined, { wasmThreads: 1 });
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(api.load).toHaveBeenLastCalledWith(expect.objectContaining({ wasmThreads: 1 }), undefined);
  });

  it('runs WASM on the plain onnxruntime build and WebGPU on the asyncify one, each in its own worker', async () => {
    const api = { capabilities: async () => isolated2, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    const client = clientWith(api);
    await client.ensureModel(FIXTURE, 'auto');
    expect(api.load).toHaveBeenLastCalledWith(expect.objectContaining({ device: 'wasm', wasmBuild: 'plain' }), undefined);
    await client.ensureModel(FIXTURE, 'auto', undefined, undefined, undefined, { wasmBuild: 'plain' });
    expect(workers).toHaveLength(1);
    await client.ensureModel(FIXTURE, 'auto', undefined, undefined, undefined, { wasmBuild: 'asyncify' });
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(api.load).toHaveBeenLastCalledWith(expect.objectContaining({ device: 'wasm', wasmBuild: 'asyncify' }), undefined);
  });

  it('the WASM fallback after a WebGPU failure switches to the plain build in the new worker', async () => {
    const first = { capabilities: async () => gpuCaps, load: vi.fn(async () => Promise.reject(new Error('lost device'))) };
    const second = { ...first, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    await clientWith(first, second).ensureModel(FIXTURE, 'auto');
    expect(first.load).toHaveBeenCalledWith(expect.objectContaining({ device: 'webgpu', wasmBuild: 'asyncify' }), undefined);
    expect(second.load).toHaveBeenCalledWith(expect.objectContaining({ device: 'wasm', wasmBuild: 'plain' }), undefined);
  });

  it('keeps the thread count through the WASM fallback', async () => {
    const first = { capabilities: async () => ({ ...gpuCaps, crossOriginIsolated: true, hardwareConcurrency: 8 }), load: vi.fn(async () => Promise.reject(new Error('lost device'))) };
    const second = { ...first, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    await clientWith(first, second).ensureModel(FIXTURE, 'auto');
    expect(second.load).toHaveBeenCalledWith(expect.objectContaining({ device: 'wasm', wasmThreads: 4 }), undefined);
  });
});

describe('CaptionClient shared loads (preload at open, photo waiting)', () => {
  /** A load the test releases (or fails) by hand, and a skipWarmUp the client may call. */
  function heldLoad() {
    let release: () => void = () => {};
    let fail: (e: Error) => void = () => {};
    const api = {
      capabilities: async () => cpuCaps,
      load: vi.fn((r: LoadRequest) => new Promise<LoadedModel>((resolve, reject) => ((release = () => resolve(loaded(r))), (fail = reject)))),
      skipWarmUp: vi.fn(),
    };
    return { api, release: () => release(), fail: (e: Error) => fail(e) };
  }

  it('two concurrent ensureModel calls for the same runtime make one worker load and get the same model', async () => {
    const { api, release } = heldLoad();
    const client = clientWith(api);
    const first = client.ensureModel(FIXTURE, 'auto');
    const second = client.ensureModel(FIXTURE, 'auto');
    await called(api.load);
    await client.capabilities(); // the worker answers in order: both calls have had their answer and met the load
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(api.load).toHaveBeenCalledTimes(1);
    expect(workers).toHaveLength(1);
    expect(api.skipWarmUp).not.toHaveBeenCalled(); // nobody asked for a warm-up
  });

  it('a photo joining a preload that warms up asks the worker to skip the warm-up', async () => {
    const { api, release } = heldLoad();
    const client = clientWith(api);
    const preload = client.ensureModel(FIXTURE, 'auto', undefined, undefined, undefined, { warmUp: true });
    await called(api.load);
    expect(api.load).toHaveBeenCalledWith(expect.objectContaining({ warmUp: true }), undefined);
    expect(api.skipWarmUp).not.toHaveBeenCalled();
    const photo = client.ensureModel(FIXTURE, 'auto');
    await called(api.skipWarmUp);
    expect(api.skipWarmUp).toHaveBeenCalledTimes(1);
    release();
    expect(await photo).toBe(await preload);
    expect(api.load).toHaveBeenCalledTimes(1);
  });

  it('a failed shared load rejects both callers, and the next call loads again', async () => {
    const { api, fail } = heldLoad();
    const healthy = { capabilities: async () => cpuCaps, load: vi.fn(async (r: LoadRequest) => loaded(r)) };
    const client = clientWith(api, healthy);
    const preload = client.ensureModel(FIXTURE, 'auto', undefined, undefined, undefined, { warmUp: true });
    const photo = client.ensureModel(FIXTURE, 'auto');
    await called(api.skipWarmUp);
    fail(new Error('[model-load-failed] broken file'));
    await expect(preload).rejects.toThrow('broken file');
    await expect(photo).rejects.toThrow('broken file');
    expect(api.load).toHaveBeenCalledTimes(1);
    await expect(client.ensureModel(FIXTURE, 'auto')).resolves.toMatchObject({ modelId: FIXTURE });
    expect(healthy.load).toHaveBeenCalledTimes(1);
  });

  it('a call for another model waits for the load under way instead of releasing it mid-load', async () => {
    const { api, release } = heldLoad();
    const client = clientWith(api);
    const preload = client.ensureModel(FIXTURE, 'auto', undefined, undefined, undefined, { warmUp: true });
    const other = client.ensureModel('Mozilla/distilvit', 'wasm');
    await called(api.skipWarmUp);
    expect(api.skipWarmUp).toHaveBeenCalledTimes(1);
    await client.capabilities(); // the worker answers in order: a load sent with the skip would have arrived by now
    expect(api.load).toHaveBeenCalledTimes(1);
    release();
    await expect(preload).resolves.toMatchObject({ modelId: FIXTURE });
    await called(api.load, 2);
    expect(api.load).toHaveBeenLastCalledWith(expect.objectContaining({ modelId: 'Mozilla/distilvit', warmUp: false }), undefined);
    release();
    await expect(other).resolves.toMatchObject({ modelId: 'Mozilla/distilvit' });
  });
});
