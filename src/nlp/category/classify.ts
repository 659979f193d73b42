import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../lib/paths.js';
import type { CategoryInput, Vocabulary } from './features.js';
import { fastVectorizer } from './fast-vectorize.js';
import { predict, type LinearModel, type Prediction } from './model.js';

/** The first-level categories of the TipDM 2020 C data the model is trained on. */
export const CATEGORY_LABELS = [
  '城乡建设',
  '环境保护',
  '交通运输',
  '教育文体',
  '劳动和社会保障',
  '商贸旅游',
  '卫生计生',
] as const;

/** Features in fewer training messages than this are left out of the vocabulary. */
export const DEFAULT_MIN_DF = 3;
/**
 * Below this probability of the top class the label is 其他: no category has even 30%. The
 * distilled model's probabilities are softer than a model trained on labels alone, so 0.3 sets
 * aside about as few messages (0.6% in CV) as 0.35 did before (0.8%).
 */
export const DEFAULT_THRESHOLD = 0.3;

export const MODEL_FILE = join(packageRoot, 'models', 'category.json');
const FORMAT = 'yuqing-category/1';

/** models/category.json: the vocabulary, idf and weights, rounded (no training text). */
interface ModelFile {
  format: typeof FORMAT;
  labels: string[];
  threshold: number;
  features: string[];
  idf: number[];
  /** One row per label, aligned with features. */
  weights: number[][];
  bias: number[];
}

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

export function serialize(vocab: Vocabulary, model: LinearModel, threshold: number): string {
  const features = [...vocab.index.keys()];
  const file: ModelFile = {
    format: FORMAT,
    labels: model.labels,
    threshold,
    features,
    idf: Array.from(vocab.idf, (v) => round(v, 3)),
    weights: model.labels.map((_, k) =>
      Array.from({ length: model.dim }, (_, i) =>
        round(model.weights[i * model.labels.length + k] as number, 3),
      ),
    ),
    bias: Array.from(model.bias, (v) => round(v, 4)),
  };
  return JSON.stringify(file);
}

export type CategoryResult = Prediction;

export interface CategoryClassifier {
  labels: readonly string[];
  threshold: number;
  classify(inputs: readonly CategoryInput[]): CategoryResult[];
}

/** A trained model with its vocabulary and the confidence below which the label is 其他. */
export interface CategoryModel {
  vocab: Vocabulary;
  model: LinearModel;
  threshold: number;
}

export function readModelFile(file: string): CategoryModel {
  const m = JSON.parse(readFileSync(file, 'utf8')) as ModelFile;
  if (m.format !== FORMAT) throw new Error(`${file}：不认识的模型格式 ${String(m.format)}`);
  const dim = m.features.length;
  const vocab: Vocabulary = {
    index: new Map(m.features.map((f, i) => [f, i])),
    idf: Float64Array.from(m.idf),
  };
  const weights = new Float64Array(m.labels.length * dim);
  const L = m.labels.length;
  m.weights.forEach((row, k) => row.forEach((v, i) => (weights[i * L + k] = v)));
  const model: LinearModel = { labels: m.labels, dim, weights, bias: Float64Array.from(m.bias) };
  return { vocab, model, threshold: m.threshold };
}

/** A classifier over any trained model (the shipped file or one retrained on confirmed labels). */
export function classifierOf({ vocab, model, threshold }: CategoryModel): CategoryClassifier {
  const vectorizer = fastVectorizer(vocab);
  return {
    labels: model.labels,
    threshold,
    classify: (inputs) =>
      inputs.map((input) => {
        const p = predict(model, vectorizer.vectorize(input), threshold);
        return { label: p.label, confidence: round(p.confidence, 4) };
      }),
  };
}

export function classifierFromFile(file: string): CategoryClassifier {
  return classifierOf(readModelFile(file));
}

let shipped: CategoryModel | undefined;

/** The committed model (models/category.json), read once. */
export function shippedCategoryModel(): CategoryModel {
  shipped ??= readModelFile(MODEL_FILE);
  return shipped;
}

let loaded: CategoryClassifier | undefined;

/** The committed model (models/category.json), loaded once. */
export function categoryClassifier(): CategoryClassifier {
  loaded ??= classifierOf(shippedCategoryModel());
  return loaded;
}

/** Classifies a batch of messages with the committed model. */
export function classifyCategories(inputs: readonly CategoryInput[]): CategoryResult[] {
  return categoryClassifier().classify(inputs);
}

/**
 * One line of `yuqing classify`: `{ id, title?, body }` in, `{ id, label, confidence }` out, or
 * `{ id, error }` (id null when it cannot be read) for a line that is not such an object.
 */
export function classifyJsonLine(raw: string, classifier = categoryClassifier()): string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return JSON.stringify({ id: null, error: raw.trim() ? '不是有效的 JSON' : '空行' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return JSON.stringify({ id: null, error: '应为 JSON 对象 { id, title?, body }' });
  const v = value as Record<string, unknown>;
  const id = typeof v.id === 'string' || typeof v.id === 'number' ? v.id : null;
  if (typeof v.body !== 'string') return JSON.stringify({ id, error: '缺少 body（正文）' });
  if (v.title !== undefined && v.title !== null && typeof v.title !== 'string')
    return JSON.stringify({ id, error: 'title（标题）应为字符串' });
  const [r] = classifier.classify([{ title: v.title ?? null, body: v.body }]);
  return JSON.stringify({ id, label: r?.label, confidence: r?.confidence });
}
