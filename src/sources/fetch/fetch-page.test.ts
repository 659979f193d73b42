import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import {
  failing,
  page,
  redirect,
  slow,
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/helpers/fixture-server.js';
import { fetchPage } from './fetch-page.js';
import { fetchSettings, type FetchSettings } from './fetch-settings.js';
import { HostLimiter, reserveHostSlot } from './politeness.js';

let t: TestContext;
let server: FixtureServer;
let sleeps: number[];

/** Sleeping moves the manual clock: politeness and backoff cost no real time. */
function settings(overrides: Partial<FetchSettings> = {}): FetchSettings {
  return fetchSettings(t.ctx, {
    hostDelayMs: 200,
    backoffMs: 100,
    random: () => 0,
    now: () => t.clock.now(),
    limiter: new HostLimiter(2),
    sleep: (ms) => {
      sleeps.push(ms);
      t.clock.advance(Math.max(0, ms));
      return Promise.resolve();
    },
    ...overrides,
  });
}

beforeAll(async () => {
  t = await createTestContext();
  server = await startFixtureServer({
    '/robots.txt': page('User-agent: *\nDisallow: /private/\n', 'text/plain'),
    '/ok': page('<p>好</p>', 'text/html; charset=utf-8', {
      etag: '"v1"',
      lastModified: 'Tue, 03 Nov 2026 02:20:00 GMT',
    }),
    '/private/secret': page('secret', 'text/plain'),
    '/to-private': redirect('/private/secret'),
    '/moved': redirect('/ok', 301),
    '/loop': redirect('/loop'),
    '/busy': failing(503),
    '/gone': failing(404),
    '/limited': failing(429, { 'retry-after': '120' }),
    '/slow': slow(1_000, page('late', 'text/plain')),
    '/big': page('x'.repeat(5_000), 'text/plain'),
    '/gzip': (req, res) => {
      const packed = req.headers['accept-encoding']?.includes('gzip');
      res.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        ...(packed ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(packed ? gzipSync(Buffer.from('压缩的内容'.repeat(2_000))) : 'plain');
    },
    '/corrupt': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      res.end('not gzip at all');
    },
  });
});
afterAll(async () => {
  await server.close();
  await t.close();
});
beforeEach(() => {
  sleeps = [];
});

describe('fetchPage', () => {
  it('sends a clear User-Agent and conditional headers; 304 means unchanged', async () => {
    const first = await fetchPage(t.ctx, `${server.origin}/ok`, settings());
    expect(first).toMatchObject({
      outcome: 'ok',
      status: 200,
      etag: '"v1"',
      lastModified: 'Tue, 03 Nov 2026 02:20:00 GMT',
      attempts: 1,
    });
    expect(server.requestsFor('/ok')[0]?.headers['user-agent']).toMatch(/^yuqing\/test/);
    const again = await fetchPage(t.ctx, `${server.origin}/ok`, settings(), {
      etag: '"v1"',
      lastModified: 'Tue, 03 Nov 2026 02:20:00 GMT',
    });
    expect(again).toMatchObject({ outcome: 'not-modified', status: 304 });
    const sent = server.requestsFor('/ok')[1]?.headers;
    expect(sent?.['if-none-match']).toBe('"v1"');
    expect(sent?.['if-modified-since']).toBe('Tue, 03 Nov 2026 02:20:00 GMT');
  });

  it('never requests what robots.txt forbids, even as a redirect target; robots.txt is cached', async () => {
    const direct = await fetchPage(t.ctx, `${server.origin}/private/secret`, settings());
    expect(direct).toMatchObject({ outcome: 'robots-blocked', error: 'robots.txt 禁止抓取' });
    const viaRedirect = await fetchPage(t.ctx, `${server.origin}/to-private`, settings());
    expect(viaRedirect).toMatchObject({
      outcome: 'robots-blocked',
      blockedUrl: `${server.origin}/private/secret`,
    });
    expect(server.requestsFor('/private/secret')).toHaveLength(0);
    expect(server.requestsFor('/robots.txt')).toHaveLength(1);
  });

  it('follows redirects, at most five', async () => {
    expect(await fetchPage(t.ctx, `${server.origin}/moved`, settings())).toMatchObject({
      outcome: 'ok',
      finalUrl: `${server.origin}/ok`,
    });
    expect(await fetchPage(t.ctx, `${server.origin}/loop`, settings())).toMatchObject({
      outcome: 'failed',
      error: '重定向超过 5 次',
    });
    expect(server.requestsFor('/loop')).toHaveLength(6);
  });

  it('retries 5xx with exponential backoff and says how often', async () => {
    const res = await fetchPage(
      t.ctx,
      `${server.origin}/busy`,
      settings({ retries: 3, hostDelayMs: 0 }),
    );
    expect(res).toEqual({
      outcome: 'failed',
      status: 503,
      error: 'HTTP 503 服务不可用（已重试 3 次）',
      attempts: 4,
    });
    expect(server.requestsFor('/busy')).toHaveLength(4);
    // Backoff 100, 200, 400 ms (no jitter here), after waiting for the slot earlier tests left.
    expect(sleeps.slice(-3)).toEqual([100, 200, 400]);
  });

  it('does not retry other 4xx', async () => {
    const res = await fetchPage(t.ctx, `${server.origin}/gone`, settings());
    expect(res).toMatchObject({ outcome: 'failed', status: 404, error: 'HTTP 404 页面不存在' });
    expect(server.requestsFor('/gone')).toHaveLength(1);
  });

  it('honours Retry-After up to its cap', async () => {
    const res = await fetchPage(
      t.ctx,
      `${server.origin}/limited`,
      settings({ retries: 1, maxRetryAfterMs: 5_000 }),
    );
    expect(res).toMatchObject({ status: 429, error: 'HTTP 429 请求过多（已重试 1 次）' });
    expect(sleeps).toContain(5_000);
  });

  it('times out a slow page and retries it', async () => {
    const started = Date.now();
    const res = await fetchPage(
      t.ctx,
      `${server.origin}/slow`,
      settings({ timeoutMs: 100, retries: 1 }),
    );
    expect(res).toEqual({
      outcome: 'failed',
      status: null,
      error: '连接超时（0.1 秒，已重试 1 次）',
      attempts: 2,
    });
    expect(server.requestsFor('/slow')).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('aborts a response past the size cap, without retrying', async () => {
    const res = await fetchPage(t.ctx, `${server.origin}/big`, settings({ maxBytes: 2_048 }));
    expect(res).toMatchObject({ outcome: 'failed', error: '页面超过 2 KB 上限', attempts: 1 });
  });

  it('unpacks gzip, with the size cap on the unpacked bytes; corrupt data is not retried', async () => {
    const res = await fetchPage(t.ctx, `${server.origin}/gzip`, settings());
    expect(res.outcome === 'ok' && res.body.toString('utf8')).toBe('压缩的内容'.repeat(2_000));
    const capped = await fetchPage(t.ctx, `${server.origin}/gzip`, settings({ maxBytes: 10_000 }));
    expect(capped).toMatchObject({ outcome: 'failed', error: '页面超过 10 KB 上限' });
    const corrupt = await fetchPage(t.ctx, `${server.origin}/corrupt`, settings());
    expect(corrupt).toMatchObject({
      outcome: 'failed',
      error: '页面压缩数据损坏（Z_DATA_ERROR）',
      attempts: 1,
    });
  });

  it('reports a host that refuses connections', async () => {
    const res = await fetchPage(t.ctx, 'http://127.0.0.1:1/x', settings({ retries: 0 }));
    // robots.txt is unreachable too: RFC 9309 says fetch nothing. The page failed (not blocked
    // by robots.txt): the fetch history counts it under 失败.
    expect(res).toMatchObject({
      outcome: 'failed',
      status: null,
      error: '网站无法访问（连接被拒绝，ECONNREFUSED），暂不抓取',
    });
  });

  it('says a host name that does not resolve is the address to check, not robots.txt', async () => {
    const res = await fetchPage(t.ctx, 'http://no-such-host.invalid/rss', settings({ retries: 0 }));
    expect(res).toMatchObject({ outcome: 'failed' });
    expect(res.outcome === 'failed' && res.error).toMatch(
      /^网站无法访问（(域名无法解析，(ENOTFOUND|EAI_AGAIN)|连接超时)），暂不抓取$/,
    );
  });
});

describe('robots.txt status', () => {
  it('allows everything on 404 and nothing on 5xx', async () => {
    const open = await startFixtureServer({ '/a': page('a', 'text/plain') });
    const down = await startFixtureServer({
      '/robots.txt': failing(500),
      '/a': page('a', 'text/plain'),
    });
    try {
      expect(await fetchPage(t.ctx, `${open.origin}/a`, settings())).toMatchObject({
        outcome: 'ok',
      });
      expect(await fetchPage(t.ctx, `${down.origin}/a`, settings())).toMatchObject({
        outcome: 'robots-blocked',
        error: 'robots.txt 无法获取（HTTP 500），暂不抓取',
      });
      expect(down.requestsFor('/a')).toHaveLength(0);
    } finally {
      await open.close();
      await down.close();
    }
  });
});

describe('politeness', () => {
  it('reserves one slot per delay per host, shared through fetch_hosts', async () => {
    const now = t.clock.now();
    const slots = [];
    for (let i = 0; i < 3; i++) slots.push(await reserveHostSlot(t.ctx, 'polite.test', now, 1_000));
    expect(slots.map((s) => s.getTime() - now.getTime())).toEqual([0, 1_000, 2_000]);
    const other = await reserveHostSlot(t.ctx, 'other.test', now, 1_000);
    expect(other.getTime()).toBe(now.getTime());
  });

  it('waits the host delay between two requests', async () => {
    const host = await startFixtureServer({
      '/robots.txt': page('', 'text/plain'),
      '/p': page('p', 'text/plain'),
    });
    try {
      const s = settings({ hostDelayMs: 700 });
      await fetchPage(t.ctx, `${host.origin}/p`, s);
      await fetchPage(t.ctx, `${host.origin}/p`, s);
      // robots.txt, then /p after 700 ms, then /p again after another 700 ms.
      expect(sleeps).toEqual([700, 700]);
    } finally {
      await host.close();
    }
  });

  it('honours a longer Crawl-delay from robots.txt', async () => {
    const host = await startFixtureServer({
      '/robots.txt': page('User-agent: yuqing\nCrawl-delay: 3\n', 'text/plain'),
      '/p': page('p', 'text/plain'),
    });
    try {
      const s = settings({ hostDelayMs: 700 });
      await fetchPage(t.ctx, `${host.origin}/p`, s);
      await fetchPage(t.ctx, `${host.origin}/p`, s);
      expect(sleeps).toEqual([700, 3_000]);
    } finally {
      await host.close();
    }
  });

  it('caps concurrent requests per host in the process', async () => {
    const limiter = new HostLimiter(2);
    let active = 0;
    let most = 0;
    const task = () =>
      limiter.run('h', async () => {
        active++;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 10));
        active--;
      });
    await Promise.all([task(), task(), task(), task(), task()]);
    expect(most).toBe(2);
    await Promise.all([limiter.run('a', task), limiter.run('b', task)]);
  });
});
