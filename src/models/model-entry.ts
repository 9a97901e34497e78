import type { ModelFamily } from './families';
import type { CaptionOptions, Dtype, DtypeTarget, ModuleDtypes } from './model-types';

/** Where a model's files come from. */
export type ModelSource =
  /** Downloaded from the Hugging Face hub by the user's browser, then kept in IndexedDB. */
  | { kind: 'hub'; repo: string }
  /** Served by this app from /models/<id>/ (the test fixtures built under tools/). */
  | { kind: 'app' }
  /** A folder the person picked: its files were copied into IndexedDB when it was added. */
  | { kind: 'folder' }
  /** A model folder served over HTTP(S) (a mirror, an intranet server): `<baseUrl><file>`. */
  | { kind: 'url'; baseUrl: string }
  /**
   * The browser's own model (Chrome's Prompt API): the browser downloads, stores and runs it, on
   * the page (src/client/prompt-api/), never in the caption worker. `family` then only says how
   * the app prompts it (an instruction that reads context and language).
   */
  | { kind: 'browser'; api: 'prompt-api' };

/** One registry row: what a person can choose, where its files live and how to run it. */
export interface ModelEntry {
  id: string;
  label: string;
  /** How transformers.js runs it: a row of the family table (`families.ts`). */
  family: ModelFamily;
  source: ModelSource;
  /**
   * The headline dtype per device. A device missing here cannot run this model. `webnn` is set
   * only for a build known to run on WebNN, which needs static shapes (free_dimension_overrides).
   */
  dtypes: Partial<Record<DtypeTarget, Dtype>>;
  /** Dtype for WebGPU when the adapter has shader-f16; otherwise dtypes.webgpu applies. */
  webgpuF16Dtype?: Dtype;
  /** Per-module refinement of a headline dtype (VLMs keep embeddings and vision at higher precision). */
  moduleDtypes?: Partial<Record<Dtype, ModuleDtypes>>;
  /** Approximate total download per headline dtype, in bytes, for the consent prompt. */
  approxBytes: Partial<Record<Dtype, number>>;
  /** Approximate peak memory while captioning (weights + activations + KV cache), in bytes. */
  approxMemoryBytes: number;
  /** Florence-2 task token, or the instruction a chat VLM is given. */
  prompt?: string;
  generation: CaptionOptions;
  licence: string;
  /** One honest line on output quality. */
  note: string;
  /** Built by this project for tests: random or toy weights, never recommended to people. */
  fixture?: boolean;
}
