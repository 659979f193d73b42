import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../tests/helpers/db.js';
import type { BuiltApp } from './app.js';
import { purgeRateLimits } from './rate-limit-store.js';

// Two API processes over one database, as a scaled-out installation runs them: each its own
// Fastify instance (and so, with the plugin's default store, its own counters in memory).
let t: TestContext;
let one: BuiltApp;
let two: BuiltApp;

beforeAll(async () => {
  t = await createTestContext({ loginRatePerMinute: 3 });
  t.ctx.config.board = { ...t.ctx.config.board, requestsPerMinute: 2 };
  one = await buildTestApp(t.ctx);
  two = await buildTestApp(t.ctx);
});

afterAll(async () => {
  await one.app.close();
  await two.app.close();
  await t.close();
});

const login = (app: BuiltApp, n: number, remoteAddress = '203.0.113.7') =>
  app.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `guess${n}`, password: 'x' },
    remoteAddress,
  });

const challenge = (app: BuiltApp, remoteAddress = '203.0.113.7') =>
  app.app.inject({ method: 'GET', url: '/api/board/challenge', remoteAddress });

describe('rate limits shared by every API process', () => {
  it('counts one address against one allowance, whichever process it reaches', async () => {
    const codes = [
      (await login(one, 1)).statusCode,
      (await login(two, 2)).statusCode,
      (await login(one, 3)).statusCode,
      // The fourth attempt in the minute: per process it would be only the second on `two`.
      (await login(two, 4)).statusCode,
      (await login(one, 5)).statusCode,
    ];
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    // Another address has its own allowance; another route its own counter.
    expect((await login(two, 6, '198.51.100.9')).statusCode).toBe(401);
    expect((await challenge(one)).statusCode).toBe(200);
  });

  it('opens a new window once the minute has passed', async () => {
    t.clock.advance(61_000);
    expect((await login(two, 7)).statusCode).toBe(401);
  });

  it("limits the board's challenge across processes too (three times the per-minute rate)", async () => {
    t.clock.advance(61_000);
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await challenge(i % 2 ? one : two)).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('keeps no address in the clear, and the hourly purge drops old counters', async () => {
    const rows = await t.ctx.db.selectFrom('rate_limits').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.key).join()).not.toContain('203.0.113.7');
    t.clock.advance(25 * 3600_000);
    expect(await purgeRateLimits(t.ctx)).toBe(rows.length);
  });
});
