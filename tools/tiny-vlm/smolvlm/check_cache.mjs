// Checks the exported decoder's KV cache: logits for the last token must be the same whether the
// whole sequence is run from an empty past (what transformers.js feeds first) or the last token
// is run against the cache of the rest. Usage: node tools/tiny-vlm/smolvlm/check_cache.mjs
import * as ort from 'onnxruntime-node';

const dir = new URL('../../../public/models/altscribe/tiny-smolvlm/', import.meta.url);
const config = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('config.json', dir), 'utf8'));
const { hidden_size: hidden, num_hidden_layers: layers, num_key_value_heads: kv, head_dim: hd } = config.text_config;
const session = await ort.InferenceSession.create(new URL('onnx/decoder_model_merged.onnx', dir).pathname);

const n = 6;
const embeds = Float32Array.from({ length: n * hidden }, (_, i) => Math.sin(i * 12.9898) * 0.5);
const emptyPast = () => Object.fromEntries(
  Array.from({ length: layers }, (_, i) => ['key', 'value'].map((k) => [`past_key_values.${i}.${k}`, new ort.Tensor('float32', new Float32Array(0), [1, kv, 0, hd])])).flat(),
);
const run = (from, to, past, pastLen) =>
  session.run({
    inputs_embeds: new ort.Tensor('float32', embeds.slice(from * hidden, to * hidden), [1, to - from, hidden]),
    attention_mask: new ort.Tensor('int64', BigInt64Array.from({ length: to }, () => 1n), [1, to]),
    position_ids: new ort.Tensor('int64', BigInt64Array.from({ length: to - from }, (_, i) => BigInt(pastLen + i)), [1, to - from]),
    ...past,
  });

const full = await run(0, n, emptyPast(), 0);
const prefix = await run(0, n - 1, emptyPast(), 0);
const past = Object.fromEntries(Object.entries(prefix).filter(([k]) => k.startsWith('present.')).map(([k, v]) => [k.replace('present', 'past_key_values'), v]));
const step = await run(n - 1, n, past, n - 1);

const vocab = full.logits.dims[2];
const a = full.logits.data.slice((n - 1) * vocab), b = step.logits.data;
const diff = Math.max(...a.map((x, i) => Math.abs(x - b[i])));
console.log(`present dims ${JSON.stringify(step['present.0.key'].dims)}; max |full - cached| on last logits = ${diff.toExponential(2)}`);
if (!(diff < 1e-4)) process.exit(1);
