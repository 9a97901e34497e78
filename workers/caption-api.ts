import { env, RawImage } from '@huggingface/transformers';
import type { LoadProgress, LoadedModel, CaptionOptions, CaptionOutcome, CaptionStages, Capabilities, Device, Dtype, ModuleDtypes, WasmBuild } from '../src/models/model-types';
import { getModel, type ModelEntry } from '../src/models/registry';
import { familyRow, type ModelFamily } from '../src/models/families';
import { promptFor } from '../src/alttext/photo-context';
import { promptInLanguage } from '../src/alttext/alt-text-language';
import { measurePhotoQuality } from '../src/models/photo-quality';
import type { TextConfidence } from '../src/models/review-signals';
import { CaptionError } from './caption-error';
import { decodeImage } from './decode-image';
import type { Captioner } from './captioner';
import { InterruptableStoppingCriteria } from './encoder-decoder-captioner';
import { completeStages, type GenerationStages } from './generation-timer';
import { loadCaptioner } from './load-captioner';
import { LoadProgressTracker } from './load-progress';
import { probeCapabilities } from './probe-capabilities';
import { reviewLikelihoods, type ReviewLikelihoods } from './review-likelihoods';
import { configureTransformers, modelFetch, ortFiles, selectModelSource, takeCacheFailures, takeStoredKeys } from './transformers-env';
import { planDownload } from './model-download-plan';
import { createModelFileCache, forgetDamagedDownloads } from '../src/storage/model-cache';
import type { DownloadPlan } from '../src/models/download-plan';
import { TranslationStep, type LoadedTranslator, type TranslatorRequest } from './caption-translation';

export interface LoadRequest {
  modelId: string;
  device: Device;
  dtype: Dtype;
  /** Per-module dtypes refining `dtype`, from the registry. */
  modules?: ModuleDtypes;
  /** The app's base URL (import.meta.env.BASE_URL of the page), for /ort/ and /models/. */
  baseUrl: string;
  /** The entry itself: models the person added are not in the worker's static registry. */
  model?: ModelEntry;
  /**
   * onnxruntime-web WASM threads. Read once, when the worker creates its first session: a
   * worker that already has sessions keeps its count (the client starts a new worker instead).
   */
  wasmThreads?: number;
  /** Caption a blank image right after loading so the first real caption is not the slow one; default true. */
  warmUp?: boolean;
  /** onnxruntime-web's WASM build; like the thread count, fixed by the worker's first load. */
  wasmBuild?: WasmBuild;
  /** Let idle onnxruntime threads spin-wait between operators (onnxruntime's own default); default true. */
  spinWait?: boolean;
  /** Symbolic input dimensions to fix at session creation (onnxruntime's freeDimensionOverrides). */
  freeDimensions?: Record<string, number>;
}

/**
 * onnxruntime's intra-op threads spin while they wait for the next operator, which could take
 * the CPU from the page and the worker's own JavaScript. Measured on 2 cores it made no
 * difference beyond the machine's noise (see CaptionClient), so it is a lever, not the default.
 */
function sessionOptionsFor({ spinWait, freeDimensions }: LoadRequest): { sessionOptions?: Record<string, unknown> } {
  // A new object per load: onnxruntime-web adds its own defaults to `extra` in place.
  const options = {
    ...(spinWait === false ? { extra: { session: { intra_op: { allow_spinning: '0' } } } } : {}),
    ...(freeDimensions ? { freeDimensionOverrides: { ...freeDimensions } } : {}),
  };
  return Object.keys(options).length ? { sessionOptions: options } : {};
}

/**
 * About as long as a real caption: V8 moves the runtime's hot functions to its optimising tier
 * only after many calls; `npm run bench` measured a 4-token warm-up leaving the first real
 * caption 2.1× slower than the steady state. min = max, so a blank image that ends early still
 * does the work.
 */
const WARM_UP_OPTIONS: CaptionOptions = { maxNewTokens: 16, minNewTokens: 16, noRepeatNgramSize: 0, repetitionPenalty: 1 };
const WARM_UP_PASSES = 2;
const WARM_UP_SIDE = 64;

/**
 * The one API the page talks to, over comlink. All ML lives behind it.
 * One model is loaded at a time; captions run one at a time (transformers.js serialises
 * session runs anyway), and `interrupt()` stops the running one after its current token.
 */
export class CaptionWorkerApi {
  private captioner: Captioner | null = null;
  private prompt: string | undefined;
  /** The loaded model's family: whether the person's context can join its prompt. */
  private family: ModelFamily | undefined;
  private loaded: LoadedModel | null = null;
  private active: { stop: InterruptableStoppingCriteria; interrupted: boolean } | null = null;
  /** The running warm-up's run (also in `active`), so `skipWarmUp()` never stops a real caption. */
  private warming: { stop: InterruptableStoppingCriteria; interrupted: boolean } | null = null;
  /** The load in progress; `skip` set before it reaches its warm-up means it returns without one. */
  private loading: { skip: boolean } | null = null;
  /** This worker's onnxruntime build, fixed with its thread count at the first load. */
  private runtime: WasmBuild | null = null;

  /** `translation`: the step after the caption for models that cannot write the language (a fake in tests). */
  constructor(private readonly translation = new TranslationStep()) {}

  capabilities(): Promise<Capabilities> {
    return probeCapabilities();
  }

  /** What `load(request)` would download, with sizes from the server, before anything large is fetched. */
  async plan(request: LoadRequest): Promise<DownloadPlan> {
    configureTransformers(request.baseUrl);
    const model = request.model ?? getModel(request.modelId);
    const location = selectModelSource(model, request.baseUrl);
    try {
      return await planDownload({ ...location, device: request.device, dtype: request.dtype, ...(request.modules ? { modules: request.modules } : {}) }, createModelFileCache(), modelFetch);
    } catch (error) {
      // Offline, a plan fails only when files are missing from the cache: say what will fix it.
      if (!navigator.onLine) throw new CaptionError('model-load-failed', `${model.label} is not on this device yet: it needs a network connection once to download. Connect to the internet, then choose Retry.`);
      throw new CaptionError('model-load-failed', `Could not find out what ${model.label} needs to download: ${describe(error)}`);
    }
  }

  async load(request: LoadRequest, onProgress?: (progress: LoadProgress) => void): Promise<LoadedModel> {
    const { modelId, device, dtype } = request;
    if (this.loaded?.modelId === modelId && this.loaded.device === device && this.loaded.dtype === dtype) return this.loaded;
    // Set first: a skip can arrive while the previous model is still being released.
    const loading = { skip: false };
    this.loading = loading;
    try {
      await this.dispose();
      return await this.loadFresh(request, loading, onProgress);
    } finally {
      if (this.loading === loading) this.loading = null;
    }
  }

  /**
   * A photo is waiting for the model this load brings: a warm-up still to come is dropped, and a
   * running one stops after its current token, so the photo waits at most one blank token.
   */
  skipWarmUp(): void {
    if (this.loading) this.loading.skip = true;
    const run = this.warming;
    if (!run) return;
    run.interrupted = true;
    run.stop.interrupt();
  }

  private async loadFresh(request: LoadRequest, loading: { skip: boolean }, onProgress?: (progress: LoadProgress) => void): Promise<LoadedModel> {
    const { modelId, device, dtype } = request;
    configureTransformers(request.baseUrl);
    this.fixRuntime(request);
    const model = request.model ?? getModel(modelId);
    const { path } = selectModelSource(model, request.baseUrl);
    takeCacheFailures();
    takeStoredKeys();
    const tracker = new LoadProgressTracker();
    const started = performance.now();
    try {
      this.captioner = await loadCaptioner(model.family, path, {
        device,
        dtype: request.modules ?? dtype,
        onProgress: (info) => onProgress?.(tracker.update(info)),
        ...sessionOptionsFor(request),
      });
    } catch (error) {
      const removed = await forgetDamagedDownloads(error, takeStoredKeys()).catch(() => 0);
      const healed = removed ? ` A downloaded file was incomplete, so ${removed === 1 ? 'it was' : `the ${removed} files downloaded just now were`} removed; Retry downloads ${removed === 1 ? 'it' : 'them'} again.` : '';
      throw new CaptionError('model-load-failed', `${model.label} could not be loaded on ${device} (${dtype}): ${describe(error)}${healed}`);
    }
    this.prompt = model.prompt;
    this.family = model.family;
    const [cacheWarning] = takeCacheFailures();
    this.loaded = {
      ...(cacheWarning ? { cacheWarning: `${model.label} works for now but could not be kept on this device, so it will download again next time. ${cacheWarning}` } : {}),
      modelId,
      device,
      dtype,
      // After the first session onnxruntime has written back the count it really uses (1 without cross-origin isolation).
      wasmThreads: Number(env.backends.onnx.wasm?.numThreads ?? 1) || 1,
      ...(this.runtime ? { wasmBuild: this.runtime } : {}),
      loadMs: Math.round(performance.now() - started),
    };
    if (request.warmUp !== false && !loading.skip) {
      const warmUpMs = await this.warmUp();
      if (warmUpMs !== undefined) this.loaded = { ...this.loaded, warmUpMs };
    }
    return this.loaded;
  }

  /** Thread count and WASM build, set once: onnxruntime-web reads both when it creates its first session. */
  private fixRuntime({ wasmThreads: threads, wasmBuild, baseUrl }: LoadRequest): void {
    const wasm = env.backends.onnx.wasm;
    if (this.runtime || !wasm) return;
    this.runtime = wasmBuild ?? 'asyncify';
    wasm.wasmPaths = ortFiles(baseUrl, this.runtime);
    if (threads !== undefined && Number.isInteger(threads) && threads > 0) wasm.numThreads = threads;
  }

  /**
   * Two captions of a blank image: the first runs of a session pay for kernel selection, buffer
   * allocation and (WASM) V8 tier-up, which the first real photos would otherwise pay. Measured
   * with one pass, the first real caption still ran its encoder at twice the steady time; the
   * second was steady. No network request; `skipWarmUp()`, `interrupt()` or `dispose()` cuts it short. A failure
   * is not a load failure: the first real caption would report it properly.
   */
  private async warmUp(): Promise<number | undefined> {
    const captioner = this.captioner;
    if (!captioner) return undefined;
    const run = { stop: new InterruptableStoppingCriteria(), interrupted: false };
    this.active = run;
    this.warming = run;
    const started = performance.now();
    try {
      const blank = new RawImage(new Uint8ClampedArray(WARM_UP_SIDE * WARM_UP_SIDE * 3).fill(255), WARM_UP_SIDE, WARM_UP_SIDE, 3);
      for (let pass = 0; pass < WARM_UP_PASSES && !run.interrupted; pass++) await captioner.caption(blank, WARM_UP_OPTIONS, { stop: run.stop, ...(this.prompt ? { prompt: this.prompt } : {}) });
      return run.interrupted ? undefined : Math.round(performance.now() - started);
    } catch {
      return undefined;
    } finally {
      if (this.active === run) this.active = null;
      if (this.warming === run) this.warming = null;
    }
  }

  /**
   * `context`: what the person said about the photo; `language`: the alt-text language. Only
   * families that read an instruction get either; the others' caption is translated by `translate`.
   * `scoreText`: another model's text to score on this photo, instead of checking the model's own
   * text on a zoomed-out copy (workers/review-likelihoods.ts). `zoomCheck` false skips that check.
   */
  async caption(image: Blob, fileName: string, options: CaptionOptions, onText?: (chunk: string) => void, context?: string, language?: string, scoreText?: string, zoomCheck = true): Promise<CaptionOutcome> {
    const run = { stop: new InterruptableStoppingCriteria(), interrupted: false };
    this.active = run;
    try {
      const captioner = this.captioner;
      if (!captioner) throw new CaptionError('model-not-loaded', 'No model is loaded yet.');
      const started = performance.now();
      const decoded = await decodeImage(image, fileName, this.family ? familyRow(this.family).pixelBudget : undefined);
      const decodeMs = performance.now() - started;
      const quality = measurePhotoQuality(decoded.qualityRaster ?? decoded.image, { width: decoded.width, height: decoded.height, fileBytes: image.size, ...(decoded.jpegQuality !== undefined ? { jpegQuality: decoded.jpegQuality } : {}) });
      let text = '';
      let generation: GenerationStages | undefined;
      let confidence: TextConfidence | undefined;
      let checks: ReviewLikelihoods | undefined;
      if (!run.interrupted) {
        try {
          const onStages = (stages: GenerationStages): void => void (generation = stages);
          const onConfidence = (measured: TextConfidence): void => void (confidence = measured);
          const prompt = this.family ? promptInLanguage(this.family, promptFor(this.family, this.prompt, context), language) : this.prompt;
          text = await captioner.caption(decoded.image, options, { stop: run.stop, onStages, onConfidence, ...(prompt ? { prompt } : {}), ...(onText ? { onText } : {}) });
          if (confidence && !run.interrupted && (zoomCheck || scoreText !== undefined)) {
            checks = await reviewLikelihoods(captioner, decoded.image, { own: text, ...(scoreText !== undefined ? { other: scoreText } : {}) }, prompt, () => run.interrupted);
            if (checks.zoomed) confidence = { ...confidence, zoomed: checks.zoomed };
          }
        } catch (error) {
          throw new CaptionError('inference-failed', `The model failed on ${fileName}: ${describe(error)}`);
        }
      }
      const durationMs = Math.round(performance.now() - started);
      const stages: CaptionStages | undefined = generation ? completeStages(decodeMs, generation, durationMs) : undefined;
      return {
        text,
        interrupted: run.interrupted,
        durationMs,
        width: decoded.width,
        height: decoded.height,
        thumbnail: decoded.thumbnail,
        quality,
        ...(stages ? { stages } : {}),
        // A stopped caption's tokens are not the ones the model would have finished with.
        ...(confidence && !run.interrupted ? { confidence } : {}),
        ...(checks?.scored && !run.interrupted ? { scored: checks.scored } : {}),
        ...(checks ? { reviewCheckMs: Math.round(checks.durationMs) } : {}),
      };
    } finally {
      if (this.active === run) this.active = null;
    }
  }

  /** What loading a translation model would download, for the same consent as a captioner. */
  planTranslator(request: TranslatorRequest): Promise<DownloadPlan> {
    return this.translation.plan(request);
  }

  loadTranslator(request: TranslatorRequest, onProgress?: (progress: LoadProgress) => void): Promise<LoadedTranslator> {
    return this.translation.load(request, onProgress);
  }

  /** A finished English caption in `language`, by the loaded translation model. */
  translate(text: string, language: string): Promise<string> {
    return this.translation.translate(text, language);
  }

  /** Cooperative: the running caption stops after its current token, and the model stays loaded. */
  interrupt(): void {
    if (!this.active) return;
    this.active.interrupted = true;
    this.active.stop.interrupt();
  }

  async dispose(): Promise<void> {
    this.interrupt();
    const captioner = this.captioner;
    this.captioner = null;
    this.loaded = null;
    await captioner?.dispose();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
