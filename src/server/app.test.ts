import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../modules/access/roles.js';
import { buildUser } from '../../tests/factories/index.js';
import { buildTestApp, loginAs } from '../../tests/helpers/api.js';
import { createTestContext, TEST_DB, type TestContext } from '../../tests/helpers/db.js';
import { buildApp, type BuiltApp } from './app.js';
import { badInputAt, MAX_DEPTH } from './request-guard.js';

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

/** A new user with the role, signed in through the real login route. */
async function signedIn(role: Role) {
  const user = await buildUser(t.ctx, { roles: [role] });
  return loginAs(built, user.username, user.password);
}

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

  it('keeps searched-for text and board lookup codes out of the request log', async () => {
    const lines: string[] = [];
    const logged = await buildApp(t.ctx, {
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    });
    try {
      await logged.app.inject({ method: 'GET', url: '/api/posts?q=13612345678&page=2' });
      await logged.app.inject({ method: 'GET', url: '/api/board/messages/K7M2Q9XP' });
      const log = lines.join('');
      expect(log).toContain('/api/posts?q=***&page=2');
      expect(log).toContain('/api/board/messages/***');
      expect(log).not.toContain('13612345678');
      expect(log).not.toContain('K7M2Q9XP');
    } finally {
      await logged.app.close();
    }
  });

  it('tells browsers to keep to HTTPS (HSTS) only where the deployment is HTTPS alone', async () => {
    expect(
      (await built.app.inject({ method: 'GET', url: '/api/health' })).headers,
    ).not.toHaveProperty('strict-transport-security');
    const https = await buildApp(
      { ...t.ctx, config: { ...t.ctx.config, cookieSecure: 'always' } },
      {
        logger: false,
      },
    );
    try {
      const res = await https.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
    } finally {
      await https.app.close();
    }
  });

  it('tells browsers and proxies not to store API answers, which carry personal data', async () => {
    const leader = await signedIn('leader');
    const res = await leader.request('GET', '/api/cases');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const refused = await built.app.inject({ method: 'GET', url: '/api/cases' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('publishes an OpenAPI document with every API route, and browsable docs', async () => {
    const viewer = await signedIn('viewer');
    const doc = (await viewer.request('GET', '/api/openapi.json')).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of built.routes) {
      if (route.url === '/api/openapi.json') continue;
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path], route.url).toBeDefined();
    }
    const docs = await viewer.request('GET', '/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('shows the API docs and the OpenAPI document to signed-in users only', async () => {
    for (const url of ['/api/openapi.json', '/api/docs/', '/api/docs/json', '/api/docs/yaml']) {
      const res = await built.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('AUTH_REQUIRED');
      expect(res.body).not.toContain('/api/cases');
    }
  });

  it('bounds every integer a request may carry, so that none reaches the database too large', async () => {
    const doc = (await (await signedIn('viewer')).request('GET', '/api/openapi.json')).json<{
      paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>;
    }>();
    const unbounded: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.type === 'integer' && o.maximum === undefined) unbounded.push(where);
      for (const [key, value] of Object.entries(o)) walk(value, `${where}.${key}`);
    };
    let integers = 0;
    const count = (node: unknown): void => {
      const text = JSON.stringify(node ?? null);
      integers += text.split('"type":"integer"').length - 1;
    };
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(operations)) {
        walk(op.parameters, `${method} ${path} parameters`);
        walk(op.requestBody, `${method} ${path} body`);
        count(op.parameters);
        count(op.requestBody);
      }
    expect(integers).toBeGreaterThan(100);
    expect(unbounded).toEqual([]);
  });

  it('answers ids and versions past the database with a 400 in Chinese, not a 500', async () => {
    const leader = await signedIn('leader');
    const tooBig = await leader.request('GET', '/api/cases/99999999999999999999');
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: '路径参数不正确：字段 id 不能大于 2147483647',
      },
    });
    const version = await leader.request('POST', '/api/cases/1/approve', { version: 2 ** 40 });
    expect(version.statusCode).toBe(400);
    expect(version.json<{ error: { message: string } }>().error.message).toBe(
      '请求内容不正确：字段 version 不能大于 2147483647',
    );
    const word = await leader.request('GET', '/api/cases?unitId=abc');
    expect(word.json<{ error: { message: string } }>().error.message).toBe(
      '查询参数不正确：字段 unitId 应当是整数',
    );
    const zero = await leader.request('GET', '/api/cases/0');
    expect(zero.json<{ error: { message: string } }>().error.message).toBe(
      '路径参数不正确：字段 id 不能小于 1',
    );
  });

  it('answers text with U+0000, which PostgreSQL refuses, with a 400 naming the field', async () => {
    const admin = await signedIn('admin');
    const search = await admin.request('GET', '/api/users?q=%00王');
    expect(search.statusCode).toBe(400);
    expect(search.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: '查询参数不正确：字段 q 含有空字符（U+0000），请删除后重试',
      },
    });
    const unit = await admin.request('POST', '/api/units', {
      name: '城建\u0000办',
      type: 'office',
    });
    expect(unit.statusCode).toBe(400);
    expect(unit.json<{ error: { message: string } }>().error.message).toBe(
      '请求内容不正确：字段 name 含有空字符（U+0000），请删除后重试',
    );
    expect(badInputAt({ a: [{ b: 'x' }, { c: 'y\u0000' }] })).toEqual({
      path: 'a.1.c',
      problem: 'nul',
    });
    expect(badInputAt('\u0000')).toEqual({ path: '', problem: 'nul' });
    expect(badInputAt({ a: 1, b: null, c: ['ok'] })).toBeNull();
  });

  it('refuses control characters, lone surrogates, 1e400 and deep nesting with a 400; Word line breaks become line feeds', async () => {
    const admin = await signedIn('admin');
    const message = async (body: unknown) => {
      const res = await admin.request('POST', '/api/units', body);
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ error: { code: string; message: string } }>().error.message;
    };
    expect(await message({ name: '城建\u0001办', type: 'office' })).toBe(
      '请求内容不正确：字段 name 含有不可见的控制字符（U+0001），请删除后重试',
    );
    // A lone surrogate failed the audit log's JSON insert with a 500.
    expect(await message({ name: '城建\ud800办', type: 'office' })).toBe(
      '请求内容不正确：字段 name 含有无效的字符（不成对的 UTF-16 代理项），请检查文字编码后重试',
    );
    const infinite = await admin.request(
      'POST',
      '/api/units',
      '{"name":"城建办","type":"office","parentId":1e400}',
      { 'content-type': 'application/json' },
    );
    expect(infinite.statusCode).toBe(400);
    expect(infinite.json<{ error: { message: string } }>().error.message).toBe(
      '请求内容不正确：字段 parentId 的数值超出范围',
    );
    // 10,000 brackets overflowed the stack of the recursive walk (500).
    const deep = await built.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '['.repeat(10_000) + ']'.repeat(10_000),
    });
    expect(deep.statusCode).toBe(400);
    expect(deep.json<{ error: { message: string } }>().error.message).toContain(
      `嵌套超过 ${MAX_DEPTH} 层`,
    );
    // Text pasted from Word carries vertical tabs for its line breaks.
    const body = { text: '第一行\u000b第二行\u000c第三行' };
    expect(badInputAt(body)).toBeNull();
    expect(body.text).toBe('第一行\n第二行\n第三行');
    expect(badInputAt({ a: '\ud83d\ude00 好' })).toBeNull();
  });

  it('takes numbers written as plain decimals only: " 1", "+1", "0x10", "1e0" and "Infinity" are refused', async () => {
    const leader = await signedIn('leader');
    for (const id of ['%201', '%2B1', '0x1', '1e0', '0b1', '1.0', 'Infinity']) {
      const res = await leader.request('GET', `/api/cases/${id}`);
      expect(res.statusCode, id).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toBe(
        '路径参数不正确：字段 id 应当是整数',
      );
    }
    const page = await leader.request('GET', '/api/cases?page=Infinity');
    expect(page.statusCode).toBe(400);
    expect(page.json<{ error: { message: string } }>().error.message).toBe(
      '查询参数不正确：字段 page 应当是整数',
    );
    const huge = await leader.request('GET', `/api/cases?page=${'9'.repeat(400)}`);
    expect(huge.statusCode).toBe(400);
    expect((await leader.request('GET', '/api/cases?page=2&pageSize=5')).statusCode).toBe(200);
    const monitor = await signedIn('monitor');
    const rule = await monitor.request('POST', '/api/alert-rules', {
      name: '测试',
      expression: '积水',
      level: 'blue',
      windowMinutes: 60,
      minCount: 'Infinity',
    });
    expect(rule.statusCode).toBe(400);
    expect(rule.json<{ error: { message: string } }>().error.message).toBe(
      '请求内容不正确：字段 minCount 应当是整数',
    );
  });

  it('answers what the framework refuses in the same shape, in Chinese', async () => {
    const leader = await signedIn('leader');
    const badUrl = await built.app.inject({ method: 'GET', url: '/api/board/messages/%zz' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: '请求地址含有无效的编码（%），请检查后重试' },
    });
    const long = await leader.request('POST', `/api/cases/${'1'.repeat(200)}/reply`, {});
    expect(long.statusCode).toBe(400);
    expect(long.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: '请求地址中的参数过长' },
    });
    const empty = await built.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.json<{ error: { message: string } }>().error.message).toBe(
      '请求内容为空：Content-Type 为 application/json 时须附 JSON 内容',
    );
  });

  it('answers a broken multipart upload with a 400, not a 500', async () => {
    const monitor = await signedIn('monitor');
    for (const url of ['/api/sources/import/inspect', '/api/org/import']) {
      const res = await monitor.request('POST', url, 'garbage', {
        'content-type': 'multipart/form-data',
      });
      expect([400, 403], url).toContain(res.statusCode);
      if (res.statusCode === 400) {
        expect(res.json<{ error: { message: string } }>().error.message, url).toContain(
          '上传的内容不完整或格式不正确',
        );
      }
    }
    const cut = await monitor.request(
      'POST',
      '/api/sources/import/inspect',
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n标题,内容\r\n',
      { 'content-type': 'multipart/form-data; boundary=XyZ' },
    );
    expect(cut.statusCode).toBe(400);
  });

  it('takes dates of 1900–2099 only: year 9999 as a period end used to loop until memory ran out', async () => {
    const leader = await signedIn('leader');
    const far = await leader.request(
      'GET',
      '/api/analysis/situation?from=9999-12-31&to=9999-12-31',
    );
    expect(far.statusCode).toBe(400);
    expect(far.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: '查询参数不正确：字段 from 应当是 1900–2099 年间的有效日期，如 2026-11-27',
      },
    });
    const early = await leader.request('GET', '/api/cases?from=0001-01-01T00:00:00Z');
    expect(early.statusCode).toBe(400);
    expect(early.json<{ error: { message: string } }>().error.message).toBe(
      '查询参数不正确：字段 from 应当是 1900–2099 年间的有效日期时间，如 2026-11-27T08:00:00+08:00',
    );
    const fine = await leader.request(
      'GET',
      '/api/analysis/situation?from=2026-11-01&to=2026-11-27',
    );
    expect(fine.statusCode).toBe(200);
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
