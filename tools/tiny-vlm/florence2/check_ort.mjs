// Compares onnxruntime-node on the exported graphs with the torch reference from build.py:
// image features, encoder output, and decoder logits on the first step (empty past, built the way
// transformers.js builds it from inputMetadata) and on a cached second step.
// Usage: node tools/tiny-vlm/florence2/check_ort.mjs [MODEL_DIR]
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ort from 'onnxruntime-node';

const dir = resolve(process.argv[2] ?? 'public/models/altscribe/tiny-florence2');
const ref = JSON.parse(readFileSync(join(tmpdir(), 'tiny-florence2-reference.json'), 'utf8'));
const open = (name) => ort.InferenceSession.create(join(dir, 'onnx', `${name}.onnx`));
const [embed, vision, encoder, decoder] = await Promise.all(['embed_tokens', 'vision_encoder', 'encoder_model', 'decoder_model_merged'].map(open));
const f32 = (data, dims) => new ort.Tensor('float32', Float32Array.from(data), dims);
const i64 = (data, dims) => new ort.Tensor('int64', BigInt64Array.from(data.map(BigInt)), dims);
let worst = 0;
const compare = (label, got, want) => {
  let max = 0;
  // Relative above 1: silenced logits sit at -1e4, where one fp32 ulp is ~1e-3.
  for (let i = 0; i < want.length; i++) max = Math.max(max, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
  if (got.length !== want.length) throw new Error(`${label}: ${got.length} values, expected ${want.length}`);
  worst = Math.max(worst, max);
  console.log(`${label.padEnd(28)} max error = ${max.toExponential(2)} over ${want.length} values`);
};

const size = Math.round(Math.sqrt(ref.pixel_values.length / 3));
const { image_features } = await vision.run({ pixel_values: f32(ref.pixel_values, [1, 3, size, size]) });
compare('image_features', image_features.data, ref.image_features);
const { inputs_embeds: text } = await embed.run({ input_ids: i64(ref.input_ids, [1, ref.input_ids.length]) });
const [, imageTokens, d] = image_features.dims;
const seq = imageTokens + ref.input_ids.length;
const embeds = f32([...image_features.data, ...text.data], [1, seq, d]);
const mask = i64(Array(seq).fill(1), [1, seq]);
const { last_hidden_state } = await encoder.run({ inputs_embeds: embeds, attention_mask: mask });
compare('last_hidden_state', last_hidden_state.data, ref.last_hidden_state);

const step = async (tokenId, past, branch) => {
  const { inputs_embeds } = await embed.run({ input_ids: i64([tokenId], [1, 1]) });
  return decoder.run({ encoder_attention_mask: mask, encoder_hidden_states: last_hidden_state, inputs_embeds, use_cache_branch: new ort.Tensor('bool', [branch], [1]), ...past });
};
const empty = {};
for (const [i, name] of decoder.inputNames.entries()) {
  if (!name.startsWith('past_key_values.')) continue;
  const shape = decoder.inputMetadata[i].shape.map((dim) => (dim === 'batch_size' ? 1 : typeof dim === 'number' ? dim : 0));
  empty[name] = new ort.Tensor('float32', new Float32Array(0), shape);
}
const first = await step(2, empty, false);
compare('logits step 1 (empty past)', first.logits.data, ref.logits_step1);
const past = Object.fromEntries(Object.entries(first).filter(([k]) => k.startsWith('present.')).map(([k, v]) => [k.replace('present', 'past_key_values'), v]));
const second = await step(0, past, true);
compare('logits step 2 (cached)', second.logits.data, ref.logits_step2);
compare('present.0.decoder.key step 2', second['present.0.decoder.key'].data, ref.present_step2_0_decoder_key);
if (worst > 1e-4) throw new Error(`onnxruntime and torch disagree by ${worst}`);
console.log('OK');
