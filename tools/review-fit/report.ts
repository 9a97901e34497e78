import { FEATURE_NAMES } from '../../src/review/features';
import type { ReviewModel } from '../../src/review/priority';
import type { Analysis, RankingNumbers } from './analyse';
import type { Dump } from './dump';
import { FINE_ERROR_RATE, NEEDS_REVIEW_PRECISION, NEEDS_REVIEW_RECALL } from './thresholds';

/** docs/review-priority.md, from the analysis; every number in it is measured, none typed in. */
export interface ReportInput {
  analysis: Analysis;
  model: ReviewModel;
  dumps: readonly Dump[];
  command: string;
  /** Hand-written findings (tools/review-fit/notes.md), placed after the goals. */
  notes?: string;
  /** The fit was written to src/review/default-model.json (fit.ts --adopt). */
  adopted?: boolean;
}

const pct = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)} %`);
const num = (x: number | undefined, digits = 3): string => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(digits));

/** How each feature is scaled, as in src/review/features.ts. */
const SCALING: Readonly<Record<(typeof FEATURE_NAMES)[number], string>> = {
  leastSure: '−ln(max(minProb, 1e−9)) / ln(1000), clamped to 0–1',
  meanSurprise: '−meanLogProb / 2, clamped',
  meanEntropy: 'meanEntropy (nats) / 3, clamped',
  secondDisagrees: '1 − agreement of content words (Dice), 0 without a second opinion',
  secondLooked: '1 when a second model looked, else 0',
  zoomedSurprise: 'the model’s −meanLogProb of its own text on the photo zoomed out 1.3× (edges repeated), log scale: 0 at 10⁻⁴, 1 at 3',
  secondSurprise: 'the second model’s −meanLogProb of the first model’s text (forced decoding), same scale; 0 without one',
  secondZoomedSurprise: 'the same on the zoomed-out copy',
  flagged: '1 when the finishing rules flag the text (file-name-like, repetition, too short/long, hedge) or the raw output repeats',
  small: '(log2 256 − log2 shorter side) / 3, clamped: 0 at ≥ 256 px, 1 at ≤ 32 px',
  blurred: '1 − log10(1 + Laplacian variance) / 3, clamped',
  lowContrast: '1 − RMS contrast / 0.2, clamped',
  noisy: 'noise σ (0–255) / 20, clamped',
  compressed: '(70 − JPEG quality) / 60, clamped; 0 for other formats',
  extremeAspect: 'log2(aspect) − 1, clamped: 0 up to 2:1',
};

function rankingRow(name: string, r: RankingNumbers): string {
  return `| ${name} | ${num(r.auroc)} | ${pct(r.top10)} | ${pct(r.top25)} | ${pct(r.top50)} |`;
}

export function renderReport({ analysis: a, model, dumps, command, notes, adopted = false }: ReportInput): string {
  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);
  const better = Math.max(...a.merge.filter((m) => m.rule === 'first model' || m.rule === 'second model').map((m) => m.correct));
  const stored = a.merge.find((m) => m.rule.startsWith('stored'));
  add(
    '# Review priority: how it is computed and what it was fitted on',
    '',
    '<!-- Written by tools/review-fit/fit.ts; rerun it rather than editing the numbers. -->',
    '',
    'Every finished caption gets a review priority from 0 to 1: the estimated chance that the caption is wrong. It is a logistic model over the features of `src/review/features.ts`:',
    '',
    '    priority = 1 / (1 + e^−(bias + Σ weightᵢ · featureᵢ))',
    '',
    `and a band: *Needs review* at or above \`thresholds.needsReview\`, *Check if time allows* at or above \`thresholds.check\`, *Likely fine* below. ${adopted ? 'The weights and thresholds below are the app’s (`src/review/default-model.json`)' : 'The weights and thresholds below are this fit’s (`tools/review-fit/fitted-model.json`), not adopted as the app’s `src/review/default-model.json`'}; on a device, the person’s own approvals and edits refit them (\`src/review/calibration.ts\`).`,
    '',
    '## Goals (issue 14) against this measurement',
    '',
    '| goal | measured (test half) | met |',
    '| --- | ---: | --- |',
    `| combined AUROC ≥ 0.85 | ${num(a.test.auroc)} | ${a.test.auroc >= 0.85 ? 'yes' : 'no'} |`,
    `| riskiest 25 % hold ≥ 60 % of wrong captions | ${pct(a.test.top25)} | ${a.test.top25 >= 0.6 ? 'yes' : 'no'} |`,
    stored ? `| merged choice at least as accurate as the better single model | ${stored.correct} vs ${better} of ${stored.of} | ${stored.correct >= better ? 'yes' : 'no'} |` : '| merged choice at least as accurate as the better single model | no second opinions measured | – |',
    '',
    ...(notes ? [notes.trim(), ''] : []),
    '## Features and their scaling',
    '',
    '| feature | scaling (features.ts) | fitted weight |',
    '| --- | --- | ---: |',
    ...FEATURE_NAMES.map((name) => `| ${name} | ${SCALING[name]} | ${num(model.weights[name])} |`),
    `| (bias) | | ${num(model.bias)} |`,
    '',
    `Thresholds: needsReview = ${model.thresholds.needsReview}, check = ${model.thresholds.check}.`,
    '',
    '## Data',
    '',
    `${a.rows} captions from ${dumps.map((d) => `${d.source === 'app' ? 'the built app' : 'Node'} (seed ${d.seed}, ${d.count} images${d.models?.second ? `, second model ${d.models.second}` : ''})`).join('; ')}. The hard shapes set (\`tools/shapes-world/hard-set.ts\`) mixes ordinary shapes-world scenes (45 %), degraded ones (35 %: noise, blur, tiny, low contrast, crushed JPEG, shapes cut by the border, turned squares) and pictures the world has no caption for (20 %: 4–9 shapes, mixed shapes, mixed colours; every caption of those is wrong). A caption is right when, lower-cased and without its final period, it equals the scene’s caption.`,
    '',
    `Split by seed into a fit half (${a.fitRows}, with any first-model-only runs) and a test half (${a.testRows}). ${a.withSecond} captions had a second opinion. Rows with one give two fit samples: the app’s situation (with the second opinion; label: the stored, merged text is wrong) and the situation without a second model (label: the first model’s text is wrong), so \`secondLooked\` is not confounded with the bias. L2 strength ${a.l2}, chosen by 5-fold log-loss on the fit half.`,
    '',
    '| kind | images | first model wrong | second model wrong | stored text wrong |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...a.kinds.map((k) => `| ${k.kind} | ${k.n} | ${k.firstWrong} | ${a.withSecond ? k.secondWrong : '–'} | ${k.storedWrong} |`),
    '',
    '## How well each signal ranks wrong captions (test half, AUROC)',
    '',
    '“app” scores the stored text with every stored signal; “alone” is the first model’s text without a second opinion. 0.5 is chance; a signal that is constant on this data shows 0.5.',
    '',
    '| signal | app | alone |',
    '| --- | ---: | ---: |',
    ...a.signals.map((s) => `| ${s.name} | ${num(s.app)} | ${num(s.alone)} |`),
    '',
    '## The combined score (test half)',
    '',
    '| score | AUROC | wrong found in riskiest 10 % | 25 % | 50 % |',
    '| --- | ---: | ---: | ---: | ---: |',
    rankingRow('fitted, app situation', a.test),
    rankingRow('fitted, without a second model', a.test.alone),
    ...(a.test.storedPriority ? [rankingRow('the priority the app stored (weights of that build)', a.test.storedPriority)] : []),
    '',
    '| band | captions | wrong | share of all wrong |',
    '| --- | ---: | ---: | ---: |',
    ...a.test.bands.map((b) => `| ${b.band} | ${b.n} | ${b.wrong} (${pct(b.n ? b.wrong / b.n : NaN)}) | ${pct(b.shareOfWrong)} |`),
    '',
    '### The threshold rule',
    '',
    `On the fit half: *Needs review* starts at the smallest threshold (0.01 grid) at which at least ${pct(NEEDS_REVIEW_PRECISION)} of the band is wrong, so it holds as many wrong captions as it can while most of what it asks a person to look at is wrong; it should hold ≥ ${pct(NEEDS_REVIEW_RECALL)} of the wrong captions (${a.recallMet ? 'met' : 'not met'} on the fit half). *Likely fine* is everything below the largest threshold under which at most ${pct(FINE_ERROR_RATE)} of captions are wrong.`,
    '',
    '## Calibration on a device, simulated',
    '',
    `Half of the test half plays a person’s reviews (${a.calibration[0]?.decisions ?? 0} decisions, labels from the truth); \`calibrate\` refits from the weights shown; the other half is scored before and after.`,
    '',
    '| starting weights | AUROC before | after | riskiest 25 % before | after |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...a.calibration.map((c) => `| ${c.name} | ${num(c.before.auroc)} | ${num(c.after.auroc)} | ${pct(c.before.top25)} | ${pct(c.after.top25)} |`),
    '',
    '## Merging two opinions',
    '',
    ...(a.merge.length
      ? ['| rule | right | of |', '| --- | ---: | ---: |', ...a.merge.map((m) => `| ${m.rule} | ${m.correct} (${pct(m.correct / m.of)}) | ${m.of} |`), '', `The stored (merged) choice is ${stored && stored.correct >= better ? 'at least as accurate as' : 'less accurate than'} the better single model.`]
      : ['No second opinions in these dumps.']),
    '',
    `Mean time per caption: first model ${a.firstMs ? `${num(a.firstMs.mean, 0)} ms (${a.firstMs.n})` : '–'}, second opinion ${a.secondMs ? `${num(a.secondMs.mean, 0)} ms (${a.secondMs.n})` : '–'}.`,
    '',
    '## Feature ranges on the measured captions',
    '',
    'A feature that sits near 0 for nearly every caption, or at 1 for many, wastes its range: the weight must be huge to matter, and the score cannot tell apart what the scaling squashed.',
    '',
    '| feature | median | 90th percentile | at 0 | at 1 |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...a.ranges.map((r) => `| ${r.name} | ${num(r.median)} | ${num(r.p90)} | ${pct(r.atZero)} | ${pct(r.atOne)} |`),
    '',
    '## Commands',
    '',
    '    npm run bench:review -- 300 --seed 1                   # the built app, a second opinion on every caption: reports/review-1-300.json',
    '    npm run bench:review -- 300 --seed 5 --second none     # the first model alone: reports/review-5-300-alone.json',
    '    npm run bench:review -- 300 --seed 9 --default-scope   # the app as a ?second= link runs it (held out): reports/review-9-300-default.json',
    `    ${command}`,
    '    node tools/review-fit/run-ts.mjs tools/review-fit/check.ts reports/review-9-300-default.json   # judge what the app stored, no fit',
    '    node tools/review-fit/run-ts.mjs tools/review-fit/measure-node.ts 800 --seed 21   # first model alone in Node, to tune the hard set',
    '    npx vitest run tools/review-fit src/review',
    '',
  );
  return lines.join('\n');
}
