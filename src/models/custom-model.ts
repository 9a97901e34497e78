import { familyOfModelType, familyRow, MODEL_FAMILY_IDS, SUPPORTED_MODEL_TYPES, type ModelFamily } from './families';
import type { Dtype } from './model-types';
import type { ModelEntry } from './registry';

/**
 * Turns a model someone brings themselves (a folder they pick, or a folder URL on a mirror or
 * an intranet server) into a registry entry, from the same files transformers.js will read:
 * config.json says which adapter runs it, the ONNX file names say which dtypes exist.
 */

/** A problem with the model itself, worded for the person who picked it. */
export class CustomModelError extends Error {
  override name = 'CustomModelError';
}

export interface CustomModelFile {
  /** Path inside the model folder, e.g. "onnx/decoder_model_merged_q4.onnx". */
  path: string;
  bytes: number;
}

export type CustomModelOrigin = { kind: 'folder'; name: string } | { kind: 'url'; baseUrl: string };

export interface CustomModelInput {
  /** The parsed config.json. */
  config: unknown;
  files: readonly CustomModelFile[];
  origin: CustomModelOrigin;
  /** Ids already in use, so a second folder of the same name gets its own id (and cache keys). */
  takenIds?: readonly string[];
}

/** The ONNX sessions transformers.js creates per family (file base names under onnx/). */
export const REQUIRED_MODULES = Object.fromEntries(MODEL_FAMILY_IDS.map((family) => [family, familyRow(family).modules])) as Readonly<Record<ModelFamily, readonly string[]>>;

/** transformers.js's file suffix per dtype (`DEFAULT_DTYPE_SUFFIX_MAPPING`); longest first. */
export const DTYPE_SUFFIXES: readonly (readonly [Dtype, string])[] = [
  ['q4f16', '_q4f16'],
  ['fp16', '_fp16'],
  ['q8', '_quantized'],
  ['q4', '_q4'],
  ['fp32', ''],
];

/**
 * Preferred dtypes per device, first complete one wins. WASM: q8 is the fast CPU build; fp16
 * is left out because onnxruntime-web's CPU kernels mostly lack it. WebGPU: q4 keeps the
 * download small; f16 builds need shader-f16 and are offered through webgpuF16Dtype.
 */
const PREFERENCE: Readonly<Record<'wasm' | 'webgpu', readonly Dtype[]>> = { wasm: ['q8', 'fp32', 'q4'], webgpu: ['q4', 'fp32'] };
const F16_PREFERENCE: readonly Dtype[] = ['q4f16', 'fp16'];

export const CUSTOM_ID_PREFIX = { folder: 'local/', url: 'url/' } as const;

export function isCustomModelId(id: string): boolean {
  return id.startsWith(CUSTOM_ID_PREFIX.folder) || id.startsWith(CUSTOM_ID_PREFIX.url);
}

export function familyOfConfig(config: unknown): ModelFamily {
  if (typeof config !== 'object' || config === null) throw new CustomModelError('config.json is not a JSON object.');
  const modelType = (config as { model_type?: unknown }).model_type;
  if (typeof modelType !== 'string' || !modelType) throw new CustomModelError('config.json has no model_type, so the kind of model is unknown.');
  const family = familyOfModelType(modelType);
  if (!family) {
    const known = SUPPORTED_MODEL_TYPES.join(', ');
    throw new CustomModelError(`Models of type "${modelType}" are not supported. Supported types: ${known}.`);
  }
  return family;
}

/** `onnx/decoder_model_merged_q4.onnx` → { module: 'decoder_model_merged', dtype: 'q4' }; external data counts too. */
export function parseOnnxFile(path: string): { module: string; dtype: Dtype } | undefined {
  const match = /^onnx\/([^/]+)\.onnx(?:_data(?:_\d+)?)?$/.exec(path);
  const stem = match?.[1];
  if (!stem) return undefined;
  for (const [dtype, suffix] of DTYPE_SUFFIXES) {
    if (suffix && stem.endsWith(suffix)) return { module: stem.slice(0, -suffix.length), dtype };
  }
  // Other suffixes (_int8, _uint8, _bnb4) are dtypes this app does not offer.
  return /_(int8|uint8|bnb4|q2|q1|q2f16|q1f16)$/.test(stem) ? undefined : { module: stem, dtype: 'fp32' };
}

export function customModelEntry(input: CustomModelInput): ModelEntry {
  const family = familyOfConfig(input.config);
  const required = REQUIRED_MODULES[family];
  const onnx = input.files.map((f) => ({ ...f, parsed: parseOnnxFile(f.path) })).filter((f) => f.parsed);
  if (!onnx.length) throw new CustomModelError('No ONNX files were found: a model for this app keeps them in an "onnx" folder next to config.json.');

  const complete = DTYPE_SUFFIXES.map(([dtype]) => dtype).filter((dtype) => required.every((module) => onnx.some((f) => f.parsed?.module === module && f.parsed.dtype === dtype && f.path.endsWith('.onnx'))));
  if (!complete.length) {
    const missing = required.filter((module) => !onnx.some((f) => f.parsed?.module === module));
    const why = missing.length ? `${missing.map((m) => `${m}.onnx`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing` : 'no weight type is present for every module';
    throw new CustomModelError(`This ${family} model needs ${required.map((m) => `${m}.onnx`).join(', ')} in its onnx folder, but ${why}.`);
  }

  const otherBytes = sum(input.files.filter((f) => !f.path.startsWith('onnx/')).map((f) => f.bytes));
  const approxBytes: Partial<Record<Dtype, number>> = {};
  for (const dtype of complete) {
    approxBytes[dtype] = otherBytes + sum(onnx.filter((f) => f.parsed?.dtype === dtype && required.includes(f.parsed.module)).map((f) => f.bytes));
  }
  const wasm = PREFERENCE.wasm.find((d) => complete.includes(d));
  const webgpuF16 = F16_PREFERENCE.find((d) => complete.includes(d));
  const webgpu = PREFERENCE.webgpu.find((d) => complete.includes(d)) ?? webgpuF16;
  const largest = Math.max(...Object.values(approxBytes));
  // The family's prompt and generation settings, so a custom Florence-2 behaves like the built-in one.
  const defaults = familyRow(family);
  const { id, label, source, where } = identify(input.origin, input.takenIds ?? []);

  return {
    id,
    label,
    family,
    source,
    dtypes: { ...(wasm ? { wasm } : {}), ...(webgpu ? { webgpu } : {}) },
    ...(webgpuF16 && webgpuF16 !== webgpu ? { webgpuF16Dtype: webgpuF16 } : {}),
    approxBytes,
    // Weights twice over (file buffer and session) plus room for activations.
    approxMemoryBytes: 2 * largest + 50_000_000,
    ...(defaults.prompt ? { prompt: defaults.prompt } : {}),
    generation: defaults.generation,
    licence: 'as stated by the model’s publisher (not checked by Altscribe)',
    note: `A ${family} model you added from ${where}; Altscribe has not checked the quality of its captions.`,
  };
}

function identify(origin: CustomModelOrigin, taken: readonly string[]): Pick<ModelEntry, 'id' | 'label' | 'source'> & { where: string } {
  if (origin.kind === 'folder') {
    const name = origin.name.trim() || 'model';
    return { id: uniqueId(CUSTOM_ID_PREFIX.folder, name, taken), label: `${name} (your folder)`, source: { kind: 'folder' }, where: `the folder “${name}”` };
  }
  const url = new URL(origin.baseUrl);
  const segments = url.pathname.split('/').filter(Boolean).filter((s) => s !== 'resolve' && s !== 'main');
  const name = decodeURIComponent(segments.at(-1) ?? url.hostname);
  return { id: uniqueId(CUSTOM_ID_PREFIX.url, `${url.hostname}-${name}`, taken), label: `${name} (from ${url.host})`, source: { kind: 'url', baseUrl: url.href }, where: url.href };
}

/**
 * A slug transformers.js accepts as a model id (`[\w.-]`, no `--`) and that stays readable in
 * cache keys; `-2`, `-3`… when taken.
 */
export function uniqueId(prefix: string, name: string, taken: readonly string[]): string {
  const slug =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'model';
  let id = `${prefix}${slug}`;
  for (let n = 2; taken.includes(id); n++) id = `${prefix}${slug}-${n}`;
  return id;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
