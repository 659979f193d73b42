import { alertAnalyser } from '../modules/analysis/alerts/alert-analyser.js';
import { postAnalyser } from '../modules/analysis/post-analysis/analyse-posts.js';
import { topicAnalyser } from '../modules/analysis/topics/assign-topics.js';
import { urgentNotifier } from '../modules/analysis/urgency/notify-urgent.js';
import type { AppContext } from '../server/context.js';

/** A post just stored by the pipeline, as later analysis (category, sentiment, topics) sees it. */
export interface StoredPost {
  id: number;
  sourceKey: string;
  title: string | null;
  body: string;
  postedAt: Date;
  /** jieba words of title and body, as indexed. */
  words: readonly string[];
  relevant: boolean;
  /** The original, when this post is a near-duplicate of it. */
  duplicateOf: number | null;
  likes: number | null;
}

/**
 * Where analysis attaches to the pipeline: each analyser gets every batch of posts right after it
 * is stored (exact duplicates, which are not stored, never reach it). An analyser that throws
 * fails the ingest after its posts are safely stored, so nothing is lost; the caller sees why.
 */
export interface PostAnalyser {
  /** Dotted, like job ids: `analysis.category`. */
  id: string;
  analyse(ctx: AppContext, posts: readonly StoredPost[]): Promise<void>;
  /**
   * Safe to run again on a stored post whose text changed (a title-only post that got its body):
   * it overwrites what it wrote rather than adding to it.
   */
  rerunsOnChange?: boolean;
}

/**
 * The analysers every ingest runs, in order: alert rules read the sentiment written first, and
 * urgent posts are told once their topics are known (one message per matter).
 */
export const ANALYSERS: readonly PostAnalyser[] = [
  postAnalyser,
  topicAnalyser,
  urgentNotifier,
  alertAnalyser,
];

export async function runAnalysers(
  ctx: AppContext,
  analysers: readonly PostAnalyser[],
  posts: readonly StoredPost[],
): Promise<void> {
  if (posts.length === 0) return;
  for (const analyser of analysers) await analyser.analyse(ctx, posts);
}
