// `npm run bench -- --families`: seconds per photo per model family, WASM against native, head to
// head. For each family's full-size random-weight stand-in (tools/bench-model/build-vlm.sh) and
// dtype, `rounds` alternating rounds of: onnxruntime-node through the app's own adapter (2 threads),
// then headless Chromium WASM (2 threads) through the app's CaptionClient and worker on the bench
// page. Each side loads fresh in every round, so each round also gives the first caption after a
// load next to the steady ones. Writes docs/benchmarks-families.json; bench.mjs renders it.

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { median, runWasmGroup } from './browser.mjs';

/** Each family's full-size stand-in and the registry model whose shape it has. */
export const FAMILY_MODELS = [
  { family: 'encoder-decoder', id: 'altscribe/bench-distilvit', build: null, shapeOf: 'Mozilla/distilvit', label: 'distilvit shape (ViT-B/16 + 6-layer GPT-2 decoder)', prompt: null },
  { family: 'florence2', id: 'altscribe/bench-florence2-base', build: 'florence2', shapeOf: 'onnx-community/Florence-2-base-ft', label: 'Florence-2 base shape (DaViT + BART-base, 6+6 layers)', prompt: '<CAPTION>' },
  { family: 'smolvlm', id: 'altscribe/bench-smolvlm-256m', build: 'smolvlm', shapeOf: 'HuggingFaceTB/SmolVLM-256M-Instruct', label: 'SmolVLM-256M shape (SigLIP-B/16-512 + 30-layer SmolLM2-135M-like)', prompt: null },
];

const THREADS = 2;

function sh(root, log, cmd, args) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const status = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status;
  if (status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${status})`);
}

/** Builds the stand-ins (cached after the first time) and the Node bundle of the app's adapters. */
export function prepareFamilies(root, log, families) {
  for (const m of FAMILY_MODELS.filter((f) => !families || families.includes(f.family))) {
    if (m.build) sh(root, log, 'bash', [join(root, 'tools/bench-model/build-vlm.sh'), m.build, modelDir(root, m)]);
    else sh(root, log, 'env', ['SKIP_VERIFY=1', 'bash', join(root, 'tools/bench-model/build.sh'), modelDir(root, m)]);
  }
  const bundle = join(root, '.cache/bench/native-family.mjs');
  sh(root, log, 'npx', ['rolldown', 'tools/bench/native-family.ts', '--platform', 'node', '--format', 'esm', '--file', bundle, '--external', '@huggingface/transformers', '--external', 'sharp', '--log-level', 'warn']);
  return bundle;
}

export const modelDir = (root, m) => join(root, '.cache/bench-model', m.id);
export const familyMounts = (root) => Object.fromEntries(FAMILY_MODELS.map((m) => [`/models/${m.id}/`, modelDir(root, m)]));

function summariseSide(captions, pick) {
  const [first, ...steady] = captions;
  const stages = steady.map((c) => c.stages).filter(Boolean);
  const stageMedian = (f) => (stages.length ? median(stages.map(f)) : null);
  return {
    firstMs: pick(first),
    steadyMs: median(steady.map(pick)),
    steadyAllMs: steady.map(pick),
    stages: {
      decode: stageMedian((s) => s.decodeMs),
      preprocess: stageMedian((s) => s.preprocessMs),
      encoder: stageMedian((s) => s.encoderMs),
      decoderFirst: stageMedian((s) => s.decoderStepsMs[0] ?? NaN),
      decoderStep: stageMedian((s) => median(s.decoderStepsMs.slice(1))),
      other: stageMedian((s) => s.otherMs),
      tokens: stageMedian((s) => s.newTokens),
    },
    text: first?.text ?? null,
  };
}

/**
 * @param {{ root: string, server: any, bundle: string, photo: { path: string }, options: object, dtypes: string[], rounds: number, steady: number, families?: string[], log: (s: string) => void, save: (r: object) => void }} run
 */
export async function runFamilies({ root, server, bundle, photo, options, dtypes, rounds, steady, families, log, save }) {
  const { runNativeFamily } = await import(bundle);
  const report = { date: new Date().toISOString(), loadAvgStart: loadavg()[0], threads: THREADS, rounds, steady, options, results: [] };
  const entries = [];
  for (const m of FAMILY_MODELS.filter((f) => !families || families.includes(f.family))) {
    for (const dtype of dtypes) {
      if (!existsSync(join(modelDir(root, m), 'onnx', `decoder_model_merged${dtype === 'q8' ? '_quantized' : ''}.onnx`))) continue;
      entries.push({ m, entry: { family: m.family, id: m.id, shapeOf: m.shapeOf, label: m.label, dtype, rounds: [] } });
    }
  }
  report.results = entries.map(({ entry }) => entry);
  // Rounds outside, families inside: every family's round r runs within minutes of the others', so
  // the families compare under the same neighbour load as well as each family's two sides.
  for (let round = 1; round <= rounds; round++) {
    for (const { m, entry } of entries) {
      const { dtype } = entry;
      const native = await runNativeFamily({ modelDir: modelDir(root, m), family: m.family, prompt: m.prompt ?? undefined, dtype, threads: THREADS, imagePath: photo.path, options, captions: 1 + steady });
      const nativeSide = { loadMs: native.loadMs, ...summariseSide(native.captions, (c) => c.totalMs) };
      // The app's two ways to reach a first caption, in one profile: a photo already waiting when the
      // model loads (no warm-up; fresh profile, files from the server), then the preload at open
      // (model-session's warm-up caption on a blank image; files from IndexedDB).
      const [browser, preloaded] = await runWasmGroup({ server, modelId: m.id, dtype, variants: [{ threads: THREADS, warmUp: false }, { threads: THREADS, warmUp: true }], options, first: 1, steady, log: () => {} });
      const side = (b) => ({ loadMs: b.load.readyMs, warmUpMs: b.load.warmUpMs ?? null, wasmThreads: b.load.wasmThreads, build: b.build, consoleErrors: b.consoleErrors, ...summariseSide(b.captions, (c) => c.durationMs) });
      const wasmSide = side(browser);
      const wasmPreloaded = side(preloaded);
      const ratio = wasmSide.steadyMs / nativeSide.steadyMs;
      entry.rounds.push({ round, loadAvg: loadavg()[0], native: nativeSide, wasm: wasmSide, wasmPreloaded, ratio });
      log(`  ${m.family} ${dtype} round ${round}: native ${Math.round(nativeSide.steadyMs)} ms (first ${Math.round(nativeSide.firstMs)}), wasm ${Math.round(wasmSide.steadyMs)} ms (first ${Math.round(wasmSide.firstMs)}, ${wasmSide.wasmThreads}t; preloaded: first ${Math.round(wasmPreloaded.firstMs)}, steady ${Math.round(wasmPreloaded.steadyMs)}) → ${ratio.toFixed(2)}×, load average ${loadavg()[0].toFixed(1)}`);
      save(report);
    }
  }
  report.loadAvgEnd = loadavg()[0];
  save(report);
  return report;
}

export function writeFamilies(root, report) {
  writeFileSync(join(root, 'docs/benchmarks-families.json'), JSON.stringify(report, null, 2));
}
