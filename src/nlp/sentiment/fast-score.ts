import { isWordUnit, keyTable } from '../char-keys.js';
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

/** The integer key of a feature string of one or two code units; undefined for anything else. */
export function featureKey(feature: string): number | undefined {
  if (feature.length === 1) return feature.charCodeAt(0);
  if (feature.length === 2) return feature.charCodeAt(0) * 65536 + feature.charCodeAt(1);
  return undefined;
}

export function fastScorer(model: ReviewModel): FastScorer {
  const n = model.weights.length;
  const find = keyTable(
    Array.from(model.vocab.index).flatMap(([feature, i]): [number, number][] => {
      const key = featureKey(feature);
      return key === undefined ? [] : [[key, i]];
    }),
    n,
  );
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
