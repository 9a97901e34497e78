import { getModel, type ModelEntry } from '../src/models/registry';

/**
 * The full-size random-weight models of the per-family bench (tools/bench-model/build-vlm.sh
 * builds them into the ignored cache; tools/bench/server.mjs mounts them under /models/). Each
 * copies the registry entry it stands in for, so the worker prompts, budgets and generates for
 * it exactly as for the real model; only the files (and so the words) differ.
 */
function standIn(realId: string, id: string, label: string, approxBytes: ModelEntry['approxBytes']): ModelEntry {
  const real = getModel(realId);
  return {
    ...real,
    id,
    label,
    source: { kind: 'app' },
    dtypes: { wasm: 'q8', webgpu: 'fp32' },
    approxBytes,
    note: `Random weights shaped like ${real.label}: its captions are noise; only its timings mean anything.`,
    fixture: true,
  };
}

export const FAMILY_BENCH_MODELS: readonly ModelEntry[] = [
  standIn('onnx-community/Florence-2-base-ft', 'altscribe/bench-florence2-base', 'Benchmark Florence-2-base-shaped model (random weights)', { q8: 290_000_000, fp32: 1_090_000_000 }),
  standIn('HuggingFaceTB/SmolVLM-256M-Instruct', 'altscribe/bench-smolvlm-256m', 'Benchmark SmolVLM-256M-shaped model (random weights)', { q8: 290_000_000, fp32: 1_030_000_000 }),
];
