import { rng, shuffle } from '../category/model.js';
import {
  fitIdf,
  GRAM_SIZES,
  messageGrams,
  pairFeatures,
  textGrams,
  type IdfTable,
  type ReplyPair,
  type TextGrams,
} from './features.js';
import { fitLogistic } from './logistic.js';
import type { ReplyCheckModel } from './model.js';

/** A message with its own reply (the training and evaluation data). */
export type RepliedMessage = ReplyPair;

/** A (message, reply) pair by index: label 1 for the message's own reply, 0 for another's. */
export interface IndexedPair {
  message: number;
  reply: number;
  label: 0 | 1;
}

export interface TrainReplyCheckOptions {
  /** Replies of other messages drawn per message as negatives. */
  negatives: number;
  /** n-grams in fewer documents than this get the unseen idf (and stay out of the model file). */
  minDf: number;
  lambda: number;
  /** Share of messages whose title is run into the body, so the model also knows title-less input. */
  untitledShare: number;
  seed: number;
}

export const defaultTrainOptions: TrainReplyCheckOptions = {
  negatives: 5,
  minDf: 3,
  lambda: 1e-4,
  untitledShare: 0.25,
  seed: 2020,
};

/**
 * Each message of `members` with its own reply and `negatives` replies of other members, drawn
 * with a seeded generator (without repeats while there are enough members).
 */
export function samplePairs(
  members: readonly number[],
  negatives: number,
  seed: number,
): IndexedPair[] {
  const random = rng(seed);
  const out: IndexedPair[] = [];
  const k = Math.min(negatives, members.length - 1);
  for (const i of members) {
    out.push({ message: i, reply: i, label: 1 });
    const taken = new Set<number>([i]);
    while (taken.size <= k) {
      const j = members[Math.floor(random() * members.length)] as number;
      if (taken.has(j)) continue;
      taken.add(j);
      out.push({ message: i, reply: j, label: 0 });
    }
  }
  return out;
}

/** Grams computed once per text, shared by every pair that uses it. */
export interface PreparedData {
  messages: { message: TextGrams; title: TextGrams | null }[];
  replies: TextGrams[];
}

export function prepare(rows: readonly RepliedMessage[]): PreparedData {
  return {
    messages: rows.map((r) => messageGrams(r)),
    replies: rows.map((r) => textGrams(r.reply)),
  };
}

const terms = (g: TextGrams) => {
  const s = new Set<string>();
  for (const n of GRAM_SIZES)
    for (const t of (g.grams.get(n) as Map<string, number>).keys()) s.add(t);
  return s;
};

/** Idf over the messages and the replies of `members`. */
export function fitMembersIdf(
  data: PreparedData,
  members: readonly number[],
  minDf: number,
): IdfTable {
  return fitIdf(
    members.flatMap((i) => [
      terms((data.messages[i] as PreparedData['messages'][number]).message),
      terms(data.replies[i] as TextGrams),
    ]),
    minDf,
  );
}

/**
 * Trains the reply check on `members` only (all rows for the committed model, the training folds
 * in cross-validation): idf, then the logistic relevance model on true and random pairs, the
 * positives weighted up so that the classes weigh the same (relevance ½ is the undecided point).
 */
export function trainReplyCheck(
  rows: readonly RepliedMessage[],
  data: PreparedData,
  members: readonly number[],
  options: Partial<TrainReplyCheckOptions> = {},
): { model: ReplyCheckModel; documents: number } {
  const o = { ...defaultTrainOptions, ...options };
  const idf = fitMembersIdf(data, members, o.minDf);
  const untitled = new Set(
    shuffle([...members], rng(o.seed + 1)).slice(0, Math.round(members.length * o.untitledShare)),
  );
  const untitledGrams = new Map<number, PreparedData['messages'][number]>();
  for (const i of untitled) {
    const r = rows[i] as RepliedMessage;
    untitledGrams.set(i, messageGrams({ title: null, body: `${r.title ?? ''}${r.body}` }));
  }
  const pairs = samplePairs(members, o.negatives, o.seed);
  const xs = pairs.map((p) => {
    const m = untitledGrams.get(p.message) ?? data.messages.at(p.message);
    if (!m) throw new RangeError(`no message ${p.message}`);
    return pairFeatures(m.message, m.title, data.replies[p.reply] as TextGrams, idf);
  });
  const ys = pairs.map((p) => p.label);
  const negatives = Math.min(o.negatives, members.length - 1);
  const relevance = fitLogistic(xs, ys, {
    lambda: o.lambda,
    sampleWeights: ys.map((y) => (y === 1 ? negatives : 1)),
  });
  return { model: { idf, relevance }, documents: members.length * 2 };
}
