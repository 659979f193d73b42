import { charGrams, counts, namedPlaces, normalise, numbers, placeCodes, runs } from './text.js';

/** A message and a reply to it; the title is optional (some sources run it into the body). */
export interface ReplyPair {
  title?: string | null;
  body: string;
  reply: string;
}

/** Inverse document frequencies of n-grams; an n-gram never seen counts as rarer than any seen. */
export interface IdfTable {
  idf: Map<string, number>;
  /** The idf given to a term not in the table. */
  unseen: number;
}

/** The n-gram sizes the features use. */
export const GRAM_SIZES = [2, 3] as const;

/** The parts of one text that the pair features compare, computed once per text. */
export interface TextGrams {
  /** Counts of character n-grams of each size, keyed by size. */
  grams: Map<number, Map<string, number>>;
  places: Set<string>;
  named: Set<string>;
  numbers: Set<string>;
  length: number;
}

export function textGrams(text: string): TextGrams {
  const parts = runs(text);
  const grams = new Map<number, Map<string, number>>();
  for (const n of GRAM_SIZES) grams.set(n, counts(charGrams(parts, n)));
  return {
    grams,
    places: placeCodes(text),
    named: namedPlaces(text),
    numbers: numbers(text),
    length: normalise(text).length,
  };
}

/**
 * Fits idf over documents (messages and replies alike): smoothed ln((1 + N) / (1 + df)) + 1,
 * keeping terms in at least `minDf` documents; rarer terms get `unseen` (the df = 0 value).
 */
export function fitIdf(docs: readonly Iterable<string>[], minDf = 2): IdfTable {
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of doc) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) if (d >= minDf) idf.set(t, Math.log((1 + n) / (1 + d)) + 1);
  return { idf, unseen: Math.log(1 + n) + 1 };
}

/** One text's n-grams of one size weighed by an idf table: kept, since a text meets many replies. */
interface Weighted {
  counts: Map<string, number>;
  terms: string[];
  idf: Float64Array;
  /** Sublinear tf × idf. */
  weight: Float64Array;
  norm: number;
}

// Per text and idf table (the committed model, or one per cross-validation fold).
const weighedCache = new WeakMap<TextGrams, WeakMap<IdfTable, Map<number, Weighted>>>();

function weighed(text: TextGrams, n: number, table: IdfTable): Weighted {
  let byTable = weighedCache.get(text);
  if (!byTable) weighedCache.set(text, (byTable = new WeakMap()));
  let byN = byTable.get(table);
  if (!byN) byTable.set(table, (byN = new Map<number, Weighted>()));
  const cached = byN.get(n);
  if (cached) return cached;
  const counts = text.grams.get(n) as Map<string, number>;
  const terms = [...counts.keys()];
  const idf = new Float64Array(terms.length);
  const weight = new Float64Array(terms.length);
  let norm = 0;
  terms.forEach((t, i) => {
    const v = table.idf.get(t) ?? table.unseen;
    idf[i] = v;
    const wt = (1 + Math.log(counts.get(t) as number)) * v;
    weight[i] = wt;
    norm += wt * wt;
  });
  const w: Weighted = { counts, terms, idf, weight, norm: Math.sqrt(norm) };
  byN.set(n, w);
  return w;
}

/** Cosine of sublinear-tf × idf vectors. */
function cosine(x: Weighted, y: Weighted): number {
  if (x.norm === 0 || y.norm === 0) return 0;
  // Walk the shorter text, look up in the longer one.
  const [a, b] = x.terms.length <= y.terms.length ? [x, y] : [y, x];
  let dot = 0;
  for (let i = 0; i < a.terms.length; i++) {
    const cb = b.counts.get(a.terms[i] as string);
    if (cb !== undefined)
      dot += (a.weight[i] as number) * (1 + Math.log(cb)) * (a.idf[i] as number);
  }
  return dot / (a.norm * b.norm);
}

/**
 * The idf-weighted share of `from`'s distinct terms (idf at least `minIdf`, i.e. rarer than the
 * common words) that `to` contains. 0 when `from` has no such term.
 */
function coverage(from: Weighted, to: Weighted, minIdf: number): number {
  let all = 0;
  let hit = 0;
  for (let i = 0; i < from.terms.length; i++) {
    const w = from.idf[i] as number;
    if (w < minIdf) continue;
    all += w;
    if (to.counts.has(from.terms[i] as string)) hit += w;
  }
  return all > 0 ? hit / all : 0;
}

const share = (from: Set<string>, to: Set<string>) => {
  if (from.size === 0) return 0;
  let hit = 0;
  for (const x of from) if (to.has(x)) hit++;
  return hit / from.size;
};

/**
 * Both texts name places by code and they share no prefix letter: the data masks each city as a
 * letter and its districts and counties as that letter and a number (A市, A3区), so B2县 in a reply
 * to a message about A3区 is about somewhere else, while A市 is not.
 */
export function placeMismatch(message: Set<string>, reply: Set<string>): boolean {
  if (message.size === 0 || reply.size === 0) return false;
  const letters = new Set([...message].map((p) => p[0]));
  return ![...reply].some((p) => letters.has(p[0]));
}

/** The names of the pair features, in the order `pairFeatures` returns them. */
export const FEATURE_NAMES = [
  'cos2',
  'cos3',
  'title2',
  'rare3Recall',
  'rare3Precision',
  'placeRecall',
  'placePrecision',
  'placeForeign',
  'namedRecall',
  'numberRecall',
  'numberPrecision',
  'logReplyLength',
  'cos2Sqrt',
  'cos2Squared',
  'cos2TimesTitle2',
  'rare3RecallSqrt',
  'noTitle',
  'placeMismatch',
] as const;

/** Trigrams rarer than this (idf) count as the distinctive words of a text. */
export const RARE_IDF = 4;

/** The similarity features of a message (title + body) and a reply, all computed per pair. */
export function pairFeatures(
  message: TextGrams,
  title: TextGrams | null,
  reply: TextGrams,
  idf: IdfTable,
): number[] {
  const m2 = weighed(message, 2, idf);
  const m3 = weighed(message, 3, idf);
  const r2 = weighed(reply, 2, idf);
  const r3 = weighed(reply, 3, idf);
  const foreign = [...reply.places].filter((p) => !message.places.has(p)).length;
  const cos2 = cosine(m2, r2);
  const title2 = title ? coverage(weighed(title, 2, idf), r2, 0) : 0;
  const rare3Recall = coverage(m3, r3, RARE_IDF);
  // The squares, roots and product let the linear model bend where similarity saturates.
  return [
    cos2,
    cosine(m3, r3),
    title2,
    rare3Recall,
    coverage(r3, m3, RARE_IDF),
    share(message.places, reply.places),
    share(reply.places, message.places),
    Math.min(foreign, 3) / 3,
    share(message.named, reply.named),
    share(message.numbers, reply.numbers),
    share(reply.numbers, message.numbers),
    Math.log(1 + reply.length) / 8,
    Math.sqrt(cos2),
    cos2 * cos2,
    cos2 * title2,
    Math.sqrt(rare3Recall),
    title ? 0 : 1,
    placeMismatch(message.places, reply.places) ? 1 : 0,
  ];
}

/** The grams of a pair's message (title and body together) and of its title alone. */
export function messageGrams(pair: Omit<ReplyPair, 'reply'>): {
  message: TextGrams;
  title: TextGrams | null;
} {
  const title = pair.title?.trim() ? pair.title : null;
  return {
    message: textGrams(title ? `${title}\n${pair.body}` : pair.body),
    title: title ? textGrams(title) : null,
  };
}
