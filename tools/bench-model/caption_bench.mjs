#!/usr/bin/env node
// Load the bench model through the unmodified transformers.js image-to-text pipeline
// (Node build = onnxruntime-node, device 'cpu', 2 intra-op threads) for each dtype, force
// exactly N new tokens (min_new_tokens = max_new_tokens = N, so the random model's EOS cannot
// end a caption early) on a 224x224 image, check that N tokens came out, and time captions.
//   node tools/bench-model/caption_bench.mjs MODEL_DIR [--dtypes fp32,q8] [--tokens 20] [--runs 5]
import os from 'node:os';
import path from 'node:path';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const MODEL = path.resolve(process.argv[2]);
const DTYPES = arg('dtypes', 'fp32,q8').split(',');
const N = Number(arg('tokens', '20'));
const RUNS = Number(arg('runs', '5'));

const { pipeline, env, RawImage } = await import('@huggingface/transformers');
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = path.dirname(MODEL);
const modelId = path.basename(MODEL);

// deterministic RGB gradient with a diagonal stripe: real pixels, no decoder dependency
const side = 224;
const px = new Uint8ClampedArray(side * side * 3);
for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) {
  const o = 3 * (y * side + x);
  px[o] = x;
  px[o + 1] = y;
  px[o + 2] = Math.abs(x - y) < 12 ? 255 : 40;
}
const image = new RawImage(px, side, side, 3);
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];

let failed = false;
for (const dtype of DTYPES) {
  // the host is shared: the load average says how much the timings below can be trusted
  console.log(`${dtype}: load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
  const t0 = performance.now();
  const captioner = await pipeline('image-to-text', modelId, {
    device: 'cpu', dtype, session_options: { intraOpNumThreads: 2, interOpNumThreads: 1 },
  });
  const loadMs = performance.now() - t0;
  const gen = { min_new_tokens: N, max_new_tokens: N };

  // the exact pipeline path, one level down, to read the token ids themselves
  const { pixel_values } = await captioner.processor(image);
  const seq = await captioner.model.generate({ inputs: pixel_values, ...gen });
  const ids = Array.from(seq.data, Number);
  const newIds = ids.slice(1); // first id is the decoder start token

  const times = [];
  const cpu = []; // process CPU ms (all threads): less sensitive to other tenants than wall time
  let steps = 0;
  let text = '';
  for (let r = 0; r <= RUNS; r++) { // run 0 is warm-up (first-run allocations), not timed
    let calls = 0;
    const countSteps = (_ids, logits) => { calls += 1; return logits; };
    const t = performance.now();
    const c = process.cpuUsage();
    const out = await captioner(image, { ...gen, logits_processor: [countSteps] });
    if (r > 0) {
      times.push(performance.now() - t);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
    }
    steps = calls;
    text = out[0].generated_text;
  }
  const words = text.split(/\s+/).filter(Boolean).length;
  const ok = newIds.length === N && steps === N && words === N;
  failed ||= !ok;
  console.log(`${dtype.padEnd(4)} ${ok ? 'OK  ' : 'FAIL'} load ${(loadMs / 1000).toFixed(1)} s; ` +
    `generate() gave ${newIds.length} new ids (seq dims [${seq.dims}]), pipeline ran ${steps} decoder steps, ` +
    `caption has ${words} words`);
  console.log(`     ${N}-token caption wall time (pipeline incl. preprocessing, 2 threads): ` +
    `median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, ` +
    `max ${Math.max(...times).toFixed(0)} ms over ${RUNS} runs; median process CPU ${median(cpu).toFixed(0)} ms`);
  console.log(`     caption starts: "${text.split(' ').slice(0, 6).join(' ')} ..."`);
  await captioner.dispose();
}
process.exit(failed ? 1 : 0);
