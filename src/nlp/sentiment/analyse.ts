import { emptyScan, scanLexicon, type LexiconScan } from './lexicon.js';
import { reviewLogOdds, reviewModel, type ReviewModel } from './model.js';

export type Sentiment = 'negative' | 'neutral' | 'positive';

/** Display names (the UI and exports show these). */
export const SENTIMENT_LABELS: Readonly<Record<Sentiment, string>> = {
  negative: '负面',
  neutral: '中性',
  positive: '正面',
};

export interface SentimentInput {
  title?: string | null;
  body: string;
}

export interface SentimentResult {
  label: Sentiment;
  /** -1 (most negative) .. 1 (most positive); 0 when there is no evidence either way. */
  score: number;
  /** The lexicon words behind the label (for 中性, the consultation cues found), at most 8. */
  words: string[];
}

/**
 * How the review model and the lexicon are combined: z = model · clamp(log-odds) + lexicon, where
 * lexicon = ln(1 + praise) − ln(1 + blame) (diminishing, so that balance matters more than
 * length), plus bias; a consultation cue multiplies z by `consult`; score = tanh(z); 中性 between
 * the two thresholds. Searched by `npm run train:sentiment -- --tune` on the hand-written messages
 * and the tune half of the hand-labelled real ones (labelled.ts), never on the held-out half.
 */
export interface CombineParams {
  /** Weight of the review model's log-odds: it learnt taste in food and hotels, not civic matters. */
  model: number;
  /** The log-odds are clamped to ±this: a confident review model must not outvote the lexicon. */
  clamp: number;
  bias: number;
  /** Factor applied to z when the message asks or suggests (请问, 咨询, 建议 ...). */
  consult: number;
  /** score ≤ −negative → 负面; score ≥ positive → 正面. */
  negative: number;
  positive: number;
}

export const DEFAULT_PARAMS: CombineParams = {
  model: 0.45,
  clamp: 3,
  bias: 0,
  consult: 0.35,
  negative: 0.4,
  positive: 0.6,
};

/** Title words count this much more than body words: a title says what the message is. */
const TITLE_WEIGHT = 1.5;
const MAX_WORDS = 8;
const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * A consultation cue counts when it is in the title or in the first this many characters of the
 * body: deeper in a complaint, 请问 and 是否 are mostly rhetorical (请问这事有没有人管).
 */
export const LEAD = 30;

/** What the combination needs of a message, computed once (the tuning script reuses it). */
export interface Evidence {
  logOdds: number;
  scan: LexiconScan;
  /** The consultation cues in the title or the body's lead. */
  asks: string[];
}

export function evidence(model: ReviewModel, input: SentimentInput): Evidence {
  const title = input.title ?? '';
  const scan = emptyScan();
  if (title) scanLexicon(title, TITLE_WEIGHT, scan);
  const inTitle = scan.consult.length;
  scanLexicon(input.body, 1, scan);
  const asks = scan.consult.filter((c, k) => k < inTitle || c.at < LEAD).map((c) => c.word);
  const text = title ? `${title}。${input.body}` : input.body;
  return { logOdds: reviewLogOdds(model, text), scan, asks };
}

export function combine(e: Evidence, p: CombineParams = DEFAULT_PARAMS): SentimentResult {
  const m = Math.max(-p.clamp, Math.min(p.clamp, e.logOdds));
  let z = p.model * m + Math.log1p(e.scan.positive) - Math.log1p(-e.scan.negative) + p.bias;
  if (e.asks.length > 0) z *= p.consult;
  const score = Math.tanh(z);
  const label: Sentiment =
    score <= -p.negative ? 'negative' : score >= p.positive ? 'positive' : 'neutral';
  const found =
    label === 'neutral'
      ? e.asks
      : e.scan.hits.filter((h) => (label === 'positive') === h.weight > 0).map((h) => h.text);
  return { label, score: round(score), words: [...new Set(found)].slice(0, MAX_WORDS) };
}

/**
 * The sentiment of each message (same order), with the committed review model
 * (models/sentiment.json, loaded on first use) and the government-domain lexicon.
 */
export function analyseSentiment(
  inputs: readonly SentimentInput[],
  model: ReviewModel = reviewModel(),
): SentimentResult[] {
  return inputs.map((input) => combine(evidence(model, input)));
}
