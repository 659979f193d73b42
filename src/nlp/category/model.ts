import type { SparseVector } from './features.js';

/** The label given when the model is not confident enough. */
export const OTHER = '其他';

/** A linear model over sparse features: one weight row (and bias) per label. */
export interface LinearModel {
  labels: string[];
  dim: number;
  /** dim × labels.length: the weights of feature i for each label at i · L + k (cache-friendly). */
  weights: Float64Array;
  bias: Float64Array;
}

export interface TrainOptions {
  epochs: number;
  /** L2 regularisation strength. */
  lambda: number;
  /** Initial learning rate; decays as eta0 / (1 + eta0 · lambda · t). */
  eta0: number;
  seed: number;
  /** Weight each message by n / (labels × count of its label), so small classes count as much. */
  balanced: boolean;
  /** Start from these weights and biases (fine-tuning) instead of zeros; same shape as the model. */
  init?: { weights: Float64Array; bias: Float64Array };
  /**
   * Per-label feature scaling (dim × labels, laid out as the weights): label k sees feature i
   * multiplied by scale[i · L + k]. The returned weights have it folded in, so the model is used
   * on unscaled vectors like any other. See logCountRatios().
   */
  scale?: Float64Array;
  /**
   * Per message, a probability for each label to fit instead of its one-hot label (undefined
   * keeps the label): a teacher's predictions on unlabelled messages, to distil. See distil.ts.
   */
  targets?: readonly (Float64Array | undefined)[];
  /** Per message, a weight on its loss (times the class weight); 1 when absent. */
  sampleWeights?: readonly number[];
}

export const defaultTrainOptions: TrainOptions = {
  epochs: 20,
  lambda: 3e-5,
  eta0: 2,
  seed: 42,
  balanced: true,
};

/** A small seeded PRNG (mulberry32), so that training is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function softmaxInPlace(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp((z[k] as number) - max);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k] = (z[k] as number) / sum;
  return z;
}

/**
 * Multinomial logistic regression trained by SGD on the log loss with L2 regularisation (the
 * weights are kept as scale × W so that the decay costs nothing per step). Deterministic for a seed.
 * A message given a soft target (options.targets) still needs its label in `ys`, its most likely
 * one: the class weights count it there.
 */
export function trainSoftmax(
  xs: readonly SparseVector[],
  ys: readonly number[],
  labels: readonly string[],
  dim: number,
  options: Partial<TrainOptions> = {},
): LinearModel {
  const {
    epochs,
    lambda,
    eta0,
    seed,
    balanced,
    init,
    scale: r,
    targets,
    sampleWeights,
  } = {
    ...defaultTrainOptions,
    ...options,
  };
  const L = labels.length;
  const w = init ? Float64Array.from(init.weights) : new Float64Array(L * dim);
  const bias = init ? Float64Array.from(init.bias) : new Float64Array(L);
  if (w.length !== L * dim || bias.length !== L) throw new Error('init: shape mismatch');
  if (r && r.length !== L * dim) throw new Error('scale: shape mismatch');
  // Trained in the scaled space: an initial model is given unscaled, so divide the scale out.
  if (init && r)
    for (let i = 0; i < w.length; i++) {
      const s = r[i] as number;
      w[i] = s ? (w[i] as number) / s : 0;
    }
  const z = new Float64Array(L);
  const random = rng(seed);
  const order = xs.map((_, i) => i);
  const counts = new Array<number>(L).fill(0);
  for (const y of ys) counts[y] = (counts[y] ?? 0) + 1;
  const classWeight = counts.map((c) => (balanced && c > 0 ? ys.length / (L * c) : 1));
  let scale = 1;
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const n of order) {
      const x = xs[n] as SparseVector;
      const y = ys[n] as number;
      const eta = eta0 / (1 + eta0 * lambda * t++);
      const cw = (classWeight[y] as number) * (sampleWeights ? (sampleWeights[n] as number) : 1);
      const target = targets?.[n];
      z.fill(0);
      for (let j = 0; j < x.idx.length; j++) {
        const base = (x.idx[j] as number) * L;
        const v = x.val[j] as number;
        if (r)
          for (let k = 0; k < L; k++)
            z[k] = (z[k] as number) + (w[base + k] as number) * v * (r[base + k] as number);
        else for (let k = 0; k < L; k++) z[k] = (z[k] as number) + (w[base + k] as number) * v;
      }
      for (let k = 0; k < L; k++) z[k] = (z[k] as number) * scale + (bias[k] as number);
      softmaxInPlace(z);
      scale *= 1 - eta * lambda;
      for (let k = 0; k < L; k++) {
        const g = cw * ((z[k] as number) - (target ? (target[k] as number) : k === y ? 1 : 0));
        z[k] = (eta * g) / scale;
        bias[k] = (bias[k] as number) - eta * g;
      }
      for (let j = 0; j < x.idx.length; j++) {
        const base = (x.idx[j] as number) * L;
        const v = x.val[j] as number;
        if (r)
          for (let k = 0; k < L; k++)
            w[base + k] = (w[base + k] as number) - (z[k] as number) * v * (r[base + k] as number);
        else
          for (let k = 0; k < L; k++) w[base + k] = (w[base + k] as number) - (z[k] as number) * v;
      }
      if (scale < 1e-6) {
        for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) * scale;
        scale = 1;
      }
    }
  }
  for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) * scale * (r ? (r[i] as number) : 1);
  return { labels: [...labels], dim, weights: w, bias };
}

/**
 * Naive Bayes log-count ratios as feature scaling (NBSVM, Wang & Manning 2012), one-vs-rest per
 * label: |ln(p_k(i) / q_k(i))| with p_k the smoothed share of label-k messages' feature
 * occurrences (presence, not counts) that are feature i, q_k the same for the other labels.
 * Scaling feature i by it for label k lets the model move the weights of features that single a
 * label out at less L2 cost: measured by 5-fold CV, +0.007 macro-F1 over the plain model.
 */
export function logCountRatios(
  xs: readonly SparseVector[],
  ys: readonly number[],
  labels: number,
  dim: number,
  alpha = 1,
): Float64Array {
  const L = labels;
  const inClass = new Float64Array(dim * L);
  const total = new Float64Array(dim);
  xs.forEach((x, n) => {
    const y = ys[n] as number;
    for (const i of x.idx) {
      inClass[i * L + y] = (inClass[i * L + y] as number) + 1;
      total[i] = (total[i] as number) + 1;
    }
  });
  const r = new Float64Array(dim * L);
  for (let k = 0; k < L; k++) {
    let p = 0;
    let q = 0;
    for (let i = 0; i < dim; i++) {
      p += (inClass[i * L + k] as number) + alpha;
      q += (total[i] as number) - (inClass[i * L + k] as number) + alpha;
    }
    for (let i = 0; i < dim; i++) {
      const a = (inClass[i * L + k] as number) + alpha;
      const b = (total[i] as number) - (inClass[i * L + k] as number) + alpha;
      r[i * L + k] = Math.abs(Math.log(a / p) - Math.log(b / q));
    }
  }
  return r;
}

/** The probability of each label (softmax of the linear scores). */
export function probabilities(model: LinearModel, x: SparseVector): Float64Array {
  const L = model.labels.length;
  const z = Float64Array.from(model.bias);
  const w = model.weights;
  for (let j = 0; j < x.idx.length; j++) {
    const base = (x.idx[j] as number) * L;
    const v = x.val[j] as number;
    for (let k = 0; k < L; k++) z[k] = (z[k] as number) + (w[base + k] as number) * v;
  }
  return softmaxInPlace(z);
}

export interface Prediction {
  label: string;
  /** The probability of the most likely label (also when the label given is 其他). */
  confidence: number;
}

/** The most likely label with its probability; below `threshold` the label is 其他. */
export function predict(model: LinearModel, x: SparseVector, threshold = 0): Prediction {
  const p = probabilities(model, x);
  let best = 0;
  for (let k = 1; k < p.length; k++) if ((p[k] as number) > (p[best] as number)) best = k;
  const confidence = p[best] as number;
  return { label: confidence < threshold ? OTHER : (model.labels[best] as string), confidence };
}
