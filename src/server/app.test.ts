import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../tests/helpers/api.js';
import { createTestContext, TEST_DB, type TestContext } from '../../tests/helpers/db.js';
import { buildApp, type BuiltApp } from './app.js';

let t: TestContext;
let built: BuiltApp;

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

describe('the HTTP surface', () => {
  it('answers health with the database kind and version', async () => {
    const res = await built.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', db: TEST_DB, version: 'test' });
  });

  it('sends security headers', async () => {
    const res = await built.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('publishes an OpenAPI document with every API route, and browsable docs', async () => {
    const doc = (await built.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of built.routes) {
      if (route.url === '/api/openapi.json') continue;
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path], route.url).toBeDefined();
    }
    const docs = await built.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown API path with a JSON 404 in Chinese', async () => {
    const res = await built.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: '接口不存在：GET /api/nothing-here' },
    });
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers a body over the limit with 413', async () => {
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the web app, and its index for any page path outside /api', async () => {
    const web = mkdtempSync(join(tmpdir(), 'yq-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>舆情</title>');
    writeFileSync(join(web, 'app.js'), 'console.log(1)');
    const withWeb = await buildApp(t.ctx, { logger: false, webDir: web });
    try {
      const page = await withWeb.app.inject({ method: 'GET', url: '/admin/units' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>舆情</title>');
      // The page carries the deployment's time zone, also at / and /index.html.
      for (const url of ['/admin/units', '/', '/index.html']) {
        const res = await withWeb.app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(200);
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.body).toContain(
          `<meta name="yuqing-time-zone" content="${t.ctx.config.deadlines.timeZone}" />`,
        );
      }
      const asset = await withWeb.app.inject({ method: 'GET', url: '/app.js' });
      expect(asset.body).toBe('console.log(1)');
      // Files are looked up per request: a rebuilt app is served without a restart.
      writeFileSync(join(web, 'new.js'), 'console.log(2)');
      expect((await withWeb.app.inject({ method: 'GET', url: '/new.js' })).body).toBe(
        'console.log(2)',
      );
      const api = await withWeb.app.inject({ method: 'GET', url: '/api/missing' });
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toContain('application/json');
    } finally {
      await withWeb.app.close();
    }
  });
});
