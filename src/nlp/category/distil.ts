import type { SparseVector } from './features.js';
import { probabilities, trainSoftmax, type LinearModel, type TrainOptions } from './model.js';

/**
 * Knowledge distillation for the category model (used by `npm run train` only). A linear model
 * blended with the votes of each message's most similar labelled messages (kNN) classifies better
 * than the linear model alone, but it needs every labelled message's vector at run time, which
 * would put the texts (as bags of bigrams) in the model file. So the blend only teaches: it labels
 * unlabelled messages of the same kind softly, and a linear model learns from the labelled
 * messages plus those soft labels. Only that model's weights are kept.
 */

/** An inverted index of TF-IDF vectors (feature → messages), for cosine similarity to all of them. */
export interface NeighbourIndex {
  /** Postings of feature i at start[i] .. start[i + 1] - 1 of `doc` / `val`. */
  start: Int32Array;
  doc: Int32Array;
  val: Float32Array;
  /** The label of each indexed message. */
  labels: Int32Array;
}

export function neighbourIndex(
  xs: readonly SparseVector[],
  ys: readonly number[],
  dim: number,
): NeighbourIndex {
  const start = new Int32Array(dim + 1);
  for (const x of xs) for (const i of x.idx) start[i + 1] = (start[i + 1] as number) + 1;
  for (let i = 0; i < dim; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const next = start.slice(0, dim);
  const doc = new Int32Array(start[dim] as number);
  const val = new Float32Array(start[dim] as number);
  xs.forEach((x, n) =>
    x.idx.forEach((i, j) => {
      const at = next[i] as number;
      next[i] = at + 1;
      doc[at] = n;
      val[at] = x.val[j] as number;
    }),
  );
  return { start, doc, val, labels: Int32Array.from(ys) };
}

// Similarity of the query to each indexed message, reused between calls.
let scores = new Float64Array(0);

/**
 * The votes of the k messages most similar to x (cosine of the L2-normalised vectors; ties go to
 * the message indexed first), each label's share of their summed similarity; all zero when no
 * indexed message shares a feature with x.
 */
export function neighbourVotes(
  index: NeighbourIndex,
  x: SparseVector,
  k: number,
  labels: number,
): Float64Array {
  const n = index.labels.length;
  if (scores.length < n) scores = new Float64Array(n);
  scores.fill(0, 0, n);
  for (let j = 0; j < x.idx.length; j++) {
    const i = x.idx[j] as number;
    const v = x.val[j] as number;
    for (let q = index.start[i] as number; q < (index.start[i + 1] as number); q++) {
      const d = index.doc[q] as number;
      scores[d] = (scores[d] as number) + v * (index.val[q] as number);
    }
  }
  // The k best so far, best first.
  const top: number[] = [];
  for (let d = 0; d < n; d++) {
    const s = scores[d] as number;
    if (top.length === k && s <= (scores[top[k - 1] as number] as number)) continue;
    let at = top.length < k ? top.length : k - 1;
    while (at > 0 && (scores[top[at - 1] as number] as number) < s) at--;
    top.splice(at, 0, d);
    if (top.length > k) top.pop();
  }
  const votes = new Float64Array(labels);
  const total = top.reduce((sum, d) => sum + (scores[d] as number), 0);
  if (total <= 0) return votes;
  for (const d of top) {
    const label = index.labels[d] as number;
    votes[label] = (votes[label] as number) + (scores[d] as number) / total;
  }
  return votes;
}

export interface DistilOptions {
  /** Neighbours voting in the teacher. */
  k: number;
  /** Weight of the neighbours' votes against the model's probabilities in the teacher. */
  beta: number;
  /** Weight of each unlabelled message's loss in the student, against 1 for a labelled one. */
  weight: number;
}

/** The teacher's label probabilities for x: (model + beta × neighbour votes) / (1 + beta). */
export function teacherTargets(
  model: LinearModel,
  index: NeighbourIndex,
  x: SparseVector,
  { k, beta }: Pick<DistilOptions, 'k' | 'beta'>,
): Float64Array {
  const p = probabilities(model, x);
  const votes = neighbourVotes(index, x, k, p.length);
  if (!votes.some((v) => v > 0)) return p;
  return p.map((v, label) => (v + beta * (votes[label] as number)) / (1 + beta));
}

/**
 * The student: trained on the labelled messages and on the unlabelled ones with the teacher's soft
 * labels. `scale` (NB log-count ratios) should come from the labelled messages only.
 */
export function distilModel(
  teacher: LinearModel,
  labelled: { xs: readonly SparseVector[]; ys: readonly number[] },
  unlabelled: readonly SparseVector[],
  options: DistilOptions,
  train: Partial<TrainOptions>,
): LinearModel {
  const index = neighbourIndex(labelled.xs, labelled.ys, teacher.dim);
  const xu = unlabelled.filter((x) => x.idx.length > 0);
  const targets = xu.map((x) => teacherTargets(teacher, index, x, options));
  const yu = targets.map((p) => p.indexOf(Math.max(...p)));
  return trainSoftmax(
    [...labelled.xs, ...xu],
    [...labelled.ys, ...yu],
    teacher.labels,
    teacher.dim,
    {
      ...train,
      targets: [...labelled.xs.map(() => undefined), ...targets],
      sampleWeights: [...labelled.xs.map(() => 1), ...xu.map(() => options.weight)],
    },
  );
}
