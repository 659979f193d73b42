import { createHash } from 'node:crypto';
import { categoryTokens, vectorize, type CategoryInput } from './features.js';
import type { CategoryModel } from './classify.js';
import { trainSoftmax, type LinearModel } from './model.js';

/** A confirmed label: what staff said the message is about. */
export interface LabelledInput {
  input: CategoryInput;
  label: string;
}

export interface FineTuneSpec {
  /** The labels of the tuned model (a deployment's categories, renamed or added). */
  labels: readonly string[];
  /** For each label, the base model's label it starts from, or null to start from zeros (new). */
  from: readonly (string | null)[];
  epochs?: number;
  eta0?: number;
  seed?: number;
}

/**
 * Continues training a model on a deployment's confirmed labels. The weights start from the base
 * model's (so a few hundred corrections refine it instead of replacing what 2,781 messages
 * taught), and without L2 decay only the features of the confirmed messages move: the change is a
 * small delta over the shipped file, which is what is stored.
 */
export function fineTune(
  base: CategoryModel,
  samples: readonly LabelledInput[],
  spec: FineTuneSpec,
): CategoryModel {
  const { dim } = base.model;
  const L = spec.labels.length;
  const weights = new Float64Array(dim * L);
  const bias = new Float64Array(L);
  const baseL = base.model.labels.length;
  spec.from.forEach((label, k) => {
    const b = label === null ? -1 : base.model.labels.indexOf(label);
    if (b < 0) return;
    bias[k] = base.model.bias[b] as number;
    for (let i = 0; i < dim; i++) weights[i * L + k] = base.model.weights[i * baseL + b] as number;
  });
  const index = new Map(spec.labels.map((l, k) => [l, k]));
  const xs = [];
  const ys = [];
  for (const s of samples) {
    const y = index.get(s.label);
    if (y === undefined) continue;
    xs.push(vectorize(categoryTokens(s.input), base.vocab));
    ys.push(y);
  }
  const model = trainSoftmax(xs, ys, spec.labels, dim, {
    epochs: spec.epochs ?? 10,
    eta0: spec.eta0 ?? 0.5,
    lambda: 0,
    seed: spec.seed ?? 42,
    balanced: true,
    init: { weights, bias },
  });
  return { vocab: base.vocab, model, threshold: base.threshold };
}

const fingerprints = new WeakMap<CategoryModel, string>();

/** Identifies a model by its features and labels (a shipped model replaced by a newer one differs). */
export function fingerprint(model: CategoryModel): string {
  let f = fingerprints.get(model);
  if (f === undefined) {
    const hash = createHash('sha256');
    hash.update(model.model.labels.join('\n'));
    for (const feature of model.vocab.index.keys()) hash.update(`\n${feature}`);
    f = hash.digest('hex').slice(0, 16);
    fingerprints.set(model, f);
  }
  return f;
}

/** A tuned model stored as its difference from the base: the feature rows that moved. */
export interface ModelDelta {
  format: 'yuqing-category-delta/1';
  /** The base model's fingerprint: a delta only means something over the model it was made on. */
  base: string;
  labels: string[];
  from: (string | null)[];
  /** Feature indices whose weights differ from where they started. */
  rows: number[];
  /** One array per row: the weight of that feature for each label. */
  weights: number[][];
  bias: number[];
}

/** Starting weights of `labels` drawn from the base model (zeros for new labels). */
function startingRow(base: LinearModel, from: readonly (string | null)[], i: number): number[] {
  const baseL = base.labels.length;
  return from.map((label) => {
    const b = label === null ? -1 : base.labels.indexOf(label);
    return b < 0 ? 0 : (base.weights[i * baseL + b] as number);
  });
}

export function deltaOf(
  base: CategoryModel,
  tuned: CategoryModel,
  from: (string | null)[],
): ModelDelta {
  const { labels, dim, weights, bias } = tuned.model;
  const L = labels.length;
  const rows: number[] = [];
  const rowWeights: number[][] = [];
  for (let i = 0; i < dim; i++) {
    const start = startingRow(base.model, from, i);
    const row = Array.from({ length: L }, (_, k) => weights[i * L + k] as number);
    if (row.some((v, k) => Math.abs(v - (start[k] as number)) > 1e-9)) {
      rows.push(i);
      rowWeights.push(row.map((v) => Math.round(v * 1e5) / 1e5));
    }
  }
  return {
    format: 'yuqing-category-delta/1',
    base: fingerprint(base),
    labels: [...labels],
    from,
    rows,
    weights: rowWeights,
    bias: Array.from(bias),
  };
}

export function applyDelta(base: CategoryModel, delta: ModelDelta): CategoryModel {
  if (delta.base !== fingerprint(base)) {
    throw new Error('重新训练的模型基于另一版随系统提供的模型，需要重新训练');
  }
  const { dim } = base.model;
  const L = delta.labels.length;
  const weights = new Float64Array(dim * L);
  for (let i = 0; i < dim; i++) {
    const start = startingRow(base.model, delta.from, i);
    for (let k = 0; k < L; k++) weights[i * L + k] = start[k] as number;
  }
  delta.rows.forEach((i, r) => {
    const row = delta.weights[r] ?? [];
    for (let k = 0; k < L; k++) weights[i * L + k] = row[k] ?? 0;
  });
  return {
    vocab: base.vocab,
    model: { labels: [...delta.labels], dim, weights, bias: Float64Array.from(delta.bias) },
    threshold: base.threshold,
  };
}
