import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../../tests/helpers/fixture-server.js';
import { createTestContext, testConfig, type TestContext } from '../../../tests/helpers/db.js';
import { loadConfig } from '../../config.js';
import { previewSource } from '../preview-source.js';
import { addressBlocked } from './address-guard.js';
import { httpGet } from './http-request.js';

let t: TestContext;
let inside: FixtureServer;

const SECRET = { items: [{ title: '内部系统', body: '数据库口令 hunter2', id: 'http://x.cn/1' }] };

beforeAll(async () => {
  t = await createTestContext({ crawlLoopback: false });
  inside = await startFixtureServer({
    '/robots.txt': (_req, res) => void res.writeHead(404).end(),
    '/admin': (_req, res) =>
      void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(SECRET)),
  });
});
afterAll(async () => {
  await inside.close();
  await t.close();
});

const get = (url: string, allowLoopback: boolean) =>
  httpGet(url, { headers: {}, timeoutMs: 5_000, maxBytes: 100_000, allowLoopback });

describe('where the crawler may connect', () => {
  it('never to link-local, metadata, "this network" or multicast; loopback only when allowed', () => {
    for (const ip of [
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '224.0.0.1',
      '::',
      'fe80::1',
      '::ffff:169.254.169.254',
      '::ffff:a9fe:a9fe',
    ]) {
      expect(addressBlocked(ip, true), ip).toBe(true);
    }
    for (const ip of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1']) {
      expect(addressBlocked(ip, false), ip).toBe(true);
      expect(addressBlocked(ip, true), ip).toBe(false);
    }
    // The government extranet and the internet.
    for (const ip of ['10.12.0.5', '172.16.3.4', '192.168.1.10', '59.110.1.1', '2400:3200::1']) {
      expect(addressBlocked(ip, false), ip).toBe(false);
    }
  });

  it('refuses this machine by address and by name unless loopback is allowed', async () => {
    for (const url of [
      `${inside.origin}/admin`,
      `http://localhost:${inside.origin.split(':')[2]}/admin`,
    ]) {
      const refused = await get(url, false);
      expect(refused, url).toEqual({
        ok: false,
        failure: { kind: 'network', code: 'EADDRBLOCKED' },
      });
    }
    const allowed = await get(`${inside.origin}/admin`, true);
    expect(allowed.ok && allowed.status).toBe(200);
    const before = inside.requestsFor('/admin').length;
    await get(`${inside.origin}/admin`, false);
    expect(inside.requestsFor('/admin')).toHaveLength(before);
  });

  it('refuses the cloud metadata service without trying to connect', async () => {
    const res = await get('http://169.254.169.254/latest/meta-data/', true);
    expect(res).toEqual({ ok: false, failure: { kind: 'network', code: 'EADDRBLOCKED' } });
  });

  it("does not show a monitor's preview what a local service answers", async () => {
    const preview = await previewSource(t.ctx, {
      kind: 'json',
      url: `${inside.origin}/admin`,
      config: { itemsPath: 'items', fields: { title: 'title', body: 'body', url: 'id' } },
    });
    expect(preview.items).toEqual([]);
    expect(JSON.stringify(preview)).not.toContain('hunter2');
    expect(preview.warnings.join()).toContain('不允许抓取本机或保留的内部地址');
  });

  it('is on for loopback only with the demo, or when YUQING_CRAWL_LOOPBACK says so', () => {
    expect(loadConfig({}).crawlLoopback).toBe(true);
    expect(loadConfig({ YUQING_DEMO: '0' }).crawlLoopback).toBe(false);
    expect(loadConfig({ YUQING_DEMO: '0', YUQING_CRAWL_LOOPBACK: '1' }).crawlLoopback).toBe(true);
    expect(loadConfig({ YUQING_CRAWL_LOOPBACK: '0' }).crawlLoopback).toBe(false);
    expect(testConfig().crawlLoopback).toBe(true);
  });
});

describe('a redirect to a blocked address', () => {
  it('is refused where it leads, even when the first host is allowed', async () => {
    // A server of its own: the robots.txt verdict on `inside` is remembered from the tests above.
    const site = await startFixtureServer({
      '/robots.txt': (_req, res) => void res.writeHead(404).end(),
      '/feed': (_req, res) =>
        void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    });
    try {
      const loopbackAllowed = { ...t.ctx, config: { ...t.ctx.config, crawlLoopback: true } };
      const preview = await previewSource(
        loopbackAllowed,
        {
          kind: 'json',
          url: `${site.origin}/feed`,
          config: { itemsPath: 'items', fields: { body: 'body' } },
        },
        { fetch: { retries: 0 } },
      );
      expect(site.requestsFor('/feed')).toHaveLength(1);
      expect(preview.items).toEqual([]);
      expect(preview.warnings.join()).toContain('不允许抓取本机或保留的内部地址');
    } finally {
      await site.close();
    }
  });
});
