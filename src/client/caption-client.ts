import { proxy, wrap, type Remote } from 'comlink';
import type { CaptionWorkerApi, LoadRequest } from '../../workers/caption-api';
import type { LoadedTranslator } from '../../workers/caption-translation';
import type { DownloadPlan } from '../models/download-plan';
import { deviceLabel, pickRuntime, wasmBuildFor, withModules } from '../models/pick-runtime';
import { getModel, type ModelEntry } from '../models/registry';
import type { Capabilities, CaptionOptions, CaptionOutcome, Device, DevicePreference, Dtype, LoadedModel, LoadProgress, RuntimeChoice, RuntimeTuning, WasmBuild } from '../models/model-types';

export interface ModelReady extends LoadedModel {
  /** Why this device and dtype were chosen, in words. */
  reason: string;
  /** Set when WebGPU (or WebNN) failed and the model was reloaded on WASM in a fresh worker. */
  fallbackNotice?: string;
}

export interface CaptionCall {
  signal?: AbortSignal;
  onText?: (chunk: string) => void;
  /** The person's context for the photo (CaptionRecord.context); the worker decides whether the model can use it. */
  context?: string;
  /** The alt-text language; models that read an instruction are told it. */
  language?: string;
  /** Another model's text for this model to score on the photo (a second opinion's cross-check). */
  scoreText?: string;
  /**
   * False skips the review check of the model's own text on a zoomed-out copy, which costs about
   * one more model pass per photo (the person's setting; the benchmark times the caption alone).
   */
  zoomCheck?: boolean;
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
  private life: WorkerLife | null = null;
  /** The WASM thread count this worker's onnxruntime was started with; it cannot change afterwards. */
  private workerThreads: number | undefined;
  private workerBuild: WasmBuild | undefined;
  /** The load under way, shared by every call that wants the same model on the same runtime. */
  private inflight: { key: string; warmUp: boolean; promise: Promise<ModelReady> } | null = null;

  constructor(
    private readonly baseUrl: string,
    /** `name` is also the lock the worker holds for as long as it lives (workers/caption.worker.ts). */
    private readonly createWorker: (name: string) => Worker = defaultWorker,
    /** Resolves ids over the built-in registry and the models the person added. */
    private readonly findModel: (id: string) => ModelEntry | undefined = (id) => getModel(id),
    private readonly locks: LockManager | undefined = globalThis.navigator?.locks,
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

  /**
   * Loads (or reuses) a model on the best device for it.
   * `beforeFallback` runs before a WebGPU failure is answered by loading the WASM build, whose
   * files may differ and need the person's consent; it throws to refuse. `tuning` overrides what
   * pickRuntime chose (the benchmark compares thread counts); `tuning.warmUp` is the preload at
   * app open. Calls for the same runtime share one load; one without warm-up (a photo waiting)
   * that meets a warming load cuts the warm-up short.
   */
  async ensureModel(
    modelId: string,
    preference: DevicePreference,
    onProgress?: (p: LoadProgress) => void,
    dtype?: Dtype,
    beforeFallback?: () => Promise<void>,
    tuning: RuntimeTuning = {},
  ): Promise<ModelReady> {
    const model = this.model(modelId);
    const choice: RuntimeChoice = pickRuntime(await this.capabilities(), model, preference, dtype);
    const threads = tuning.wasmThreads ?? choice.wasmThreads;
    const build = tuning.wasmBuild ?? wasmBuildFor(choice.device);
    const pending = this.inflight;
    if (pending) {
      if (pending.warmUp && !tuning.warmUp) void this.api?.skipWarmUp().catch(() => {});
      if (pending.key === runtimeKey(modelId, choice, threads, build)) return pending.promise;
      // Another model or runtime: a second load now would make the worker release this one mid-load.
      await pending.promise.catch(() => {});
      return this.ensureModel(modelId, preference, onProgress, dtype, beforeFallback, tuning);
    }
    const sameThreads = this.workerThreads === undefined || threads === undefined || this.workerThreads === threads;
    const sameBuild = this.workerBuild === undefined || this.workerBuild === build;
    if (this.ready && sameThreads && sameBuild && this.ready.modelId === modelId && this.ready.device === choice.device && this.ready.dtype === choice.dtype) return this.ready;
    // onnxruntime reads its thread count and WASM build once per worker: others need another worker.
    if (!sameThreads || !sameBuild) this.restart();
    const progress = onProgress ? proxy(onProgress) : undefined;
    const entry = { key: runtimeKey(modelId, choice, threads, build), warmUp: tuning.warmUp === true, promise: this.loadChosen(modelId, model, choice, progress, beforeFallback, tuning) };
    this.inflight = entry;
    try {
      return await entry.promise;
    } finally {
      if (this.inflight === entry) this.inflight = null;
    }
  }

  private async loadChosen(
    modelId: string,
    model: ModelEntry,
    choice: RuntimeChoice,
    progress: ((p: LoadProgress) => void) | undefined,
    beforeFallback: (() => Promise<void>) | undefined,
    tuning: RuntimeTuning,
  ): Promise<ModelReady> {
    try {
      const loaded = await this.load(this.loadRequest(modelId, choice, tuning), progress);
      return (this.ready = { ...loaded, reason: choice.reason });
    } catch (error) {
      // A failed load can leave the runtime half-initialised (and transformers.js memoises file
      // lookups per worker): whatever happens next starts in a new worker.
      this.restart();
      const wasmDtype = model.dtypes.wasm;
      if (choice.device === 'wasm' || !wasmDtype) throw error;
      await beforeFallback?.();
      const wasm = withModules({ device: 'wasm', dtype: wasmDtype, reason: '', ...(choice.wasmThreads ? { wasmThreads: choice.wasmThreads } : {}) }, model);
      const loaded = await this.load(this.loadRequest(modelId, wasm, tuning), progress);
      const fallbackNotice = `${sentence(messageOf(error))} Switched to WASM (CPU), which is slower but works.`;
      return (this.ready = { ...loaded, reason: `WASM (CPU) after ${deviceLabel(choice.device)} failed; ${wasmDtype} weights.`, fallbackNotice });
    }
  }

  private load(request: LoadRequest, progress: ((p: LoadProgress) => void) | undefined): Promise<LoadedModel> {
    const api = this.connect();
    this.workerThreads ??= request.wasmThreads;
    this.workerBuild ??= request.wasmBuild;
    return this.guard(api.load(request, progress));
  }

  async caption(image: Blob, fileName: string, options: CaptionOptions, call: CaptionCall = {}): Promise<CaptionOutcome> {
    const api = this.connect();
    const onAbort = (): void => void api.interrupt();
    call.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.guard(api.caption(image, fileName, options, call.onText ? proxy(call.onText) : undefined, call.context, call.language, call.scoreText, call.zoomCheck !== false));
    } finally {
      call.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The translation step after a caption (workers/caption-translation.ts), on the captioner's device. */
  planTranslator(modelId: string, device: Device, dtype: Dtype): Promise<DownloadPlan> {
    return this.guard(this.connect().planTranslator({ modelId, device, dtype, baseUrl: this.baseUrl }));
  }

  /** Loads it in the caption worker, or finds it loaded there (a restarted worker loads it again). */
  loadTranslator(modelId: string, device: Device, dtype: Dtype): Promise<LoadedTranslator> {
    return this.guard(this.connect().loadTranslator({ modelId, device, dtype, baseUrl: this.baseUrl }));
  }

  translate(text: string, language: string): Promise<string> {
    return this.guard(this.connect().translate(text, language));
  }

  private loadRequest(modelId: string, choice: RuntimeChoice, tuning: RuntimeTuning = {}): LoadRequest {
    const wasmThreads = tuning.wasmThreads ?? choice.wasmThreads;
    return {
      modelId,
      device: choice.device,
      dtype: choice.dtype,
      ...(choice.modules ? { modules: choice.modules } : {}),
      baseUrl: this.baseUrl,
      model: this.model(modelId),
      ...(wasmThreads !== undefined ? { wasmThreads } : {}),
      wasmBuild: tuning.wasmBuild ?? wasmBuildFor(choice.device),
      // Off unless asked: with a photo waiting, `npm run bench` measured the warm-up moving the
      // runtime's first-run cost ahead of that photo rather than removing it (first caption 1.07×
      // the steady time instead of 2.9×, but the photo's result 3.8 s later). The app asks for it
      // only when it preloads a cached model at open, before any photo waits; a photo that
      // arrives during that warm-up cuts it short (ensureModel, CaptionWorkerApi.skipWarmUp).
      warmUp: tuning.warmUp ?? false,
      // onnxruntime's own default. Two side-by-side bench runs disagreed (without spinning 1420 vs
      // 1753 ms, then 1311 vs 1181 ms) and the backlog's long tasks did not change: no evidence to
      // depart from it. The lever stays for the bench.
      spinWait: tuning.spinWait ?? true,
      ...(tuning.freeDimensions ? { freeDimensions: tuning.freeDimensions } : {}),
    };
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
    this.life?.stop.abort();
    this.life = null;
    this.workerThreads = undefined;
    this.workerBuild = undefined;
    this.inflight = null;
  }

  private connect(): Remote<CaptionWorkerApi> {
    if (this.api) return this.api;
    const life: WorkerLife = { name: `altscribe-caption-${crypto.randomUUID()}`, watching: false, stop: new AbortController() };
    const worker = this.createWorker(life.name);
    this.life = life;
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
    const life = this.life;
    if (life && !life.watching) {
      life.watching = true;
      // Any answer proves the worker ran its first lines, where it took its lifetime lock.
      void call.then(() => this.watchLife(life), () => this.watchLife(life));
    }
    return this.crash ? Promise.race([call, this.crash.promise]) : call;
  }

  /**
   * A worker that ends without an `error` event (it closed itself, or the browser killed it for
   * memory) would leave the running caption, and the queue behind it, waiting forever. The only
   * trace it leaves is its lifetime lock being released, so the client waits for that lock.
   */
  private async watchLife(life: WorkerLife): Promise<void> {
    const locks = this.locks;
    if (!locks || life !== this.life) return;
    // A worker without the lock (no Web Locks there) cannot be watched: a free lock would only
    // mean it never took one, and restarting a healthy worker in a loop is worse than waiting.
    // The worker's request travels to the lock manager on another channel than its answer, so
    // under load our query can overtake it: the next call the worker answers looks again.
    const { held = [], pending: queued = [] } = await locks.query();
    if (![...held, ...queued].some((lock) => lock.name === life.name)) {
      life.watching = false;
      return;
    }
    const granted = async (): Promise<boolean> => {
      if (life !== this.life) return false;
      // Our request beat the worker's own to the lock manager: it is alive and queued behind us,
      // so step aside (returning releases the lock) and ask again after it.
      const { pending = [] } = await locks.query();
      if (pending.some((lock) => lock.name === life.name)) return true;
      this.crash?.reject(new Error('The caption worker stopped unexpectedly (the browser may have run out of memory); it has been restarted.'));
      this.restart();
      return false;
    };
    try {
      while (await locks.request(life.name, { signal: life.stop.signal }, granted));
    } catch {
      // Aborted: this worker was replaced or disposed on purpose.
    }
  }
}

interface WorkerLife {
  name: string;
  watching: boolean;
  stop: AbortController;
}

function defaultWorker(name: string): Worker {
  return new Worker(new URL('../../workers/caption.worker.ts', import.meta.url), { type: 'module', name });
}

function runtimeKey(modelId: string, choice: RuntimeChoice, threads: number | undefined, build: WasmBuild): string {
  return `${modelId}|${choice.device}|${choice.dtype}|${threads ?? ''}|${build}`;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^\[[a-z-]+\] /, '') : String(error);
}
