// Runs the three exported graphs with onnxruntime-node (no transformers.js) on the prompt that
// build.py recorded in reference.json, and compares the greedy ids and logits with torch's.
// Usage: node tools/tiny-vlm/fastvlm/check_ort.mjs [MODEL_DIR]
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(process.argv[2] ?? resolve(here, '../../../public/models/altscribe/tiny-fastvlm'));
const ref = JSON.parse(readFileSync(resolve(here, 'reference.json'), 'utf8'));
const config = JSON.parse(readFileSync(resolve(dir, 'config.json'), 'utf8'));
const open = (name) => ort.InferenceSession.create(resolve(dir, 'onnx', `${name}.onnx`));
const [embed, vision, decoder] = await Promise.all(['embed_tokens', 'vision_encoder', 'decoder_model_merged'].map(open));

const L = config.num_hidden_layers, KV = config.num_key_value_heads, HD = config.hidden_size / config.num_attention_heads;
const i64 = (values, dims) => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);
const argmax = (data, from, n) => {
  let best = 0;
  for (let i = 1; i < n; i++) if (data[from + i] > data[from + best]) best = i;
  return best;
};

const ids = ref.prompt_ids;
const { inputs_embeds } = await embed.run({ input_ids: i64(ids, [1, ids.length]) });
const side = ref.pixel_size;
const px = new ort.Tensor('float32', new Float32Array(3 * side * side).fill(ref.pixel_value), [1, 3, side, side]);
const { image_features } = await vision.run({ pixel_values: px });
const H = config.hidden_size;
const merged = Float32Array.from(inputs_embeds.data);
let row = 0;
ids.forEach((id, pos) => {
  if (id === config.image_token_index) merged.set(image_features.data.subarray(row++ * H, row * H), pos * H);
});
if (row !== image_features.dims[1]) throw new Error(`image tokens ${row} != features ${image_features.dims[1]}`);

const feeds = {
  inputs_embeds: new ort.Tensor('float32', merged, [1, ids.length, H]),
  attention_mask: i64(ids.map(() => 1), [1, ids.length]),
  position_ids: i64(ids.map((_, i) => i), [1, ids.length]),
};
for (let i = 0; i < L; i++)
  for (const kv of ['key', 'value']) feeds[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, KV, 0, HD]);
const out0 = await decoder.run(feeds);
const V = out0.logits.dims[2];
const first = argmax(out0.logits.data, (ids.length - 1) * V, V);
const maxDiff = Math.max(...ref.last_logits_step0.map((v, i) => Math.abs(v - out0.logits.data[(ids.length - 1) * V + i])));

const step = { inputs_embeds: (await embed.run({ input_ids: i64([first], [1, 1]) })).inputs_embeds };
step.attention_mask = i64([...ids, first].map(() => 1), [1, ids.length + 1]);
step.position_ids = i64([ids.length], [1, 1]);
for (let i = 0; i < L; i++) for (const kv of ['key', 'value']) step[`past_key_values.${i}.${kv}`] = out0[`present.${i}.${kv}`];
const out1 = await decoder.run(step);
const second = argmax(out1.logits.data, 0, V);

console.log({ first, refFirst: ref.first, second, refSecond: ref.second, maxLogitDiffStep0: maxDiff });
if (first !== ref.first || second !== ref.second || maxDiff > 1e-3) process.exit(1);
