import { describe, expect, it } from 'vitest';
import type { PhotoQuality, TextConfidence } from '../models/review-signals';
import { FEATURE_NAMES, featuresOf } from './features';
import { assessReview, bandOf, DEFAULT_REVIEW_MODEL, logit, sigmoid, unsureWords, type ReviewModel } from './priority';

const sure: TextConfidence = { words: [{ word: 'a', prob: 0.99 }, { word: 'red', prob: 0.98 }, { word: 'circle', prob: 0.99 }], minProb: 0.98, meanLogProb: -0.015, meanEntropy: 0.05, maxEntropy: 0.1, tokens: 4 };
const unsure: TextConfidence = { words: [{ word: 'a', prob: 0.9 }, { word: 'purple', prob: 0.2 }, { word: 'circle', prob: 0.6 }], minProb: 0.2, meanLogProb: -0.7, meanEntropy: 1.4, maxEntropy: 2.1, tokens: 4 };
const sharp: PhotoQuality = { width: 1200, height: 900, sharpness: 900, contrast: 0.3, noise: 1, bytesPerPixel: 0.4, jpegQuality: 90 };
const poor: PhotoQuality = { width: 40, height: 30, sharpness: 2, contrast: 0.02, noise: 25, bytesPerPixel: 0.05, jpegQuality: 8 };

describe('features', () => {
  it('are all 0 when nothing is known, and every one stays within 0–1', () => {
    const none = featuresOf({ modelText: 'A red circle on a blue background.' });
    expect(FEATURE_NAMES.every((name) => none[name] === 0)).toBe(true);
    const worst = featuresOf({ modelText: 'img_0042.jpg', confidence: { ...unsure, minProb: 0, meanLogProb: -50, meanEntropy: 40 }, quality: { ...poor, width: 1, height: 5000 }, secondOpinion: { modelId: 'm', text: 'x', agreement: 0, durationMs: 1, at: 0 } });
    for (const name of FEATURE_NAMES) {
      expect(worst[name]).toBeGreaterThanOrEqual(0);
      expect(worst[name]).toBeLessThanOrEqual(1);
    }
    expect(worst.flagged).toBe(1);
  });
  it('rise with doubt: an unsure caption of a poor photo scores above a sure caption of a sharp one', () => {
    const good = featuresOf({ modelText: 'a red circle', confidence: sure, quality: sharp });
    const bad = featuresOf({ modelText: 'a purple circle', confidence: unsure, quality: poor });
    for (const name of ['leastSure', 'meanSurprise', 'meanEntropy', 'small', 'blurred', 'lowContrast', 'noisy', 'compressed'] as const) expect(bad[name]).toBeGreaterThan(good[name]);
  });
  it('read the forced-decoding likelihoods: the model on the zoomed-out photo, the second model on the first text; missing ones count as no surprise', () => {
    const second = { modelId: 'm', text: 'a red circle', agreement: 1, durationMs: 1, at: 0 };
    const likely = { meanLogProb: -0.001, minLogProb: -0.01, tokens: 3 };
    const unlikely = { meanLogProb: -2, minLogProb: -9, tokens: 3 };
    const low = featuresOf({ modelText: 'a red circle', confidence: { ...sure, zoomed: likely }, secondOpinion: { ...second, scoredFirst: { likelihood: likely, zoomed: likely } } });
    const high = featuresOf({ modelText: 'a red circle', confidence: { ...sure, zoomed: unlikely }, secondOpinion: { ...second, scoredFirst: { likelihood: unlikely, zoomed: unlikely } } });
    for (const name of ['zoomedSurprise', 'secondSurprise', 'secondZoomedSurprise'] as const) {
      expect(high[name]).toBeGreaterThan(low[name]);
      expect(high[name]).toBeLessThanOrEqual(1);
    }
    // The same scale as meanSurprise: a likelihood equal to the caption's own mean gives the same number.
    expect(featuresOf({ modelText: 'x', confidence: { ...unsure, zoomed: { meanLogProb: unsure.meanLogProb, minLogProb: -2, tokens: 4 } } }).zoomedSurprise).toBeCloseTo(featuresOf({ modelText: 'x', confidence: unsure }).meanSurprise, 12);
    const missing = featuresOf({ modelText: 'a red circle', confidence: sure, secondOpinion: second });
    expect([missing.zoomedSurprise, missing.secondSurprise, missing.secondZoomedSurprise]).toEqual([0, 0, 0]);
  });
  it('see a loop in the raw output that the finishing rules tidied away', () => {
    expect(featuresOf({ modelText: 'three three three three green green squares squares on on a a' }).flagged).toBe(1);
  });
});

describe('assessReview', () => {
  it('is the logistic of the weighted sum', () => {
    const inputs = { modelText: 'a purple circle', confidence: unsure, quality: poor };
    const z = logit(DEFAULT_REVIEW_MODEL, featuresOf(inputs));
    expect(assessReview(inputs).priority).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });
  it('bands by the thresholds', () => {
    const thresholds = { needsReview: 0.6, check: 0.3 };
    expect([0.9, 0.6, 0.59, 0.3, 0.29].map((p) => bandOf(p, thresholds))).toEqual(['needs-review', 'needs-review', 'check', 'check', 'fine']);
  });
  it('lists no doubts under Likely fine, only what a second model said', () => {
    const model: ReviewModel = { ...DEFAULT_REVIEW_MODEL, bias: -50, weights: { ...DEFAULT_REVIEW_MODEL.weights, leastSure: 3 }, thresholds: { needsReview: 0.6, check: 0.3 } };
    const inputs = { modelText: 'a purple circle', confidence: unsure };
    // The same doubt is a reason once the caption is in a band that asks for a look.
    expect(assessReview(inputs, { ...model, bias: 0 }).reasons).toContain('The model was unsure about ‘purple’.');
    const fine = assessReview(inputs, model);
    expect(fine.band).toBe('fine');
    expect(fine.reasons).toEqual([]);
    const withSecond = assessReview({ ...inputs, secondOpinion: { modelId: 'm', modelLabel: 'Second', text: 'a purple circle', agreement: 1, durationMs: 1, at: 0 } }, model);
    expect(withSecond.reasons).toEqual(['A second model (Second) said the same.']);
  });
  it('says which words the model was unsure of, and what a disagreeing second model said', () => {
    const model: ReviewModel = { ...DEFAULT_REVIEW_MODEL, bias: 0, weights: { ...DEFAULT_REVIEW_MODEL.weights, leastSure: 3, secondDisagrees: 3 } };
    const { reasons } = assessReview({ modelText: 'a purple circle', confidence: unsure, secondOpinion: { modelId: 'altscribe/second', text: 'A pink circle.', agreement: 0.5, durationMs: 5, at: 0 } }, model);
    expect(reasons).toContain('The model was unsure about ‘purple’.');
    expect(reasons).toContain('A second model (altscribe/second) said: “A pink circle.”');
  });
  it('says when the model did not stand by its words on the zoomed-out photo, and when the second model found them unlikely (once for both)', () => {
    const model: ReviewModel = { ...DEFAULT_REVIEW_MODEL, bias: 0, weights: { ...DEFAULT_REVIEW_MODEL.weights, zoomedSurprise: 3, secondSurprise: 3, secondZoomedSurprise: 3 } };
    const unlikely = { meanLogProb: -2, minLogProb: -9, tokens: 3 };
    const { reasons } = assessReview({ modelText: 'a red circle', confidence: { ...sure, zoomed: unlikely }, secondOpinion: { modelId: 'm', modelLabel: 'Second', text: 'a red circle', agreement: 1, durationMs: 1, at: 0, scoredFirst: { likelihood: unlikely, zoomed: unlikely } } }, model);
    expect(reasons).toContain('The model no longer stood by its words when the photo was shown a little further away.');
    expect(reasons.filter((r) => r === 'A second model (Second) found these words unlikely for this photo.')).toHaveLength(1);
  });
  it('says when a second model agreed', () => {
    const { reasons } = assessReview({ modelText: 'a red circle', confidence: sure, secondOpinion: { modelId: 'altscribe/second', text: 'A red circle.', agreement: 1, durationMs: 5, at: 0 } });
    expect(reasons).toContain('A second model (altscribe/second) said the same.');
  });
  it('raises the priority of a raw loop the finishing rules tidied into a plausible sentence (issue 15)', () => {
    const loop = assessReview({ modelText: 'three three three three green green three three three', confidence: sure, quality: sharp });
    const tidied = assessReview({ modelText: 'Three green three.', confidence: sure, quality: sharp });
    expect(loop.priority).toBeGreaterThan(tidied.priority);
    expect(loop.reasons).toContain('The text has a problem the finishing rules found (see the flags).');
    expect(tidied.reasons).not.toContain('The text has a problem the finishing rules found (see the flags).');
  });
  it('ranks more doubt higher with the default weights', () => {
    const low = assessReview({ modelText: 'a red circle', confidence: sure, quality: sharp, secondOpinion: { modelId: 'm', text: 'a red circle', agreement: 1, durationMs: 1, at: 0 } }).priority;
    const high = assessReview({ modelText: 'a purple circle', confidence: unsure, quality: poor, secondOpinion: { modelId: 'm', text: 'two pink squares', agreement: 0, durationMs: 1, at: 0 } }).priority;
    expect(high).toBeGreaterThan(low);
  });
});

describe('unsureWords', () => {
  it('lists words below one half, lower-cased, once each', () => {
    expect(unsureWords(unsure)).toEqual(['purple']);
    expect(unsureWords({ ...unsure, words: [{ word: 'Purple', prob: 0.1 }, { word: 'purple', prob: 0.3 }, { word: ',', prob: 0.1 }] })).toEqual(['purple']);
    expect(unsureWords(undefined)).toEqual([]);
  });
});
