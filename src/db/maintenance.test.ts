import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../tests/helpers/db.js';
import { recordingQueue } from '../../tests/helpers/jobs.js';
import { ingestPosts } from '../ingest/ingest-posts.js';
import { SEARCH_WINDOW, searchPosts } from '../modules/posts/posts.queries.js';
import { maintainDatabase, maintainDatabaseJob } from './maintenance.js';

const MATCHES = 3000;

describe('database maintenance', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await t.ctx.db
      .insertInto('jurisdiction_terms')
      .values({ term: '云溪镇', kind: 'place', created_at: t.clock.now() })
      .execute();
    await ingestPosts(
      t.ctx,
      [{ title: '云溪镇小区停车难', body: '云溪镇幸福小区停车位不够，晚上车都停到路上。' }],
      { sourceKey: 'test:maintenance' },
    );
    // A year of posts naming 小区, as a bulk import leaves them: copies of the one stored.
    await sql`
      insert into posts (source, source_key, posted_at, title, body, created_at, content_hash,
        relevant, relevance_terms, segmented, search)
      select p.source, p.source_key, p.posted_at - g * interval '3 hours', p.title, p.body,
        p.created_at, p.content_hash || ':' || g, p.relevant, p.relevance_terms, p.segmented, p.search
      from posts p cross join generate_series(1, ${MATCHES - 1}::int) g`.execute(t.ctx.db);
  }, 60_000);
  afterAll(() => t.close());

  it('gives the planner the statistics a search total past the window is estimated from', async () => {
    const ran = await maintainDatabase(t.ctx);
    if (t.ctx.dbKind === 'postgres') {
      // The server's autovacuum sees to it.
      expect(ran).toBeNull();
      return;
    }
    expect(ran).toBe('vacuum analyze');
    const first = await searchPosts(t.ctx.db, { q: '小区', sort: 'time' });
    expect(first.estimated).toBe(true);
    expect(first.total).toBeGreaterThan(2 * SEARCH_WINDOW);
    // Pages past the window are there to be read, not empty.
    const past = await searchPosts(t.ctx.db, { q: '小区', sort: 'time', page: 40 });
    expect(past.items).toHaveLength(20);
  });

  it('runs nightly', async () => {
    expect(maintainDatabaseJob.schedule).toBe('40 3 * * *');
    await maintainDatabaseJob.handler(t.ctx, {}, recordingQueue().queue);
    if (t.ctx.dbKind === 'pglite') {
      const { rows } = await sql<{ reltuples: number }>`
        select reltuples from pg_class where relname = 'posts'`.execute(t.ctx.db);
      expect(Number(rows[0]?.reltuples)).toBeGreaterThanOrEqual(MATCHES);
    }
  });
});
