import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import { loadConfig } from '../../config.js';
import { LOCK_AFTER_FAILURES } from './login.js';

let t: TestContext;
let built: BuiltApp;
let user: BuiltUser;

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  user = await buildUser(t.ctx, { roles: ['admin'] });
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

const login = (username: string, password: string) =>
  built.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('login', () => {
  it('sets an HttpOnly SameSite session cookie and returns the user and a CSRF token', async () => {
    const res = await login(user.username, user.password);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      user: { username: string; permissions: string[] };
      csrfToken: string;
    }>();
    expect(body.user.username).toBe(user.username);
    expect(body.user.permissions).toContain('users.manage');
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const cookie = res.cookies.find((c) => c.name === 'yq_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBeFalsy();
    // Only the hash of the token is stored.
    const stored = await t.ctx.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie?.value);
  });

  it('sets a Secure cookie when the request came over HTTPS through a trusted proxy', async () => {
    const t2 = await createTestContext({ trustProxy: true });
    const app2 = await buildTestApp(t2.ctx);
    const u = await buildUser(t2.ctx);
    const res = await app2.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: u.username, password: u.password },
    });
    expect(res.cookies.find((c) => c.name === 'yq_session')?.secure).toBe(true);
    await app2.app.close();
    await t2.close();
  });

  it('believes X-Forwarded-For only as far as the proxies in front, not what the client wrote', async () => {
    expect(loadConfig({ YUQING_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ YUQING_TRUST_PROXY: '10.0.0.2, 10.0.0.0/24' }).trustProxy).toBe(
      '10.0.0.2, 10.0.0.0/24',
    );
    expect(() => loadConfig({ YUQING_TRUST_PROXY: 'yes' })).toThrow('YUQING_TRUST_PROXY');
    const t2 = await createTestContext({
      trustProxy: loadConfig({ YUQING_TRUST_PROXY: '1' }).trustProxy,
    });
    const app2 = await buildTestApp(t2.ctx);
    try {
      const u = await buildUser(t2.ctx);
      // The client sent "6.6.6.6"; the proxy at 127.0.0.1 appended the address it saw.
      const res = await app2.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': '6.6.6.6, 10.9.8.7', 'x-forwarded-proto': 'https' },
        payload: { username: u.username, password: u.password },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'yq_session')?.secure).toBe(true);
      const audit = await t2.ctx.db
        .selectFrom('audit_log')
        .select('ip')
        .where('action', '=', 'auth.login')
        .executeTakeFirstOrThrow();
      expect(audit.ip).toBe('10.9.8.7');
    } finally {
      await app2.app.close();
      await t2.close();
    }
  });

  it('refuses a wrong password with 401 and the error shape, in Chinese', async () => {
    const res = await login(user.username, 'not-the-password');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'AUTH_INVALID', message: '用户名或密码错误' } });
  });

  it('refuses an unknown user the same way', async () => {
    const res = await login('nobody', 'whatever1');
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('AUTH_INVALID');
  });

  it('rejects a malformed body with 400 VALIDATION_FAILED', async () => {
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(/password/);
  });

  it('locks the account after repeated failures, even for the right password, until the lock ends', async () => {
    const victim = await buildUser(t.ctx);
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) {
      expect((await login(victim.username, 'wrong-pass1')).statusCode).toBe(401);
    }
    const locking = await login(victim.username, 'wrong-pass1');
    expect(locking.statusCode).toBe(429);
    expect(locking.json<{ error: { code: string } }>().error.code).toBe('AUTH_LOCKED');
    const refused = await login(victim.username, victim.password);
    expect(refused.statusCode).toBe(429);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(
      /锁定至 2026-11-26 10:15/,
    );
    t.clock.advance(16 * 60_000);
    expect((await login(victim.username, victim.password)).statusCode).toBe(200);
    const row = await t.ctx.db
      .selectFrom('users')
      .select(['failed_logins', 'locked_until'])
      .where('id', '=', victim.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('answers for a name that is no account exactly as for an account, lock included', async () => {
    const real = await buildUser(t.ctx);
    const answers = async (username: string) => {
      const out: string[] = [];
      for (let i = 0; i < LOCK_AFTER_FAILURES + 1; i++) {
        const res = await login(username, 'wrong-pass1');
        out.push(`${res.statusCode} ${res.json<{ error: { message: string } }>().error.message}`);
      }
      return out;
    };
    const forReal = await answers(real.username);
    const forNobody = await answers('Nobody-Here');
    expect(forNobody).toEqual(forReal);
    // Four refusals, then locked for 15 minutes; asking again while locked changes nothing.
    expect(forNobody[3]).toBe('401 用户名或密码错误');
    expect(forNobody[4]).toMatch(/^429 登录失败次数过多，账户已锁定至 2026-11-26 \d\d:\d\d/);
    expect(forNobody[5]).toBe(forNobody[4]);
    // The name is kept only as a keyed hash; the lock ends as an account's does.
    const rows = await t.ctx.db.selectFrom('login_failures').selectAll().execute();
    // Five counted (the sixth came while locked); the other row is the earlier test's 'nobody'.
    expect(rows.map((r) => r.failures).sort()).toEqual([1, LOCK_AFTER_FAILURES]);
    expect(JSON.stringify(rows)).not.toMatch(/nobody/i);
    t.clock.advance(16 * 60_000);
    const after = await login('nobody-here', 'wrong-pass1');
    expect(after.statusCode).toBe(429);
    expect(after.json<{ error: { message: string } }>().error.message).not.toBe(
      forNobody[4]?.slice(4),
    );
  });

  it('doubles the lock for each further failure after the lock ends', async () => {
    const victim = await buildUser(t.ctx);
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) await login(victim.username, 'wrong-pass1');
    t.clock.advance(16 * 60_000);
    const again = await login(victim.username, 'wrong-pass1');
    expect(again.statusCode).toBe(429);
    const row = await t.ctx.db
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', victim.id)
      .executeTakeFirstOrThrow();
    expect(row.locked_until?.getTime()).toBe(t.clock.now().getTime() + 30 * 60_000);
  });

  it('forgets a streak after a quiet day, for an account as for a name that is no account', async () => {
    const real = await buildUser(t.ctx);
    const answers = async (username: string) => {
      const out: string[] = [];
      for (let i = 0; i < LOCK_AFTER_FAILURES - 1; i++) await login(username, 'wrong-pass1');
      t.clock.advance(25 * 3600_000);
      for (let i = 0; i < LOCK_AFTER_FAILURES - 1; i++)
        out.push(String((await login(username, 'wrong-pass1')).statusCode));
      return out;
    };
    // Four failures, a day and an hour of quiet, four more: a new streak, no lock, for both.
    // Before, the account locked on the first of the four while the unknown name did not.
    const forReal = await answers(real.username);
    const forNobody = await answers('quiet-nobody');
    expect(forReal).toEqual(['401', '401', '401', '401']);
    expect(forNobody).toEqual(forReal);
    expect((await login(real.username, real.password)).statusCode).toBe(200);
  });

  it('limits login attempts per client address', async () => {
    const t2 = await createTestContext({ loginRatePerMinute: 3 });
    const app2 = await buildTestApp(t2.ctx);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await app2.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `guess${i}`, password: 'x' },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    await app2.app.close();
    await t2.close();
  });

  it('refuses a deactivated account', async () => {
    const gone = await buildUser(t.ctx, { active: false });
    const res = await login(gone.username, gone.password);
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/停用/);
  });

  it('writes login, failure and logout to the audit log', async () => {
    const u = await buildUser(t.ctx);
    await login(u.username, 'wrong-pass1');
    const client = await loginAs(built, u.username, u.password);
    expect((await client.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    const actions = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', u.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'auth.login-failed',
      'auth.login',
      'auth.logout',
    ]);
  });
});

describe('sessions and CSRF', () => {
  it('answers 401 AUTH_REQUIRED without a session', async () => {
    const res = await built.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('AUTH_REQUIRED');
  });

  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    const client = await loginAs(built, user.username, user.password);
    const res = await client.request(
      'POST',
      '/api/units',
      { name: '无令牌', type: 'department' },
      {
        'x-csrf-token': 'forged',
      },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('CSRF_INVALID');
    const units = await t.ctx.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', '无令牌')
      .execute();
    expect(units).toHaveLength(0);
  });

  it('refuses a write from a foreign Origin', async () => {
    const client = await loginAs(built, user.username, user.password);
    const res = await client.request(
      'POST',
      '/api/units',
      { name: '跨站', type: 'department' },
      {
        origin: 'http://evil.example',
      },
    );
    expect(res.statusCode).toBe(403);
  });

  it('ends the session on logout', async () => {
    const client = await loginAs(built, user.username, user.password);
    await client.request('POST', '/api/auth/logout');
    expect((await client.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const client = await loginAs(built, user.username, user.password);
    t.clock.advance((t.ctx.config.sessionHours + 1) * 3_600_000);
    expect((await client.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('ends a busy session too, sessionMaxHours after signing in', async () => {
    const { sessionHours, sessionMaxHours } = t.ctx.config;
    expect(sessionMaxHours).toBeGreaterThan(sessionHours);
    const client = await loginAs(built, user.username, user.password);
    // In use every few hours: each request moves the idle expiry on, but not past the cap.
    const step = (sessionHours / 2) * 3_600_000;
    let used = 0;
    while (used + step < sessionMaxHours * 3_600_000) {
      t.clock.advance(step);
      used += step;
      expect((await client.request('GET', '/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(sessionMaxHours * 3_600_000 - used);
    expect((await client.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });
});

describe('password change', () => {
  it('requires the current password and a strong new one, then signs other sessions out', async () => {
    const u = await buildUser(t.ctx);
    const a = await loginAs(built, u.username, u.password);
    const b = await loginAs(built, u.username, u.password);
    const wrong = await a.request('POST', '/api/auth/password', {
      currentPassword: 'nope',
      newPassword: 'Better@2027',
    });
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('PASSWORD_WRONG');
    const weak = await a.request('POST', '/api/auth/password', {
      currentPassword: u.password,
      newPassword: 'short',
    });
    expect(weak.json<{ error: { code: string } }>().error.code).toBe('PASSWORD_WEAK');
    const ok = await a.request('POST', '/api/auth/password', {
      currentPassword: u.password,
      newPassword: 'Better@2027',
    });
    expect(ok.statusCode).toBe(204);
    expect((await a.request('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await b.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await login(u.username, 'Better@2027')).statusCode).toBe(200);
  });

  it('keeps a user with an initial password to the password page until they change it', async () => {
    const u = await buildUser(t.ctx, { roles: ['admin'], mustChangePassword: true });
    const c = await loginAs(built, u.username, u.password);
    const me = await c.request('GET', '/api/auth/me');
    expect(me.json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);
    const blocked = await c.request('GET', '/api/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json<{ error: { code: string } }>().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await c.request('POST', '/api/auth/password', {
      currentPassword: u.password,
      newPassword: 'Fresh@2027',
    });
    expect((await c.request('GET', '/api/units')).statusCode).toBe(200);
  });
});
