// `npm run bench [-- --quick] [-- --only native|wasm|webgpu|load|app|paired] [-- --families]`: issue 6's benchmark.
// Native (onnxruntime-node) and Chromium WASM side by side on the same model and JPEG, WebGPU on
// SwiftShader as a functional check, cold/warm model loads, and the app's own overhead per photo.
// Prints one table; writes docs/benchmarks.json (raw) and docs/benchmarks.md (generated).
// Per model family (issue 17): the full run ends with families.mjs's head-to-head rounds;
// `--families` runs only those (options: --rounds N, --steady N, --dtypes q8,fp32, --family florence2),
// keeping the rest of docs/benchmarks.md from the last full run; `--rewrite-report` only rewrites
// docs/benchmarks.md from the JSON files. Bench page build dir:
// ALTSCRIBE_BENCH_DIST (default dist-benchpage).
// Nothing here is a test: no thresholds. Ports: ALTSCRIBE_BENCH_PORT (default 4470) and +1.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { runAppOverhead } from './app-overhead.mjs';
import { makeShapeFiles, runWasmGroup, runWebGpuCheck, BASE_ARGS } from './browser.mjs';
import { runNative } from './native.mjs';
import { markdown, summarise, table, extras } from './report.mjs';
import { familyMounts, prepareFamilies, runFamilies, writeFamilies } from './families.mjs';
import { familiesMarkdown } from './families-report.mjs';
import { runPairedRounds } from './paired.mjs';
import { startServer } from './server.mjs';
import { writeBenchPhoto } from './bench-photo.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const wants = (part) => !only || only === part;
const port = Number(process.env['ALTSCRIBE_BENCH_PORT'] ?? 4470);
const benchDist = join(root, process.env['ALTSCRIBE_BENCH_DIST'] ?? 'dist-benchpage');
const log = (line) => console.log(line);
const argValue = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const familiesOnly = args.includes('--families');
/** The per-family phase's settings: a WASM caption takes seconds, so few repetitions by default. */
const familyRun = {
  rounds: Number(argValue('--rounds', 3)),
  steady: Number(argValue('--steady', 3)),
  dtypes: argValue('--dtypes', 'q8').split(','),
  families: args.includes('--family') ? argValue('--family', '').split(',') : undefined,
};
const familiesFile = join(root, 'docs/benchmarks-families.json');
const readFamilies = () => (existsSync(familiesFile) ? JSON.parse(readFileSync(familiesFile, 'utf8')) : null);
/** The distilvit shape's WASM q8 2-thread steady median of a full run: what the family section scales by. */
function quietBaseline(report, rows) {
  const row = rows.find((r) => r.side === 'wasm' && r.dtype === 'q8' && r.threads === 2 && /^wasm q8 2t plain warm-up off/.test(r.name));
  return row && report.model?.id === BENCH.id ? { ms: row.median, date: report.date.slice(0, 10), loadAvg: report.machine?.loadAvgStart?.[0] ?? '?' } : null;
}
/**
 * The bench model's symbolic input dimensions fixed for one caption of one photo: a batch of 1,
 * 197 encoder positions (ViT-B/16 at 224 px) and one new decoder token per step.
 */
const FIXED_DIMENSIONS = { batch_size: 1, encoder_sequence_length: 197, decoder_sequence_length: 1 };
const notes = [];

const FIXTURE = { id: 'altscribe/shapes-captioner', dir: join(root, 'public/models/altscribe/shapes-captioner'), label: 'fixture shapes captioner (tiny, trained)' };
const BENCH = { id: 'altscribe/bench-distilvit', dir: join(root, '.cache/bench-model/altscribe/bench-distilvit'), label: 'bench DistilViT-sized model (ViT-B/16 + DistilGPT2-sized decoder, random weights)' };
// The files tools/bench-model/build.sh makes (its FILES list).
const MODEL_FILES = ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
const hasModel = (dir) => MODEL_FILES.every((f) => existsSync(join(dir, f)));

function run(cmd, cmdArgs, env = {}) {
  log(`$ ${cmd} ${cmdArgs.join(' ')}`);
  return spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

function fallBack(why) {
  notes.push(`${why}: FELL BACK to the fixture shapes model, so these are not full-size numbers.`);
  log(notes.at(-1));
  return FIXTURE;
}

/** The full-size model, built once into the ignored cache (build.sh returns at once when cached). */
function chooseModel() {
  if (quick) return FIXTURE;
  const script = join(root, 'tools/bench-model/build.sh');
  if (!existsSync(script)) return hasModel(BENCH.dir) ? BENCH : fallBack('tools/bench-model/build.sh does not exist');
  // SKIP_VERIFY: build.sh's own 20-token timing would only repeat what this benchmark measures.
  if (run('bash', [script, BENCH.dir], { SKIP_VERIFY: '1' }) === 0 && hasModel(BENCH.dir)) return BENCH;
  return fallBack('Building the bench model failed');
}

/** Writes docs/benchmarks.json and docs/benchmarks.md; called after every phase so a cut-short run still leaves numbers. */
function save() {
  const transformers = JSON.parse(readFileSync(join(root, 'node_modules/@huggingface/transformers/package.json'), 'utf8'));
  const { appFiles: _photos, ...kept } = results;
  const ortNode = results.native[0]?.ortVersion?.node ?? transformers.dependencies?.['onnxruntime-node'];
  const report = {
    date: new Date().toISOString(),
    mode: quick ? 'quick (fixture model, 2 + 2 captions per configuration)' : `full${only ? ` (--only ${only})` : ''}`,
    // Load average at the start and now: on a shared machine it says how contended the numbers are.
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30), loadAvgStart, loadAvgEnd: loadavg().map((v) => Number(v.toFixed(2))) },
    versions: { node: process.versions.node, chromium: results.wasm[0]?.chromium ?? results.webgpu[0]?.chromium ?? null, onnxruntimeNode: ortNode, onnxruntimeWeb: transformers.dependencies?.['onnxruntime-web'], transformers: transformers.version },
    flags: BASE_ARGS,
    model: { id: model.id, label: model.label, dir: model.dir.replace(`${root}/`, '') },
    image: photo.describe,
    options,
    first: reps.first,
    elapsedMs: Date.now() - started,
    results: kept,
  };
  const rows = summarise(kept);
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs/benchmarks.json'), JSON.stringify({ ...report, rows }, null, 2));
  writeFileSync(join(root, 'docs/benchmarks.md'), markdown(report, rows, familiesMarkdown(readFamilies() ?? { results: [] }, quietBaseline(report, rows))));
  return rows;
}

/** The head-to-head rounds per family on a server that mounts the stand-ins; saves as it goes. */
async function familyPhase(server, photo, options) {
  const bundle = prepareFamilies(root, log, familyRun.families);
  log(`per-family head to head (${familyRun.rounds} rounds × ${familyRun.steady} steady captions, ${familyRun.dtypes.join(', ')})`);
  return runFamilies({ root, server, bundle, photo, options, ...familyRun, log, save: (report) => writeFamilies(root, report) });
}

/** docs/benchmarks.md again from the two JSON files, without measuring: after a --families run was cut short. */
function rewriteMarkdown() {
  const last = JSON.parse(readFileSync(join(root, 'docs/benchmarks.json'), 'utf8'));
  const section = familiesMarkdown(readFamilies() ?? { results: [] }, quietBaseline(last, last.rows));
  writeFileSync(join(root, 'docs/benchmarks.md'), markdown(last, last.rows, section));
  return section;
}

if (args.includes('--rewrite-report')) {
  rewriteMarkdown();
  log('rewrote docs/benchmarks.md from docs/benchmarks.json and docs/benchmarks-families.json');
  process.exit(0);
}

if (familiesOnly) {
  const photo = await writeBenchPhoto(join(root, '.cache/bench/bench-photo.jpg'));
  const options = { maxNewTokens: 20, minNewTokens: 20, noRepeatNgramSize: 3, repetitionPenalty: 1.1 };
  if (run('npx', ['vite', 'build', '-c', 'tools/bench/vite.config.ts', '--outDir', benchDist]) !== 0) throw new Error('bench page build failed');
  const server = await startServer({ root: benchDist, port, mounts: familyMounts(root), files: { '/bench-photo.jpg': photo.path } });
  try {
    await familyPhase(server, photo, options);
  } finally {
    await server.close();
  }
  // The rest of docs/benchmarks.md stays as the last full run wrote it (docs/benchmarks.json).
  const section = rewriteMarkdown();
  log(`\n${section}\nwrote docs/benchmarks-families.json and docs/benchmarks.md`);
  process.exit(0);
}

const started = Date.now();
const loadAvgStart = loadavg().map((v) => Number(v.toFixed(2)));
const model = chooseModel();
const reps = quick ? { first: 2, steady: 2 } : { first: 5, steady: 5 };
const options = { maxNewTokens: 20, minNewTokens: 20, noRepeatNgramSize: 3, repetitionPenalty: 1.1 };
const photo = await writeBenchPhoto(join(root, '.cache/bench/bench-photo.jpg'));
const results = { native: [], wasm: [], webgpu: [], app: null, paired: null, notes };

if (wants('native')) {
  log(`native (onnxruntime-node) on ${model.id}`);
  for (const dtype of ['fp32', 'q8'])
    for (const threads of [1, 2]) {
      const r = await runNative({ modelDir: model.dir, dtype, threads, imagePath: photo.path, options, ...reps });
      log(`  native ${dtype} ${threads}t: load ${Math.round(r.loadMs)} ms, caption median ${Math.round(r.captions.slice(reps.first).map((c) => c.totalMs).sort((a, b) => a - b)[reps.steady >> 1])} ms`);
      results.native.push({ dtype, threads, ...reps, ...r });
      save();
    }
}

if (['wasm', 'load', 'webgpu', 'paired'].some(wants)) {
  if (run('npx', ['vite', 'build', '-c', 'tools/bench/vite.config.ts', '--outDir', benchDist]) !== 0) throw new Error('bench page build failed');
  const server = await startServer({
    root: benchDist,
    port,
    mounts: { [`/models/${BENCH.id}/`]: BENCH.dir, [`/models/${FIXTURE.id}/`]: FIXTURE.dir, ...familyMounts(root) },
    files: { '/bench-photo.jpg': photo.path },
  });
  try {
    if (wants('wasm') || wants('load')) {
      log(`browser WASM on ${model.id} (${server.url})`);
      // Per dtype: the first variant loads cold on a fresh profile, the others warm (same profile).
      // The app's defaults (plain build, no warm-up) at 1 and 2 threads for both dtypes; for q8, the
      // app's WASM dtype, one lever changed at a time: the asyncify build, the warm-up after load.
      const defaults = [{ threads: 1, warmUp: false }, { threads: 2, warmUp: false }];
      const levers = [{ threads: 2, warmUp: false, build: 'asyncify' }, { threads: 2, warmUp: true }, { threads: 2, warmUp: false, spinWait: false }, { threads: 2, warmUp: false, freeDimensions: FIXED_DIMENSIONS }];
      const variantsFor = (dtype) => (only === 'load' ? [{ threads: 2, warmUp: false }, { threads: 2, warmUp: false }] : quick ? [{ threads: 2, warmUp: false }, { threads: 2, warmUp: true }] : dtype === 'q8' ? [...defaults, ...levers] : defaults);
      const groupReps = only === 'load' ? { first: 1, steady: 0 } : reps;
      // The quick smoke run keeps one browser dtype (q8, the app's WASM default) to stay near 2 minutes.
      for (const dtype of quick ? ['q8'] : ['fp32', 'q8']) {
        results.wasm.push(...(await runWasmGroup({ server, modelId: model.id, dtype, variants: variantsFor(dtype), options, ...groupReps, log })));
        save();
      }
      const ignoredWarmUp = results.wasm.filter((r) => r.warmUp === true && r.load.warmUpMs === null);
      if (ignoredWarmUp.length) notes.push('The worker reported no warmUpMs for the warm-up-on configurations: RuntimeTuning.warmUp is probably not implemented yet, so those rows equal warm-up off.');
      if (results.wasm.some((r) => r.load.wasmThreads !== r.threads)) notes.push('Some configurations ran with a different thread count than asked (RuntimeTuning.wasmThreads not honoured?): see "(ran Nt)".');
      if (results.wasm.some((r) => r.captions.some((c) => !c.stages))) notes.push('The worker reported no per-stage timings (CaptionOutcome.stages) for browser captions: stage columns are empty there.');
    }
    if (wants('webgpu')) {
      log('browser WebGPU (SwiftShader) on the fixture model: functional check');
      const fixtureOptions = { maxNewTokens: 12, noRepeatNgramSize: 0, repetitionPenalty: 1 };
      results.webgpu.push(await runWebGpuCheck({ server, modelId: FIXTURE.id, options: fixtureOptions, seed: 20261127, log }));
      save();
    }
    if (wants('paired') && !quick) {
      log(`head to head: native and browser in alternating rounds on ${model.id}`);
      results.paired = await runPairedRounds({ server, model, photo, options, rounds: 3, first: 2, steady: 5, log });
      save();
    }
    // The full run (no --only, not --quick) ends the browser phases with the per-family rounds.
    if (!only && !quick) await familyPhase(server, photo, options);
    if (wants('app')) results.appFiles = await makeShapeFiles({ server, count: quick ? 6 : 21, seed: 6 });
  } finally {
    await server.close();
  }
} else if (wants('app')) {
  notes.push('--only app needs the bench page to make its photos; run without --only or with --only app after a build.');
}

if (wants('app') && results.appFiles) {
  log('app overhead through the real UI (fixture model)');
  if (run('npx', ['vite', 'build', '--outDir', join(root, 'dist-benchapp'), '--logLevel', 'warn']) !== 0) throw new Error('app build failed');
  const server = await startServer({ root: join(root, 'dist-benchapp'), port: port + 1 });
  try {
    results.app = await runAppOverhead({ server, files: results.appFiles, log });
  } finally {
    await server.close();
    delete results.appFiles;
  }
}

const rows = save();
log(`\n${table(rows)}\n\n${extras(results, rows)}\n\nwrote docs/benchmarks.json and docs/benchmarks.md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
