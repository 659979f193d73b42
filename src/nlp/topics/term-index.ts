import type { SparseVector } from './vectors.js';

interface Entry {
  terms: string[];
  first: number;
  last: number;
}

/**
 * An inverted index over topic centroids, partitioned by time: a topic is listed under each of
 * its terms in every time bucket its active span touches, so a post looks only at topics active
 * around its own time, however many topics years of posts have made, and an import that is
 * not in time order costs no more than one that is.
 */
export class TimeTermIndex {
  readonly #bucketMs: number;
  // bucket → term → positions of topics.
  #buckets = new Map<number, Map<string, Set<number>>>();
  #entries = new Map<number, Entry>();

  constructor(bucketMs: number) {
    this.#bucketMs = bucketMs;
  }

  #bucket(at: number): number {
    return Number.isFinite(this.#bucketMs) && this.#bucketMs > 0
      ? Math.floor(at / this.#bucketMs)
      : 0;
  }

  has(position: number): boolean {
    return this.#entries.has(position);
  }

  positions(): IterableIterator<number> {
    return this.#entries.keys();
  }

  /**
   * Lists a topic's terms over the time span [from, to], replacing any listing it had: only the
   * difference is written, as a post joining a topic changes a few terms and extends its span.
   */
  add(position: number, terms: Iterable<string>, from: number, to: number): void {
    const entry: Entry = { terms: [...terms], first: this.#bucket(from), last: this.#bucket(to) };
    const old = this.#entries.get(position);
    this.#entries.set(position, entry);
    if (!old) {
      for (let b = entry.first; b <= entry.last; b++) this.#list(b, position, entry.terms);
      return;
    }
    const before = new Set(old.terms);
    const now = new Set(entry.terms);
    const gone = old.terms.filter((w) => !now.has(w));
    const come = entry.terms.filter((w) => !before.has(w));
    for (let b = Math.min(old.first, entry.first); b <= Math.max(old.last, entry.last); b++) {
      const wasIn = b >= old.first && b <= old.last;
      const isIn = b >= entry.first && b <= entry.last;
      if (wasIn && isIn) {
        this.#unlist(b, position, gone);
        this.#list(b, position, come);
      } else if (wasIn) this.#unlist(b, position, old.terms);
      else if (isIn) this.#list(b, position, entry.terms);
    }
  }

  remove(position: number): void {
    const entry = this.#entries.get(position);
    if (!entry) return;
    this.#entries.delete(position);
    for (let b = entry.first; b <= entry.last; b++) this.#unlist(b, position, entry.terms);
  }

  #list(bucket: number, position: number, terms: readonly string[]): void {
    if (terms.length === 0) return;
    let byTerm = this.#buckets.get(bucket);
    if (!byTerm) this.#buckets.set(bucket, (byTerm = new Map<string, Set<number>>()));
    for (const w of terms) {
      const set = byTerm.get(w);
      if (set) set.add(position);
      else byTerm.set(w, new Set([position]));
    }
  }

  #unlist(bucket: number, position: number, terms: readonly string[]): void {
    const byTerm = this.#buckets.get(bucket);
    if (!byTerm) return;
    for (const w of terms) {
      const set = byTerm.get(w);
      if (!set) continue;
      set.delete(position);
      if (set.size === 0) byTerm.delete(w);
    }
    if (byTerm.size === 0) this.#buckets.delete(bucket);
  }

  /**
   * Forgets everything listed only before `at`'s bucket, whole buckets at a time: for a stream in
   * time order, where no post comes from before `at` any more.
   */
  dropBefore(at: number): void {
    const cutoff = this.#bucket(at);
    for (const b of this.#buckets.keys()) if (b < cutoff) this.#buckets.delete(b);
    for (const [position, entry] of this.#entries) {
      if (entry.last < cutoff) this.#entries.delete(position);
      else if (entry.first < cutoff) entry.first = cutoff;
    }
  }

  /** Dot products of `v` with the centroid of every topic listed at `at` sharing a term with it. */
  dotsAt(
    v: SparseVector,
    at: number,
    centroidOf: (position: number) => SparseVector,
  ): Map<number, number> {
    const acc = new Map<number, number>();
    const byTerm = this.#buckets.get(this.#bucket(at));
    if (!byTerm) return acc;
    for (const [w, x] of v) {
      const set = byTerm.get(w);
      if (!set) continue;
      for (const i of set) acc.set(i, (acc.get(i) ?? 0) + x * (centroidOf(i).get(w) ?? 0));
    }
    return acc;
  }

  /** Topics listed anywhere in [from, to] sharing a term with `terms`. */
  candidates(terms: Iterable<string>, from: number, to: number): Set<number> {
    const out = new Set<number>();
    const words = [...terms];
    for (let b = this.#bucket(from), last = this.#bucket(to); b <= last; b++) {
      const byTerm = this.#buckets.get(b);
      if (!byTerm) continue;
      for (const w of words) for (const i of byTerm.get(w) ?? []) out.add(i);
    }
    return out;
  }
}
