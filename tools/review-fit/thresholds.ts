import { splitAt } from './ranking';

/**
 * The band rule (docs/review-priority.md), applied to measured priorities and labels:
 * - *Needs review* starts at the smallest threshold whose band is still mostly wrong captions
 *   (precision ≥ NEEDS_REVIEW_PRECISION), so it holds as many wrong captions as it can without
 *   asking a person to look at more right ones than wrong ones; it should hold ≥ 60 % of them.
 * - *Likely fine* is everything below the largest threshold under which at most
 *   FINE_ERROR_RATE of the captions are wrong; *Check if time allows* is between the two.
 * Thresholds are on a 0.01 grid so they read as round numbers.
 */
export const NEEDS_REVIEW_PRECISION = 0.6;
export const NEEDS_REVIEW_RECALL = 0.6;
export const FINE_ERROR_RATE = 0.03;

export interface ChosenThresholds {
  needsReview: number;
  check: number;
  /** The needs-review band reached NEEDS_REVIEW_RECALL at that precision. */
  recallMet: boolean;
}

const GRID = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

export function chooseThresholds(priorities: readonly number[], wrong: readonly boolean[]): ChosenThresholds {
  const totalWrong = wrong.filter(Boolean).length;
  const precise = GRID.filter((t) => {
    const c = splitAt(priorities, wrong, t);
    return c.above > 0 && c.wrongAbove / c.above >= NEEDS_REVIEW_PRECISION;
  });
  let needsReview = precise[0];
  if (needsReview === undefined) {
    // No band is mostly wrong: fall back to the tightest one that still holds the required share.
    needsReview = [...GRID].reverse().find((t) => splitAt(priorities, wrong, t).wrongAbove >= NEEDS_REVIEW_RECALL * totalWrong) ?? 0.5;
  }
  const recallMet = splitAt(priorities, wrong, needsReview).wrongAbove >= NEEDS_REVIEW_RECALL * totalWrong;
  const safe = GRID.filter((t) => {
    const c = splitAt(priorities, wrong, t);
    return t <= needsReview && c.below > 0 && c.wrongBelow / c.below <= FINE_ERROR_RATE;
  });
  const check = safe.at(-1) ?? Math.min(0.01, needsReview);
  return { needsReview, check, recallMet };
}
