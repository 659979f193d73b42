import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../lib/paths.js';
import { FEATURE_NAMES, type IdfTable } from './features.js';
import type { Logistic } from './logistic.js';

/** What the reply check learns: n-gram idf and the weights of the relevance model. */
export interface ReplyCheckModel {
  idf: IdfTable;
  relevance: Logistic;
}

export const MODEL_FILE = join(packageRoot, 'models', 'reply-check.json');
const FORMAT = 'yuqing-reply-check/1';

/**
 * models/reply-check.json: n-grams grouped by document frequency (idf follows from df and the
 * number of documents), and the relevance weights by feature name. No text of the training data
 * beyond n-grams of two and three characters seen in at least `minDf` documents.
 */
interface ModelFile {
  format: typeof FORMAT;
  documents: number;
  minDf: number;
  /** df → the n-grams with that df, space-separated (n-grams never contain a space). */
  grams: Record<string, string>;
  relevance: { features: string[]; weights: number[]; bias: number };
  /** Cross-validated figures, for the record. */
  evaluation?: Record<string, number>;
}

const idfFromDf = (documents: number, df: number) => Math.log((1 + documents) / (1 + df)) + 1;

/** The df of each term, from an idf table (inverting idfFromDf), rounded to an integer. */
function dfOf(documents: number, idf: number): number {
  return Math.round((1 + documents) / Math.exp(idf - 1) - 1);
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function serializeModel(
  model: ReplyCheckModel,
  documents: number,
  minDf: number,
  evaluation?: Record<string, number>,
): string {
  const byDf = new Map<number, string[]>();
  for (const [term, idf] of model.idf.idf) {
    const df = dfOf(documents, idf);
    const list = byDf.get(df) ?? [];
    list.push(term);
    byDf.set(df, list);
  }
  const grams: Record<string, string> = {};
  for (const df of [...byDf.keys()].sort((a, b) => a - b))
    grams[String(df)] = (byDf.get(df) as string[]).sort().join(' ');
  const file: ModelFile = {
    format: FORMAT,
    documents,
    minDf,
    grams,
    relevance: {
      features: [...FEATURE_NAMES],
      weights: model.relevance.weights.map((w) => round(w, 5)),
      bias: round(model.relevance.bias, 5),
    },
    ...(evaluation ? { evaluation } : {}),
  };
  return JSON.stringify(file);
}

export function parseModel(json: string, source = MODEL_FILE): ReplyCheckModel {
  const m = JSON.parse(json) as ModelFile;
  if (m.format !== FORMAT) throw new Error(`${source}：不认识的模型格式 ${String(m.format)}`);
  if (m.relevance.features.join() !== FEATURE_NAMES.join())
    throw new Error(`${source}：模型的特征与程序不一致，请重新训练（npm run train:reply-check）`);
  const idf = new Map<string, number>();
  for (const [df, terms] of Object.entries(m.grams)) {
    const value = idfFromDf(m.documents, Number(df));
    for (const t of terms.split(' ')) idf.set(t, value);
  }
  return {
    idf: { idf, unseen: idfFromDf(m.documents, 0) },
    relevance: { weights: m.relevance.weights, bias: m.relevance.bias },
  };
}

let loaded: ReplyCheckModel | undefined;

/** The committed model (models/reply-check.json), loaded once. */
export function replyCheckModel(): ReplyCheckModel {
  loaded ??= parseModel(readFileSync(MODEL_FILE, 'utf8'));
  return loaded;
}
