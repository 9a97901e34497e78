/**
 * `node tools/review-fit/run-ts.mjs tools/review-fit/measure-node.ts [N] [--seed S]`: the shapes
 * captioner alone on the hard set, in Node (onnxruntime-node, q8 as the app on WASM), with its
 * token confidence. Prints the error rate of each kind (to tune the set's strengths) and writes
 * reports/review-node-<seed>-<N>.json in the bench's dump format (no photo quality, no second
 * opinion: those come from the app).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';
import { env } from '@huggingface/transformers';
import { finishAltText } from '../../src/alttext/finish-alt-text.js';
import { resolveCaptionOptions } from '../../src/models/caption-options.js';
import type { TextConfidence } from '../../src/models/review-signals.js';
import { getModel } from '../../src/models/registry.js';
import { decodeImageInNode } from '../../workers/decode-image-node.js';
import { EncoderDecoderCaptioner } from '../../workers/encoder-decoder-captioner.js';
import { hardSet } from '../shapes-world/hard-set.js';
import { argValue } from './args.js';
import { isCorrect, type Dump, type DumpRow } from './dump.js';
import { encodeHardImage } from './hard-set-files.js';

const MODEL_ID = 'altscribe/shapes-captioner';
const args = process.argv.slice(3);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 300);
const seed = Number(argValue(args, '--seed') ?? 1);

env.allowLocalModels = true;
env.allowRemoteModels = false;
const captioner = await EncoderDecoderCaptioner.load(resolve('public/models', MODEL_ID), { dtype: 'q8' });
const options = resolveCaptionOptions(getModel(MODEL_ID).generation);
const rows: DumpRow[] = [];
const MIME = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;
let index = 0;
for (const image of hardSet(seed, count)) {
  const bytes = await encodeHardImage(image);
  let confidence: TextConfidence | undefined;
  const started = performance.now();
  const modelText = await captioner.caption(await decodeImageInNode(bytes, MIME[image.format]), options, { onConfidence: (c) => (confidence = c) });
  rows.push({ fileName: `hard-${index++}`, kind: image.kind, truth: image.truth, detail: image.detail, text: finishAltText(modelText).text, modelText, modelId: MODEL_ID, ...(confidence ? { confidence } : {}), durationMs: performance.now() - started });
}
await captioner.dispose();

const byKind = new Map<string, { n: number; wrong: number }>();
for (const row of rows) {
  const entry = byKind.get(row.kind) ?? { n: 0, wrong: 0 };
  entry.n++;
  if (!isCorrect(row.text, row.truth)) entry.wrong++;
  byKind.set(row.kind, entry);
}
const wrong = rows.filter((r) => !isCorrect(r.text, r.truth)).length;
console.log(`wrong ${wrong}/${count} (${((100 * wrong) / count).toFixed(1)} %)`);
for (const [kind, { n, wrong: w }] of [...byKind].sort()) console.log(`  ${kind.padEnd(14)} ${w}/${n} wrong`);
mkdirSync('reports', { recursive: true });
const dump: Dump = { seed, count, source: 'node', rows };
writeFileSync(`reports/review-node-${seed}-${count}.json`, JSON.stringify(dump, null, 2));
