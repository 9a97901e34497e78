import { proxy, wrap, type Remote } from 'comlink';
import type { CaptionWorkerApi, LoadRequest } from '../../workers/caption-api';
import type { DownloadPlan } from '../models/download-plan';
import { pickRuntime, withModules } from '../models/pick-runtime';
import { getModel, type ModelEntry } from '../models/registry';
import type { Capabilities, CaptionOptions, CaptionOutcome, DevicePreference, Dtype, LoadedModel, LoadProgress, RuntimeChoice } from '../models/model-types';

export interface ModelReady extends LoadedModel {
  /** Why this device and dtype were chosen, in words. */
  reason: string;
  /** Set when WebGPU failed and the model was reloaded on WASM in a fresh worker. */
  fallbackNotice?: string;
}

export interface CaptionCall {
  signal?: AbortSignal;
  onText?: (chunk: string) => void;
}

/**
 * The only code that creates the caption worker. It turns an AbortSignal into the worker's
 * cooperative interrupt, falls back from WebGPU to WASM in a fresh worker when a WebGPU session
 * cannot be created, and replaces a worker that crashed so the next photo still gets captioned.
 */
export class CaptionClient {
  private worker: Worker | null = null;
  private api: Remote<CaptionWorkerApi> | null = null;
  private crash: { promise: Promise<never>; reject: (e: Error) => void } | null = null;
  private ready: ModelReady | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly createWorker: () => Worker = defaultWorker,
    /** Resolves ids over the built-in registry and the models the person added. */
    private readonly findModel: (id: string) => ModelEntry | undefined = (id) => getModel(id),
  ) {}

  private model(id: string): ModelEntry {
    return this.findModel(id) ?? getModel(id);
  }

  async capabilities(): Promise<Capabilities> {
    return this.guard(this.connect().capabilities());
  }

  /** The runtime ensureModel would pick, and what loading the model there would download. */
  async planDownload(modelId: string, preference: DevicePreference, dtype?: Dtype): Promise<{ choice: RuntimeChoice; plan: DownloadPlan }> {
    const choice = pickRuntime(await this.capabilities(), this.model(modelId), preference, dtype);
    const plan = await this.guard(this.connect().plan(this.loadRequest(modelId, choice)));
    return { choice, plan };
  }

  /** Loads (or reuses) a model on the best device for it. */
  /**
   * `beforeFallback` runs before a WebGPU failure is answered by loading the WASM build, whose
   * files may differ and need the person's consent; it throws to refuse.
   */
  async ensureModel(
    modelId: string,
    preference: DevicePreference,
    onProgress?: (p: LoadProgress) => void,
    dtype?: Dtype,
    beforeFallback?: () => Promise<void>,
  ): Promise<ModelReady> {
    const model = this.model(modelId);
    const choice: RuntimeChoice = pickRuntime(await this.capabilities(), model, preference, dtype);
    if (this.ready && this.ready.modelId === modelId && this.ready.device === choice.device && this.ready.dtype === choice.dtype) return this.ready;
    const progress = onProgress ? proxy(onProgress) : undefined;
    try {
      const loaded = await this.guard(this.connect().load(this.loadRequest(modelId, choice), progress));
      return (this.ready = { ...loaded, reason: choice.reason });
    } catch (error) {
      // A failed load can leave the runtime half-initialised (and transformers.js memoises file
      // lookups per worker): whatever happens next starts in a new worker.
      this.restart();
      const wasmDtype = model.dtypes.wasm;
      if (choice.device !== 'webgpu' || !wasmDtype) throw error;
      await beforeFallback?.();
      const wasm = withModules({ device: 'wasm', dtype: wasmDtype, reason: '' }, model);
      const loaded = await this.guard(this.connect().load(this.loadRequest(modelId, wasm), progress));
      const fallbackNotice = `${sentence(messageOf(error))} Switched to WASM (CPU), which is slower but works.`;
      return (this.ready = { ...loaded, reason: `WASM (CPU) after WebGPU failed; ${wasmDtype} weights.`, fallbackNotice });
    }
  }

  async caption(image: Blob, fileName: string, options: CaptionOptions, call: CaptionCall = {}): Promise<CaptionOutcome> {
    const api = this.connect();
    const onAbort = (): void => void api.interrupt();
    call.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.guard(api.caption(image, fileName, options, call.onText ? proxy(call.onText) : undefined));
    } finally {
      call.signal?.removeEventListener('abort', onAbort);
    }
  }

  private loadRequest(modelId: string, choice: RuntimeChoice): LoadRequest {
    return { modelId, device: choice.device, dtype: choice.dtype, ...(choice.modules ? { modules: choice.modules } : {}), baseUrl: this.baseUrl, model: this.model(modelId) };
  }

  /**
   * Stops whatever the worker is doing, a download included, and rejects the pending calls
   * with `message`. The cache only ever receives whole files, so nothing partial stays behind.
   */
  abortAll(message: string): void {
    this.crash?.reject(new Error(message));
    this.dispose();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.ready = null;
    this.crash = null;
  }

  private connect(): Remote<CaptionWorkerApi> {
    if (this.api) return this.api;
    const worker = this.createWorker();
    let reject: (e: Error) => void = () => {};
    const promise = new Promise<never>((_, r) => (reject = r));
    promise.catch(() => {}); // observed through guard(); never an unhandled rejection
    this.crash = { promise, reject };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.crash?.reject(new Error(`The caption worker crashed (${event.message || 'unknown error'}); it has been restarted.`));
      this.restart();
    });
    this.worker = worker;
    this.api = wrap<CaptionWorkerApi>(worker);
    return this.api;
  }

  private restart(): void {
    this.dispose();
  }

  /** Rejects a pending call when the worker dies instead of leaving it hanging forever. */
  private guard<T>(call: Promise<T>): Promise<T> {
    return this.crash ? Promise.race([call, this.crash.promise]) : call;
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/caption.worker.ts', import.meta.url), { type: 'module', name: 'altscribe-caption' });
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^\[[a-z-]+\] /, '') : String(error);
}
