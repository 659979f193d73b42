import { describe, expect, it } from 'vitest';
import { fitLogistic, logit, rocAuc, sigmoid } from './logistic.js';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, ½ for ties', () => {
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5], [1, 0, 0])).toBe(0.5);
    expect(rocAuc([0.9, 0.3, 0.5, 0.1], [1, 1, 0, 0])).toBe(0.75);
  });
});

describe('fitLogistic', () => {
  it('learns the sign and size of an informative feature and ignores noise', () => {
    // y = 1 when 2·x0 − 1 + small noise > 0; x1 is noise (deterministic pattern).
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 400; i++) {
      const x0 = (i % 100) / 100;
      const x1 = ((i * 37) % 100) / 100;
      xs.push([x0, x1]);
      ys.push(2 * x0 - 1 + (((i * 53) % 11) - 5) / 20 > 0 ? 1 : 0);
    }
    const m = fitLogistic(xs, ys, { lambda: 1e-4 });
    expect(m.weights[0]).toBeGreaterThan(5);
    expect(Math.abs(m.weights[1] as number)).toBeLessThan(1);
    expect(sigmoid(logit(m, [0.9, 0.5]))).toBeGreaterThan(0.9);
    expect(sigmoid(logit(m, [0.1, 0.5]))).toBeLessThan(0.1);
  });

  it('balances classes through sample weights', () => {
    const xs = [[0], [0], [0], [1]];
    const ys = [0, 0, 0, 1];
    const even = fitLogistic([[0], [1]], [0, 1], { lambda: 1 });
    const weighted = fitLogistic(xs, ys, { lambda: 1, sampleWeights: [1, 1, 1, 3] });
    expect(weighted.bias).toBeCloseTo(even.bias, 1);
  });
});
