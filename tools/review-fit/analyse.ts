import { mergeOpinions } from '../../src/review/agreement';
import { calibrate, canCalibrate } from '../../src/review/calibration';
import { FEATURE_NAMES } from '../../src/review/features';
import { logit, sigmoid, type ReviewModel } from '../../src/review/priority';
import { isCorrect, type Dump, type DumpRow } from './dump';
import { auroc, captured, splitAt } from './ranking';
import { aloneSample, appSample, chooseL2, fitSamples, fitWeights, opinionsOf, splitHalves, type Sample } from './samples';
import { chooseThresholds, type ChosenThresholds } from './thresholds';

/** Everything docs/review-priority.md reports, from one or more dumps. */
export interface Analysis {
  rows: number;
  fitRows: number;
  testRows: number;
  withSecond: number;
  /** Per kind: images, wrong first captions, wrong second captions, wrong stored captions. */
  kinds: { kind: string; n: number; firstWrong: number; secondWrong: number; storedWrong: number }[];
  /** AUROC on the test half of each signal alone, in the app's situation and without a second model. */
  signals: { name: string; app: number; alone: number }[];
  l2: number;
  l2Losses: Record<string, number>;
  model: ReviewModel;
  recallMet: boolean;
  test: RankingNumbers & { alone: RankingNumbers; bands: BandRow[]; storedPriority?: RankingNumbers };
  calibration: { name: string; before: RankingNumbers; after: RankingNumbers; decisions: number }[];
  merge: { rule: string; correct: number; of: number }[];
  /** Per feature over all rows (the app's situation): median, 90th percentile, share at 0 and at 1. */
  ranges: { name: string; median: number; p90: number; atZero: number; atOne: number }[];
  secondMs?: { mean: number; n: number };
  firstMs?: { mean: number; n: number };
}

export interface RankingNumbers {
  auroc: number;
  /** Share of wrong captions among the riskiest 10 / 25 / 50 %. */
  top10: number;
  top25: number;
  top50: number;
}

export interface BandRow {
  band: string;
  n: number;
  wrong: number;
  /** Share of all wrong captions that landed in this band. */
  shareOfWrong: number;
}

const priorityOf = (model: Pick<ReviewModel, 'bias' | 'weights'>) => (s: Sample): number => sigmoid(logit(model, s.features));

export function ranking(scores: readonly number[], wrong: readonly boolean[]): RankingNumbers {
  return { auroc: auroc(scores, wrong), top10: captured(scores, wrong, 0.1), top25: captured(scores, wrong, 0.25), top50: captured(scores, wrong, 0.5) };
}

function bands(scores: readonly number[], wrong: readonly boolean[], thresholds: ChosenThresholds): BandRow[] {
  const totalWrong = wrong.filter(Boolean).length;
  const high = splitAt(scores, wrong, thresholds.needsReview);
  const low = splitAt(scores, wrong, thresholds.check);
  const row = (band: string, n: number, w: number): BandRow => ({ band, n, wrong: w, shareOfWrong: totalWrong ? w / totalWrong : NaN });
  return [row('needs-review', high.above, high.wrongAbove), row('check', low.above - high.above, low.wrongAbove - high.wrongAbove), row('fine', low.below, low.wrongBelow)];
}

function signalScores(rows: readonly DumpRow[], samples: readonly Sample[]): { name: string; scores: number[] }[] {
  return [
    ...FEATURE_NAMES.map((name) => ({ name, scores: samples.map((s) => s.features[name]) })),
    { name: 'raw 1 − minProb', scores: rows.map((r) => (r.confidence ? 1 - r.confidence.minProb : 0)) },
    { name: 'raw −meanLogProb', scores: rows.map((r) => (r.confidence ? -r.confidence.meanLogProb : 0)) },
  ];
}

function mergeAccuracy(rows: readonly DumpRow[]): Analysis['merge'] {
  const pairs = rows.flatMap((row) => {
    const { first, second } = opinionsOf(row);
    return second ? [{ row, first, second }] : [];
  });
  type Pair = (typeof pairs)[number];
  const rules: [string, (p: Pair) => string | undefined][] = [
    ['first model', (p) => p.first.text],
    ['second model', (p) => p.second.text],
    ['stored (the app’s merge)', (p) => p.row.text],
    ['mergeOpinions recomputed', (p) => (mergeOpinions({ text: p.first.text, confidence: p.first.confidence }, { text: p.second.text, confidence: p.second.confidence }).chosen === 'first' ? p.first.text : p.second.text)],
    ['surer model (higher mean log-prob)', (p) => ((p.second.confidence?.meanLogProb ?? -Infinity) > (p.first.confidence?.meanLogProb ?? -Infinity) ? p.second.text : p.first.text)],
  ];
  const table = rules.map(([rule, pick]) => ({ rule, correct: pairs.filter((p) => isCorrect(pick(p), p.row.truth)).length, of: pairs.length }));
  table.push({ rule: 'either is right (upper bound)', correct: pairs.filter((p) => isCorrect(p.first.text, p.row.truth) || isCorrect(p.second.text, p.row.truth)).length, of: pairs.length });
  return pairs.length ? table : [];
}

function ranges(samples: readonly Sample[]): Analysis['ranges'] {
  return FEATURE_NAMES.map((name) => {
    const values = samples.map((s) => s.features[name]).sort((a, b) => a - b);
    const at = (q: number): number => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
    const share = (test: (v: number) => boolean): number => values.filter(test).length / Math.max(1, values.length);
    return { name, median: at(0.5), p90: at(0.9), atZero: share((v) => v <= 0), atOne: share((v) => v >= 1) };
  });
}

const mean = (values: readonly number[]) => (values.length ? { mean: values.reduce((a, b) => a + b, 0) / values.length, n: values.length } : undefined);

/** `extraFit`: dumps whose rows only join the fit half (e.g. first-model-only runs, when the test half should be the app with a second opinion). */
export function analyse(dumps: readonly Dump[], seed: number, provisional: ReviewModel, extraFit: readonly Dump[] = []): Analysis {
  const rows = dumps.flatMap((d) => d.rows);
  const [splitFit, testRows] = splitHalves(rows, seed);
  const fitRows = [...splitFit, ...extraFit.flatMap((d) => d.rows)];
  const fitSet = fitSamples(fitRows);
  const { l2, losses } = chooseL2(fitSet, seed + 1);
  const weights = fitWeights(fitSet, l2);
  const fitApp = fitRows.map(appSample);
  const thresholds = chooseThresholds(fitApp.map(priorityOf(weights)), fitApp.map((s) => s.wrong));
  const model: ReviewModel = { ...weights, thresholds: { needsReview: thresholds.needsReview, check: thresholds.check } };

  const testApp = testRows.map(appSample);
  const testAlone = testRows.map(aloneSample);
  const wrongApp = testApp.map((s) => s.wrong);
  const wrongAlone = testAlone.map((s) => s.wrong);
  const appScores = testApp.map(priorityOf(model));
  const stored = testRows.every((r) => r.reviewPriority !== undefined) ? ranking(testRows.map((r) => r.reviewPriority ?? 0), wrongApp) : undefined;
  const aloneSignals = signalScores(testRows, testAlone);
  const signals = signalScores(testRows, testApp).map(({ name, scores }, i) => ({ name, app: auroc(scores, wrongApp), alone: auroc(aloneSignals[i]?.scores ?? [], wrongAlone) }));
  signals.push({ name: 'combined (fitted)', app: auroc(appScores, wrongApp), alone: auroc(testAlone.map(priorityOf(model)), wrongAlone) });

  // The calibration simulation: a person reviews one half of the test rows; the other half is scored before and after.
  const [reviewed, later] = splitHalves(testApp, seed + 2);
  const decisions = reviewed.map((s) => ({ features: s.features, wrong: s.wrong }));
  const calibration = [
    { name: 'provisional weights', prior: provisional },
    { name: 'fitted weights', prior: model },
  ].map(({ name, prior }) => {
    const after = canCalibrate(decisions) ? calibrate(prior, decisions) : prior;
    const laterWrong = later.map((s) => s.wrong);
    return { name, decisions: decisions.length, before: ranking(later.map(priorityOf(prior)), laterWrong), after: ranking(later.map(priorityOf(after)), laterWrong) };
  });

  const kindNames = [...new Set(rows.map((r) => r.kind))].sort();
  const kinds = kindNames.map((kind) => {
    const of = rows.filter((r) => r.kind === kind);
    return {
      kind,
      n: of.length,
      firstWrong: of.filter((r) => !isCorrect(opinionsOf(r).first.text, r.truth)).length,
      secondWrong: of.filter((r) => {
        const second = opinionsOf(r).second;
        return second && !isCorrect(second.text, r.truth);
      }).length,
      storedWrong: of.filter((r) => !isCorrect(r.text, r.truth)).length,
    };
  });

  return {
    rows: rows.length + extraFit.reduce((n, d) => n + d.rows.length, 0),
    fitRows: fitRows.length,
    testRows: testRows.length,
    withSecond: rows.filter((r) => r.secondOpinion).length,
    kinds,
    signals,
    l2,
    l2Losses: losses,
    model,
    recallMet: thresholds.recallMet,
    test: { ...ranking(appScores, wrongApp), alone: ranking(testAlone.map(priorityOf(model)), wrongAlone), bands: bands(appScores, wrongApp, thresholds), ...(stored ? { storedPriority: stored } : {}) },
    calibration,
    merge: mergeAccuracy(rows),
    ranges: ranges(rows.map(appSample)),
    secondMs: mean(rows.flatMap((r) => opinionsOf(r).second?.durationMs ?? [])),
    firstMs: mean(rows.flatMap((r) => opinionsOf(r).first.durationMs ?? [])),
  };
}
