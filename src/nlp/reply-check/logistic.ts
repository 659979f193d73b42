/** A small dense logistic regression (a dozen features), fitted by Newton's method, and ROC AUC. */

export interface Logistic {
  weights: number[];
  bias: number;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function logit(model: Logistic, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++)
    z += (model.weights[i] as number) * (x[i] as number);
  return z;
}

/** Solves A·x = b in place (Gaussian elimination with partial pivoting); A is n × n. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs(a[r]?.[c] as number) > Math.abs(a[p]?.[c] as number)) p = r;
    [a[c], a[p]] = [a[p] as number[], a[c] as number[]];
    [b[c], b[p]] = [b[p] as number, b[c] as number];
    const pivot = (a[c] as number[])[c] as number;
    for (let r = c + 1; r < n; r++) {
      const row = a[r] as number[];
      const f = (row[c] as number) / pivot;
      if (f === 0) continue;
      for (let k = c; k < n; k++)
        row[k] = (row[k] as number) - f * ((a[c] as number[])[k] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = a[r] as number[];
    let s = b[r] as number;
    for (let k = r + 1; k < n; k++) s -= (row[k] as number) * (x[k] as number);
    x[r] = s / (row[r] as number);
  }
  return x;
}

/**
 * Fits a logistic regression by Newton's method on the mean log loss plus lambda/2 · |w|² (the
 * bias not penalised). Samples may carry weights (e.g. so that one true pair counts as much as its
 * several random negatives). Deterministic: no random start, no shuffling.
 */
export function fitLogistic(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  options: { lambda?: number; iterations?: number; sampleWeights?: readonly number[] } = {},
): Logistic {
  const { lambda = 1e-3, iterations = 25 } = options;
  const d = xs[0]?.length ?? 0;
  const n = xs.length;
  const sw = options.sampleWeights ?? new Array<number>(n).fill(1);
  const total = sw.reduce((s, v) => s + v, 0);
  // θ = [w…, bias]
  const theta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const x = xs[i] as readonly number[];
      let z = theta[d] as number;
      for (let k = 0; k < d; k++) z += (theta[k] as number) * (x[k] as number);
      const p = sigmoid(z);
      const w = (sw[i] as number) / total;
      const g = w * (p - (ys[i] as number));
      const h = w * p * (1 - p);
      for (let a = 0; a <= d; a++) {
        const xa = a === d ? 1 : (x[a] as number);
        grad[a] = (grad[a] as number) + g * xa;
        const row = hess[a] as number[];
        for (let b = a; b <= d; b++)
          row[b] = (row[b] as number) + h * xa * (b === d ? 1 : (x[b] as number));
      }
    }
    for (let a = 0; a <= d; a++) {
      const row = hess[a] as number[];
      for (let b = 0; b < a; b++) row[b] = (hess[b] as number[])[a] as number;
      if (a < d) {
        grad[a] = (grad[a] as number) + lambda * (theta[a] as number);
        row[a] = (row[a] as number) + lambda;
      } else row[a] = (row[a] as number) + 1e-9;
    }
    const step = solve(hess, grad);
    let moved = 0;
    for (let a = 0; a <= d; a++) {
      theta[a] = (theta[a] as number) - (step[a] as number);
      moved = Math.max(moved, Math.abs(step[a] as number));
    }
    if (moved < 1e-8) break;
  }
  return { weights: theta.slice(0, d), bias: theta[d] as number };
}

/** ROC AUC: the probability that a random positive scores above a random negative (ties ½). */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores
    .map((_, i) => i)
    .sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1] as number] === scores[order[i] as number])
      j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        rankSumPos += rank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = order.length - pos;
  return pos && neg ? (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg) : 0.5;
}
