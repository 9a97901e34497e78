/**
 * `node tools/review-fit/run-ts.mjs tools/review-fit/check.ts reports/review-7-300-default.json …`:
 * what the app stored, judged as a reviewer would judge it. For each dump (a bench run through the
 * built app), the AUROC of the stored `reviewPriority` against the stored text being wrong, the
 * share of wrong captions among the riskiest 10/25/50 %, the bands, and the accuracy of the first
 * model, the second and the stored (merged) text. No fitting: a dump not used for the fit is a
 * held-out check of the weights in src/review/default-model.json.
 */
import process from 'node:process';
import { isCorrect, loadDumps, type DumpRow } from './dump.js';
import { auroc, captured } from './ranking.js';

const FIRST = 'altscribe/shapes-captioner';
const percent = (x: number): string => `${(100 * x).toFixed(1)} %`;

for (const dump of loadDumps(process.argv.slice(3))) {
  const rows = dump.rows.filter((r: DumpRow & { status?: string }) => r.status === 'done' && typeof r.reviewPriority === 'number');
  const wrong = rows.map((r) => !isCorrect(r.text, r.truth));
  const scores = rows.map((r) => r.reviewPriority!);
  const firstText = (r: DumpRow): string | undefined => (r.modelId === FIRST ? r.text : r.secondOpinion?.modelId === FIRST ? r.secondOpinion.text : undefined);
  const secondText = (r: DumpRow): string | undefined => (r.modelId !== FIRST ? r.text : r.secondOpinion?.text);
  const right = (pick: (r: DumpRow) => string | undefined, among: readonly DumpRow[] = rows): string => `${among.filter((r) => isCorrect(pick(r), r.truth)).length}/${among.length}`;
  const seconded = rows.filter((r) => r.secondOpinion);
  const bands = ['needs-review', 'check', 'fine'].map((band) => {
    const inBand = rows.map((r, i) => ({ r, wrong: wrong[i]! })).filter(({ r }) => r.reviewBand === band);
    return `${band} ${inBand.length} (${inBand.filter((x) => x.wrong).length} wrong)`;
  });
  const asked = rows.filter((r) => r.secondOpinion).length;
  console.log(
    [
      `${dump.seed}-${dump.count} ${dump.url ?? ''}`,
      `  captions ${rows.length}, wrong ${wrong.filter(Boolean).length}; second opinions ${asked}`,
      `  AUROC of stored reviewPriority ${auroc(scores, wrong).toFixed(3)}; wrong found in riskiest 10 % ${percent(captured(scores, wrong, 0.1))}, 25 % ${percent(captured(scores, wrong, 0.25))}, 50 % ${percent(captured(scores, wrong, 0.5))}`,
      `  bands: ${bands.join(', ')}`,
      `  right: first model ${right(firstText)}, stored (merged) ${right((r) => r.text)}; where a second opinion ran: first ${right(firstText, seconded)}, second ${right(secondText, seconded)}, merged ${right((r) => r.text, seconded)}`,
    ].join('\n'),
  );
}
