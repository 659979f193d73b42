import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../db/connection.js';
import { ingestPosts } from '../ingest/ingest-posts.js';
import { getSourceSummary } from '../modules/sources/sources.queries.js';
import type { AppContext } from '../server/context.js';
import { createTestContext, type TestContext } from '../../tests/helpers/db.js';
import {
  failing,
  page,
  slow,
  startFixtureServer,
  type FixtureHandler,
  type FixtureServer,
} from '../../tests/helpers/fixture-server.js';
import { updateSource } from '../modules/sources/save-source.js';
import { actorFor, buildUser } from '../../tests/factories/index.js';
import { HostLimiter } from './fetch/politeness.js';
import type { FetchSettings } from './fetch/fetch-settings.js';
import { previewSource } from './preview-source.js';
import { runSource, type RunSourceOptions } from './run-source.js';

let t: TestContext;
const servers: FixtureServer[] = [];

function fetchOptions(overrides: Partial<FetchSettings> = {}): RunSourceOptions {
  return {
    fetch: {
      hostDelayMs: 20,
      backoffMs: 50,
      random: () => 0,
      now: () => t.clock.now(),
      limiter: new HostLimiter(2),
      // Waiting moves the manual clock instead of real time.
      sleep: (ms) => {
        t.clock.advance(Math.max(0, ms));
        return Promise.resolve();
      },
      ...overrides,
    },
  };
}

async function server(routes: Record<string, FixtureHandler>): Promise<FixtureServer> {
  const s = await startFixtureServer(routes);
  servers.push(s);
  return s;
}

async function addSource(
  name: string,
  kind: 'rss' | 'html' | 'json',
  url: string,
  config: object,
): Promise<number> {
  const now = t.clock.now();
  const row = await t.ctx.db
    .insertInto('sources')
    .values({
      name,
      kind,
      url,
      config: JSON.stringify(config),
      next_run_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function postsOf(sourceId: number) {
  return t.ctx.db
    .selectFrom('posts')
    .select(['id', 'title', 'body', 'author', 'posted_at', 'url', 'source', 'duplicate_of'])
    .where('source_key', '=', `source:${sourceId}`)
    .orderBy('id')
    .execute();
}

async function countPages(): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('fetched_pages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function sourceRow(id: number) {
  return t.ctx.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

// ---- A GBK forum: list page 1 → 下一页 → page 2 → detail pages --------------------------------

const gbk = (html: string): FixtureHandler =>
  page(iconv.encode(html, 'gbk'), 'text/html', { etag: `"${html.length}"` });

const LONG =
  '新河村村口的排水沟已经堵塞了两个多月，每逢下雨污水就漫到路面上，附近的住户和上学的孩子只能踩着积水走路，' +
  '村里反映过几次都没有人来处理，希望镇里尽快派人疏通，并把沟渠加盖，免得再有人掉进去。';

function listPage(links: string[], next: string | null): string {
  const items = links.map((href, i) => `<li><a class="title" href="${href}">帖子${i}</a></li>`);
  return `<html><head><meta charset="gb2312"><title>云溪论坛</title></head><body>
<ul class="topics">${items.join('')}</ul>${next ? `<a class="next" href="${next}">下一页</a>` : ''}
</body></html>`;
}

function detailPage(title: string, body: string, author: string, time: string): string {
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>
<body><h1>${title}</h1><div class="meta"><span class="author">${author}</span>
<span class="time">发表于 ${time}</span></div><div class="content"><p>${body}</p></div></body></html>`;
}

/** The same forum; `place` changes every text so that two copies are not duplicates. */
function forumRoutes(place = '云溪镇'): Record<string, FixtureHandler> {
  return {
    '/robots.txt': page('User-agent: *\nDisallow: /bbs/private/\n', 'text/plain'),
    '/bbs/list.html': gbk(
      listPage(['t/1.html', 't/2.html', '/bbs/private/9.html'], 'list.html?page=2'),
    ),
    '/bbs/list.html?page=2': gbk(listPage(['t/3.html', 't/4.html'], null)),
    '/bbs/t/1.html': gbk(
      detailPage('路灯坏了', `${place}中心街路灯三天不亮`, '张三', '2026年11月3日 10:20'),
    ),
    '/bbs/t/2.html': gbk(
      detailPage('垃圾清运', `${place}东头垃圾站一周没人清运`, '李四', '2026-11-04 08:05:09'),
    ),
    '/bbs/t/3.html': gbk(detailPage('排水沟堵塞', `${place}${LONG}`, '王五', '2026/11/05 09:00')),
    '/bbs/t/4.html': gbk(
      detailPage('排水沟堵塞了', `${place}${LONG}谢谢`, '赵六', '2026/11/05 11:30'),
    ),
    '/bbs/private/9.html': gbk(detailPage('内部', '不应抓取', '管理员', '2026-11-01')),
  };
}

const FORUM_CONFIG = {
  itemLink: '.topics a.title',
  nextPage: 'a.next',
  title: 'h1',
  body: '.content',
  author: '.author',
  time: '.time',
};

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await t.close();
});

describe('runSource on an HTML forum in GBK', () => {
  let forum: FixtureServer;
  let sourceId: number;

  beforeAll(async () => {
    forum = await server(forumRoutes());
    sourceId = await addSource('云溪论坛', 'html', `${forum.origin}/bbs/list.html`, FORUM_CONFIG);
  });

  it('follows 下一页, reads every detail page once, skips what robots.txt forbids', async () => {
    const report = await runSource(t.ctx, sourceId, 'manual', fetchOptions());
    expect(report).toMatchObject({
      status: 'ok',
      trigger: 'manual',
      pages: 6,
      robotsBlocked: 1,
      notModified: 0,
      found: 5,
      new: 3,
      nearDuplicates: 1,
      error: null,
    });
    expect(forum.requestsFor('/bbs/private/9.html')).toHaveLength(0);
    const posts = await postsOf(sourceId);
    expect(posts.map((p) => [p.title, p.author, p.source])).toEqual([
      ['路灯坏了', '张三', '云溪论坛'],
      ['垃圾清运', '李四', '云溪论坛'],
      ['排水沟堵塞', '王五', '云溪论坛'],
      ['排水沟堵塞了', '赵六', '云溪论坛'],
    ]);
    expect(posts[0]?.body).toBe('云溪镇中心街路灯三天不亮');
    expect(posts[0]?.url).toBe(`${forum.origin}/bbs/t/1.html`);
    expect(posts[0]?.posted_at.toISOString()).toBe('2026-11-03T02:20:00.000Z');
    // The near-identical second report is stored, linked to the first.
    expect(posts[3]?.duplicate_of).toBe(posts[2]?.id);

    const run = await t.ctx.db
      .selectFrom('source_runs')
      .selectAll()
      .where('id', '=', report.runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'ok', pages: 6, robots_blocked: 1, found: 5, new: 3 });
    expect(run.finished_at).not.toBeNull();
    const source = await sourceRow(sourceId);
    expect(source).toMatchObject({ last_found: 5, last_new: 3, last_error: null });
    expect(source.last_success_at?.getTime()).toBe(t.clock.now().getTime());
    expect(source.next_run_at?.getTime()).toBe(t.clock.now().getTime() + 1440 * 60_000);
  });

  it('a second run is answered 304 and reprocesses nothing', async () => {
    const report = await runSource(t.ctx, sourceId, 'schedule', fetchOptions());
    expect(report).toMatchObject({ status: 'ok', pages: 1, notModified: 1, found: 0, new: 0 });
    const listRequests = forum.requestsFor('/bbs/list.html');
    expect(listRequests).toHaveLength(2);
    expect(listRequests[1]?.headers['if-none-match']).toBeDefined();
    for (const n of [1, 2, 3, 4]) expect(forum.requestsFor(`/bbs/t/${n}.html`)).toHaveLength(1);
    expect(await postsOf(sourceId)).toHaveLength(4);
  });

  it('previews without storing posts or pages, and says which selectors matched nothing', async () => {
    const pagesBefore = await countPages();
    const preview = await previewSource(
      { ...t.ctx },
      {
        kind: 'html',
        url: `${forum.origin}/bbs/list.html`,
        config: { ...FORUM_CONFIG, author: '.nobody' },
      },
      { maxItems: 2, fetch: fetchOptions().fetch },
    );
    expect(preview.items.map((i) => i.title)).toEqual(['路灯坏了', '垃圾清运']);
    expect(preview.items[0]).toMatchObject({
      author: null,
      postedAt: '2026-11-03T02:20:00.000Z',
      body: '云溪镇中心街路灯三天不亮',
    });
    expect(preview.pages.map((p) => p.status)).toEqual([200, 200, 200]);
    expect(preview.warnings).toEqual([
      `作者选择器 .nobody 在 ${forum.origin}/bbs/t/1.html 上没有匹配到内容`,
    ]);
    expect(await countPages()).toBe(pagesBefore);
    expect(await postsOf(sourceId)).toHaveLength(4);
  });
});

describe('runSource on feeds and APIs', () => {
  it('reads an RSS feed, then gets 304 for If-Modified-Since', async () => {
    const lastModified = 'Tue, 03 Nov 2026 02:20:00 GMT';
    const site = await server({
      '/feed.xml': page(
        `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>云溪发布</title>
<item><title>停水通知</title><link>/n/1</link><description>11月5日新河村停水</description>
<pubDate>Tue, 03 Nov 2026 02:20:00 GMT</pubDate></item>
<item><title>道路施工</title><link>/n/2</link><description>中心街施工绕行</description></item>
</channel></rss>`,
        'application/rss+xml',
        { lastModified },
      ),
    });
    const id = await addSource('云溪发布', 'rss', `${site.origin}/feed.xml`, {});
    const first = await runSource(t.ctx, id, 'schedule', fetchOptions());
    expect(first).toMatchObject({ status: 'ok', found: 2, new: 2, pages: 1 });
    const posts = await postsOf(id);
    expect(posts.map((p) => [p.title, p.url])).toEqual([
      ['停水通知', `${site.origin}/n/1`],
      ['道路施工', `${site.origin}/n/2`],
    ]);
    const second = await runSource(t.ctx, id, 'schedule', fetchOptions());
    expect(second).toMatchObject({ status: 'ok', notModified: 1, new: 0 });
    expect(site.requestsFor('/feed.xml')[1]?.headers['if-modified-since']).toBe(lastModified);
  });

  it('reads an unchanged feed again in full once its definition is edited', async () => {
    const items = [1, 2, 3]
      .map(
        (n) =>
          `<item><title>通知${n}</title><link>/m/${n}</link><description>新河村第${n}号通知</description></item>`,
      )
      .join('');
    const lastModified = 'Tue, 03 Nov 2026 02:20:00 GMT';
    const site = await server({
      '/more.xml': page(
        `<rss version="2.0"><channel><title>村务</title>${items}</channel></rss>`,
        'application/rss+xml',
        {
          lastModified,
        },
      ),
    });
    const id = await addSource('村务公开', 'rss', `${site.origin}/more.xml`, { maxItems: 1 });
    expect(await runSource(t.ctx, id, 'schedule', fetchOptions())).toMatchObject({ new: 1 });
    // Unchanged, and unedited: 304, nothing read.
    expect(await runSource(t.ctx, id, 'schedule', fetchOptions())).toMatchObject({
      notModified: 1,
      new: 0,
    });
    await updateSource({
      ctx: t.ctx,
      actor: actorFor(await buildUser(t.ctx, { roles: ['admin'] })),
      id,
      input: { config: { maxItems: 3 } },
    });
    // Edited: the feed is asked for without If-Modified-Since, and the two further items are kept.
    expect(await runSource(t.ctx, id, 'schedule', fetchOptions())).toMatchObject({
      notModified: 0,
      new: 2,
    });
    expect(site.requestsFor('/more.xml')[2]?.headers['if-modified-since']).toBeUndefined();
    expect((await postsOf(id)).map((p) => p.title)).toEqual(['通知1', '通知2', '通知3']);
  });

  it('reads a JSON API page by page until a page is empty', async () => {
    const api = (items: object[]): FixtureHandler =>
      page(JSON.stringify({ code: 0, data: { list: items } }), 'application/json');
    const item = (n: number) => ({
      id: n,
      subject: `留言${n}`,
      content: `关于云溪镇第${n}件事情的详细反映内容`,
      user: { nick: `网友${n}` },
      created: `2026-11-0${n} 09:00`,
    });
    const site = await server({
      '/api/msgs?page=1': api([item(1), item(2)]),
      '/api/msgs?page=2': api([item(3)]),
      '/api/msgs?page=3': api([]),
    });
    const id = await addSource('问政接口', 'json', `${site.origin}/api/msgs`, {
      itemsPath: 'data.list',
      fields: { id: 'id', title: 'subject', body: 'content', author: 'user.nick', time: 'created' },
      pageParam: 'page',
      maxPages: 5,
    });
    const report = await runSource(t.ctx, id, 'manual', fetchOptions());
    expect(report).toMatchObject({ status: 'ok', pages: 3, found: 3, new: 3 });
    expect(site.requestsFor('/api/msgs?page=4')).toHaveLength(0);
    const posts = await postsOf(id);
    expect(posts.map((p) => [p.title, p.author])).toEqual([
      ['留言1', '网友1'],
      ['留言2', '网友2'],
      ['留言3', '网友3'],
    ]);
    expect(posts[2]?.posted_at.toISOString()).toBe('2026-11-03T01:00:00.000Z');
  });
});

describe('runSource on hosts that fail', () => {
  it('a slow host times out, is retried, and the source health shows it', async () => {
    const site = await server({ '/feed.xml': slow(2_000, page('<rss/>', 'text/xml')) });
    const id = await addSource('慢站点', 'rss', `${site.origin}/feed.xml`, {});
    const report = await runSource(
      t.ctx,
      id,
      'schedule',
      fetchOptions({ timeoutMs: 200, retries: 1 }),
    );
    expect(report).toMatchObject({ status: 'failed', error: '连接超时（0.2 秒，已重试 1 次）' });
    expect(site.requestsFor('/feed.xml')).toHaveLength(2);
    const source = await sourceRow(id);
    expect(source.last_error).toBe('连接超时（0.2 秒，已重试 1 次）');
    expect(source.last_error_at?.getTime()).toBe(t.clock.now().getTime());
    expect(source.last_success_at).toBeNull();
  });

  it('a failing host is retried with backoff and its 503 is recorded', async () => {
    const site = await server({ '/bbs/list.html': failing(503) });
    const id = await addSource('故障站点', 'html', `${site.origin}/bbs/list.html`, FORUM_CONFIG);
    const report = await runSource(t.ctx, id, 'schedule', fetchOptions({ retries: 3 }));
    expect(report).toMatchObject({ status: 'failed', error: 'HTTP 503 服务不可用（已重试 3 次）' });
    expect(site.requestsFor('/bbs/list.html')).toHaveLength(4);
    const run = await t.ctx.db
      .selectFrom('source_runs')
      .select(['status', 'error'])
      .where('id', '=', report.runId)
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ status: 'failed', error: 'HTTP 503 服务不可用（已重试 3 次）' });
    expect((await sourceRow(id)).last_error).toBe('HTTP 503 服务不可用（已重试 3 次）');
    const pageRow = await t.ctx.db
      .selectFrom('fetched_pages')
      .select(['status', 'attempts', 'leased_until', 'error'])
      .where('url', '=', `${site.origin}/bbs/list.html`)
      .executeTakeFirstOrThrow();
    expect(pageRow).toEqual({
      status: 503,
      attempts: 4,
      leased_until: null,
      error: 'HTTP 503 服务不可用（已重试 3 次）',
    });
  });

  it('a failing detail page is noted without failing the run, and retried next time', async () => {
    const routes = forumRoutes('松山镇');
    let broken = true;
    const detail = routes['/bbs/t/2.html'];
    routes['/bbs/t/2.html'] = (req, res) => (broken ? failing(404)(req, res) : detail?.(req, res));
    const site = await server(routes);
    const id = await addSource('半坏论坛', 'html', `${site.origin}/bbs/list.html`, FORUM_CONFIG);
    const first = await runSource(t.ctx, id, 'schedule', fetchOptions());
    expect(first).toMatchObject({ status: 'partial', error: null });
    expect(first.warnings).toEqual([
      `1 个详情页未能读取（HTTP 404 页面不存在：${site.origin}/bbs/t/2.html）`,
    ]);
    expect((await sourceRow(id)).last_warning).toBe(first.warnings[0]);
    broken = false;
    const second = await runSource(t.ctx, id, 'schedule', fetchOptions());
    expect(second).toMatchObject({ status: 'ok', error: null, notModified: 0, warnings: [] });
    expect((await sourceRow(id)).last_warning).toBeNull();
    expect(site.requestsFor('/bbs/t/2.html')).toHaveLength(2);
    expect(site.requestsFor('/bbs/t/1.html')).toHaveLength(1);
  });
});

describe('a detail page whose body selector matches nothing', () => {
  it('is 部分成功 with a warning, keeps the title meanwhile, and is completed once fixed', async () => {
    const site = await server(forumRoutes('青石镇'));
    // The same complaint as t/3.html, complete, from another source first.
    const other = await ingestPosts(
      t.ctx,
      [{ title: '排水沟堵塞', body: `青石镇${LONG}`, url: 'https://elsewhere.example/p/3' }],
      { sourceKey: 'import:elsewhere', analysers: [], outcomes: true },
    );
    const outcome = other.outcomes?.[0];
    const otherId = outcome && 'postId' in outcome ? outcome.postId : 0;
    const id = await addSource('选择器错了', 'html', `${site.origin}/bbs/list.html`, {
      ...FORUM_CONFIG,
      body: 'div.body-text',
    });
    const first = await runSource(t.ctx, id, 'manual', fetchOptions());
    const warning =
      `正文选择器 div.body-text 在 4 个详情页没有匹配到内容（如 ${site.origin}/bbs/t/1.html），` +
      '已先只存标题，修正选择器后下次抓取补全正文';
    expect(first).toMatchObject({ status: 'partial', error: null, warnings: [warning] });
    const run = await t.ctx.db
      .selectFrom('source_runs')
      .select(['status', 'warnings', 'error'])
      .where('id', '=', first.runId)
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ status: 'partial', warnings: [warning], error: null });
    const health = await getSourceSummary(t.ctx.db, id);
    expect(health).toMatchObject({ health: 'warning', lastWarning: warning, lastError: null });
    // Nothing is missed meanwhile: each post is kept with its title standing in for the body.
    let posts = await postsOf(id);
    expect(posts.map((p) => [p.title, p.body])).toEqual([
      ['路灯坏了', '路灯坏了'],
      ['垃圾清运', '垃圾清运'],
      ['排水沟堵塞', '排水沟堵塞'],
      ['排水沟堵塞了', '排水沟堵塞了'],
    ]);
    const ids = posts.map((p) => p.id);

    await t.ctx.db
      .updateTable('sources')
      .set({ config: JSON.stringify(FORUM_CONFIG) })
      .where('id', '=', id)
      .execute();
    const second = await runSource(t.ctx, id, 'manual', fetchOptions());
    expect(second).toMatchObject({ status: 'ok', warnings: [], new: 0 });
    // Every detail page was read again, and the same posts now hold their bodies.
    for (const n of [1, 2, 3, 4]) expect(site.requestsFor(`/bbs/t/${n}.html`)).toHaveLength(2);
    posts = await postsOf(id);
    expect(posts.map((p) => p.id)).toEqual(ids);
    expect(posts[0]?.body).toBe('青石镇中心街路灯三天不亮');
    expect(posts[2]?.body).toBe(`青石镇${LONG}`);
    // Complete, the post is found as the other source's near-duplicate, and by its body's words.
    // (Linked to the first of its kind: the other source's post, or the original it copies.)
    const otherRow = await t.ctx.db
      .selectFrom('posts')
      .select('duplicate_of')
      .where('id', '=', otherId)
      .executeTakeFirstOrThrow();
    expect(posts[2]?.duplicate_of).toBe(otherRow.duplicate_of ?? otherId);
    const found = await t.ctx.db
      .selectFrom('posts')
      .select('id')
      .where(sql<boolean>`search @@ to_tsquery('simple', '垃圾站')`)
      .where('source_key', '=', `source:${id}`)
      .execute();
    expect(found.map((r) => r.id)).toEqual([ids[1]]);
    expect(await getSourceSummary(t.ctx.db, id)).toMatchObject({
      health: 'ok',
      lastWarning: null,
    });

    // Complete now: never read again.
    await runSource(t.ctx, id, 'schedule', fetchOptions());
    for (const n of [1, 2, 3, 4]) expect(site.requestsFor(`/bbs/t/${n}.html`)).toHaveLength(2);
  });

  it('a list page that loads but whose selector finds no links is 部分成功, not 成功', async () => {
    const site = await server(forumRoutes('白石镇'));
    const id = await addSource('列表选择器错了', 'html', `${site.origin}/bbs/list.html`, {
      ...FORUM_CONFIG,
      itemLink: '.threads a',
    });
    const report = await runSource(t.ctx, id, 'manual', fetchOptions());
    expect(report).toMatchObject({ status: 'partial', found: 0 });
    expect(report.warnings).toEqual(
      ['/bbs/list.html', '/bbs/list.html?page=2'].map(
        (path) => `列表选择器 .threads a 在 ${site.origin}${path} 上没有匹配到链接`,
      ),
    );
    expect(await getSourceSummary(t.ctx.db, id)).toMatchObject({ health: 'warning' });
    // Fixed, the next run reads the list page again rather than taking its 304.
    await t.ctx.db
      .updateTable('sources')
      .set({ config: JSON.stringify(FORUM_CONFIG) })
      .where('id', '=', id)
      .execute();
    const fixed = await runSource(t.ctx, id, 'manual', fetchOptions());
    expect(fixed).toMatchObject({ status: 'ok', found: 5, new: 3, notModified: 0 });
  });
});

describe('a run cut off in the middle', () => {
  it('loses no post: what it had read is read again by a later run', async () => {
    const site = await server(forumRoutes('清溪镇'));
    const id = await addSource('中断论坛', 'html', `${site.origin}/bbs/list.html`, FORUM_CONFIG);
    // The process dies once two detail pages have been read, before any post is stored.
    const dying = fetchOptions({
      sleep: (ms) => {
        if (site.requestsFor('/bbs/t/2.html').length > 0) throw new Error('进程被终止');
        t.clock.advance(Math.max(0, ms));
        return Promise.resolve();
      },
    });
    await expect(runSource(t.ctx, id, 'schedule', dying)).rejects.toThrow('进程被终止');
    expect(await postsOf(id)).toHaveLength(0);
    expect(site.requestsFor('/bbs/t/1.html')).toHaveLength(1);

    // The job's retry, a few minutes later: the two pages the dead run read are still leased.
    t.clock.advance(4 * 60_000);
    const retry = await runSource(t.ctx, id, 'schedule', fetchOptions());
    expect(retry).toMatchObject({ status: 'ok', found: 5 });
    expect((await postsOf(id)).map((p) => p.title)).toEqual(['排水沟堵塞', '排水沟堵塞了']);
    // So the next run comes when their lease ends, not a whole interval (a day) later.
    const { next_run_at: next } = await sourceRow(id);
    const minutes = ((next?.getTime() ?? 0) - t.clock.now().getTime()) / 60_000;
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThan(10);
    t.clock.set(next ?? t.clock.now());
    const report = await runSource(t.ctx, id, 'schedule', fetchOptions());
    expect(report).toMatchObject({ status: 'ok', found: 5, new: 2 });
    expect((await postsOf(id)).map((p) => p.title).sort()).toEqual(
      ['路灯坏了', '垃圾清运', '排水沟堵塞', '排水沟堵塞了'].sort(),
    );
    // And once stored, a detail page is not fetched again.
    t.clock.advance(60_000);
    await runSource(t.ctx, id, 'schedule', fetchOptions());
    expect(site.requestsFor('/bbs/t/1.html')).toHaveLength(2);
  });
});

describe('two workers at once', () => {
  it('never fetch the same detail page twice', async () => {
    const routes = forumRoutes('桃源镇');
    // List pages change on every request (no validators), so both workers read them and go on
    // to the detail pages, which answer slowly enough for the two runs to overlap.
    let served = 0;
    for (const path of ['/bbs/list.html', '/bbs/list.html?page=2']) {
      const list = path.endsWith('2')
        ? listPage(['t/3.html', 't/4.html'], null)
        : listPage(['t/1.html', 't/2.html'], 'list.html?page=2');
      routes[path] = (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(iconv.encode(`${list}<!-- ${++served} -->`, 'gbk'));
      };
    }
    for (const n of [1, 2, 3, 4]) {
      const detail = routes[`/bbs/t/${n}.html`];
      if (detail) routes[`/bbs/t/${n}.html`] = slow(60, detail);
    }
    const site = await server(routes);
    const id = await addSource('并发论坛', 'html', `${site.origin}/bbs/list.html`, FORUM_CONFIG);
    // On PostgreSQL the second worker has its own connection pool, as a second process would.
    const second = t.testDb.url
      ? await openDatabase({ dataDir: '', databaseUrl: t.testDb.url })
      : null;
    const otherCtx: AppContext = second ? { ...t.ctx, db: second.db, dbKind: second.kind } : t.ctx;
    try {
      const first = runSource(t.ctx, id, 'schedule', fetchOptions());
      // The second worker starts once the first is busy with the detail pages.
      while (site.requestsFor('/bbs/t/1.html').length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const reports = await Promise.all([
        first,
        runSource(otherCtx, id, 'schedule', fetchOptions()),
      ]);
      expect(reports.map((r) => r.status)).toEqual(['ok', 'ok']);
      // Both read the list pages; each detail page was requested once, by one of them.
      expect(site.requestsFor('/bbs/list.html')).toHaveLength(2);
      for (const n of [1, 2, 3, 4]) expect(site.requestsFor(`/bbs/t/${n}.html`)).toHaveLength(1);
      expect(reports.map((r) => r.pages).reduce((a, b) => a + b)).toBe(4 + 4);
      expect(await postsOf(id)).toHaveLength(4);
    } finally {
      await second?.close();
    }
  });
});
