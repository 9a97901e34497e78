import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../shapes-world/shapes-world';
import { fitLogistic, solve } from './logistic';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

describe('solve', () => {
  it('solves a small linear system', () => {
    const x = solve([[4, 1], [1, 3]], [1, 2]);
    expect(x[0]).toBeCloseTo(1 / 11, 12);
    expect(x[1]).toBeCloseTo(7 / 11, 12);
  });
});

describe('fitLogistic', () => {
  it('recovers the weights that generated the labels', () => {
    const rng = mulberry32(5);
    const truth = { bias: -1, weights: [2.5, -1.5] };
    const x: number[][] = [];
    const y: boolean[] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = [rng(), rng()];
      x.push(row);
      y.push(rng() < sigmoid(truth.bias + truth.weights[0]! * row[0]! + truth.weights[1]! * row[1]!));
    }
    const fit = fitLogistic(x, y, 0);
    expect(fit.bias).toBeCloseTo(truth.bias, 1);
    expect(fit.weights[0]).toBeCloseTo(truth.weights[0]!, 1);
    expect(fit.weights[1]).toBeCloseTo(truth.weights[1]!, 1);
    expect(fit.steps).toBeLessThan(20);
  });

  it('is the stationary point of log-loss plus the penalty: the gradient vanishes', () => {
    const x = [[0, 1], [1, 0], [1, 1], [0, 0], [0.5, 0.2]];
    const y = [true, false, true, false, true];
    const l2 = 0.3;
    const fit = fitLogistic(x, y, l2);
    const grad = [0, 0, 0];
    x.forEach((row, i) => {
      const err = sigmoid(fit.bias + fit.weights[0]! * row[0]! + fit.weights[1]! * row[1]!) - (y[i] ? 1 : 0);
      grad[0]! += err / x.length;
      grad[1]! += (err * row[0]!) / x.length;
      grad[2]! += (err * row[1]!) / x.length;
    });
    expect(grad[0]).toBeCloseTo(0, 8);
    expect(grad[1]! + l2 * fit.weights[0]!).toBeCloseTo(0, 8);
    expect(grad[2]! + l2 * fit.weights[1]!).toBeCloseTo(0, 8);
  });

  it('stays finite on separable data thanks to the penalty, and shrinks weights as it grows', () => {
    const x = [[0], [0.2], [0.8], [1]];
    const y = [false, false, true, true];
    const weak = fitLogistic(x, y, 0.01);
    const strong = fitLogistic(x, y, 1);
    expect(Number.isFinite(weak.weights[0])).toBe(true);
    expect(weak.weights[0]).toBeGreaterThan(strong.weights[0]!);
    expect(strong.weights[0]).toBeGreaterThan(0);
  });
});
