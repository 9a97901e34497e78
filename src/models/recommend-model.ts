import { CPU_QUALITY_FACTOR, cpuOrder } from './cpu-order';
import { formatBytes } from './format-bytes';
import { approxLargestWeight, gpuBufferLimit, oversizedGpuWeight } from './largest-weight';
import type { Capabilities, Device, DevicePreference, RuntimeChoice } from './model-types';
import { isSoftwareAdapter, pickRuntime } from './pick-runtime';
import { isBrowserModel, type ModelEntry } from './registry';

export interface RejectedModel {
  modelId: string;
  why: string;
}

export interface Recommendation {
  modelId: string;
  runtime: RuntimeChoice;
  /** Sentences a person can read: what was detected and why this model on this device. */
  reasons: string[];
  rejected: RejectedModel[];
  /** Set when the model is the browser's own (Prompt API): the browser, not `runtime`, decides where it runs. */
  byBrowser?: true;
}

/**
 * The share of reported device memory one tab may use for a model. The OS, the browser and
 * other tabs share the rest; browsers round navigator.deviceMemory down to a power of two, and
 * Android Chrome has refused WASM sessions of 300–500 MB on a 6 GB phone (transformers.js #1319).
 */
const SAFE_MEMORY_FRACTION = 0.5; // memoryBudget() words it as "half"
/** Safari and Firefox do not report device memory; assume a mid-range phone, not a workstation. */
const ASSUMED_DEVICE_MEMORY_GIB = 4;
const GIB = 2 ** 30;

/**
 * Preference per device, best first. On a GPU, a judgement from the registry notes: accuracy is
 * worth the download and the captioning specialists (Florence-2) come before chat VLMs, which add
 * unrequested detail; FastVLM is last: research-only licence. On the CPU, measured: seconds per
 * photo from the bench (measured-speed.ts) weighted by the notes' verdict on the captions
 * (cpu-order.ts). Models not listed rank after these, in the order given.
 */
const PREFERENCE: Readonly<Record<'webgpu' | 'wasm', readonly string[]>> = {
  webgpu: [
    'onnx-community/Florence-2-large-ft',
    'onnx-community/Florence-2-base-ft',
    'HuggingFaceTB/SmolVLM-500M-Instruct',
    'HuggingFaceTB/SmolVLM-256M-Instruct',
    'Mozilla/distilvit',
    'Xenova/vit-gpt2-image-captioning',
    'onnx-community/FastVLM-0.5B-ONNX',
  ],
  wasm: cpuOrder(Object.keys(CPU_QUALITY_FACTOR)),
};
const PREFERENCE_WHY: Readonly<Record<'webgpu' | 'wasm', string>> = {
  webgpu: 'On WebGPU the most accurate captioner that fits is preferred; the download is paid once.',
  wasm: "On the CPU the order comes from measured seconds per photo, weighed against how often each model's captions need rewriting.",
};

interface Candidate {
  model: ModelEntry;
  runtime: RuntimeChoice;
  order: number;
}

/**
 * Picks the default model for this device and explains it: each model gets its runtime from
 * pickRuntime, then is rejected if the device cannot run it, its download exceeds free storage,
 * its memory need exceeds a safe share of device memory, or its largest weight exceeds the
 * GPU's buffers. Test fixtures are never considered. Throws only when no model can run at all.
 */
export function recommendModel(caps: Capabilities, models: readonly ModelEntry[], preference: DevicePreference = 'auto'): Recommendation {
  const candidates: Candidate[] = [];
  const rejected: RejectedModel[] = [];
  const people = models.filter((m) => !m.fixture);
  people.forEach((model, order) => {
    if (isBrowserModel(model)) {
      // Not probed (the worker's own probe, a test): neither offered nor reported as rejected.
      if (caps.promptApi === undefined) return;
      if (caps.promptApi === 'unavailable') rejected.push({ modelId: model.id, why: BROWSER_UNAVAILABLE });
      else candidates.push({ model, runtime: BROWSER_RUNTIME, order });
      return;
    }
    const runtime = runtimeFor(caps, model, preference);
    const why = typeof runtime === 'string' ? runtime : problemWith(caps, model, runtime);
    if (why) rejected.push({ modelId: model.id, why });
    else if (typeof runtime !== 'string') candidates.push({ model, runtime, order });
  });
  const best = candidates.sort((a, b) => rank(caps, a) - rank(caps, b))[0];
  if (best && isBrowserModel(best.model)) return { modelId: best.model.id, runtime: best.runtime, reasons: browserReasons(caps), rejected, byBrowser: true };
  if (best) return { modelId: best.model.id, runtime: best.runtime, reasons: [...reasonsFor(caps, best), PREFERENCE_WHY[listFor(best.runtime.device)]], rejected };
  return smallestRunnable(caps, people.filter((model) => !isBrowserModel(model)), preference, rejected);
}

function runtimeFor(caps: Capabilities, model: ModelEntry, preference: DevicePreference): RuntimeChoice | string {
  try {
    return pickRuntime(caps, model, preference);
  } catch {
    if (!caps.webgpu.adapter) return 'Needs WebGPU, and this browser offers no WebGPU adapter.';
    if (isSoftwareAdapter(caps)) return 'Needs WebGPU, and the only adapter here is a software renderer, far slower than the CPU.';
    return 'Has no build this device can run (its WebGPU weights need shader-f16, which this adapter lacks).';
  }
}

/** Why a runnable model still does not suit this device, or undefined when it does. */
function problemWith(caps: Capabilities, model: ModelEntry, runtime: RuntimeChoice): string | undefined {
  const over = runtime.device === 'webgpu' ? oversizedGpuWeight(caps, model, runtime.dtype) : null;
  if (over) return `Its largest single weight, approximately ${formatBytes(over.weightBytes)}, exceeds this GPU's largest buffer (${formatBytes(over.limitBytes)}).`;
  const download = model.approxBytes[runtime.dtype];
  const free = freeStorage(caps);
  if (download !== undefined && free !== undefined && download > free) {
    return `Its download, approximately ${formatBytes(download)} (${runtime.dtype}), exceeds the approximately ${formatBytes(free)} of storage this site may still use.`;
  }
  const memory = memoryBudget(caps);
  if (model.approxMemoryBytes > memory.bytes) {
    return `Needs approximately ${formatBytes(model.approxMemoryBytes)} of memory while captioning, more than ${memory.share}.`;
  }
  return undefined;
}

function rank(caps: Capabilities, { model, runtime, order }: Candidate): number {
  // Already on this device, it costs no download and the browser runs it on its best device;
  // still to download (about 4 GB), it is offered but never chosen over a model that fits.
  if (isBrowserModel(model)) return caps.promptApi === 'available' ? -1 : 100_000 + order;
  // Any model on a hardware GPU ranks before any on the CPU: the same photo takes seconds, not tens.
  const deviceTier = runtime.device === 'webgpu' && !isSoftwareAdapter(caps) ? 0 : 1;
  const listed = PREFERENCE[listFor(runtime.device)].indexOf(model.id);
  return deviceTier * 10_000 + (listed === -1 ? 1_000 + order : listed);
}

function reasonsFor(caps: Capabilities, { model, runtime }: Candidate): string[] {
  // The panel states the choice itself (model, device, weights) once above the reasons; they say why.
  const reasons = [runtime.reason];
  const limit = gpuBufferLimit(caps);
  const weight = approxLargestWeight(model, runtime.dtype);
  if (runtime.device === 'webgpu' && limit !== undefined && weight && weight.bytes <= limit) {
    const what = weight.basis === 'embedding' ? 'Its largest single weight' : 'Its whole download';
    reasons.push(`${what}, approximately ${formatBytes(weight.bytes)}, fits this GPU's largest buffer (${formatBytes(limit)}).`);
  }
  const download = model.approxBytes[runtime.dtype];
  const free = freeStorage(caps);
  if (download !== undefined) {
    const size = `Download approximately ${formatBytes(download)}`;
    if (free === undefined) reasons.push(`${size}; this browser did not report its storage quota, so that was not checked.`);
    else reasons.push(`${size}, ${download > free ? 'more than' : 'within'} the approximately ${formatBytes(free)} of storage this site may still use.`);
  }
  const memory = memoryBudget(caps);
  const fits = model.approxMemoryBytes <= memory.bytes;
  reasons.push(`Needs approximately ${formatBytes(model.approxMemoryBytes)} of memory while captioning, ${fits ? 'within' : 'more than'} ${memory.share}.`);
  return reasons;
}

/** Nothing fits comfortably: offer the lightest model that can run at all, and say so. */
function smallestRunnable(caps: Capabilities, models: readonly ModelEntry[], preference: DevicePreference, rejected: RejectedModel[]): Recommendation {
  const runnable = models
    .map((model) => ({ model, runtime: runtimeFor(caps, model, preference) }))
    .filter((c): c is { model: ModelEntry; runtime: RuntimeChoice } => typeof c.runtime !== 'string' && !oversizedGpuWeight(caps, c.model, c.runtime.dtype))
    .sort((a, b) => a.model.approxMemoryBytes - b.model.approxMemoryBytes)[0];
  if (!runnable) throw new Error('No captioning model can run in this browser.');
  const reasons = reasonsFor(caps, { ...runnable, order: 0 });
  reasons.push(`No model fits this device comfortably; ${runnable.model.label} needs the least memory, so it is offered, but it may fail or be slow.`);
  return { modelId: runnable.model.id, runtime: runnable.runtime, reasons, rejected: rejected.filter((r) => r.modelId !== runnable.model.id) };
}

function freeStorage(caps: Capabilities): number | undefined {
  return caps.storage ? Math.max(0, caps.storage.quotaBytes - caps.storage.usageBytes) : undefined;
}

/** `share` completes "more than …" / "within …", e.g. "half of the 4 GB this device reports". */
function memoryBudget(caps: Capabilities): { bytes: number; share: string } {
  const reported = caps.deviceMemoryGiB;
  const gib = reported ?? ASSUMED_DEVICE_MEMORY_GIB;
  const share = reported === undefined ? `half of ${gib} GB, assumed because this browser does not report device memory` : `half of the ${gib} GB this device reports`;
  return { bytes: gib * GIB * SAFE_MEMORY_FRACTION, share };
}

/** WebNN has no ranking of its own yet (no registry model has a WebNN build): it ranks as the CPU does. */
function listFor(device: Device): 'webgpu' | 'wasm' {
  return device === 'webgpu' ? 'webgpu' : 'wasm';
}

/** The browser's model has no runtime of ours: the browser chooses, so pickRuntime is never asked. */
const BROWSER_RUNTIME: RuntimeChoice = { device: 'wasm', dtype: 'q4', reason: 'The browser runs its own model on this device (on its GPU or CPU, as it decides).' };

const BROWSER_UNAVAILABLE = 'This browser has no built-in model for images here (it needs Chrome 148 or later on a desktop computer with enough memory and disk).';

function browserReasons(caps: Capabilities): string[] {
  const download = caps.promptApi === 'available' ? 'The browser already has its model, so nothing is downloaded.' : 'The browser downloads its model once (about 4 GB, shared with other sites).';
  return [BROWSER_RUNTIME.reason, download, 'It writes English, Spanish and Japanese alt-text.'];
}
