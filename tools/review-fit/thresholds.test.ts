import { describe, expect, it } from 'vitest';
import { chooseThresholds } from './thresholds';

describe('chooseThresholds', () => {
  it('starts Needs review where the band stops being mostly wrong, and Likely fine where errors below stay rare', () => {
    // 100 right captions spread over 0–0.5, 40 wrong ones over 0.3–1, so the bands overlap.
    const priorities: number[] = [];
    const wrong: boolean[] = [];
    for (let i = 0; i < 100; i++) {
      priorities.push(0.005 + i * 0.005);
      wrong.push(false);
    }
    for (let i = 0; i < 40; i++) {
      priorities.push(0.3 + i * 0.0175);
      wrong.push(true);
    }
    const chosen = chooseThresholds(priorities, wrong);
    const above = priorities.map((p, i) => ({ p, w: wrong[i] })).filter((r) => r.p >= chosen.needsReview);
    expect(above.filter((r) => r.w).length / above.length).toBeGreaterThanOrEqual(0.6);
    // One step lower the band would be under 60 % wrong.
    const lower = priorities.map((p, i) => ({ p, w: wrong[i] })).filter((r) => r.p >= chosen.needsReview - 0.01);
    expect(lower.filter((r) => r.w).length / lower.length).toBeLessThan(0.6);
    expect(chosen.recallMet).toBe(true);
    const errorBelow = (t: number): number => {
      const below = priorities.map((p, i) => ({ p, w: wrong[i] })).filter((r) => r.p < t);
      return below.filter((r) => r.w).length / below.length;
    };
    expect(errorBelow(chosen.check)).toBeLessThanOrEqual(0.03);
    expect(errorBelow(chosen.check + 0.01)).toBeGreaterThan(0.03);
    expect(chosen.check).toBeGreaterThan(0.3);
  });
});
