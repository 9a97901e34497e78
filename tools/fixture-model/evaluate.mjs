#!/usr/bin/env node
// Held-out evaluation of the exported fixture model through transformers.js (Node build,
// onnxruntime-node, sharp decode + resize) on images from the independent TypeScript
// generator tools/shapes-world.
//
//   node tools/fixture-model/evaluate.mjs [--n 200] [--seed 777001] [--dtypes fp32,q8,fp16]
//        [--model public/models/altscribe/shapes-captioner] [--dump DIR] [--json OUT.json]
//        [--min-side PX] [--max-side PX]   (restrict image sides, e.g. for a small-image stress test)
//
// Node 20 cannot import .ts directly, so the two generator files are transpiled with the
// repo's `typescript` package into tools/fixture-model/work/ts-out/ first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const N = Number(arg('n', '200'));
const SEED = Number(arg('seed', '777001')); // never used for training (training data is Python, seeds 1/2)
const DTYPES = arg('dtypes', 'fp32,q8').split(',');
const MODEL = path.resolve(repo, arg('model', 'public/models/altscribe/shapes-captioner'));
const DUMP = arg('dump', null);
const JSON_OUT = arg('json', null);
const SCENE_OPTS = {
  ...(arg('min-side', null) ? { minSide: Number(arg('min-side')) } : {}),
  ...(arg('max-side', null) ? { maxSide: Number(arg('max-side')) } : {}),
};

async function loadGenerator() {
  const out = path.join(here, 'work', 'ts-out');
  mkdirSync(out, { recursive: true });
  for (const f of ['shapes-world.ts', 'encode-node.ts']) {
    const src = readFileSync(path.join(repo, 'tools/shapes-world', f), 'utf8');
    const js = ts.transpileModule(src, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(path.join(out, f.replace(/\.ts$/, '.js')), js);
  }
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  const world = await import(pathToFileURL(path.join(out, 'shapes-world.js')).href);
  const enc = await import(pathToFileURL(path.join(out, 'encode-node.js')).href);
  return { ...world, ...enc };
}

const bucketers = {
  aspect: (s) => { const r = s.width / s.height; return r < 0.75 ? 'tall <3:4' : r > 4 / 3 ? 'wide >4:3' : 'near-square'; },
  longSide: (s) => { const l = Math.max(s.width, s.height); return l < 128 ? '<128' : l < 512 ? '128-511' : l < 1500 ? '512-1499' : '>=1500'; },
  sizeFrac: (s) => { const f = s.size / Math.min(s.width, s.height); return f < 0.2 ? '15-20%' : f < 0.27 ? '20-27%' : '27-35%'; },
  // smallest extent of one shape after the squash to the model's input side (96 px)
  inputPx: (s) => { const p = Math.min((s.size * 96) / s.width, (s.size * 96) / s.height); return p < 8 ? '<8px' : p < 12 ? '8-12px' : '>=12px'; },
  format: (s) => s.format,
  count: (s) => String(s.count),
  shape: (s) => s.shape,
};

function fieldErrors(pred, ref) {
  const p = pred.split(' ');
  const r = ref.split(' ');
  if (p.length !== 7) return { count: true, colour: true, shape: true, bg: true };
  return {
    count: p[0] !== r[0],
    colour: p[1] !== r[1],
    shape: p[2].replace(/s$/, '') !== r[2].replace(/s$/, ''),
    bg: p[5] !== r[5],
  };
}

const pct = (a, b) => `${((100 * a) / b).toFixed(1)}% (${a}/${b})`;

async function main() {
  const gen = await loadGenerator();
  const rng = gen.mulberry32(SEED);
  const items = [];
  const t0 = Date.now();
  for (let i = 0; i < N; i++) {
    const scene = gen.randomScene(rng, SCENE_OPTS);
    const encoded = await gen.encodeScene(scene);
    items.push({ scene, caption: gen.captionOf(scene), encoded });
    if (DUMP) {
      mkdirSync(DUMP, { recursive: true });
      writeFileSync(path.join(DUMP, `${String(i).padStart(3, '0')}-${encoded.fileName}`), encoded.bytes);
    }
  }
  console.log(`generated+encoded ${N} scenes (seed ${SEED}) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);

  const { pipeline, env, RawImage } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  const report = { seed: SEED, n: N, model: MODEL, results: {} };
  for (const dtype of DTYPES) {
    const captioner = await pipeline('image-to-text', MODEL, { dtype });
    let correct = 0;
    const fields = { count: 0, colour: 0, shape: 0, bg: 0 };
    const buckets = {};
    const failures = [];
    const times = [];
    for (const [i, it] of items.entries()) {
      const t = performance.now();
      const image = await RawImage.fromBlob(new Blob([it.encoded.bytes], { type: it.encoded.mime }));
      const out = await captioner(image, { max_new_tokens: 12 });
      times.push(performance.now() - t);
      const got = out[0].generated_text;
      const ok = got === it.caption;
      correct += ok ? 1 : 0;
      const fe = fieldErrors(got, it.caption);
      for (const k of Object.keys(fields)) fields[k] += fe[k] ? 1 : 0;
      for (const [name, fn] of Object.entries(bucketers)) {
        const key = `${name}:${fn(it.scene)}`;
        buckets[key] ??= [0, 0];
        buckets[key][0] += ok ? 1 : 0;
        buckets[key][1] += 1;
      }
      if (!ok) failures.push({ i, file: it.encoded.fileName, expected: it.caption, got, scene: { ...it.scene, positions: undefined } });
    }
    times.sort((a, b) => a - b);
    const res = {
      exact: correct / N,
      correct,
      fieldErrors: fields,
      buckets,
      medianMs: times[Math.floor(times.length / 2)],
      failures,
    };
    report.results[dtype] = res;
    console.log(`\n=== dtype ${dtype}: exact match ${pct(correct, N)}, median ${res.medianMs.toFixed(1)} ms/image`);
    console.log(`field errors: ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    for (const key of Object.keys(buckets).sort()) console.log(`  ${key.padEnd(24)} ${pct(...buckets[key])}`);
    for (const f of failures) console.log(`  FAIL #${f.i} ${f.file} ${f.scene.format} q${f.scene.quality}: expected "${f.expected}" got "${f.got}"`);
    await captioner.dispose();
  }
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(report, null, 2));
}

await main();
