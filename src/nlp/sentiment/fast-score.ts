import type { ReviewModel } from './model.js';

/**
 * The review model's log-odds without building feature strings: the same characters and bigrams
 * as tokens() (category/features.ts) on a title-less input, and the same sublinear TF-IDF with L2
 * norm as vectorize(), but each feature is an integer (a UTF-16 code unit c, or c1 · 65536 + c2
 * for a bigram) looked up in an open-addressing table. Citizens' messages run to hundreds of
 * characters; hashing a fresh string per feature made the model four fifths of the analysis time.
 */
export interface FastScorer {
  logOdds(text: string): number;
}

const WORD = /^[\p{L}\p{N}]$/u;
// Whether each BMP code unit is a letter or digit: what flatten() in features.ts keeps.
const WORD_UNIT = new Uint8Array(65536);
for (let c = 0; c < 65536; c++)
  if (c < 0xd800 || c > 0xdfff) WORD_UNIT[c] = WORD.test(String.fromCharCode(c)) ? 1 : 0;

/** flatten() reads surrogate pairs as one code point: both halves stay when it is a letter. */
function isWordUnit(text: string, j: number, c: number): boolean {
  if (c < 0xd800 || c > 0xdfff) return WORD_UNIT[c] === 1;
  const cp = text.codePointAt(c < 0xdc00 ? j : j - 1) ?? 0;
  return cp > 0xffff && WORD.test(String.fromCodePoint(cp));
}
const EMPTY = -1;

/** The integer key of a feature string of one or two code units; undefined for anything else. */
export function featureKey(feature: string): number | undefined {
  if (feature.length === 1) return feature.charCodeAt(0);
  if (feature.length === 2) return feature.charCodeAt(0) * 65536 + feature.charCodeAt(1);
  return undefined;
}

const hash = (key: number, bits: number) =>
  Math.imul((key ^ (key >>> 15)) | 0, 0x9e3779b1) >>> (32 - bits);

export function fastScorer(model: ReviewModel): FastScorer {
  const n = model.weights.length;
  let bits = 4;
  while (1 << bits < n * 2) bits++;
  const mask = (1 << bits) - 1;
  // Keys reach 2^32 (two code units), so a Float64Array holds them exactly.
  const keys = new Float64Array(1 << bits).fill(EMPTY);
  const slots = new Int32Array(1 << bits);
  for (const [feature, i] of model.vocab.index) {
    const key = featureKey(feature);
    if (key === undefined) continue;
    let h = hash(key, bits);
    while (keys[h] !== EMPTY) h = (h + 1) & mask;
    keys[h] = key;
    slots[h] = i;
  }
  const find = (key: number): number => {
    let h = hash(key, bits);
    for (;;) {
      const k = keys[h] as number;
      if (k === key) return slots[h] as number;
      if (k === EMPTY) return -1;
      h = (h + 1) & mask;
    }
  };
  const counts = new Float64Array(n);
  const seen = new Int32Array(n);
  const { idf } = model.vocab;
  const { weights, bias } = model;
  // Distinct features of the message being scored, in seen[0..m).
  let m = 0;
  const tally = (i: number) => {
    if (i < 0) return;
    if (counts[i] === 0) seen[m++] = i;
    counts[i] = (counts[i] as number) + 1;
  };

  return {
    logOdds(raw: string): number {
      const text = raw.toLowerCase();
      m = 0;
      // The previous code unit when it is part of a word (a bigram's first half), else -1.
      let prev = -1;
      for (let j = 0; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (!isWordUnit(text, j, c)) {
          prev = -1;
          continue;
        }
        if (prev >= 0) tally(find(prev * 65536 + c));
        tally(find(c));
        prev = c;
      }
      let dot = 0;
      let norm = 0;
      for (let k = 0; k < m; k++) {
        const i = seen[k] as number;
        const v = (1 + Math.log(counts[i] as number)) * (idf[i] as number);
        counts[i] = 0;
        dot += v * (weights[i] as number);
        norm += v * v;
      }
      return norm > 0 ? bias + dot / Math.sqrt(norm) : bias;
    },
  };
}
