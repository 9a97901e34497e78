/**
 * `node tools/review-fit/run-ts.mjs tools/review-fit/fit.ts <dump.json>… [--fit-only a.json,b.json] [--seed S] [--write]`:
 * fits the review priority's weights on half of the measured rows (split by the seed), measures
 * every signal and the combined score on the other half, chooses the band thresholds by the rule
 * in thresholds.ts and simulates on-device calibration. Writes reports/review-fit.json; with
 * --write also tools/review-fit/fitted-model.json (src/review/default-model.json with --adopt)
 * and docs/review-priority.md (with the findings in tools/review-fit/notes.md, written by hand
 * from the numbers).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { FEATURE_NAMES, type FeatureName } from '../../src/review/features';
import type { ReviewModel } from '../../src/review/priority';
import { analyse } from './analyse';
import { argValue, positionals } from './args';
import { loadDumps } from './dump';
import { renderReport } from './report';

const args = process.argv.slice(3);
const seed = Number(argValue(args, '--seed') ?? 1);
const paths = positionals(args, ['--seed', '--fit-only']);
// --fit-only a.json,b.json: rows that only join the fit half (runs without a second opinion).
const fitOnly = (argValue(args, '--fit-only') ?? '').split(',').filter(Boolean);
if (!paths.length) {
  console.error('usage: fit.ts <dump.json>… [--seed S] [--write]');
  process.exit(2);
}
const provisional = JSON.parse(readFileSync('tools/review-fit/provisional-model.json', 'utf8')) as ReviewModel;
const dumps = loadDumps(paths);
const extraFit = loadDumps(fitOnly);
const analysis = analyse(dumps, seed, provisional, extraFit);
mkdirSync('reports', { recursive: true });
writeFileSync('reports/review-fit.json', JSON.stringify({ seed, dumps: paths, fitOnly, ...analysis }, null, 2));

const round = (x: number): number => Math.round(x * 1000) / 1000;
const adopt = args.includes('--adopt');
const target = adopt ? 'src/review/default-model.json' : 'tools/review-fit/fitted-model.json';
// Keys the fit does not produce (the second opinion's default scope) stay as they were.
const kept = existsSync(target) ? (JSON.parse(readFileSync(target, 'utf8')) as Partial<ReviewModel> & Record<string, unknown>) : {};
// A feature that is 0 on every measured caption (no flagged text in these runs) tells the fit
// nothing: it keeps the weight it had rather than dropping to 0.
const unmeasured = new Set(analysis.ranges.filter((r) => r.atZero >= 1).map((r) => r.name));
const model: ReviewModel = {
  bias: round(analysis.model.bias),
  weights: Object.fromEntries(FEATURE_NAMES.map((name) => [name, unmeasured.has(name) && kept.weights ? (kept.weights[name] ?? 0) : round(analysis.model.weights[name])])) as Record<FeatureName, number>,
  thresholds: analysis.model.thresholds,
};
const { signals, test, merge } = analysis;
console.log(JSON.stringify({ rows: analysis.rows, l2: analysis.l2, model, test: { ...test, bands: test.bands }, signals, merge, calibration: analysis.calibration, kinds: analysis.kinds }, null, 1));
if (args.includes('--write')) {
  // --adopt makes the fit the app's default; without it the fit is kept beside the tool for review.
  const adopted = adopt;
  writeFileSync(target, `${JSON.stringify({ ...kept, ...model }, null, 2)}\n`);
  const fitOnlyArg = fitOnly.length ? ` --fit-only ${fitOnly.join(',')}` : '';
  const command = `node tools/review-fit/run-ts.mjs tools/review-fit/fit.ts ${paths.join(' ')}${fitOnlyArg} --seed ${seed} --write${adopted ? ' --adopt' : ''}`;
  const notesPath = 'tools/review-fit/notes.md';
  const notes = existsSync(notesPath) ? readFileSync(notesPath, 'utf8') : undefined;
  writeFileSync('docs/review-priority.md', renderReport({ analysis, model, dumps, command, adopted, ...(notes ? { notes } : {}) }));
  console.log(`wrote ${target} and docs/review-priority.md`);
}
