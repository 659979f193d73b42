import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { topicIdf, topTerms, vectorize, type SparseVector } from '../../nlp/topics/vectors.js';

export const MAX_KEYWORDS = 8;

/** Trimmed, distinct, at most MAX_KEYWORDS: what staff typed as the incident's key words. */
export function cleanKeywords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const t = w.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out.slice(0, MAX_KEYWORDS);
}

/**
 * The heaviest words of the posts (TF-IDF with the topics' fixed idf, summed over posts): what an
 * incident opened from posts is about, when staff gave no key words.
 */
export async function keywordsOfPosts(
  db: Kysely<DB>,
  postIds: readonly number[],
  k = 5,
): Promise<string[]> {
  if (postIds.length === 0) return [];
  const rows = await db
    .selectFrom('posts')
    .select('segmented')
    .where('id', 'in', [...postIds])
    .orderBy('posted_at')
    .limit(200)
    .execute();
  const idf = topicIdf();
  const sum: SparseVector = new Map();
  for (const r of rows) {
    const words = r.segmented.split(' ').filter((w) => w.length > 1);
    for (const [w, x] of vectorize(words, [], idf, { titleBoost: 1 })) {
      sum.set(w, (sum.get(w) ?? 0) + x);
    }
  }
  return topTerms(sum, k).map(([w]) => w);
}
