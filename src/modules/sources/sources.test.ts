import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import type { SourceDetail, SourceSummary } from './sources.schemas.js';

let t: TestContext;
let built: BuiltApp;
let monitor: ApiClient;
let leader: ApiClient;

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  const m = await buildUser(t.ctx, { roles: ['monitor'] });
  const l = await buildUser(t.ctx, { roles: ['leader'] });
  monitor = await loginAs(built, m.username, m.password);
  leader = await loginAs(built, l.username, l.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

const html = {
  itemLink: '.list a',
  nextPage: ' a.next ',
  title: 'h1',
  body: '.content',
  author: '',
  maxPages: 3,
};

const errorOf = (res: { json: <T>() => T }) =>
  res.json<{ error: { code: string; message: string } }>().error;

describe('信息源', () => {
  it('creates a daily source that is due at once, and audits it', async () => {
    const res = await monitor.request('POST', '/api/sources', {
      name: ' 县政府网站 ',
      kind: 'html',
      url: 'https://www.example.gov.cn/hdjl/',
      config: html,
    });
    expect(res.statusCode, res.body).toBe(201);
    const source = res.json<SourceSummary & { config: Record<string, unknown> }>();
    expect(source).toMatchObject({
      name: '县政府网站',
      kind: 'html',
      intervalMinutes: 1440,
      enabled: true,
      nextRunAt: t.clock.now().toISOString(),
      health: 'never',
      postCount: 0,
    });
    // Empty optional selectors are dropped, the others trimmed.
    expect(source.config).toEqual({
      itemLink: '.list a',
      nextPage: 'a.next',
      title: 'h1',
      body: '.content',
      maxPages: 3,
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_type', '=', 'source')
      .where('entity_id', '=', String(source.id))
      .execute();
    expect(audit).toEqual([
      { action: 'source.create', summary: '新增信息源「县政府网站」（网页）' },
    ]);
  });

  it('refuses a bad URL, a config its kind does not accept and an interval out of range', async () => {
    const cases: [object, string][] = [
      [{ name: 'a1', kind: 'rss' }, '请填写地址'],
      [{ name: 'a2', kind: 'rss', url: 'ftp://example.org/feed' }, 'http://'],
      [
        { name: 'a3', kind: 'json', url: 'https://x.org/api', config: { itemsPath: 'data' } },
        '字段映射',
      ],
      [
        { name: 'a4', kind: 'html', url: 'https://x.org/', config: { ...html, title: undefined } },
        '标题',
      ],
      [{ name: 'a5', kind: 'rss', url: 'https://x.org/f', config: { selectors: 'x' } }, '配置'],
      // A selector that is badly written, not one that found nothing on the page.
      [
        {
          name: 'a8',
          kind: 'html',
          url: 'https://x.org/',
          config: { ...html, body: 'div.content >' },
        },
        '「正文」选择器 div.content > 写得不完整',
      ],
      [
        {
          name: 'a9',
          kind: 'html',
          url: 'https://x.org/',
          config: { ...html, itemLink: 'a[href' },
        },
        '「列表项链接」选择器 a[href 写法有误',
      ],
    ];
    for (const [body, text] of cases) {
      const res = await monitor.request('POST', '/api/sources', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).message, JSON.stringify(body)).toContain(text);
    }
    for (const intervalMinutes of [4, 10081]) {
      const res = await monitor.request('POST', '/api/sources', {
        name: 'a6',
        kind: 'rss',
        url: 'https://x.org/feed',
        intervalMinutes,
      });
      expect(res.statusCode).toBe(400);
    }
    const board = await monitor.request('POST', '/api/sources', { name: 'a7', kind: 'board' });
    expect(board.statusCode).toBe(400);
    const now = t.clock.now();
    const row = await t.ctx.db
      .insertInto('sources')
      .values({ name: '问政测试', kind: 'board', config: '{}', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rename = await monitor.request('PATCH', `/api/sources/${row.id}`, { name: '问政' });
    expect(rename.statusCode).toBe(409);
    const off = await monitor.request('PATCH', `/api/sources/${row.id}`, { enabled: false });
    expect(off.json<SourceSummary>()).toMatchObject({ enabled: false, nextRunAt: null });
    const remove = await monitor.request('DELETE', `/api/sources/${row.id}`);
    expect(remove.statusCode).toBe(409);
    const count = await t.ctx.db
      .selectFrom('sources')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', 'like', 'a%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('answers 409 in Chinese for a name or an address already taken, on create and on change', async () => {
    const first = await monitor.request('POST', '/api/sources', {
      name: '人民网领导留言板',
      kind: 'rss',
      url: 'https://liuyan.example.cn/rss',
    });
    expect(first.statusCode).toBe(201);
    const dup = await monitor.request('POST', '/api/sources', {
      name: '人民网领导留言板',
      kind: 'json',
      url: 'https://liuyan.example.cn/api',
      config: { itemsPath: 'data', fields: { body: 'content' } },
    });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).message).toBe('已有名为「人民网领导留言板」的信息源');

    const other = await monitor.request('POST', '/api/sources', {
      name: '其他来源',
      kind: 'manual',
    });
    const renamed = await monitor.request(
      'PATCH',
      `/api/sources/${other.json<SourceSummary>().id}`,
      { name: '人民网领导留言板' },
    );
    expect(renamed.statusCode).toBe(409);

    // A second source on the same feed would find nothing new and say 正常: refused, by name.
    const again = await monitor.request('POST', '/api/sources', {
      name: '留言板副本',
      kind: 'rss',
      url: 'https://liuyan.example.cn/rss',
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toBe('信息源「人民网领导留言板」已在抓取这个地址，无需重复添加');
    const moved = await monitor.request('POST', '/api/sources', {
      name: '留言板副本',
      kind: 'rss',
      url: 'https://liuyan.example.cn/rss2',
    });
    expect(moved.statusCode).toBe(201);
    const onto = await monitor.request('PATCH', `/api/sources/${moved.json<SourceSummary>().id}`, {
      url: 'https://liuyan.example.cn/rss',
    });
    expect(onto.statusCode).toBe(409);
  });

  it('disables and re-enables a source: due at once again, each step audited', async () => {
    const created = await monitor.request('POST', '/api/sources', {
      name: '街道公众号',
      kind: 'rss',
      url: 'https://feeds.example.org/street.xml',
      intervalMinutes: 60,
    });
    const id = created.json<SourceSummary>().id;
    t.clock.advance(3_600_000);
    const off = await monitor.request('PATCH', `/api/sources/${id}`, { enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<SourceSummary>()).toMatchObject({ enabled: false, nextRunAt: null });
    const run = await monitor.request('POST', `/api/sources/${id}/run`);
    expect(run.statusCode).toBe(409);
    expect(errorOf(run).message).toContain('已停用');

    t.clock.advance(60_000);
    const on = await monitor.request('PATCH', `/api/sources/${id}`, { enabled: true });
    expect(on.json<SourceSummary>()).toMatchObject({
      enabled: true,
      nextRunAt: t.clock.now().toISOString(),
      intervalMinutes: 60,
    });
    const actions = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'source')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'source.create',
      'source.disable',
      'source.enable',
    ]);
  });

  it('立即抓取 sets next_run_at to now and says it is queued', async () => {
    const created = await monitor.request('POST', '/api/sources', {
      name: '区县新闻',
      kind: 'rss',
      url: 'https://news.example.org/rss',
    });
    const id = created.json<SourceSummary>().id;
    // As if the scheduler had run it and set the next run a day later.
    await t.ctx.db
      .updateTable('sources')
      .set({ next_run_at: new Date(t.clock.now().getTime() + 86_400_000) })
      .where('id', '=', id)
      .execute();
    t.clock.advance(5 * 60_000);
    const res = await monitor.request('POST', `/api/sources/${id}/run`);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json<{ queued: boolean; message: string }>()).toMatchObject({ queued: true });
    expect(res.json<{ message: string }>().message).toContain('已加入抓取队列');
    const row = await t.ctx.db
      .selectFrom('sources')
      .select(['next_run_at', 'run_requested_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.next_run_at?.toISOString()).toBe(t.clock.now().toISOString());
    // The scheduler records the run as asked for (manual).
    expect(row.run_requested_at?.toISOString()).toBe(t.clock.now().toISOString());

    const manual = await monitor.request('POST', '/api/sources', { name: '手工', kind: 'manual' });
    const notFetched = await monitor.request(
      'POST',
      `/api/sources/${manual.json<SourceSummary>().id}/run`,
    );
    expect(notFetched.statusCode).toBe(400);
    const missing = await monitor.request('POST', '/api/sources/999999/run');
    expect(missing.statusCode).toBe(404);
  });

  it('lists with filters and health, and shows the run history', async () => {
    const created = await monitor.request('POST', '/api/sources', {
      name: '镇门户网站',
      kind: 'rss',
      url: 'https://town.example.org/rss',
    });
    const id = created.json<SourceSummary>().id;
    const start = new Date(t.clock.now().getTime() - 600_000);
    await t.ctx.db
      .insertInto('source_runs')
      .values([
        { source_id: id, trigger: 'schedule', status: 'ok', started_at: start, found: 7, new: 5 },
        {
          source_id: id,
          trigger: 'manual',
          status: 'failed',
          started_at: new Date(start.getTime() + 60_000),
          error: '连接超时',
        },
      ])
      .execute();
    await t.ctx.db
      .updateTable('sources')
      .set({
        last_run_at: new Date(start.getTime() + 60_000),
        last_success_at: start,
        last_error_at: new Date(start.getTime() + 60_000),
        last_error: '连接超时',
        last_found: 0,
        last_new: 0,
      })
      .where('id', '=', id)
      .execute();

    const list = await leader.request('GET', '/api/sources?kind=rss&name=门户');
    expect(list.statusCode).toBe(200);
    const page = list.json<{ items: SourceSummary[]; total: number }>();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id, health: 'failed', lastError: '连接超时' });

    const disabled = await leader.request('GET', '/api/sources?enabled=false');
    expect(disabled.json<{ items: SourceSummary[] }>().items.map((s) => s.id)).not.toContain(id);

    const detail = await leader.request('GET', `/api/sources/${id}`);
    const d = detail.json<SourceDetail>();
    expect(d.runs.map((r) => [r.trigger, r.status, r.found, r.error])).toEqual([
      ['manual', 'failed', 0, '连接超时'],
      ['schedule', 'ok', 7, null],
    ]);
    const forbidden = await leader.request('PATCH', `/api/sources/${id}`, { enabled: false });
    expect(forbidden.statusCode).toBe(403);
  });

  it('deletes a source without posts, and refuses one with posts', async () => {
    const a = await monitor.request('POST', '/api/sources', { name: '空来源', kind: 'import' });
    const del = await monitor.request('DELETE', `/api/sources/${a.json<SourceSummary>().id}`);
    expect(del.statusCode).toBe(204);

    const b = await monitor.request('POST', '/api/sources', {
      name: '有帖子的来源',
      kind: 'manual',
    });
    const id = b.json<SourceSummary>().id;
    const entered = await monitor.request('POST', '/api/posts/manual', {
      title: '路灯不亮',
      body: '村口路灯坏了一个月',
      postedAt: t.clock.now().toISOString(),
      sourceId: id,
    });
    expect(entered.statusCode, entered.body).toBe(200);
    const refused = await monitor.request('DELETE', `/api/sources/${id}`);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).message).toContain('可改为停用');
    const list = await monitor.request('GET', '/api/sources?name=有帖子');
    expect(list.json<{ items: SourceSummary[] }>().items[0]?.postCount).toBe(1);
  });

  it('enters a post under a new source name, made a manual source on first use', async () => {
    const enter = (sourceName: string, title: string) =>
      monitor.request('POST', '/api/posts/manual', {
        title,
        body: `${title}，请有关部门处理。`,
        postedAt: t.clock.now().toISOString(),
        sourceName,
      });
    const first = await enter(' 县长信箱 ', '青石村垃圾站满溢');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<{ sourceName: string }>().sourceName).toBe('县长信箱');
    expect((await enter('县长信箱', '柳塘村路灯不亮')).json<{ sourceId: number }>().sourceId).toBe(
      first.json<{ sourceId: number }>().sourceId,
    );
    const list = await monitor.request('GET', '/api/sources?name=县长信箱');
    expect(list.json<{ items: SourceSummary[] }>().items).toMatchObject([
      { name: '县长信箱', kind: 'manual', postCount: 2 },
    ]);
    await monitor.request('POST', '/api/sources', { name: '文件来源', kind: 'import' });
    const clash = await enter('文件来源', '河道垃圾');
    expect(clash.statusCode).toBe(409);
    expect(errorOf(clash).message).toContain('已有名为「文件来源」的其他类型信息源');
  });
});
