import { addToRank, DEFAULT_HALF_LIFE_MS, mergeRanks, postWeight } from './heat.js';
import { dot, norm, topTerms, type SparseVector } from './vectors.js';
import { isKeyword, withOriginalCase } from '../keywords.js';
import { addToEvent, mergeEvents, type EventMark, type TopicEvent } from './events.js';

const DAY = 24 * 3600 * 1000;

export interface ClusterOptions {
  /** Cosine of a post to a topic's centroid at or above this joins the topic. */
  threshold: number;
  /**
   * Cosine of two topics' centroids at or above this merges them: posts imported out of time
   * order can start two topics on one matter before the posts that bridge them arrive.
   */
  mergeThreshold: number;
  /** A topic takes posts within this much post time of its first and last post. */
  windowMs: number;
  /** Terms kept in a centroid (and in the representative post's vector). */
  centroidTerms: number;
  halfLifeMs: number;
  /**
   * A short post with an urgent signal joins an event of its kind within this much post time of
   * the event's posts (events.ts); two events of different places this near are kept apart.
   */
  eventWindowMs: number;
}

/** Tuned on the TipDM hot messages by scripts/train-topics.ts (which prints the sweep). */
export const DEFAULT_CLUSTER: ClusterOptions = {
  threshold: 0.3,
  mergeThreshold: 0.45,
  windowMs: 7 * DAY,
  centroidTerms: 40,
  halfLifeMs: DEFAULT_HALF_LIFE_MS,
  eventWindowMs: 2 * 3600 * 1000,
};

/** A post as clustering sees it. */
export interface TopicDoc {
  postId: number;
  /** L2-normalised TF-IDF (vectors.ts). */
  vector: SparseVector;
  /** What stands for the topic when this post represents it: the title, else an excerpt. */
  text: string;
  postedAt: number;
  likes: number | null;
  replies: number | null;
  /** How the post reads as part of a sudden event (events.ts); absent for most posts. */
  event?: EventMark | null;
}

export interface Representative {
  postId: number;
  text: string;
  vector: SparseVector;
}

/** A topic's state: what the database stores, and what a CLI run keeps in memory. */
export interface Topic {
  /** The caller's id (database id); null for a topic made here and not stored yet. */
  id: number | null;
  /** The mean of the members' vectors, cut to the heaviest terms. */
  centroid: SparseVector;
  size: number;
  likes: number;
  replies: number;
  firstAt: number;
  lastAt: number;
  /** heat.ts: log2 of the decayed mass plus time over half-life. */
  heatRank: number;
  /** The member nearest the centroid, as far as seen. */
  representative: Representative | null;
  /** The sudden event its posts report (events.ts), if any did. */
  event: TopicEvent | null;
}

const cut = (v: SparseVector, k: number): SparseVector => new Map(topTerms(v, k));

export function newTopic(doc: TopicDoc, options: ClusterOptions, id: number | null = null): Topic {
  const centroid = cut(doc.vector, options.centroidTerms);
  return {
    id,
    centroid,
    size: 1,
    likes: Math.max(0, doc.likes ?? 0),
    replies: Math.max(0, doc.replies ?? 0),
    firstAt: doc.postedAt,
    lastAt: doc.postedAt,
    heatRank: addToRank(null, postWeight(doc.likes, doc.replies), doc.postedAt, options.halfLifeMs),
    representative: { postId: doc.postId, text: doc.text, vector: centroid },
    event: doc.event ? addToEvent(null, doc.event, doc.postedAt) : null,
  };
}

const cosineTo = (v: SparseVector, centroid: SparseVector, centroidNorm: number) => {
  const n = norm(v) * centroidNorm;
  return n === 0 ? 0 : dot(v, centroid) / n;
};

/** The size-weighted mean of two centroids, cut to the heaviest terms. */
function meanCentroid(
  a: SparseVector,
  na: number,
  b: SparseVector,
  nb: number,
  k: number,
): SparseVector {
  const sum: SparseVector = new Map();
  for (const [w, x] of a) sum.set(w, x * na);
  for (const [w, x] of b) sum.set(w, (sum.get(w) ?? 0) + x * nb);
  for (const [w, x] of sum) sum.set(w, x / (na + nb));
  return cut(sum, k);
}

/** Of two candidates, the one nearer the topic's (new) centroid represents it. */
function nearer(topic: Topic, candidates: (Representative | null)[]): Representative | null {
  const cn = norm(topic.centroid);
  let best: { r: Representative; score: number } | null = null;
  for (const r of candidates) {
    if (!r) continue;
    const score = cosineTo(r.vector, topic.centroid, cn);
    if (!best || score > best.score) best = { r, score };
  }
  return best?.r ?? null;
}

/** Adds a post to a topic in place: centroid, counts, times, heat and representative. */
export function joinTopic(topic: Topic, doc: TopicDoc, options: ClusterOptions): void {
  topic.centroid = meanCentroid(topic.centroid, topic.size, doc.vector, 1, options.centroidTerms);
  topic.size += 1;
  topic.likes += Math.max(0, doc.likes ?? 0);
  topic.replies += Math.max(0, doc.replies ?? 0);
  topic.firstAt = Math.min(topic.firstAt, doc.postedAt);
  topic.lastAt = Math.max(topic.lastAt, doc.postedAt);
  topic.heatRank = addToRank(
    topic.heatRank,
    postWeight(doc.likes, doc.replies),
    doc.postedAt,
    options.halfLifeMs,
  );
  // Compared in this order, the old representative stays on a tie.
  topic.representative = nearer(topic, [
    topic.representative,
    { postId: doc.postId, text: doc.text, vector: cut(doc.vector, options.centroidTerms) },
  ]);
  if (doc.event) topic.event = addToEvent(topic.event, doc.event, doc.postedAt);
}

/** Moves everything of `absorbed` into `survivor`, in place. */
export function mergeTopics(survivor: Topic, absorbed: Topic, options: ClusterOptions): void {
  survivor.centroid = meanCentroid(
    survivor.centroid,
    survivor.size,
    absorbed.centroid,
    absorbed.size,
    options.centroidTerms,
  );
  survivor.size += absorbed.size;
  survivor.likes += absorbed.likes;
  survivor.replies += absorbed.replies;
  survivor.firstAt = Math.min(survivor.firstAt, absorbed.firstAt);
  survivor.lastAt = Math.max(survivor.lastAt, absorbed.lastAt);
  survivor.heatRank = mergeRanks(survivor.heatRank, absorbed.heatRank);
  survivor.representative = nearer(survivor, [survivor.representative, absorbed.representative]);
  survivor.event = mergeEvents(survivor.event, absorbed.event);
}

/** Whether a topic still takes a post of this time (both ways: imports come out of order). */
export const takesAt = (topic: Topic, at: number, windowMs: number) =>
  at >= topic.firstAt - windowMs && at <= topic.lastAt + windowMs;

/** Whether two topics' spans come within the window of each other. */
export const overlaps = (a: Topic, b: Topic, windowMs: number) =>
  a.firstAt - windowMs <= b.lastAt && b.firstAt <= a.lastAt + windowMs;

/**
 * The key words of a topic: its centroid's heaviest terms that can stand for a subject (isKeyword:
 * no single characters or stock phrases; the clustering still uses them all), in the case its
 * representative post wrote them (A7县, not the index's a7县).
 */
export const topicKeywords = (topic: Topic, k = 5) =>
  topTerms(topic.centroid, topic.centroid.size)
    .map(([w]) => w)
    .filter(isKeyword)
    .slice(0, k)
    .map((w) => withOriginalCase(w, [topic.representative?.text ?? '']));
