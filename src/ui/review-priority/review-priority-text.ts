import type { RefreshPlan } from '../../app/refresh-ai-texts';
import type { CalibrationState } from '../../app/review-scorer';
import { MIN_EACH_KIND } from '../../review/calibration';
import { formatCount } from '../../models/format-count';

const n = formatCount;
const texts = (x: number): string => `${n(x)} ${x === 1 ? 'text' : 'texts'}`;

/** Where the review priority's weights come from, in one sentence. */
export function calibrationText(state: CalibrationState): string {
  if (state.calibratedOn !== null) return `The score is calibrated on this device from ${n(state.calibratedOn)} of your decisions.`;
  if (state.decisions < state.needed) return `Default weights: calibrates after ${n(state.needed)} decisions (${n(state.decisions)} so far).`;
  // Enough decisions, yet default weights: after a reset a refit waits for new decisions, and any
  // fit needs both kinds (texts kept as they were, texts corrected).
  return `Default weights: calibrates after more of your decisions, at least ${MIN_EACH_KIND} kept and ${MIN_EACH_KIND} corrected texts among them (${n(state.decisions)} so far).`;
}

/** "about 25 min", "about 1 h 10 min", "less than a minute". */
export function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `about ${hours} h ${rest} min` : `about ${hours} h`;
}

/** "Redo 1,204 texts with X, about 25 min; 300 more need their photos: add their folder again first." */
export function planText(plan: RefreshPlan, label: string): string {
  if (plan.count === 0) return `No AI text that nobody reviewed was written by a model other than ${label}: nothing to redo.`;
  const waiting = plan.count - plan.withPhoto;
  const addAgain = 'add their folder again first.';
  if (plan.withPhoto === 0) return `${texts(plan.count)} could be redone with ${label}, but ${waiting === 1 ? 'it needs its photo' : 'they need their photos'}: ${addAgain}`;
  const time = plan.estimatedMs === null ? '' : `, ${durationText(plan.estimatedMs)}`;
  const rest = waiting ? `; ${n(waiting)} more ${waiting === 1 ? 'needs its photo' : 'need their photos'}: ${addAgain}` : '.';
  return `Redo ${texts(plan.withPhoto)} with ${label}${time}${rest}`;
}

/** What happened, for the panel and the live region. */
export function refreshResultText(result: { queued: number; waiting: number }, label: string): string {
  const waiting = result.waiting ? ` ${n(result.waiting)} more wait for their photos.` : '';
  if (!result.queued) return `Nothing was re-captioned.${waiting}`;
  return `Re-captioning ${texts(result.queued)} with ${label}; the earlier texts are kept in each photo's history.${waiting}`;
}
