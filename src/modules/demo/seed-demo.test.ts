import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testConfig, type TestContext } from '../../../tests/helpers/db.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { CASE_STATES } from '../cases/case-status.js';
import { bootstrap } from '../system/bootstrap.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ demo: true });
});
afterAll(() => t.close());

describe('the demo township', () => {
  it('has its units, one user per role, and cases in every state, some overdue', async () => {
    const result = await bootstrap(t.ctx);
    expect(result).toMatchObject({ adminCreated: true, demoSeeded: true });
    const roles = await t.ctx.db.selectFrom('users').select('roles').execute();
    for (const role of ['admin', 'monitor', 'leader', 'liaison', 'office', 'viewer']) {
      expect(
        roles.some((r) => r.roles.includes(role)),
        role,
      ).toBe(true);
    }
    const states = await t.ctx.db.selectFrom('cases').select('state').execute();
    expect(new Set(states.map((s) => s.state))).toEqual(new Set(CASE_STATES));
    const urges = await t.ctx.db.selectFrom('case_urges').select('id').execute();
    expect(urges.length).toBeGreaterThan(0);
    const requested = await t.ctx.db
      .selectFrom('cases')
      .select('id')
      .where('extension_state', '=', 'requested')
      .execute();
    expect(requested).toHaveLength(1);
    expect((await verifyAudit(t.ctx.db)).ok).toBe(true);
  });

  it('is made once: a second start adds nothing', async () => {
    const before = await t.ctx.db.selectFrom('cases').select('id').execute();
    const again = await bootstrap(t.ctx);
    expect(again).toMatchObject({ adminCreated: false, demoSeeded: false, migrationsApplied: 0 });
    expect(await t.ctx.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length);
  });
});

describe('the demo township with working-day deadlines', () => {
  it('is made on a Thursday, when a fixed extension of 80 hours fell before a due time across the weekend', async () => {
    const w = await createTestContext({
      demo: true,
      deadlines: { ...testConfig().deadlines, counting: 'working' },
    });
    try {
      expect(await bootstrap(w.ctx)).toMatchObject({ demoSeeded: true });
      const asked = await w.ctx.db
        .selectFrom('cases')
        .select(['reply_due_at', 'extension_until'])
        .where('extension_state', '=', 'requested')
        .executeTakeFirstOrThrow();
      expect(new Date(asked.extension_until!).getTime()).toBeGreaterThan(
        new Date(asked.reply_due_at).getTime(),
      );
    } finally {
      await w.close();
    }
  });
});

describe('the demo township in another time zone', () => {
  it("puts the roster's day shift at 08:00–20:00 on the township's clock, not Beijing's", async () => {
    const w = await createTestContext({
      demo: true,
      deadlines: { ...testConfig().deadlines, timeZone: 'Asia/Urumqi' },
    });
    try {
      await bootstrap(w.ctx);
      const duties = await w.ctx.db
        .selectFrom('watch_duties')
        .select(['starts_at', 'ends_at'])
        .execute();
      expect(duties).toHaveLength(3);
      const hour = (d: Date) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Asia/Urumqi',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(new Date(d));
      for (const d of duties)
        expect([hour(d.starts_at), hour(d.ends_at)]).toEqual(['08:00', '20:00']);
    } finally {
      await w.close();
    }
  });
});
