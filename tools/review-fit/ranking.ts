/**
 * How well a score ranks wrong captions above right ones. Pure functions over parallel arrays of
 * scores (higher = riskier) and labels (true = wrong).
 */

/**
 * Area under the ROC curve: the chance that a random wrong caption scores above a random right
 * one, ties counting a half (the Mann–Whitney U statistic over average ranks). NaN when either
 * class is empty, since the question then has no answer.
 */
export function auroc(scores: readonly number[], wrong: readonly boolean[]): number {
  const order = scores.map((score, i) => ({ score, wrong: wrong[i] === true })).sort((a, b) => a.score - b.score);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]?.score === order[i]?.score) j++;
    // Ranks i+1 … j share their average.
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]?.wrong) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (!positives || !negatives) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Share of all wrong captions found by reviewing the riskiest `fraction` of results. Ties at the
 * cut are counted in proportion (a reviewer cannot prefer one tied result over another), so a
 * constant score finds exactly `fraction` of them.
 */
export function captured(scores: readonly number[], wrong: readonly boolean[], fraction: number): number {
  const total = wrong.filter(Boolean).length;
  if (!total) return NaN;
  const budget = fraction * scores.length;
  const order = scores.map((score, i) => ({ score, wrong: wrong[i] === true })).sort((a, b) => b.score - a.score);
  let taken = 0;
  let found = 0;
  for (let i = 0; i < order.length && taken < budget; ) {
    let j = i;
    while (j < order.length && order[j]?.score === order[i]?.score) j++;
    const group = order.slice(i, j);
    const share = Math.min(1, (budget - taken) / group.length);
    found += share * group.filter((r) => r.wrong).length;
    taken += share * group.length;
    i = j;
  }
  return found / total;
}

export interface BandCounts {
  /** Results at or above the threshold, and the wrong ones among them. */
  above: number;
  wrongAbove: number;
  /** Results below it, and the wrong ones among them. */
  below: number;
  wrongBelow: number;
}

export function splitAt(scores: readonly number[], wrong: readonly boolean[], threshold: number): BandCounts {
  const counts = { above: 0, wrongAbove: 0, below: 0, wrongBelow: 0 };
  scores.forEach((score, i) => {
    const isWrong = wrong[i] === true;
    if (score >= threshold) {
      counts.above++;
      if (isWrong) counts.wrongAbove++;
    } else {
      counts.below++;
      if (isWrong) counts.wrongBelow++;
    }
  });
  return counts;
}
