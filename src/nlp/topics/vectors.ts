import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../lib/paths.js';

/** A sparse vector: term → weight. Maps keep insertion order, so results are deterministic. */
export type SparseVector = Map<string, number>;

/**
 * Inverse document frequencies of words, fixed at training time (scripts/train-topics.ts) so a
 * post's vector never changes as the database grows. Words the table lacks count as rare as the
 * rarest it knows (df 1): a new estate or road name is exactly what tells one matter from another.
 */
export interface TopicIdf {
  docs: number;
  idf(word: string): number;
}

export const IDF_FILE = join(packageRoot, 'models', 'topic-idf.json');
export const IDF_FORMAT = 'yuqing-topic-idf/1';

/**
 * models/topic-idf.json: words grouped by document frequency (the idf follows from df and docs),
 * and words that carry no topic (stopwords, in the corpus) with idf 0. No text of any message.
 */
export interface IdfFile {
  format: typeof IDF_FORMAT;
  docs: number;
  /** Words in fewer documents are left out (they get the unknown-word idf). */
  minDf: number;
  /** "df" → words with that document frequency, space-separated. */
  byDf: Record<string, string>;
  /** Words whose idf is 0, space-separated. */
  zero: string;
  /**
   * Words common in messages of every category (作为, 导致, 很大), space-separated: not key words
   * (keywords.ts), though they keep their idf in topic vectors. Absent from older files.
   */
  generic?: string;
}

/** Smoothed idf, as the category features use: ln((1 + n) / (1 + df)) + 1. */
export const idfOf = (docs: number, df: number) => Math.log((1 + docs) / (1 + df)) + 1;

export function idfFromFile(file: IdfFile): TopicIdf {
  if (file.format !== IDF_FORMAT) throw new Error(`不认识的话题模型格式 ${String(file.format)}`);
  const table = new Map<string, number>();
  for (const [df, words] of Object.entries(file.byDf)) {
    const v = idfOf(file.docs, Number(df));
    for (const w of words.split(' ')) if (w) table.set(w, v);
  }
  for (const w of file.zero.split(' ')) if (w) table.set(w, 0);
  const unknown = idfOf(file.docs, 1);
  return { docs: file.docs, idf: (word) => table.get(word) ?? unknown };
}

/**
 * The idf with the jurisdiction's own place names counted as common words, named in one post in
 * ten. Unknown to the table, they would weigh as much as the rarest word, and as nearly every post
 * of a township names one of its few villages, posts on different matters in one village (停水 and
 * 施工噪音 in 新街社区) would make one topic. In the table's own messages place names are masked
 * (A市, A3区) and weigh little, which is what the clustering threshold was tuned with.
 */
export function withLocalPlaces(idf: TopicIdf, places: readonly string[]): TopicIdf {
  if (places.length === 0) return idf;
  const local = new Set(places.map((p) => p.toLowerCase()));
  const common = idfOf(idf.docs, idf.docs / 10);
  return {
    docs: idf.docs,
    idf: (word) => (local.has(word) ? Math.min(common, idf.idf(word)) : idf.idf(word)),
  };
}

let loaded: TopicIdf | undefined;

/** The committed idf table, loaded once. */
export function topicIdf(): TopicIdf {
  loaded ??= idfFromFile(JSON.parse(readFileSync(IDF_FILE, 'utf8')) as IdfFile);
  return loaded;
}

// Lone digits and latin letters, and runs of digits (dates, amounts, house numbers), say nothing
// about the matter on their own; masked names like a3区 or k9 stay.
const NOISE = /^(?:\d+(?:\.\d+)?|[a-z])$/;

/** Whether a word may weigh in a topic vector at all (idf aside). */
export const isTermWord = (w: string) => !NOISE.test(w);

export interface VectorOptions {
  /** Each title word counts this many times more (a title says what a post is about). */
  titleBoost: number;
}

/**
 * TF-IDF of a post's words: sublinear tf (1 + ln tf) × idf, L2-normalised. `titleWords` are
 * counted again, `titleBoost - 1` more times each.
 */
export function vectorize(
  words: readonly string[],
  titleWords: readonly string[],
  idf: TopicIdf,
  options: VectorOptions,
): SparseVector {
  const tf = new Map<string, number>();
  for (const w of words) if (isTermWord(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
  const extra = options.titleBoost - 1;
  if (extra > 0) for (const w of titleWords) if (isTermWord(w)) tf.set(w, (tf.get(w) ?? 0) + extra);
  const v: SparseVector = new Map();
  let norm = 0;
  for (const [w, n] of tf) {
    const x = (1 + Math.log(n)) * idf.idf(w);
    if (x <= 0) continue;
    v.set(w, x);
    norm += x * x;
  }
  if (norm === 0) return v;
  const inv = 1 / Math.sqrt(norm);
  for (const [w, x] of v) v.set(w, x * inv);
  return v;
}

export function norm(v: SparseVector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [w, x] of small) {
    const y = large.get(w);
    if (y !== undefined) s += x * y;
  }
  return s;
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const n = norm(a) * norm(b);
  return n === 0 ? 0 : dot(a, b) / n;
}

/** The `k` heaviest terms (ties by term, so the result does not depend on insertion order). */
export function topTerms(v: SparseVector, k: number): [string, number][] {
  return [...v].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, k);
}
