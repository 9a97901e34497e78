#!/usr/bin/env node
// Raw onnxruntime-node check of the exported graphs against torch reference outputs
// written by export.py (work/ref_outputs.json).
//   node tools/fixture-model/check_ort.mjs [MODEL_DIR] [REF_JSON]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] ?? path.join(here, '../../public/models/altscribe/shapes-captioner'));
const ref = JSON.parse(readFileSync(process.argv[3] ?? path.join(here, 'work/ref_outputs.json'), 'utf8'));
const { num_heads: H, head_dim: hd, n_layer: L } = ref;

const maxDiff = (a, b) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const argmax = (a, from, n) => { let k = 0; for (let i = 1; i < n; i++) if (a[from + i] > a[from + k]) k = i; return k; };

let failed = false;
for (const [label, suffix, tol] of [['fp32', '', 1e-4], ['q8', '_quantized', 0.5], ['fp16', '_fp16', 0.5]]) {
  const enc = await ort.InferenceSession.create(path.join(dir, `onnx/encoder_model${suffix}.onnx`));
  const dec = await ort.InferenceSession.create(path.join(dir, `onnx/decoder_model_merged${suffix}.onnx`));
  const meta = dec.inputMetadata.map((m) => `${m.name}:${m.type}[${m.shape}]`).join(' ');
  const pv = new ort.Tensor('float32', Float32Array.from(ref.pixel_values), ref.pixel_shape);
  const { last_hidden_state: hs } = await enc.run({ pixel_values: pv });
  const dEnc = maxDiff(hs.data, ref.last_hidden_state);
  const feeds = { encoder_hidden_states: hs };
  for (let i = 0; i < L; i++) for (const kv of ['key', 'value'])
    feeds[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, H, 0, hd]);
  const ids = [];
  let tok = 1; // <bos>
  const diffs = [];
  for (let step = 0; step < ref.greedy.length; step++) {
    feeds.input_ids = new ort.Tensor('int64', BigInt64Array.from([BigInt(tok)]), [1, 1]);
    const out = await dec.run(feeds);
    const V = out.logits.dims[2];
    if (step === 0) diffs.push(maxDiff(out.logits.data, ref.logits0));
    if (step === 1 && tok === ref.next0) diffs.push(maxDiff(out.logits.data, ref.logits1));
    tok = argmax(out.logits.data, 0, V);
    ids.push(tok);
    for (let i = 0; i < L; i++) for (const kv of ['key', 'value'])
      feeds[`past_key_values.${i}.${kv}`] = out[`present.${i}.${kv}`];
  }
  const same = JSON.stringify(ids) === JSON.stringify(ref.greedy);
  const ok = same && dEnc < tol && diffs.every((d) => d < tol);
  failed ||= !ok;
  console.log(`${label.padEnd(5)} ${ok ? 'OK  ' : 'FAIL'} enc maxdiff ${dEnc.toExponential(2)}, logits step0/1 maxdiff ${diffs.map((d) => d.toExponential(2)).join('/')}, greedy ids ${same ? 'identical' : `DIFFER ${ids} vs ${ref.greedy}`}`);
  if (label === 'fp32') console.log(`      decoder inputs: ${meta}`);
}
process.exit(failed ? 1 : 0);
