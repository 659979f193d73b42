import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { ingestPosts } from '../../ingest/ingest-posts.js';
import { postSourceOptions, SEARCH_WINDOW, searchPosts } from './posts.queries.js';

let t: TestContext;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestContext();
  const at = (hoursAgo: number) => new Date(t.clock.now().getTime() - hoursAgo * HOUR);
  await ingestPosts(
    t.ctx,
    [
      {
        title: '夜间施工噪音',
        body: '工地夜间施工噪音扰民，噪音很大，噪音持续到凌晨',
        postedAt: at(50),
      },
      { title: '广场舞', body: '广场舞音响噪音', postedAt: at(2) },
      { title: '路灯不亮', body: '村口路灯坏了一个月', postedAt: at(1) },
      { title: '中心学校门口拥堵', body: '放学时车辆乱停，接孩子的路灯也不亮了', postedAt: at(3) },
      { title: '流浪狗伤人', body: '前天有小孩被流浪狗追咬', postedAt: at(4) },
    ],
    { sourceKey: 'test:search' },
  );
  // Filler that mentions 小区 once, copied set-based past the search window.
  await ingestPosts(t.ctx, [{ title: '停车难', body: '小区停车位不够', postedAt: at(100) }], {
    sourceKey: 'test:filler',
  });
  await sql`
    insert into posts (source, source_key, posted_at, title, body, created_at, relevant, segmented, search)
    select source, source_key, posted_at - g * interval '1 minute', title, body, created_at, relevant,
      segmented, search
    from posts, generate_series(1, ${SEARCH_WINDOW + 500}) g
    where source_key = 'test:filler'`.execute(t.ctx.db);
  await sql`analyze posts`.execute(t.ctx.db);
});
afterAll(async () => {
  await t.close();
});

describe('searchPosts', () => {
  it('counts exactly within the window', async () => {
    const page = await searchPosts(t.ctx.db, { q: '噪音' });
    expect(page).toMatchObject({ total: 2, estimated: false });
  });

  it('finds a word inside a longer one and Han characters in a row however they were cut', async () => {
    // 流浪狗 is one word to jieba: 流浪 is found in it. 路灯不亮 is cut 路 灯不亮 as a query but
    // 路灯 不亮 in the text; it is found as written.
    const stray = await searchPosts(t.ctx.db, { q: '流浪' });
    expect(stray.items.map((p) => p.title)).toEqual(['流浪狗伤人']);
    expect(stray.items[0]?.highlight).toContain('<mark>流浪</mark>');
    const dark = await searchPosts(t.ctx.db, { q: '路灯不亮', sort: 'time' });
    expect(dark.items.map((p) => p.title)).toEqual(['路灯不亮']);
    const both = await searchPosts(t.ctx.db, { q: '路灯 不亮', sort: 'time' });
    expect(both.items.map((p) => p.title)).toEqual(['路灯不亮', '中心学校门口拥堵']);
  });

  it('estimates past the window, never below it, and pages the newest matches', async () => {
    const page = await searchPosts(t.ctx.db, { q: '小区', sort: 'time', pageSize: 5 });
    expect(page.estimated).toBe(true);
    expect(page.total).toBeGreaterThan(SEARCH_WINDOW);
    expect(page.items).toHaveLength(5);
    const times = page.items.map((p) => Date.parse(p.postedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('ranks by relevance among the newest matches, with highlights', async () => {
    const page = await searchPosts(t.ctx.db, { q: '噪音' });
    expect(page.items.map((p) => p.title)).toEqual(['夜间施工噪音', '广场舞']);
    const [first, second] = page.items;
    expect(Number(first?.rank)).toBeGreaterThan(Number(second?.rank));
    expect(first?.highlight).toContain('<mark>噪音</mark>');
  });

  it('sorted by time, the newest match comes first', async () => {
    const page = await searchPosts(t.ctx.db, { q: '噪音', sort: 'time' });
    expect(page.items.map((p) => p.title)).toEqual(['广场舞', '夜间施工噪音']);
    expect(page.items[0]?.rank).toBeNull();
  });

  it('lists without a query newest first, and an empty page past the end', async () => {
    const first = await searchPosts(t.ctx.db, { pageSize: 2 });
    expect(first.items.map((p) => p.title)).toEqual(['路灯不亮', '广场舞']);
    const past = await searchPosts(t.ctx.db, { q: '噪音', page: 3 });
    expect(past).toMatchObject({ items: [], total: 2 });
  });

  it('filters by a source picked from the options, disabled sources listed last', async () => {
    const now = t.clock.now();
    const [forum, old] = await Promise.all(
      [
        { name: '云溪论坛', enabled: true },
        { name: '旧论坛', enabled: false },
      ].map((s) =>
        t.ctx.db
          .insertInto('sources')
          .values({ ...s, kind: 'manual', created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow(),
      ),
    );
    await ingestPosts(t.ctx, [{ title: '论坛噪音', body: '论坛里说夜里噪音大' }], {
      sourceKey: `source:${forum?.id}`,
      sourceName: '云溪论坛',
    });
    const options = await postSourceOptions(t.ctx.db);
    expect(options.map((o) => [o.key, o.name, o.enabled])).toEqual([
      [`source:${forum?.id}`, '云溪论坛', true],
      [`source:${old?.id}`, '旧论坛', false],
    ]);
    const page = await searchPosts(t.ctx.db, { q: '噪音', source: options[0]?.key });
    expect(page.items.map((p) => p.title)).toEqual(['论坛噪音']);

    // A message registered as a case directly is no source's, and can be filtered by too.
    await ingestPosts(t.ctx, [{ title: '电话反映噪音', body: '电话反映工地夜里噪音大' }], {
      sourceKey: 'manual',
      sourceName: '县长信箱',
    });
    await ingestPosts(t.ctx, [{ title: '热线反映噪音', body: '热线反映广场噪音大' }], {
      sourceKey: 'manual',
      sourceName: '12345热线',
    });
    // Offered by the source the monitor named, as the posts show it.
    const withManual = await postSourceOptions(t.ctx.db);
    expect(withManual.slice(-3).map((o) => [o.key, o.name])).toEqual([
      ['manual', '受理登记（全部）'],
      ['manual:12345热线', '12345热线（受理登记）'],
      ['manual:县长信箱', '县长信箱（受理登记）'],
    ]);
    const byName = await searchPosts(t.ctx.db, { q: '噪音', source: 'manual:县长信箱' });
    expect(byName.items.map((p) => p.title)).toEqual(['电话反映噪音']);
    // All of them, as the 舆情态势 chart's 受理登记 series opens them.
    const manual = await searchPosts(t.ctx.db, { q: '噪音', source: 'manual', sort: 'time' });
    expect(manual.items.map((p) => p.title)).toEqual(['热线反映噪音', '电话反映噪音']);
  });
});

describe('totals past the window', () => {
  let c: TestContext;
  const PAIRS = SEARCH_WINDOW + 100;
  beforeAll(async () => {
    c = await createTestContext();
    // Two words that always come together in half the posts: the planner, taking them as
    // unrelated, expects a quarter of the posts to hold both.
    await ingestPosts(
      c.ctx,
      [
        { title: '噪音扰民', body: '广场舞噪音扰民到深夜' },
        { title: '垃圾清运', body: '垃圾站没人清运' },
      ],
      { sourceKey: 'test:pairs', analysers: [] },
    );
    await sql`
      insert into posts (source, source_key, posted_at, title, body, created_at, relevant, segmented, search)
      select source, source_key, posted_at - g * interval '1 minute', title, body, created_at,
        relevant, segmented, search
      from posts, generate_series(1, ${PAIRS - 1}) g
      where source_key = 'test:pairs'`.execute(c.ctx.db);
    await sql`analyze posts`.execute(c.ctx.db);
  }, 60_000);
  afterAll(async () => {
    await c.close();
  });

  it('counts two related words exactly, not as the planner guesses', async () => {
    for (const sort of ['relevance', 'time'] as const) {
      const page = await searchPosts(c.ctx.db, { q: '噪音 扰民', sort, pageSize: 5 });
      expect(page, sort).toMatchObject({ estimated: true, total: PAIRS });
      expect(page.items).toHaveLength(5);
    }
  });
});
