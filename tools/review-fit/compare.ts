/**
 * `node tools/review-fit/run-ts.mjs tools/review-fit/compare.ts before.json after.json reports/review-43-300-default.json …`:
 * two sets of weights (review-model JSON files, as src/review/default-model.json) judged on the
 * same bench dumps, side by side: each stored result is scored again from its stored signals with
 * each model, against the stored text being wrong. A model that does not weigh a feature scores
 * as the app did before that feature existed, so an old default model file gives the "before".
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { featuresOf } from '../../src/review/features.js';
import { logit, type ReviewModel } from '../../src/review/priority.js';
import { isCorrect, loadDumps, type DumpRow } from './dump.js';
import { auroc, captured } from './ranking.js';

const [beforePath, afterPath, ...dumpPaths] = process.argv.slice(3);
if (!beforePath || !afterPath || dumpPaths.length === 0) {
  console.error('usage: compare.ts <before-model.json> <after-model.json> <dump.json>…');
  process.exit(2);
}
const readModel = (path: string): ReviewModel => {
  const model = JSON.parse(readFileSync(path, 'utf8')) as ReviewModel;
  // A model written before a feature existed does not weigh it.
  return { ...model, weights: new Proxy(model.weights, { get: (weights, name) => (weights as Record<string | symbol, number>)[name] ?? 0 }) };
};
const models = [readModel(beforePath), readModel(afterPath)];
const percent = (x: number): string => `${(100 * x).toFixed(1)} %`;

function line(label: string, rows: readonly DumpRow[], model: ReviewModel): string {
  const wrong = rows.map((r) => !isCorrect(r.text, r.truth));
  const scores = rows.map((r) => logit(model, featuresOf({ modelText: r.modelText ?? r.text, ...(r.confidence ? { confidence: r.confidence } : {}), ...(r.quality ? { quality: r.quality } : {}), ...(r.secondOpinion ? { secondOpinion: r.secondOpinion } : {}) })));
  return `  ${label.padEnd(7)} AUROC ${auroc(scores, wrong).toFixed(3)}; riskiest 10 % ${percent(captured(scores, wrong, 0.1))}, 25 % ${percent(captured(scores, wrong, 0.25))}, 50 % ${percent(captured(scores, wrong, 0.5))}`;
}

const all: DumpRow[] = [];
for (const dump of loadDumps(dumpPaths)) {
  const rows = dump.rows.filter((r: DumpRow & { status?: string }) => r.status === 'done');
  all.push(...rows);
  console.log(`${dump.seed}-${dump.count}: ${rows.length} captions, ${rows.filter((r) => !isCorrect(r.text, r.truth)).length} wrong, ${rows.filter((r) => r.secondOpinion).length} with a second opinion`);
  models.forEach((model, i) => console.log(line(i === 0 ? 'before' : 'after', rows, model)));
}
if (dumpPaths.length > 1) {
  console.log(`all ${all.length}`);
  models.forEach((model, i) => console.log(line(i === 0 ? 'before' : 'after', all, model)));
}
