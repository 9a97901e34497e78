import { describe, expect, it } from 'vitest';
import { ForcedTextScorer, logSoftmaxAt, textSpellings } from './text-likelihood';
import { zoomedOut } from './zoom-out';
import { RawImage } from '@huggingface/transformers';

const row = (values: number[]): { data: Float32Array; dims: number[] } => ({ data: Float32Array.from(values), dims: [1, values.length] });

function stopSpy(): { interrupt: () => void; calls: number } {
  const spy = { calls: 0, interrupt: () => void spy.calls++ };
  return spy;
}

describe('ForcedTextScorer', () => {
  it('records the log probability of each target token, leaves only that token open, and stops after the last', () => {
    const stop = stopSpy();
    const scorer = new ForcedTextScorer([[2, 0]], stop);
    const first = scorer.process(null, row([0, 1, 3]));
    expect(Array.from(first.data)).toEqual([-Infinity, -Infinity, 3]);
    expect(stop.calls).toBe(0);
    const second = scorer.process(null, row([2, 2, 0]));
    expect(Array.from(second.data)).toEqual([2, -Infinity, -Infinity]);
    expect(stop.calls).toBe(1);
    const expected = [logSoftmaxAt([0, 1, 3], 3, 2), logSoftmaxAt([2, 2, 0], 3, 0)];
    expect(scorer.logProbs).toEqual(expected);
    const likelihood = scorer.result();
    expect(likelihood?.tokens).toBe(2);
    expect(likelihood?.meanLogProb).toBeCloseTo((expected[0]! + expected[1]!) / 2, 6);
    expect(likelihood?.minLogProb).toBeCloseTo(Math.min(...expected), 6);
  });

  it('passes over a step a built-in rule already forced (one open token) without counting it', () => {
    const scorer = new ForcedTextScorer([[1]], undefined);
    const forced = scorer.process(null, row([-Infinity, -Infinity, 5]));
    expect(Array.from(forced.data)).toEqual([-Infinity, -Infinity, 5]);
    expect(scorer.logProbs).toEqual([]);
    scorer.process(null, row([0, 0, 0]));
    expect(scorer.logProbs[0]).toBeCloseTo(Math.log(1 / 3), 6);
  });

  it('scores a token a built-in rule had ruled out at the floor instead of −∞, and still writes it', () => {
    const scorer = new ForcedTextScorer([[0]], undefined);
    const out = scorer.process(null, row([-Infinity, 1, 2]));
    expect(Array.from(out.data)).toEqual([0, -Infinity, -Infinity]);
    expect(scorer.logProbs[0]).toBeCloseTo(Math.log(1e-9), 6);
  });

  it('takes the spelling whose first token the model prefers at the first step', () => {
    const scorer = new ForcedTextScorer([[0, 1], [2, 1]], undefined);
    scorer.process(null, row([0, 0, 4]));
    scorer.process(null, row([0, 4, 0]));
    expect(scorer.result()?.tokens).toBe(2);
    expect(scorer.logProbs[0]).toBeCloseTo(logSoftmaxAt([0, 0, 4], 3, 2), 6);
  });

  it('has no result when generation ended before the whole text was written', () => {
    const scorer = new ForcedTextScorer([[0, 1, 2]], undefined);
    scorer.process(null, row([1, 1, 1]));
    expect(scorer.result()).toBeUndefined();
    expect(new ForcedTextScorer([[]], undefined).result()).toBeUndefined();
  });
});

describe('textSpellings', () => {
  const spaceMarking = { encode: (text: string) => text.split(/(?=\s)/).map((piece) => (piece.startsWith(' ') ? 100 : 0) + piece.trim().length) };
  it('offers the spelling after a space when the tokenizer spells it differently', () => {
    expect(textSpellings(spaceMarking, 'ab c')).toEqual([[2, 101], [102, 101]]);
  });
  it('offers one spelling when both are the same', () => {
    const wordLevel = { encode: (text: string) => text.trim().split(/\s+/).map((w) => w.length) };
    expect(textSpellings(wordLevel, 'ab c')).toEqual([[2, 1]]);
  });
});

describe('zoomedOut', () => {
  it('centres the photo in a frame 1.3× larger whose border repeats the edge pixels', () => {
    // 2×1 RGB: a red pixel and a blue one.
    const image = new RawImage(Uint8ClampedArray.from([255, 0, 0, 0, 0, 255]), 2, 1, 3);
    const zoomed = zoomedOut(image, 2);
    expect([zoomed.width, zoomed.height]).toEqual([4, 2]);
    const pixel = (x: number, y: number): number[] => Array.from(zoomed.data.slice((y * 4 + x) * 3, (y * 4 + x) * 3 + 3));
    expect([pixel(0, 0), pixel(1, 0), pixel(2, 0), pixel(3, 0)]).toEqual([[255, 0, 0], [255, 0, 0], [0, 0, 255], [0, 0, 255]]);
    expect(pixel(3, 1)).toEqual([0, 0, 255]);
  });
});
