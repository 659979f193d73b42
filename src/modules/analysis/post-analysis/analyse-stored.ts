import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { ANALYSERS, runAnalysers, type StoredPost } from '../../../ingest/analysis-hook.js';
import type { AppContext } from '../../../server/context.js';

/** The posts as the pipeline hands them to analysers, read back from the database. */
async function storedPosts(db: Kysely<DB>, ids: readonly number[]): Promise<StoredPost[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('posts')
    .select([
      'id',
      'source_key',
      'source',
      'title',
      'body',
      'posted_at',
      'segmented',
      'relevant',
      'duplicate_of',
      'likes',
    ])
    .where('id', 'in', ids)
    .orderBy('posted_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    sourceKey: r.source_key ?? r.source,
    title: r.title,
    body: r.body,
    postedAt: r.posted_at,
    words: r.segmented ? r.segmented.split(' ') : [],
    relevant: r.relevant,
    duplicateOf: r.duplicate_of === null ? null : Number(r.duplicate_of),
    likes: r.likes,
  }));
}

/**
 * Every analyser (category, sentiment, urgency, topics) over posts stored outside the pipeline:
 * registered by hand with a case, or stored before analysis existed.
 */
export async function analyseStored(ctx: AppContext, ids: readonly number[]): Promise<void> {
  await runAnalysers(ctx, ANALYSERS, await storedPosts(ctx.db, ids));
}

const BACKLOG_CHUNK = 500;

/** Analyses the oldest chunk of posts not analysed yet; true while more remain. */
export async function analyseBacklogChunk(ctx: AppContext): Promise<boolean> {
  const rows = await ctx.db
    .selectFrom('posts')
    .select('id')
    .where('analysed_at', 'is', null)
    .orderBy('id')
    .limit(BACKLOG_CHUNK)
    .execute();
  await analyseStored(
    ctx,
    rows.map((r) => Number(r.id)),
  );
  return rows.length === BACKLOG_CHUNK;
}
