import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { createUnit, updateUnit } from '../org/save-unit.js';
import { canonicalJson } from './audit-hash.js';
import { recordAudit } from './record-audit.js';
import { verifyAudit } from './verify-audit.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function seedChain(count: number) {
  const admin = await buildUser(t.ctx, { roles: ['admin'] });
  const actor = actorFor(admin);
  for (let i = 0; i < count; i++) {
    const unit = await createUnit({
      ctx: t.ctx,
      actor,
      input: { name: `链${i}-${Math.random()}`, type: 'community' },
    });
    await updateUnit({ ctx: t.ctx, actor, id: unit.id, input: { phone: `0000-${i}` } });
    t.clock.advance(1000);
  }
}

/** Tampering means going around the append-only trigger, as someone with database access could. */
async function tamper(statement: string) {
  await sql.raw(`alter table audit_log disable trigger audit_log_no_change`).execute(t.ctx.db);
  await sql.raw(statement).execute(t.ctx.db);
  await sql.raw(`alter table audit_log enable trigger audit_log_no_change`).execute(t.ctx.db);
}

describe('audit chain', () => {
  it('links every row to the one before and verifies clean', async () => {
    await seedChain(3);
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['prev_hash', 'hash'])
      .orderBy('id')
      .execute();
    expect(rows.length).toBe(6);
    rows.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(rows[i]?.hash));
    expect(await verifyAudit(t.ctx.db)).toMatchObject({ ok: true, checked: 6, brokenAt: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql`update audit_log set summary = 'x'`.execute(t.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('detects an edited row', async () => {
    await tamper(`update audit_log set summary = summary || '（改）' where id = 3`);
    expect(await verifyAudit(t.ctx.db)).toMatchObject({ ok: false, brokenAt: 3, checked: 2 });
  });

  it('detects an edited before/after value', async () => {
    await tamper(`update audit_log set summary = replace(summary, '（改）', '') where id = 3`);
    expect((await verifyAudit(t.ctx.db)).ok).toBe(true);
    await tamper(`update audit_log set after = '{"phone":"9999"}' where id = 4`);
    expect(await verifyAudit(t.ctx.db)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('detects a deleted row', async () => {
    const t2 = await createTestContext();
    const admin = await buildUser(t2.ctx, { roles: ['admin'] });
    for (let i = 0; i < 4; i++) {
      await recordAudit(t2.ctx.db, t2.clock, actorFor(admin), {
        action: 'unit.update',
        entityType: 'test',
        summary: `事件${i}`,
      });
    }
    await sql.raw(`alter table audit_log disable trigger audit_log_no_change`).execute(t2.ctx.db);
    await sql`delete from audit_log where id = 2`.execute(t2.ctx.db);
    const result = await verifyAudit(t2.ctx.db);
    expect(result).toMatchObject({ ok: false, brokenAt: 3 });
    expect(result.message).toMatch(/缺失/);
    await t2.close();
  });

  it('hashes jsonb content independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { y: 2, z: 1 }] }, b: 1 }),
    );
  });
});

describe('audit API', () => {
  it('lists with filters for admin and office, and reports verification', async () => {
    const t3 = await createTestContext();
    const built = await buildTestApp(t3.ctx);
    const admin = await buildUser(t3.ctx, { roles: ['admin'], name: '审计管理员' });
    const office = await buildUser(t3.ctx, { roles: ['office'] });
    const c = await loginAs(built, admin.username, admin.password);
    await c.request('POST', '/api/units', { name: '审计测试单位', type: 'department' });
    const o = await loginAs(built, office.username, office.password);
    const list = await o.request(
      'GET',
      `/api/audit?action=unit.create&actor=${encodeURIComponent('审计管理员')}`,
    );
    expect(list.statusCode).toBe(200);
    const body = list.json<{
      items: { summary: string; ip: string | null; actorId: number }[];
      total: number;
    }>();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      actorId: admin.id,
      summary: '新增单位「审计测试单位」（镇直单位）',
    });
    expect(body.items[0]?.ip).toBeTruthy();
    const byText = await o.request(
      'GET',
      `/api/audit?q=${encodeURIComponent('审计测试')}&from=2026-11-26T00:00:00.000Z`,
    );
    expect(byText.json<{ total: number }>().total).toBe(1);
    const none = await o.request('GET', '/api/audit?from=2030-01-01T00:00:00.000Z');
    expect(none.json<{ total: number }>().total).toBe(0);
    const verify = await o.request('GET', '/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true, brokenAt: null });
    // Contacts are masked for the office: finding entries by one is refused too, list and export.
    for (const q of ['13900001234', '139 0000 1', '139-0000-1234', 'wang@example.com']) {
      for (const path of ['/api/audit', '/api/audit.xlsx']) {
        const res = await o.request('GET', `${path}?q=${encodeURIComponent(q)}`);
        expect(res.statusCode, `${path} ${q}`).toBe(400);
        expect(res.json<{ error: { message: string } }>().error.message).toContain(
          '不能按电话号码',
        );
      }
    }
    expect(
      (await o.request('GET', `/api/audit?q=${encodeURIComponent('2026-0042')}`)).statusCode,
    ).toBe(200);
    await built.app.close();
    await t3.close();
  });
});
