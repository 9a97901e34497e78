#!/usr/bin/env node
// Raw onnxruntime-node check of the bench graphs against the torch reference written by
// export_bench.py. fp32 must match torch (the export is right); q8 must stay close to fp32
// (the int8 rewrite is wired right). Random weights mean q8 greedy ids may legitimately
// differ from fp32, so for q8 only closeness is required.
//   node tools/bench-model/check_ort_bench.mjs MODEL_DIR REF_JSON
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';

const [dir, refPath] = process.argv.slice(2);
const ref = JSON.parse(readFileSync(refPath, 'utf8'));
const { num_heads: H, head_dim: hd, n_layer: L } = ref;
const opts = { intraOpNumThreads: 2, interOpNumThreads: 1, graphOptimizationLevel: 'all' };

const maxDiff = (a, b) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const cosine = (a, b) => {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
  return ab / Math.sqrt(aa * bb);
};
const argmax = (a) => a.reduce((k, v, i) => (v > a[k] ? i : k), 0);

async function run(suffix) {
  const enc = await ort.InferenceSession.create(path.join(dir, `onnx/encoder_model${suffix}.onnx`), opts);
  const dec = await ort.InferenceSession.create(path.join(dir, `onnx/decoder_model_merged${suffix}.onnx`), opts);
  const pv = new ort.Tensor('float32', Float32Array.from(ref.pixel_values), ref.pixel_shape);
  const { last_hidden_state: hs } = await enc.run({ pixel_values: pv });
  const feeds = { encoder_hidden_states: hs };
  for (let i = 0; i < L; i++) for (const kv of ['key', 'value'])
    feeds[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, H, 0, hd]);
  const logits = [];
  const ids = [];
  let tok = ref.start_id;
  // step 1 is fed torch's step-0 argmax so its logits are comparable even if this run's differs
  for (let step = 0; step < ref.greedy.length; step++) {
    const fed = step === 1 ? ref.next0 : tok;
    feeds.input_ids = new ort.Tensor('int64', BigInt64Array.from([BigInt(fed)]), [1, 1]);
    const out = await dec.run(feeds);
    if (step < 2) logits.push(out.logits.data);
    tok = argmax(out.logits.data);
    ids.push(tok);
    for (let i = 0; i < L; i++) for (const kv of ['key', 'value'])
      feeds[`past_key_values.${i}.${kv}`] = out[`present.${i}.${kv}`];
  }
  await enc.release();
  await dec.release();
  return { hs: hs.data, logits, ids };
}

const fp32 = await run('');
const encDiff = maxDiff(fp32.hs, ref.last_hidden_state);
const logitDiffs = [maxDiff(fp32.logits[0], ref.logits0), maxDiff(fp32.logits[1], ref.logits1)];
// torch's greedy ids follow torch's own argmax at step 0, which run() also does when they agree
const sameIds = JSON.stringify(fp32.ids) === JSON.stringify(ref.greedy);
const fp32ok = encDiff < 1e-3 && logitDiffs.every((d) => d < 1e-3) && sameIds;
console.log(`fp32 ${fp32ok ? 'OK  ' : 'FAIL'} torch vs ORT: encoder max|diff| ${encDiff.toExponential(2)}, ` +
  `logits step0/1 max|diff| ${logitDiffs.map((d) => d.toExponential(2)).join('/')}, ` +
  `8 greedy ids ${sameIds ? 'identical' : `DIFFER ${fp32.ids} vs ${ref.greedy}`}`);

const q8 = await run('_quantized');
const encCos = cosine(q8.hs, ref.last_hidden_state);
const logitCos = [cosine(q8.logits[0], ref.logits0), cosine(q8.logits[1], ref.logits1)];
const q8ok = encCos > 0.98 && logitCos.every((c) => c > 0.95);
console.log(`q8   ${q8ok ? 'OK  ' : 'FAIL'} vs torch fp32: encoder cosine ${encCos.toFixed(5)}, ` +
  `logits step0/1 cosine ${logitCos.map((c) => c.toFixed(5)).join('/')}, ` +
  `step-0 argmax ${argmax(q8.logits[0]) === ref.next0 ? 'same' : 'differs'}`);
process.exit(fp32ok && q8ok ? 0 : 1);
