/**
 * Types that cross the worker boundary. Pure data only: everything here must survive
 * structured clone, so no classes, functions or DOM objects.
 */
import type { PhotoQuality, ScoredText, TextConfidence } from './review-signals';

/** WebNN through onnxruntime-web's WebNN execution provider, per device type (transformers.js spelling). */
export type WebnnDevice = 'webnn-npu' | 'webnn-gpu' | 'webnn-cpu';
export type Device = 'webgpu' | 'wasm' | WebnnDevice;
/** Where a loaded model runs: a device of ours, or 'browser' for the browser's own model (Prompt API), which runs wherever the browser puts it. */
export type RunDevice = Device | 'browser';
/** What a registry entry keys its dtypes by: one WebNN build serves every WebNN device type. */
export type DtypeTarget = 'webgpu' | 'wasm' | 'webnn';
export type Dtype = 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16';

/**
 * Per-module dtypes, keyed by ONNX file base name (`embed_tokens`, `vision_encoder`,
 * `encoder_model`, `decoder_model_merged`). VLMs keep small modules at higher precision.
 */
export type ModuleDtypes = Readonly<Record<string, Dtype>>;

/** What the page (or worker) learned about the machine; input to pickRuntime. */
export interface Capabilities {
  webgpu: {
    /** navigator.gpu.requestAdapter() returned an adapter. */
    adapter: boolean;
    shaderF16: boolean;
    maxBufferSize?: number;
    maxStorageBufferBindingSize?: number;
    /** e.g. "swiftshader" — a software adapter is correct but far slower than WASM. */
    description?: string;
    isFallbackAdapter?: boolean;
  };
  /** navigator.deviceMemory in GiB, when the browser reports it. */
  deviceMemoryGiB?: number;
  hardwareConcurrency?: number;
  crossOriginIsolated?: boolean;
  /** navigator.storage.estimate() for this origin: what the model download must fit in. */
  storage?: {
    quotaBytes: number;
    usageBytes: number;
    /** navigator.storage.persisted(): true when the browser keeps the weights even under storage pressure. */
    persisted?: boolean;
  };
  /** WebNN device types for which navigator.ml.createContext succeeded; absent when the browser has no WebNN. */
  webnn?: { cpu: boolean; gpu: boolean; npu: boolean };
  /** The browser's own model for image input (Prompt API), probed on the page; absent when not probed. */
  promptApi?: 'unavailable' | 'downloadable' | 'downloading' | 'available';
}

/** The user's explicit wish; 'auto' lets pickRuntime decide (WebNN is only ever chosen automatically). */
export type DevicePreference = 'auto' | 'webgpu' | 'wasm';

export interface RuntimeChoice {
  device: Device;
  /** The headline dtype (what the UI shows); `modules` refines it per ONNX file when set. */
  dtype: Dtype;
  modules?: ModuleDtypes;
  /** One sentence a person can read: why this device and dtype. */
  reason: string;
  /**
   * onnxruntime-web WASM threads for this machine (it reads the count once, at its first session).
   * Even WebGPU and WebNN sessions run unsupported operators on these threads.
   */
  wasmThreads?: number;
}

export interface LoadProgress {
  /** Bytes received so far over all files of the model, and the expected total when known. */
  loadedBytes: number;
  totalBytes: number | null;
  /** 0–100, or null when the total is unknown. */
  percent: number | null;
  /** The file currently downloading, e.g. "onnx/encoder_model_quantized.onnx". */
  file: string | null;
  filesDone: number;
  filesTotal: number;
  phase: 'downloading' | 'initializing' | 'ready';
}

export interface LoadedModel {
  modelId: string;
  device: RunDevice;
  dtype: Dtype;
  /** Number of WASM threads in use (1 when not cross-origin isolated). */
  wasmThreads: number;
  /** The onnxruntime-web WASM build this worker runs. */
  wasmBuild?: WasmBuild;
  /**
   * Set when the model loaded but a file could not be kept in IndexedDB (disk full): it works
   * now and will download again next time. transformers.js itself only logs such failures.
   */
  cacheWarning?: string;
  loadMs: number;
  /** The warm-up caption on a blank image right after loading (RuntimeTuning.warmUp); absent when skipped or failed. */
  warmUpMs?: number;
}

export interface CaptionOptions {
  maxNewTokens: number;
  /** Benchmarks fix the work per caption: min = max new tokens, so an early end token cannot shorten a run. */
  minNewTokens?: number;
  noRepeatNgramSize: number;
  repetitionPenalty: number;
}

export interface CaptionOutcome {
  text: string;
  /** True when the caption was cancelled; text then holds what had streamed so far. */
  interrupted: boolean;
  durationMs: number;
  width: number;
  height: number;
  /** A small JPEG/WebP for the card, made off the main thread. */
  thumbnail: Blob | null;
  /** Where the time went, for the benchmark and the device panel; absent for adapters that cannot tell. */
  stages?: CaptionStages;
  /** Token probabilities of `text`; absent when the adapter could not record them or the caption was cut short. */
  confidence?: TextConfidence;
  /** Blur, contrast, noise, compression and size of the photo, for the review priority. */
  quality?: PhotoQuality;
  /** The likelihood of the text the call asked about (`scoreText`), by this model. */
  scored?: ScoredText;
  /** Milliseconds of the review's extra forced passes (part of durationMs). */
  reviewCheckMs?: number;
}

/** Milliseconds per stage of one caption, measured in the worker. */
export interface CaptionStages {
  /** File bytes to pixels (createImageBitmap, orientation, downscale) and the thumbnail. */
  decodeMs: number;
  /** Resize and normalise to the model's input tensor (the processor). */
  preprocessMs: number;
  /** The vision encoder's session runs. */
  encoderMs: number;
  /** Each decoder session run in order: the first (which also projects cross-attention K/V) then one per further token. */
  decoderStepsMs: number[];
  /** Everything else inside generation: sampling, stopping criteria, token decoding, streaming. */
  otherMs: number;
  /** Tokens generated (decoder steps that produced a token). */
  newTokens: number;
}

/** Knobs the app normally leaves to pickRuntime; the benchmark sets them to compare configurations. */
export interface RuntimeTuning {
  /** WASM threads; default: what pickRuntime chose for this machine. */
  wasmThreads?: number;
  /** Caption a blank image twice right after load so the first real caption is not the slow one; default off (see CaptionClient). */
  warmUp?: boolean;
  /** onnxruntime-web's WASM build; default: wasmBuildFor(device). */
  wasmBuild?: WasmBuild;
  /** Let onnxruntime's idle threads spin-wait between operators; default on, onnxruntime's own (see CaptionClient). */
  spinWait?: boolean;
  /** onnxruntime's free dimension overrides (symbolic input dimensions fixed at session creation); default none. */
  freeDimensions?: Record<string, number>;
}

/**
 * onnxruntime-web ships its WASM runtime twice: 'asyncify' (27 MB) can also drive WebGPU;
 * 'plain' (14 MB) runs only the CPU backend, and compiles in about half the time.
 */
export type WasmBuild = 'plain' | 'asyncify';

/** Error codes the worker reports so the page can word them for people. */
export type CaptionErrorCode = 'not-an-image' | 'unsupported-format' | 'damaged-image' | 'image-too-large' | 'model-not-loaded' | 'model-load-failed' | 'inference-failed';
