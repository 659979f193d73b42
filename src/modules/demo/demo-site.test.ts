import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../tests/helpers/db.js';
import { startTestServer, type TestServer } from '../../../tests/helpers/server.js';
import { systemClock } from '../../lib/clock.js';
import type { AppContext } from '../../server/context.js';
import { runSource } from '../../sources/run-source.js';

let server: TestServer;
let ctx: AppContext;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  ctx = {
    db: server.db,
    dbKind: 'pglite',
    clock: systemClock,
    config: testConfig({ demo: true }),
    version: 'test',
  };
});
afterAll(async () => {
  await server.close();
});

const fast = { fetch: { hostDelayMs: 0, retries: 0 } };

async function demoSources() {
  return ctx.db
    .selectFrom('sources')
    .select(['id', 'name', 'kind', 'url', 'next_run_at'])
    .where('kind', 'in', ['rss', 'html', 'json'])
    .orderBy('id')
    .execute();
}

describe('the demo township’s own sites', () => {
  it('are sources pointing at this server, due at once', async () => {
    const sources = await demoSources();
    expect(sources.map((s) => s.kind)).toEqual(['html', 'rss', 'json']);
    for (const s of sources) {
      expect(s.url?.startsWith(`${server.url}/demo/`)).toBe(true);
      expect(s.next_run_at).not.toBeNull();
    }
  });

  it('has a watch period under way that reads the forum and the news more often', async () => {
    const period = await ctx.db
      .selectFrom('watch_periods')
      .select(['id', 'interval_minutes'])
      .executeTakeFirstOrThrow();
    expect(period.interval_minutes).toBe(30);
    const linked = await ctx.db
      .selectFrom('watch_period_sources')
      .select('source_id')
      .where('period_id', '=', period.id)
      .execute();
    expect(linked).toHaveLength(2);
    const duties = await ctx.db
      .selectFrom('watch_duties')
      .select('id')
      .where('period_id', '=', period.id)
      .execute();
    expect(duties).toHaveLength(3);
  });

  it('has message board messages, replies published on the public board', async () => {
    const board = (await (await fetch(`${server.url}/api/board/messages`)).json()) as {
      items: { title: string; reply: unknown }[];
      total: number;
    };
    expect(board.total).toBe(4);
    expect(board.items.some((m) => m.reply !== null)).toBe(true);
  });

  it('robots.txt lets the fetcher into /demo/ only', async () => {
    const text = await (await fetch(`${server.url}/robots.txt`)).text();
    expect(text).toContain('Allow: /demo/');
    expect(text).toContain('Disallow: /');
  });

  it('are read through the whole pipeline: GBK forum pages, RSS and JSON', async () => {
    const reports = [];
    for (const s of await demoSources()) reports.push(await runSource(ctx, s.id, 'manual', fast));
    const [forum, news, hotline] = reports;
    expect(forum).toMatchObject({ status: 'ok', found: 11, new: 10, nearDuplicates: 1 });
    expect(news).toMatchObject({ status: 'ok', found: 5, new: 5 });
    expect(hotline).toMatchObject({ status: 'ok', found: 4, new: 4 });
    const thread = await ctx.db
      .selectFrom('posts')
      .select(['title', 'body', 'author', 'likes', 'relevant'])
      .where('title', '=', '青石村口的路灯又不亮了')
      .executeTakeFirstOrThrow();
    // Decoded from GBK, with the selectors' author and likes.
    expect(thread).toMatchObject({ author: '青石老李', likes: 12, relevant: true });
    expect(thread.body).toContain('青石村村口到小学');
    const metro = await ctx.db
      .selectFrom('posts')
      .select('relevant')
      .where('title', 'like', '%地铁%')
      .executeTakeFirstOrThrow();
    expect(metro.relevant).toBe(false);
  });

  it('answer an unchanged page with 304 on the next run, and nothing is stored twice', async () => {
    const before = await ctx.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const [forum, news] = await demoSources();
    const again = await runSource(ctx, forum?.id ?? 0, 'manual', fast);
    const feed = await runSource(ctx, news?.id ?? 0, 'manual', fast);
    expect(again.notModified).toBeGreaterThan(0);
    expect(feed.notModified).toBe(1);
    const after = await ctx.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
