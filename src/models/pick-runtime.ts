import { formatBytes } from './format-bytes';
import { oversizedGpuWeight, type OversizedWeight } from './largest-weight';
import type { Capabilities, Device, DevicePreference, Dtype, RuntimeChoice, WasmBuild, WebnnDevice } from './model-types';
import type { ModelEntry } from './registry';

/**
 * Chooses device and dtype for one model on one machine. Pure: the capabilities are probed
 * elsewhere (in the worker, where WebGPU will actually run) and passed in.
 *
 * WebGPU wins whenever a hardware adapter exists and the model has a WebGPU dtype. A software
 * adapter (SwiftShader, "fallback adapter") is correct but 50–400× slower than WASM, so it is
 * used only when the person asks for WebGPU explicitly. A model whose largest weight would not fit
 * the adapter's buffer limits runs on WASM instead of failing at session creation. Without a
 * hardware adapter, a model with a WebNN build runs on WebNN when the browser offers it
 * (NPU, then GPU, then CPU).
 */
export function pickRuntime(caps: Capabilities, model: ModelEntry, preference: DevicePreference = 'auto', dtypeOverride?: Dtype): RuntimeChoice {
  const choice = { ...withModules(pickDefault(caps, model, preference), model), wasmThreads: wasmThreadsFor(caps) };
  // An explicit dtype (advanced, from the URL) is honoured as asked; if the device cannot run it,
  // session creation fails and the client falls back to WASM, saying so.
  if (dtypeOverride && dtypeOverride !== choice.dtype) return { device: choice.device, dtype: dtypeOverride, reason: `${choice.reason} Weights: ${dtypeOverride}, as requested.`, wasmThreads: choice.wasmThreads };
  return choice;
}

/**
 * onnxruntime-web's own default is min(4, ceil(cores / 2)): one thread on a 2-core machine,
 * leaving half the CPU idle while a caption runs. Threads need SharedArrayBuffer, so only a
 * cross-origin-isolated page gets more than one; past 4 the small captioners stop gaining.
 */
export function wasmThreadsFor(caps: Capabilities): number {
  if (!caps.crossOriginIsolated) return 1;
  return Math.min(4, Math.max(1, Math.floor(caps.hardwareConcurrency ?? 1)));
}

/** How a device is named to people. */
export function deviceLabel(device: Device): string {
  if (device === 'webgpu') return 'WebGPU';
  if (device === 'wasm') return 'WASM (CPU)';
  return `WebNN (${device.slice('webnn-'.length).toUpperCase()})`;
}

/** The registry's per-module refinement of the chosen headline dtype, when it has one. */
export function withModules(choice: RuntimeChoice, model: ModelEntry): RuntimeChoice {
  const modules = model.moduleDtypes?.[choice.dtype];
  return modules ? { ...choice, modules } : choice;
}

function pickDefault(caps: Capabilities, model: ModelEntry, preference: DevicePreference): RuntimeChoice {
  const wasmDtype = model.dtypes.wasm;
  const gpuDtype = webgpuDtype(caps, model);
  const software = isSoftwareAdapter(caps);

  if (preference === 'webgpu') {
    if (!caps.webgpu.adapter) return wasmOrThrow(wasmDtype, model, 'WebGPU was requested, but this browser offers no WebGPU adapter; using WASM.');
    if (!gpuDtype) return wasmOrThrow(wasmDtype, model, `WebGPU was requested, but ${model.label} has no WebGPU build; using WASM.`);
    const over = oversizedGpuWeight(caps, model, gpuDtype);
    const risk = over ? ` ${oversizeSentence(model, over)}, so loading may fail.` : '';
    return { device: 'webgpu', dtype: gpuDtype, reason: `WebGPU, as requested${software ? ' (software adapter: slow)' : ''}; ${dtypeWhy(gpuDtype, caps)}.${risk}` };
  }
  if (preference === 'wasm') {
    return wasmOrThrow(wasmDtype, model, 'WASM (CPU), as requested.');
  }
  if (caps.webgpu.adapter && gpuDtype && !software) {
    const over = oversizedGpuWeight(caps, model, gpuDtype);
    if (!over) return { device: 'webgpu', dtype: gpuDtype, reason: `WebGPU adapter found; ${dtypeWhy(gpuDtype, caps)}.` };
    // The estimate may be wrong; with no CPU build, trying the GPU beats refusing outright.
    if (!wasmDtype) return { device: 'webgpu', dtype: gpuDtype, reason: `WebGPU, the only device ${model.label} runs on; ${dtypeWhy(gpuDtype, caps)}. ${oversizeSentence(model, over)}, so loading may fail.` };
    return webnnChoice(caps, model, oversizeSentence(model, over)) ?? wasmOrThrow(wasmDtype, model, `${oversizeSentence(model, over)}; using WASM (CPU)`);
  }
  const why = gpuAbsence(caps, model, software);
  const webnn = webnnChoice(caps, model, why);
  if (webnn) return webnn;
  return wasmOrThrow(wasmDtype, model, `${why}; using WASM (CPU).`);
}

function gpuAbsence(caps: Capabilities, model: ModelEntry, software: boolean): string {
  return !caps.webgpu.adapter
    ? 'No WebGPU adapter in this browser'
    : software
      ? 'The only WebGPU adapter is a software renderer, slower than the CPU'
      : model.dtypes.webgpu
        ? `${model.label}'s WebGPU build needs shader-f16, which this adapter lacks`
        : `${model.label} has no WebGPU build`;
}

/** NPU first (built for this work, frees the CPU), then GPU, then WebNN's CPU backend. */
const WEBNN_ORDER = [
  ['npu', 'webnn-npu'],
  ['gpu', 'webnn-gpu'],
  ['cpu', 'webnn-cpu'],
] as const satisfies readonly (readonly [keyof NonNullable<Capabilities['webnn']>, WebnnDevice])[];

function webnnChoice(caps: Capabilities, model: ModelEntry, gpuWhy: string): RuntimeChoice | undefined {
  const dtype = model.dtypes.webnn;
  if (!dtype || !caps.webnn) return undefined;
  const found = WEBNN_ORDER.find(([kind]) => caps.webnn?.[kind]);
  if (!found) return undefined;
  return { device: found[1], dtype, reason: `${gpuWhy}; the browser offers WebNN on the ${found[0].toUpperCase()} and ${model.label} has a WebNN build; ${dtype} weights.` };
}

function webgpuDtype(caps: Capabilities, model: ModelEntry): Dtype | undefined {
  if (!model.dtypes.webgpu) return undefined;
  // f16 dtypes need the shader-f16 feature; transformers.js checks 'fp16' itself but not 'q4f16'.
  if (caps.webgpu.shaderF16 && model.webgpuF16Dtype) return model.webgpuF16Dtype;
  return isF16(model.dtypes.webgpu) && !caps.webgpu.shaderF16 ? undefined : model.dtypes.webgpu;
}

export function isF16(dtype: Dtype): boolean {
  return dtype === 'fp16' || dtype === 'q4f16';
}

/** Software adapters are correct but slower than WASM; they count as "no GPU" unless asked for. */
export function isSoftwareAdapter(caps: Capabilities): boolean {
  return caps.webgpu.isFallbackAdapter === true || /swiftshader|llvmpipe|software/i.test(caps.webgpu.description ?? '');
}

function dtypeWhy(dtype: Dtype, caps: Capabilities): string {
  if (isF16(dtype)) return `${dtype} because the adapter supports shader-f16`;
  return caps.webgpu.shaderF16 ? `${dtype}` : `${dtype} because the adapter lacks shader-f16`;
}

function oversizeSentence(model: ModelEntry, over: OversizedWeight): string {
  return `${model.label}'s largest weight, approximately ${formatBytes(over.weightBytes)}, exceeds this GPU's largest buffer (${formatBytes(over.limitBytes)})`;
}

function wasmOrThrow(dtype: Dtype | undefined, model: ModelEntry, reason: string): RuntimeChoice {
  if (!dtype) throw new Error(`${model.label} cannot run on WASM in this browser.`);
  return { device: 'wasm', dtype, reason: reason.replace(/\.$/, '') + `; ${dtype} weights.` };
}

/** WebGPU (and WebNN) sessions need the asyncify build; CPU-only sessions take the smaller, faster-to-start one. */
export function wasmBuildFor(device: Device): WasmBuild {
  return device === 'wasm' ? 'plain' : 'asyncify';
}
