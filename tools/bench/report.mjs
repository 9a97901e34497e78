// Turns raw benchmark results into one table (printed, and written into docs/benchmarks.md).
// Every number is a median over the steady-state captions (after the first `first` ones) unless
// the column says otherwise; raw repetitions stay in docs/benchmarks.json.

import { median } from './browser.mjs';

const mean = (values) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : NaN);
const ms = (v) => (Number.isFinite(v) ? (v >= 100 ? Math.round(v).toString() : v.toFixed(1)) : '–');
const mb = (v) => (Number.isFinite(v) ? `${(v / 1e6).toFixed(1)} MB` : '–');

/** One caption's time as the side measured it: the worker's own time in the browser, the whole call natively. */
const captionMs = (c) => c.durationMs ?? c.totalMs;

function stageMedians(captions) {
  const staged = captions.filter((c) => c.stages);
  if (!staged.length) return null;
  const pick = (f) => median(staged.map(f));
  return {
    decode: pick((c) => c.stages.decodeMs),
    preprocess: pick((c) => c.stages.preprocessMs),
    encoder: pick((c) => c.stages.encoderMs),
    decoderFirst: pick((c) => c.stages.decoderStepsMs[0] ?? NaN),
    decoderStep: pick((c) => median(c.stages.decoderStepsMs.slice(1))),
    other: pick((c) => c.stages.otherMs),
    tokens: pick((c) => c.stages.newTokens),
  };
}

/** One row per configuration, native first, so a browser row can name its native counterpart. */
export function summarise(results) {
  const rows = [];
  for (const r of results.native ?? []) {
    const steady = r.captions.slice(r.first);
    rows.push({ side: 'native', name: `native ${r.dtype} ${r.threads}t`, dtype: r.dtype, threads: r.threads, median: median(steady.map(captionMs)), firstMs: captionMs(r.captions[0]), first5: mean(r.captions.slice(0, 5).map(captionMs)), reps: steady.length, stages: stageMedians(steady), load: { kind: 'session', ms: r.loadMs } });
  }
  for (const r of results.wasm ?? []) {
    const steady = r.captions.slice(r.first);
    // The app warms up only when it preloads a cached model at open; a photo waiting at load gets no warm-up.
    const warm = r.warmUp === null ? '' : r.warmUp ? ' warm-up on (preload at open)' : ' warm-up off (photo waiting)';
    const build = `${r.build ? ` ${r.build}` : ''}${r.spinWait === false ? ' spin-wait off' : r.spinWait ? ' spin-wait on' : ''}${r.freeDimensions ? ' fixed dims' : ''}`;
    const threadNote = r.load.wasmThreads !== r.threads ? ` (ran ${r.load.wasmThreads}t)` : '';
    rows.push({ side: 'wasm', name: `wasm ${r.dtype} ${r.threads}t${threadNote}${build}${warm}`, dtype: r.dtype, threads: r.threads, median: median(steady.map(captionMs)), wallMedian: median(steady.map((c) => c.wallMs)), firstMs: captionMs(r.captions[0]), first5: mean(r.captions.slice(0, 5).map(captionMs)), reps: steady.length, stages: stageMedians(steady), load: { kind: r.load.kind, ms: r.load.readyMs, bytes: r.load.serverBytes, progressBytes: r.load.progressBytes, warmUpMs: r.load.warmUpMs } });
  }
  for (const row of rows.filter((r) => r.side === 'wasm')) {
    const native = rows.find((n) => n.side === 'native' && n.dtype === row.dtype && n.threads === row.threads);
    row.ratio = native ? row.median / native.median : NaN;
  }
  return rows;
}

/** Best browser configuration against the best native one, whatever their dtype and threads. */
export function bestVsBest(rows) {
  const best = (side) => rows.filter((r) => r.side === side && Number.isFinite(r.median)).sort((a, b) => a.median - b.median)[0];
  const [wasm, native] = [best('wasm'), best('native')];
  return wasm && native ? { wasm: wasm.name, native: native.name, ratio: wasm.median / native.median } : null;
}

const HEADER = ['configuration', 'median ms', 'reps', 'first ms', 'first-5 mean', 'decode', 'preproc', 'encoder', 'dec step 1', 'dec step med', 'other', 'tokens', 'browser/native', 'load', 'load ms', 'bytes from server (load progress)'];

export function table(rows) {
  const lines = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, i) => (i ? '---:' : '---')).join('|')}|`];
  for (const r of rows) {
    const s = r.stages;
    const cells = [
      r.name, ms(r.median), String(r.reps), ms(r.firstMs), ms(r.first5),
      ms(s?.decode), ms(s?.preprocess), ms(s?.encoder), ms(s?.decoderFirst), ms(s?.decoderStep), ms(s?.other), s ? String(s.tokens) : '–',
      r.side === 'wasm' ? (Number.isFinite(r.ratio) ? `${r.ratio.toFixed(1)}×` : '–') : '1×',
      r.load.kind, ms(r.load.ms), r.load.bytes === undefined ? '–' : `${mb(r.load.bytes)} (progress ${mb(r.load.progressBytes)})`,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** "2.9×, 3.2×, 3.0× (median 3.0×)" */
function describePaired(paired) {
  const ratios = paired.rounds.map((r) => r.ratio);
  return `${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')} (median **${median(ratios).toFixed(2)}×**)`;
}

export function extras(results, rows) {
  const lines = [];
  const best = bestVsBest(rows);
  if (best) lines.push(`- Best vs best: ${best.wasm} / ${best.native} = **${best.ratio.toFixed(1)}×**.`);
  const paired = results.paired;
  if (paired) lines.push(`- Head to head (native ${paired.native.dtype} ${paired.native.threads}t, then WASM ${paired.browser.dtype} ${paired.browser.threads}t warmed up at load, in ${paired.rounds.length} alternating rounds; medians of ${paired.steady} captions after ${paired.first}): ${describePaired(paired)}.`);
  for (const w of results.webgpu ?? []) lines.push(`- WebGPU (SwiftShader, functional only): ${w.load.device}/${w.load.dtype}, "${w.caption.text}" (expected "${w.caption.expected}"): **${w.ok ? 'right text' : 'WRONG TEXT'}**, caption ${ms(w.caption.durationMs)} ms, ready ${ms(w.load.readyMs)} ms.`);
  const app = results.app;
  if (app) lines.push(`- App overhead (${app.modelId}, ${app.images} photos through the real UI): ${ms(app.perImageMs)} ms per photo wall, worker's own caption ${ms(app.meanWorkerMs)} ms → **overhead ${ms(app.overheadPerImageMs)} ms per photo** (intake, queue, worker messages, IndexedDB writes, rendering); ${app.done}/${app.images} done, ${app.textMatches} with the expected text.`);
  for (const w of results.wasm ?? []) if (w.load.warmUpMs !== null) lines.push(`- Warm-up caption during load (${w.dtype} ${w.threads}t): ${ms(w.load.warmUpMs)} ms.`);
  for (const note of results.notes ?? []) lines.push(`- ${note}`);
  return lines.join('\n');
}

/** `familiesSection`: the per-family part (families-report.mjs), kept whichever run wrote it last. */
export function markdown(report, rows, familiesSection = '') {
  return `# Benchmarks

Generated by \`npm run bench\` (tools/bench/bench.mjs) on ${report.date}; raw numbers with every repetition are in docs/benchmarks.json.
Do not edit by hand: run the benchmark again.

Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memGiB} GiB${report.machine.loadAvgStart ? ` (load average ${report.machine.loadAvgStart[0]} at the start, ${report.machine.loadAvgEnd[0]} at the end)` : ''}; Node ${report.versions.node}, Chromium ${report.versions.chromium ?? '–'}, onnxruntime-node ${report.versions.onnxruntimeNode ?? '–'}, transformers.js ${report.versions.transformers}.
Model: ${report.model.label} (\`${report.model.dir}\`). Mode: ${report.mode}.

${table(rows)}

${extras(report.results, rows)}

## Method

- **Work per caption is fixed**: exactly ${report.options.minNewTokens ?? report.options.maxNewTokens} new tokens (min = max new tokens), greedy, no-repeat n-gram ${report.options.noRepeatNgramSize}, repetition penalty ${report.options.repetitionPenalty}, on the same JPEG (${report.image}).
- **Native**: the same ONNX files on onnxruntime-node through transformers.js in Node (device \`cpu\`, \`session_options.intraOpNumThreads\` = threads, \`interOpNumThreads\` 1). The pipeline's steps are run one by one (RawImage.read → processor → generate → decode) and every \`session.run\` is timed.
- **Browser**: headless Chromium (the e2e flags: ${report.flags.join(' ')}), cross-origin isolated, on the bench page (bench/) that uses the app's own CaptionClient and caption worker. Times are the worker's own (\`CaptionOutcome.durationMs\`, stages from \`CaptionOutcome.stages\` when the worker reports them); each configuration gets a fresh worker.
- **median ms** is the median of the steady-state captions (\`reps\` of them) after the first ${report.first} captions, which are reported separately (first ms, first-5 mean). Stage columns are medians too; "dec step 1" is the first decoder run (it also projects cross-attention K/V), "dec step med" the median of the later steps; "other" is generation time outside session runs (logits processing, sampling, token decoding).
- **load ms**: browser rows time \`ensureModel\` in the page (worker start, download or IndexedDB read, session creation, and the warm-up caption when warm-up is on); native rows time pipeline creation from local files.
- **browser/native** divides by the native row with the same dtype and threads.
- **Load**: for each dtype the first configuration runs on a fresh browser profile (cold: files from the local server, then written to IndexedDB) and the later ones reload the page in the same profile (warm: from IndexedDB). "bytes from server" counts the model bytes the server sent during that load; "load progress" is the largest byte count the worker's progress events reported (on a warm load these bytes come from IndexedDB). Native "load" is session creation from local files.
- Nothing here is a test: there are no thresholds. The machine is shared, so numbers move by 10–30 % between runs (see shared notes on the WASM/native gap).
${familiesSection ? `\n${familiesSection}` : ''}`;
}
