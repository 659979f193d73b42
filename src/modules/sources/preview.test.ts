import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>云溪镇论坛</title><link>http://forum.example/</link>
<item><title>云溪路口红绿灯故障</title><link>http://forum.example/t/1</link>
<description>云溪路和新华路交叉口的红绿灯坏了三天，早晚高峰非常拥堵。</description>
<author>路人甲</author><pubDate>Tue, 24 Nov 2026 08:00:00 +0800</pubDate></item>
<item><title>菜市场周末噪音</title><link>http://forum.example/t/2</link>
<description>菜市场周末清晨五点就开始卸货，噪音很大。</description>
<pubDate>Wed, 25 Nov 2026 06:30:00 +0800</pubDate></item>
</channel></rss>`;

let t: TestContext;
let built: BuiltApp;
let monitor: ApiClient;
let server: Server;
let base: string;
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    if (req.url === '/forum/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>云溪论坛</h1><a href="/t/1">红绿灯故障</a></body></html>');
    } else if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(FEED);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  const m = await buildUser(t.ctx, { roles: ['monitor'] });
  monitor = await loginAs(built, m.username, m.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface Preview {
  items: { url: string | null; title: string | null; body: string; author: string | null }[];
  pages: { url: string; status: number | null; error?: string }[];
  warnings: string[];
}

describe('试抓取', () => {
  it('shows what an RSS feed yields, and stores nothing', async () => {
    const res = await monitor.request('POST', '/api/sources/preview', {
      kind: 'rss',
      url: `${base}/feed.xml`,
      config: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<Preview>();
    expect(p.items.map((i) => [i.title, i.url])).toEqual([
      ['云溪路口红绿灯故障', 'http://forum.example/t/1'],
      ['菜市场周末噪音', 'http://forum.example/t/2'],
    ]);
    expect(p.items[0]?.body).toContain('红绿灯坏了三天');
    expect(p.pages).toContainEqual({ url: `${base}/feed.xml`, status: 200 });
    expect(requested).toContain('/feed.xml');
    const posts = await t.ctx.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(posts.n)).toBe(0);
  });

  it('reports a page that fails, and refuses a bad definition with 400', async () => {
    const res = await monitor.request('POST', '/api/sources/preview', {
      kind: 'rss',
      url: `${base}/missing.xml`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<Preview>();
    expect(p.items).toEqual([]);
    expect(p.pages[0]).toMatchObject({ url: `${base}/missing.xml`, status: 404 });
    expect(p.warnings.length).toBeGreaterThan(0);

    const bad = await monitor.request('POST', '/api/sources/preview', {
      kind: 'html',
      url: `${base}/list`,
      config: { itemLink: 'a' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('标题');
  });

  it('says so when the address of an RSS source is a web page, not a feed', async () => {
    const res = await monitor.request('POST', '/api/sources/preview', {
      kind: 'rss',
      url: `${base}/forum/`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Preview>().warnings).toEqual([
      `不是 RSS 或 Atom 订阅源（读到的是网页或其他内容），请检查地址：${base}/forum/`,
    ]);
  });
});
