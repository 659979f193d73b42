import { ingestPosts, type IncomingPost } from '../../src/ingest/ingest-posts.js';
import type { TestContext } from './db.js';

const HOUR = 3_600_000;
let seq = 0;

/**
 * Stores posts through the real pipeline (segmented and indexed, near-duplicates linked), each
 * `hoursAgo` before the test clock (default 1); returns the stored (or duplicated) post ids.
 */
export async function ingestAgo(
  t: TestContext,
  posts: (IncomingPost & { hoursAgo?: number })[],
  source = '云溪论坛',
): Promise<number[]> {
  const now = t.clock.now().getTime();
  const report = await ingestPosts(
    t.ctx,
    posts.map(({ hoursAgo, ...p }) => ({
      ...p,
      externalId: `incident-test-${++seq}`,
      postedAt: new Date(now - (hoursAgo ?? 1) * HOUR).toISOString(),
    })),
    { sourceKey: 'test:incidents', sourceName: source, analysers: [], outcomes: true },
  );
  return (report.outcomes ?? []).map((o) => {
    if (o.kind === 'empty') throw new Error('empty post');
    return o.postId;
  });
}

/** A hot topic over the posts, as the topics analyser would leave it. */
export async function topicOver(
  t: TestContext,
  postIds: number[],
  label: string,
  keywords: string[],
): Promise<number> {
  const now = t.clock.now();
  const { id } = await t.ctx.db
    .insertInto('topics')
    .values({
      label,
      keywords,
      size: postIds.length,
      heat_rank: 1,
      first_at: now,
      last_at: now,
      centroid: '{}',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db.updateTable('posts').set({ topic_id: id }).where('id', 'in', postIds).execute();
  return id;
}
