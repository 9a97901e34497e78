import { describe, expect, it } from 'vitest';
import { calibrate, canCalibrate, decisionOf, MIN_DECISIONS, type Decision } from './calibration';
import { FEATURE_NAMES, type FeatureVector } from './features';
import { DEFAULT_REVIEW_MODEL, logit, sigmoid } from './priority';

const zero = Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0])) as Record<(typeof FEATURE_NAMES)[number], number>;
const vector = (patch: Partial<FeatureVector>): FeatureVector => ({ ...zero, ...patch });

describe('decisionOf', () => {
  it('reads an approval as right and an edit that changes content as wrong', () => {
    expect(decisionOf('approved', 'a red circle', 'A red circle.')).toBe(false);
    expect(decisionOf('edited', 'a red circle', 'A green circle.')).toBe(true);
    expect(decisionOf('edited', 'a red circle', 'A red circle!')).toBe(false);
    expect(decisionOf('unreviewed', 'a red circle', 'A red circle.')).toBeUndefined();
    expect(decisionOf('imported', undefined, 'Mine.')).toBeUndefined();
  });
});

describe('calibrate', () => {
  it('needs enough decisions of both kinds', () => {
    const right: Decision = { features: vector({}), wrong: false };
    const wrong: Decision = { features: vector({ blurred: 1 }), wrong: true };
    expect(canCalibrate(Array(MIN_DECISIONS).fill(right))).toBe(false);
    expect(canCalibrate([...Array(MIN_DECISIONS - 3).fill(right), wrong, wrong, wrong])).toBe(true);
    expect(canCalibrate([right, wrong, wrong, wrong])).toBe(false);
  });
  it('learns from the person: a signal that always meant wrong on this device gains weight', () => {
    // Here every noisy photo was captioned wrongly, and nothing else was.
    const decisions: Decision[] = [
      ...Array.from({ length: 15 }, () => ({ features: vector({ noisy: 1 }), wrong: true })),
      ...Array.from({ length: 25 }, () => ({ features: vector({}), wrong: false })),
    ];
    const fitted = calibrate(DEFAULT_REVIEW_MODEL, decisions);
    expect(fitted.weights.noisy).toBeGreaterThan(DEFAULT_REVIEW_MODEL.weights.noisy);
    expect(sigmoid(logit(fitted, vector({ noisy: 1 })))).toBeGreaterThan(sigmoid(logit(DEFAULT_REVIEW_MODEL, vector({ noisy: 1 }))));
    expect(fitted.thresholds).toEqual(DEFAULT_REVIEW_MODEL.thresholds);
  });
  it('keeps weights the decisions say nothing about near their defaults', () => {
    const decisions: Decision[] = Array.from({ length: 30 }, (_, i) => ({ features: vector({ noisy: i % 2 }), wrong: i % 2 === 1 }));
    const fitted = calibrate(DEFAULT_REVIEW_MODEL, decisions);
    expect(fitted.weights.compressed).toBeCloseTo(DEFAULT_REVIEW_MODEL.weights.compressed, 6);
  });
});
