import {
  DEFAULT_CLUSTER,
  joinTopic,
  mergeTopics,
  newTopic,
  overlaps,
  takesAt,
  type ClusterOptions,
  type Topic,
  type TopicDoc,
} from './topic.js';
import { eventsConflict, markConflicts, matchEvent } from './events.js';
import { TimeTermIndex } from './term-index.js';
import { dot, norm } from './vectors.js';

export interface Match {
  topic: Topic;
  score: number;
}

/**
 * Single-pass incremental clustering: each post joins the most similar topic that is still
 * active at its time, if the cosine reaches the threshold, else starts a topic; a topic that grows
 * close enough to another active one absorbs it. Candidates come from an inverted index over
 * centroid terms, so a post is compared only with topics sharing a term with it, however many
 * topics there are. A short post on a sudden event joins its event's topic first (events.ts), and
 * no post or topic of one event joins a topic of another event of another place that night.
 */
export class TopicClusterer {
  readonly options: ClusterOptions;
  // Every topic ever seen, by position; the index refers to positions.
  #all: Topic[] = [];
  #positions = new Map<Topic, number>();
  #norms: number[] = [];
  // Topics that may still take posts (not expired, not absorbed), by their active span.
  #index: TimeTermIndex;
  #absorbedInto = new Map<Topic, Topic>();
  // Positions of the indexed topics that hold a sudden event (few: most posts report none).
  #eventful = new Set<number>();

  constructor(options: Partial<ClusterOptions> = {}, topics: readonly Topic[] = []) {
    this.options = { ...DEFAULT_CLUSTER, ...options };
    this.#index = new TimeTermIndex(this.options.windowMs);
    for (const t of topics) this.#add(t);
  }

  /** The topics, without those absorbed into others. */
  get topics(): Topic[] {
    return this.#all.filter((t) => !this.#absorbedInto.has(t));
  }

  /** Topics absorbed into another, each with the topic that holds its posts now. */
  get absorbed(): ReadonlyMap<Topic, Topic> {
    return this.#absorbedInto;
  }

  /** The topic that holds a topic's posts now (itself, unless it was absorbed). */
  resolve(topic: Topic): Topic {
    let t = topic;
    for (let next = this.#absorbedInto.get(t); next; next = this.#absorbedInto.get(t)) t = next;
    return t;
  }

  #add(topic: Topic): number {
    const i = this.#all.length;
    this.#all.push(topic);
    this.#positions.set(topic, i);
    this.#norms.push(norm(topic.centroid));
    this.#reindex(i);
    return i;
  }

  #unindex(i: number): void {
    this.#index.remove(i);
    this.#eventful.delete(i);
  }

  #reindex(i: number): void {
    const topic = this.#all[i] as Topic;
    const w = this.options.windowMs;
    this.#norms[i] = norm(topic.centroid);
    this.#index.add(i, topic.centroid.keys(), topic.firstAt - w, topic.lastAt + w);
    if (topic.event) this.#eventful.add(i);
  }

  #centroid = (i: number) => (this.#all[i] as Topic).centroid;

  /** The best of the candidates by cosine; ties go to the older topic. */
  #pick(
    acc: Map<number, number>,
    vNorm: number,
    eligible: (t: Topic, i: number) => boolean,
  ): { i: number; score: number } | null {
    let best: { i: number; score: number } | null = null;
    for (const [i, d] of acc) {
      const n = this.#norms[i] as number;
      // No shared term, no candidate: the index would not have offered it either.
      if (d <= 0 || n === 0 || vNorm === 0 || !eligible(this.#all[i] as Topic, i)) continue;
      const score = d / (n * vNorm);
      if (!best || score > best.score || (score === best.score && i < best.i)) best = { i, score };
    }
    return best;
  }

  #match(acc: Map<number, number>, doc: TopicDoc): Match | null {
    const { windowMs, eventWindowMs } = this.options;
    const best = this.#pick(
      acc,
      norm(doc.vector),
      (t) =>
        takesAt(t, doc.postedAt, windowMs) &&
        !markConflicts(doc.event, doc.postedAt, t.event, eventWindowMs),
    );
    return best && { topic: this.#all[best.i] as Topic, score: best.score };
  }

  /** The best active topic for a post and its cosine, via the inverted index. */
  best(doc: TopicDoc): Match | null {
    return this.#match(this.#index.dotsAt(doc.vector, doc.postedAt, this.#centroid), doc);
  }

  /** The same answer as best(), comparing the post with every indexed topic (for tests). */
  bestBruteForce(doc: TopicDoc): Match | null {
    const acc = new Map<number, number>();
    for (const i of this.#index.positions()) acc.set(i, dot(doc.vector, this.#centroid(i)));
    return this.#match(acc, doc);
  }

  /**
   * Puts a post in a topic and returns it (and whether it is new). `into` forces the topic: a
   * near-duplicate joins its original's topic whatever the similarity or time.
   */
  assign(doc: TopicDoc, into?: Topic): { topic: Topic; created: boolean } {
    let target = into && this.resolve(into);
    // A short post on a sudden event: the event's topic, when the evidence points to one.
    if (!target && doc.event?.short) target = this.#eventTopic(doc) ?? undefined;
    if (!target) {
      const found = this.best(doc);
      if (found && found.score >= this.options.threshold) target = found.topic;
    }
    if (!target) {
      const topic = newTopic(doc, this.options);
      this.#add(topic);
      return { topic, created: true };
    }
    const i = this.#positions.get(target) ?? this.#add(target);
    joinTopic(target, doc, this.options);
    // A topic out of the index (expired) comes back when a near-duplicate revives it.
    this.#reindex(i);
    return { topic: this.#absorbNeighbours(i), created: false };
  }

  #eventTopic(doc: TopicDoc): Topic | null {
    const candidates = [...this.#eventful].flatMap((i) => {
      const t = this.#all[i] as Topic;
      return t.event && takesAt(t, doc.postedAt, this.options.windowMs)
        ? [{ key: t, event: t.event }]
        : [];
    });
    return matchEvent(doc.event, doc.postedAt, candidates, this.options.eventWindowMs);
  }

  /** Merges into one the topic at `i` and any active topic whose centroid is now close to it. */
  #absorbNeighbours(start: number): Topic {
    let i = start;
    for (;;) {
      const topic = this.#all[i] as Topic;
      const w = this.options.windowMs;
      const acc = new Map<number, number>();
      for (const j of this.#index.candidates(
        topic.centroid.keys(),
        topic.firstAt - w,
        topic.lastAt + w,
      ))
        acc.set(j, dot(topic.centroid, this.#centroid(j)));
      const best = this.#pick(
        acc,
        this.#norms[i] as number,
        (other, j) =>
          j !== i &&
          overlaps(topic, other, this.options.windowMs) &&
          !eventsConflict(topic.event, other.event, this.options.eventWindowMs),
      );
      if (!best || best.score < this.options.mergeThreshold) return topic;
      const other = this.#all[best.i] as Topic;
      // The stored topic survives a new one; else the bigger (the older on a tie).
      const keepOther =
        (other.id !== null) !== (topic.id !== null)
          ? other.id !== null
          : other.size > topic.size || (other.size === topic.size && best.i < i);
      const [s, a] = keepOther ? [best.i, i] : [i, best.i];
      const survivor = this.#all[s] as Topic;
      const absorbed = this.#all[a] as Topic;
      this.#unindex(a);
      mergeTopics(survivor, absorbed, this.options);
      this.#absorbedInto.set(absorbed, survivor);
      this.#reindex(s);
      i = s;
    }
  }

  /**
   * Takes topics that can take no post from `at` on out of the index (for posts in time order),
   * so a long stream keeps the index to the active topics.
   */
  expireBefore(at: number): void {
    this.#index.dropBefore(at);
    for (const i of this.#eventful)
      if ((this.#all[i] as Topic).lastAt + this.options.windowMs < at) this.#eventful.delete(i);
  }
}
