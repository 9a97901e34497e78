import { describe, expect, it } from 'vitest';
import { auroc, captured, splitAt } from './ranking';

describe('auroc', () => {
  it('is 1 when every wrong caption scores above every right one, 0 when below', () => {
    expect(auroc([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
    expect(auroc([0.1, 0.2, 0.8, 0.9], [true, true, false, false])).toBe(0);
  });

  it('counts ties as a half: a constant score is 0.5', () => {
    expect(auroc([0.3, 0.3, 0.3, 0.3, 0.3], [true, false, false, true, false])).toBe(0.5);
  });

  it('equals the share of (wrong, right) pairs ranked the right way, by brute force', () => {
    const scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.7, 0.2, 0.4];
    const wrong = [false, true, false, true, false, false, true, true];
    let pairs = 0;
    let won = 0;
    scores.forEach((s, i) => scores.forEach((t, j) => {
      if (!wrong[i] || wrong[j]) return;
      pairs++;
      won += s > t ? 1 : s === t ? 0.5 : 0;
    }));
    expect(auroc(scores, wrong)).toBeCloseTo(won / pairs, 12);
  });

  it('has no answer without both classes', () => {
    expect(auroc([0.1, 0.2], [false, false])).toBeNaN();
  });
});

describe('captured', () => {
  it('finds the wrong captions among the riskiest share', () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
    const wrong = [true, false, true, false, false, false, true, false];
    expect(captured(scores, wrong, 0.25)).toBeCloseTo(1 / 3, 12);
    expect(captured(scores, wrong, 0.5)).toBeCloseTo(2 / 3, 12);
    expect(captured(scores, wrong, 1)).toBe(1);
  });

  it('shares ties at the cut in proportion: a constant score finds exactly the fraction', () => {
    expect(captured([1, 1, 1, 1], [true, false, true, false], 0.25)).toBeCloseTo(0.25, 12);
  });
});

describe('splitAt', () => {
  it('counts results and wrong ones at or above and below a threshold', () => {
    expect(splitAt([0.9, 0.5, 0.2, 0.5], [true, false, true, true], 0.5)).toEqual({ above: 3, wrongAbove: 2, below: 1, wrongBelow: 1 });
  });
});
