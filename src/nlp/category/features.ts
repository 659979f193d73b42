/** A message to classify: the title is optional (some sources run title and body together). */
export interface CategoryInput {
  title?: string | null;
  body: string;
}

/** A sparse vector: feature indices (in order of first occurrence) and their values. */
export interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

const NON_WORD = /[^\p{L}\p{N}]+/gu;
const SPACE = 32;

/** Lower-cased, every run of non-letters/digits made one space. */
const flatten = (text: string) => text.toLowerCase().replace(NON_WORD, ' ');

/**
 * The raw features of a message, by their length: characters (1), character bigrams (2) of title
 * and body, and the title's bigrams once more, marked `^` (3; a title says what it is about).
 * UTF-16 code units, no segmentation: measured by 5-fold CV, jieba words added nothing to these
 * and cost two thirds of the throughput.
 */
export function tokens(input: CategoryInput): string[] {
  const title = flatten(input.title ?? '');
  const text = title ? `${title} ${flatten(input.body)}` : flatten(input.body);
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === SPACE) continue;
    out.push(text[i] as string);
    if (i + 1 < text.length && text.charCodeAt(i + 1) !== SPACE) out.push(text.slice(i, i + 2));
  }
  for (let i = 0; i + 1 < title.length; i++) {
    if (title.charCodeAt(i) !== SPACE && title.charCodeAt(i + 1) !== SPACE)
      out.push('^' + title.slice(i, i + 2));
  }
  return out;
}

/** How many letters/digits at the start of title + body count as the opening (marked `@`). */
export const HEAD_UNITS = 80;

/**
 * The category model's features: tokens() plus the characters and bigrams of the opening (the
 * first HEAD_UNITS letters/digits of title and body, separators not counted), marked `@`. Two
 * thirds of the messages carry their title run into the body, and the opening is where a message
 * says what it is about. Measured by 5-fold CV: +0.009 macro-F1 with log-count-ratio scaling.
 * fast-vectorize.ts computes the same vector without strings; keep the two in step.
 */
export function categoryTokens(input: CategoryInput): string[] {
  const out = tokens(input);
  const title = flatten(input.title ?? '');
  const text = title ? `${title} ${flatten(input.body)}` : flatten(input.body);
  let units = 0;
  for (let i = 0; i < text.length && units < HEAD_UNITS; i++) {
    if (text.charCodeAt(i) === SPACE) continue;
    units++;
    out.push('@' + text[i]);
    if (units < HEAD_UNITS && i + 1 < text.length && text.charCodeAt(i + 1) !== SPACE)
      out.push('@' + text.slice(i, i + 2));
  }
  return out;
}

/** A TF-IDF vocabulary: feature name → index, and each feature's inverse document frequency. */
export interface Vocabulary {
  index: Map<string, number>;
  idf: Float64Array;
}

/**
 * Fits the vocabulary: features in at least `minDf` documents, smoothed idf
 * (ln((1 + n) / (1 + df)) + 1), indices in order of first appearance (deterministic).
 */
export function fitVocabulary(docs: readonly (readonly string[])[], minDf = 2): Vocabulary {
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const index = new Map<string, number>();
  const idfs: number[] = [];
  for (const [t, n] of df) {
    if (n < minDf) continue;
    index.set(t, idfs.length);
    idfs.push(Math.log((1 + docs.length) / (1 + n)) + 1);
  }
  return { index, idf: Float64Array.from(idfs) };
}

// Term counts per feature index, reused between calls (zeroed again after each vector).
let scratch = new Float64Array(0);

/** Sublinear TF (1 + ln tf) × idf, L2-normalised; features outside the vocabulary are ignored. */
export function vectorize(doc: readonly string[], vocab: Vocabulary): SparseVector {
  if (scratch.length < vocab.idf.length) scratch = new Float64Array(vocab.idf.length);
  const seen: number[] = [];
  for (const t of doc) {
    const i = vocab.index.get(t);
    if (i === undefined) continue;
    if (scratch[i] === 0) seen.push(i);
    scratch[i] = (scratch[i] as number) + 1;
  }
  const idx = Int32Array.from(seen);
  const val = new Float64Array(idx.length);
  let norm = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] as number;
    const v = (1 + Math.log(scratch[i] as number)) * (vocab.idf[i] as number);
    scratch[i] = 0;
    val[k] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < val.length; k++) val[k] = (val[k] as number) / norm;
  return { idx, val };
}
