import type { CategoryInput, SparseVector, Vocabulary } from './features.js';
import { HEAD_UNITS } from './features.js';
import { isWordUnit, KIND, keyTable } from '../char-keys.js';

/**
 * vectorize(categoryTokens(input), vocab) without building feature strings. Each feature is an
 * integer: a UTF-16 code unit c, or c1 · 65536 + c2 for a bigram, plus 2^32 times its kind (plain,
 * `^` title, `@` opening), looked up in an open-addressing table. Hashing a fresh string per
 * feature held `yuqing classify` near 6,000 messages/s; this is several times faster.
 */
export interface FastVectorizer {
  vectorize(input: CategoryInput): SparseVector;
}

const PLAIN = 0;
const TITLE = 1;
const HEAD = 2;

/** The integer key of a feature string of categoryTokens(); undefined for any other string. */
export function featureKey(feature: string): number | undefined {
  let kind = PLAIN;
  let gram = feature;
  if (feature.startsWith('^')) [kind, gram] = [TITLE, feature.slice(1)];
  else if (feature.startsWith('@')) [kind, gram] = [HEAD, feature.slice(1)];
  if (gram.length === 1 && kind !== TITLE) return kind * KIND + gram.charCodeAt(0);
  if (gram.length === 2) return kind * KIND + gram.charCodeAt(0) * 65536 + gram.charCodeAt(1);
  return undefined;
}

export function fastVectorizer(vocab: Vocabulary): FastVectorizer {
  const n = vocab.idf.length;
  const find = keyTable(
    Array.from(vocab.index, ([feature, i]): [number, number] => {
      const key = featureKey(feature);
      if (key === undefined) throw new Error(`分类模型含有无法识别的特征：${feature}`);
      return [key, i];
    }),
    n,
  );
  const counts = new Float64Array(n);
  const seen = new Int32Array(n);
  const { idf } = vocab;
  // Distinct features of the message being vectorised, in seen[0..m).
  let m = 0;
  // Letters/digits read so far (title first, then body): the opening is the first HEAD_UNITS.
  let units = 0;
  const tally = (key: number) => {
    const i = find(key);
    if (i < 0) return;
    if (counts[i] === 0) seen[m++] = i;
    counts[i] = (counts[i] as number) + 1;
  };
  const scan = (raw: string, inTitle: boolean) => {
    const text = raw.toLowerCase();
    // The previous code unit when it is part of a word (a bigram's first half), else -1.
    let prev = -1;
    for (let j = 0; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (!isWordUnit(text, j, c)) {
        prev = -1;
        continue;
      }
      const head = units++ < HEAD_UNITS;
      tally(c);
      if (head) tally(HEAD * KIND + c);
      if (prev >= 0) {
        const bigram = prev * 65536 + c;
        tally(bigram);
        if (inTitle) tally(TITLE * KIND + bigram);
        if (head) tally(HEAD * KIND + bigram);
      }
      prev = c;
    }
  };

  return {
    vectorize(input: CategoryInput): SparseVector {
      m = 0;
      units = 0;
      if (input.title) scan(input.title, true);
      scan(input.body, false);
      const idx = seen.slice(0, m);
      const val = new Float64Array(m);
      let norm = 0;
      for (let k = 0; k < m; k++) {
        const i = idx[k] as number;
        const v = (1 + Math.log(counts[i] as number)) * (idf[i] as number);
        counts[i] = 0;
        val[k] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (let k = 0; k < m; k++) val[k] = (val[k] as number) / norm;
      return { idx, val };
    },
  };
}
