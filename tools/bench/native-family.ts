// The per-family bench's native side: the app's own adapter (the same class the caption worker
// loads for the family) on onnxruntime-node, the photo decoded to the family's pixel budget as the
// worker does, the registry entry's prompt. tools/bench/families.mjs bundles this file with
// rolldown (transformers.js stays external) so plain Node can import it.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { env } from '@huggingface/transformers';
import { MODEL_FAMILIES, type ModelFamily } from '../../src/models/families';
import type { CaptionOptions, CaptionStages, Dtype } from '../../src/models/model-types';
import type { Captioner, CaptionerLoadOptions } from '../../workers/captioner';
import { decodeImageInNode } from '../../workers/decode-image-node';
import { EncoderDecoderCaptioner } from '../../workers/encoder-decoder-captioner';
import { Florence2Captioner } from '../../workers/florence2-captioner';
import type { GenerationStages } from '../../workers/generation-timer';
import { ImageTextToTextCaptioner } from '../../workers/image-text-to-text-captioner';
import { SmolVlmCaptioner } from '../../workers/smolvlm-captioner';

/** The families the bench has full-size stand-ins for (imported one by one, not the loader table, so an adapter in progress elsewhere cannot break the bench). */
const LOADERS: Partial<Record<ModelFamily, (dir: string, options: CaptionerLoadOptions) => Promise<Captioner>>> = {
  'encoder-decoder': (dir, o) => EncoderDecoderCaptioner.load(dir, o),
  florence2: (dir, o) => Florence2Captioner.load(dir, o),
  smolvlm: (dir, o) => SmolVlmCaptioner.load(dir, o),
  'image-text-to-text': (dir, o) => ImageTextToTextCaptioner.load(dir, o),
};

export interface NativeFamilyRun {
  modelDir: string;
  family: ModelFamily;
  prompt: string | undefined;
  dtype: Dtype;
  threads: number;
  imagePath: string;
  options: CaptionOptions;
  /** Captions in all: the first after load, then the steady ones. */
  captions: number;
}

export interface NativeCaption {
  text: string;
  totalMs: number;
  stages: CaptionStages | null;
}

export async function runNativeFamily(run: NativeFamilyRun): Promise<{ loadMs: number; captions: NativeCaption[] }> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  const load = LOADERS[run.family];
  if (!load) throw new Error(`no native bench loader for the ${run.family} family`);
  const loadStarted = performance.now();
  const captioner = await load(run.modelDir, {
    dtype: run.dtype,
    sessionOptions: { intraOpNumThreads: run.threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' },
  });
  const loadMs = performance.now() - loadStarted;
  const bytes = new Uint8Array(readFileSync(run.imagePath));
  const budget = (MODEL_FAMILIES[run.family] as { pixelBudget?: Parameters<typeof decodeImageInNode>[2] }).pixelBudget;
  const captions: NativeCaption[] = [];
  try {
    for (let i = 0; i < run.captions; i++) {
      let generation: GenerationStages | null = null;
      const started = performance.now();
      const image = await decodeImageInNode(bytes, 'image/jpeg', budget);
      const decodeMs = performance.now() - started;
      const text = await captioner.caption(image, run.options, { ...(run.prompt ? { prompt: run.prompt } : {}), onStages: (s) => (generation = s) });
      const totalMs = performance.now() - started;
      const stages: CaptionStages | null = generation ? { decodeMs, ...(generation as GenerationStages) } : null;
      captions.push({ text, totalMs, stages });
    }
  } finally {
    await captioner.dispose();
  }
  return { loadMs, captions };
}
