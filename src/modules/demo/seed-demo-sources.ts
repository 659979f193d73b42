import { sql } from 'kysely';
import { localDate } from '../../lib/calendar.js';
import { startOfLocalDay } from '../cases/stats/period.js';
import type { AppContext } from '../../server/context.js';
import type {
  FeedSourceConfig,
  HtmlSourceConfig,
  JsonSourceConfig,
} from '../../sources/source-config.js';
import { ensureBoardSource } from '../board/board-source.js';
import { newLookupCode } from '../board/post-message.js';
import { DEMO_TERMS } from './demo-site-content.js';
import { DEMO_PATHS } from './demo-site.routes.js';

const FORUM: HtmlSourceConfig = {
  itemLink: 'ul.threads a.title',
  nextPage: 'a.next',
  title: 'h1.thread-title',
  body: 'div.post-content',
  author: 'span.author',
  time: 'span.post-time',
  likes: 'span.likes',
  maxPages: 5,
};
const HOTLINE: JsonSourceConfig = {
  itemsPath: 'data.items',
  fields: { id: 'code', title: 'subject', body: 'content', author: 'caller', time: 'time' },
  pageParam: 'page',
  maxPages: 5,
};
const NEWS: FeedSourceConfig = {};

/**
 * The demo township's jurisdiction dictionary and its three sources, served by yuqing's own demo
 * endpoints and due at once, so the first start shows collected posts within a minute or two.
 * Returns the ids of the sources it added.
 */
export async function seedDemoSources(ctx: AppContext): Promise<number[]> {
  const now = ctx.clock.now();
  const origin = `http://127.0.0.1:${ctx.config.port}`;
  await seedDemoTerms(ctx);
  const sources = [
    {
      name: '云溪社区论坛（演示）',
      kind: 'html' as const,
      path: DEMO_PATHS.forum,
      config: FORUM,
      interval: 60,
    },
    {
      name: '云溪镇政务新闻（演示）',
      kind: 'rss' as const,
      path: DEMO_PATHS.news,
      config: NEWS,
      interval: 360,
    },
    {
      name: '便民热线开放数据（演示）',
      kind: 'json' as const,
      path: DEMO_PATHS.hotline,
      config: HOTLINE,
      interval: 1440,
    },
  ];
  const inserted = await ctx.db
    .insertInto('sources')
    .values(
      sources.map((s) => ({
        name: s.name,
        kind: s.kind,
        url: origin + s.path,
        config: JSON.stringify(s.config),
        interval_minutes: s.interval,
        next_run_at: now,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .execute();
  await seedDemoWatch(ctx);
  await seedDemoBoard(ctx);
  return inserted.map((r) => r.id);
}

/**
 * The township's place and unit names, before any demo message is stored, so the messages are
 * judged against them (and the dashboard's places chart has the villages they name).
 */
export async function seedDemoTerms(ctx: AppContext): Promise<void> {
  await ctx.db
    .insertInto('jurisdiction_terms')
    .values(DEMO_TERMS.map((t) => ({ ...t, created_at: ctx.clock.now() })))
    .onConflict((oc) => oc.column('term').doNothing())
    .execute();
}

/**
 * The demo cases that came in through the message board become its messages, so the public
 * board shows messages in every stage, some with their published replies.
 */
async function seedDemoBoard(ctx: AppContext): Promise<void> {
  const board = await ensureBoardSource(ctx.db, ctx.clock);
  const posts = await ctx.db
    .updateTable('posts')
    .set({ source: board.name, source_key: `source:${board.id}` })
    .where('source', '=', '网络问政平台')
    .returning(['id', 'posted_at'])
    .execute();
  if (posts.length === 0) return;
  await ctx.db
    .insertInto('board_messages')
    .values(
      posts.map((p) => ({
        post_id: p.id,
        lookup_code: newLookupCode(),
        // Not a real address: the demo's messages were never posted over the network.
        address_hash: 'demo',
        created_at: p.posted_at,
      })),
    )
    .execute();
}

/**
 * A watch period under way (the township people's congress, today and the next two days) that
 * reads the forum and the news every half hour, with the monitor on the day shift: the night
 * hours show as gaps in the roster.
 */
async function seedDemoWatch(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const timeZone = ctx.config.deadlines.timeZone;
  const today = localDate(now, timeZone);
  const day = (offset: number) =>
    localDate(new Date(now.getTime() + offset * 86_400_000), timeZone);
  /** That day's hour on the township's clock (YUQING_TIME_ZONE), not always Beijing's. */
  const at = (offset: number, hour: number) =>
    new Date(startOfLocalDay(day(offset), timeZone).getTime() + hour * 3_600_000);
  const monitor = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'monitor')
    .executeTakeFirst();
  const sources = await ctx.db
    .selectFrom('sources')
    .select('id')
    .where('name', 'in', ['云溪社区论坛（演示）', '云溪镇政务新闻（演示）'])
    .execute();
  const period = await ctx.db
    .insertInto('watch_periods')
    .values({
      name: '云溪镇人民代表大会会期',
      kind: 'meeting',
      starts_on: today,
      ends_on: day(2),
      interval_minutes: 30,
      note: '会期内加密监测论坛和政务新闻，夜间由值班领导电话值守',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (sources.length > 0) {
    await ctx.db
      .insertInto('watch_period_sources')
      .values(sources.map((s) => ({ period_id: period.id, source_id: s.id })))
      .execute();
  }
  if (!monitor) return;
  await ctx.db
    .insertInto('watch_duties')
    .values(
      [0, 1, 2].map((offset) => ({
        period_id: period.id,
        user_id: monitor.id,
        starts_at: at(offset, 8),
        ends_at: at(offset, 20),
        note: '白班',
      })),
    )
    .execute();
}

/**
 * The demo sources point at this server; when it listens on another port than when they were
 * made (PORT changed, or port 0 in tests), they follow it.
 */
export async function alignDemoSources(ctx: AppContext, serverUrl: string): Promise<void> {
  const origin = new URL(serverUrl);
  const host =
    origin.hostname === '0.0.0.0' || origin.hostname === '::' ? '127.0.0.1' : origin.hostname;
  const base = `${origin.protocol}//${host.includes(':') ? `[${host}]` : host}:${origin.port}`;
  await sql`
    update sources
    set url = ${base} || substring(url from '^https?://[^/]+(/demo/.*)$')
    where kind in ('rss', 'html', 'json')
      and url ~ '^https?://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?/demo/'
      and url not like ${`${base}/%`}`.execute(ctx.db);
}
