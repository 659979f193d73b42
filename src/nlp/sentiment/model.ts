import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../lib/paths.js';
import type { SparseVector, Vocabulary } from '../category/features.js';
import type { LinearModel } from '../category/model.js';
import { fastScorer, type FastScorer } from './fast-score.js';

export const SENTIMENT_MODEL_FILE = join(packageRoot, 'models', 'sentiment.json');
const FORMAT = 'yuqing-sentiment/1';

/** The review model's two classes, in this order (label 0 / 1 of the review data). */
export const REVIEW_LABELS = ['negative', 'positive'] as const;

/**
 * models/sentiment.json: the binary review model as one weight per feature (the positive row minus
 * the negative row of the two-class softmax, which gives the same log-odds), its idf and bias.
 * Derived numbers only, never the texts.
 */
interface ModelFile {
  format: typeof FORMAT;
  features: string[];
  idf: number[];
  weights: number[];
  bias: number;
}

/** The log-odds of "positive" for one message, from the review data. */
export interface ReviewModel {
  vocab: Vocabulary;
  weights: Float64Array;
  bias: number;
}

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** The two-class softmax folded into one weight per feature. */
export function fromSoftmax(vocab: Vocabulary, model: LinearModel): ReviewModel {
  const L = model.labels.length;
  if (L !== 2) throw new Error(`情感模型应为二分类，实为 ${L} 类`);
  const weights = new Float64Array(model.dim);
  for (let i = 0; i < model.dim; i++)
    weights[i] = (model.weights[i * L + 1] as number) - (model.weights[i * L] as number);
  return { vocab, weights, bias: (model.bias[1] as number) - (model.bias[0] as number) };
}

export function serializeReviewModel(model: ReviewModel): string {
  const file: ModelFile = {
    format: FORMAT,
    features: [...model.vocab.index.keys()],
    idf: Array.from(model.vocab.idf, (v) => round(v, 3)),
    weights: Array.from(model.weights, (v) => round(v, 3)),
    bias: round(model.bias, 4),
  };
  return JSON.stringify(file);
}

export function reviewModelFromFile(file: string): ReviewModel {
  const m = JSON.parse(readFileSync(file, 'utf8')) as ModelFile;
  if (m.format !== FORMAT) throw new Error(`${file}：不认识的模型格式 ${String(m.format)}`);
  return {
    vocab: { index: new Map(m.features.map((f, i) => [f, i])), idf: Float64Array.from(m.idf) },
    weights: Float64Array.from(m.weights),
    bias: m.bias,
  };
}

export function logOdds(model: ReviewModel, x: SparseVector): number {
  let z = model.bias;
  for (let j = 0; j < x.idx.length; j++)
    z += (model.weights[x.idx[j] as number] as number) * (x.val[j] as number);
  return z;
}

const scorers = new WeakMap<ReviewModel, FastScorer>();

/**
 * The log-odds that a text is positive, by the review model (title and body run together): the
 * same number as logOdds(model, vectorize(tokens({ body: text }), model.vocab)), computed faster.
 */
export function reviewLogOdds(model: ReviewModel, text: string): number {
  let scorer = scorers.get(model);
  if (!scorer) {
    scorer = fastScorer(model);
    scorers.set(model, scorer);
  }
  return scorer.logOdds(text);
}

let loaded: ReviewModel | undefined;

/** The committed model (models/sentiment.json), loaded once. */
export function reviewModel(): ReviewModel {
  loaded ??= reviewModelFromFile(SENTIMENT_MODEL_FILE);
  return loaded;
}
