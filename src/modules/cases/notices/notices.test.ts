import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  buildUnit,
  buildUser,
  type BuiltUser,
} from '../../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../../tests/helpers/db.js';
import { docxText } from '../../../../tests/helpers/docx.js';
import type { BuiltApp } from '../../../server/app.js';
import type { Actor } from '../../access/actor.js';
import { assignCase } from '../assign-case.js';
import { requestExtension } from '../extension.js';
import { contributeToCase, signCase, submitReply } from '../handle-case.js';
import { registerCase } from '../register-case.js';
import { issueNotice } from './issue-notice.js';
import type { Notice, NoticeSummary } from './notices.schemas.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestContext;
let built: BuiltApp;
let officeUser: BuiltUser;
let leaderUser: BuiltUser;
let monitor: Actor;
let leader: Actor;
let officeActor: Actor;
const units: Record<string, { id: number; name: string }> = {};
const liaisons: Record<string, Actor> = {};

// A fresh sign-in each time: the manual clock jumps days, past a session's idle limit.
const as = (user: BuiltUser): Promise<ApiClient> => loginAs(built, user.username, user.password);

const liaison = (key: string): Actor => {
  const a = liaisons[key];
  if (!a) throw new Error(key);
  return a;
};
const unit = (key: string) => {
  const u = units[key];
  if (!u) throw new Error(key);
  return u;
};

/**
 * A post two hours old, assigned now: its public reply (3 days after the post) is due two hours
 * before the slip, but a unit is held to the slip's due time, the one it was told.
 */
async function slip(title: string, lead: string, co: string[] = []): Promise<number> {
  const { id } = await registerCase({
    ctx: t.ctx,
    actor: monitor,
    input: {
      post: {
        source: '网络问政',
        postedAt: new Date(t.clock.now().getTime() - 2 * HOUR).toISOString(),
        title,
        body: `${title}，请有关部门处理。`,
      },
    },
  });
  await assignCase({
    ctx: t.ctx,
    actor: leader,
    id,
    input: {
      instruction: '请核实处理。',
      leadUnitId: unit(lead).id,
      coUnitIds: co.map((c) => unit(c).id),
    },
  });
  return id;
}

beforeAll(async () => {
  t = await createTestContext();
  for (const [key, name] of [
    ['late', '城建办'],
    ['asked', '综治办'],
    ['replied', '农业农村办'],
    ['co', '自然资源所'],
    ['tardy', '社会事务办'],
  ] as const) {
    units[key] = await buildUnit(t.ctx, { name });
    liaisons[key] = actorFor(await buildUser(t.ctx, { roles: ['liaison'], unitId: units[key].id }));
  }
  monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
  leaderUser = await buildUser(t.ctx, { roles: ['leader'] });
  leader = actorFor(leaderUser);
  officeUser = await buildUser(t.ctx, { roles: ['office'], name: '赵丽' });
  officeActor = actorFor(officeUser);
  built = await buildTestApp(t.ctx);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

describe('notices (通报)', () => {
  let lateCase: number;

  it('names exactly the unit that let its due time pass with neither reply nor explanation', async () => {
    // 2026-11-26 10:00 in Shanghai; every slip below is due 2026-11-29 10:00.
    lateCase = await slip('青石村道路积水', 'late', ['co']);
    const askedCase = await slip('柳塘村路灯不亮', 'asked');
    const repliedCase = await slip('河口村垃圾清运', 'replied', ['co']);
    // The lead unit answers at once, before its co-unit contributed: the co-unit owes nothing more.
    const answeredCase = await slip('新街社区停车难', 'replied', ['asked']);
    await signCase({ ctx: t.ctx, actor: liaison('replied'), id: answeredCase });
    await submitReply({
      ctx: t.ctx,
      actor: liaison('replied'),
      id: answeredCase,
      text: '已划线。',
    });

    // The co-unit of the late slip did its part; the late unit's lead part is what is missing.
    await signCase({ ctx: t.ctx, actor: liaison('co'), id: lateCase });
    await contributeToCase({
      ctx: t.ctx,
      actor: liaison('co'),
      id: lateCase,
      text: '已配合勘查。',
    });
    t.clock.advance(HOUR);
    await requestExtension({
      ctx: t.ctx,
      actor: liaison('asked'),
      id: askedCase,
      reason: '需协调供电所更换线路',
      until: new Date(t.clock.now().getTime() + 4 * DAY),
    });
    t.clock.advance(DAY);
    await signCase({ ctx: t.ctx, actor: liaison('co'), id: repliedCase });
    await contributeToCase({ ctx: t.ctx, actor: liaison('co'), id: repliedCase, text: '已配合。' });
    await signCase({ ctx: t.ctx, actor: liaison('replied'), id: repliedCase });
    await submitReply({ ctx: t.ctx, actor: liaison('replied'), id: repliedCase, text: '已清运。' });

    // 2026-11-30 10:00: the due time passed 24 hours ago.
    t.clock.set('2026-11-30T02:00:00.000Z');
    // The dialog's preview names the same, and numbers and keeps nothing.
    const preview = await (
      await as(officeUser)
    ).request('POST', '/api/notices/preview', { from: '2026-11-26', to: '2026-11-30' });
    expect(preview.statusCode, preview.body).toBe(200);
    const previewed = preview.json<{ units: Notice['units'] }>().units;
    expect(previewed.map((u) => [u.unitName, u.cases.map((c) => c.caseId)])).toEqual([
      ['城建办', [lateCase]],
    ]);
    expect(await t.ctx.db.selectFrom('notices').select('id').execute()).toEqual([]);
    const res = await (
      await as(officeUser)
    ).request('POST', '/api/notices', { from: '2026-11-26', to: '2026-11-30' });
    expect(res.statusCode).toBe(201);
    const notice = res.json<Notice>();
    expect(notice).toMatchObject({
      year: 2026,
      seq: 1,
      number: '〔2026〕第1期',
      title: '关于2026年11月26日至2026年11月30日网络舆情办理超期情况的通报',
      periodFrom: '2026-11-26',
      periodTo: '2026-11-30',
      createdBy: '赵丽',
      unitCount: 1,
      caseCount: 1,
    });
    expect(notice.units).toEqual([
      {
        unitId: unit('late').id,
        unitName: '城建办',
        cases: [
          {
            caseId: lateCase,
            slipNo: '2026-0001',
            title: '青石村道路积水',
            role: 'lead',
            deadline: 'handling',
            deadlineLabel: '书面回复期限',
            dueAt: '2026-11-29T02:00:00.000Z',
            doneAt: null,
            lateMinutes: 24 * 60,
            lateText: '超期 1 天',
            status: '至今未提交书面回复',
          },
        ],
      },
    ]);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'actor_id'])
      .where('entity_type', '=', 'notice')
      .where('entity_id', '=', String(notice.id))
      .execute();
    expect(audit).toEqual([
      {
        action: 'notice.issue',
        summary: expect.stringContaining('〔2026〕第1期') as unknown,
        actor_id: officeActor.id,
      },
    ]);
  });

  it('names a unit that replied late with how late, counts per year, and keeps periods apart', async () => {
    t.clock.set('2026-12-10T02:00:00.000Z');
    const tardyCase = await slip('新街社区噪音扰民', 'tardy');
    t.clock.advance(3 * DAY + 4 * HOUR);
    await signCase({ ctx: t.ctx, actor: liaison('tardy'), id: tardyCase });
    await submitReply({ ctx: t.ctx, actor: liaison('tardy'), id: tardyCase, text: '已约谈商户。' });
    t.clock.advance(DAY);
    const { id } = await issueNotice({
      ctx: t.ctx,
      actor: officeActor,
      input: { from: '2026-12-01', to: '2026-12-31' },
    });
    const notice = (
      await (await as(officeUser)).request('GET', `/api/notices/${id}`)
    ).json<Notice>();
    expect(notice.number).toBe('〔2026〕第2期');
    // The late slip of November is due outside December's period.
    expect(notice.units.map((u) => u.unitName)).toEqual(['社会事务办']);
    expect(notice.units[0]?.cases[0]).toMatchObject({
      caseId: tardyCase,
      doneAt: '2026-12-13T06:00:00.000Z',
      // Late against the slip (due 3 days after it), not the post two hours older.
      lateMinutes: 4 * 60,
      lateText: '超期 4 小时',
      status: '2026-12-13 14:00 逾期提交书面回复',
    });

    t.clock.set('2027-01-05T02:00:00.000Z');
    const next = await issueNotice({
      ctx: t.ctx,
      actor: officeActor,
      input: { from: '2027-01-01', to: '2027-01-05' },
    });
    const first2027 = (
      await (await as(officeUser)).request('GET', `/api/notices/${next.id}`)
    ).json<Notice>();
    expect(first2027).toMatchObject({ number: '〔2027〕第1期', unitCount: 0, units: [] });
  });

  it('lists notices newest first for leaders and prints one as a government notice', async () => {
    const list = await (await as(leaderUser)).request('GET', '/api/notices?pageSize=2');
    expect(list.statusCode).toBe(200);
    const page = list.json<{ items: NoticeSummary[]; total: number }>();
    expect(page.total).toBe(3);
    expect(page.items.map((n) => n.number)).toEqual(['〔2027〕第1期', '〔2026〕第2期']);
    expect(page.items[0]).not.toHaveProperty('units');
    const of2026 = await (await as(leaderUser)).request('GET', '/api/notices?year=2026');
    expect(of2026.json<{ total: number }>().total).toBe(2);

    const first = (await (await as(leaderUser)).request('GET', '/api/notices?year=2026')).json<{
      items: NoticeSummary[];
    }>().items[1];
    // The township's name heads the paper, in the print view (from the detail) as in the .docx.
    await t.ctx.db
      .insertInto('settings')
      .values({ key: 'org.name', value: JSON.stringify('云溪镇'), updated_at: t.clock.now() })
      .execute();
    const detail = await (await as(leaderUser)).request('GET', `/api/notices/${first?.id}`);
    expect(detail.json<Notice>().orgName).toBe('云溪镇');
    const res = await (await as(leaderUser)).request('GET', `/api/notices/${first?.id}.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('notice-2026-1.docx');
    const text = docxText(res.rawPayload);
    expect(text).toContain('云溪镇网络舆情工作通报');
    expect(text).toContain('〔2026〕第1期');
    expect(text).toContain('关于2026年11月26日至2026年11月30日网络舆情办理超期情况的通报');
    expect(text).toContain('各有关单位：');
    expect(text).toContain(
      '本期共有 1 个单位、1 件办件超过办理期限：期限内既未提交书面回复或协办意见',
    );
    expect(text).toContain('城建办');
    expect(text).toContain('2026-0001');
    expect(text).toContain('青石村道路积水（牵头）');
    expect(text).toContain('超期 1 天');
    expect(text).toContain('2026年11月30日');
    for (const absent of ['综治办', '农业农村办', '自然资源所', '社会事务办']) {
      expect(text).not.toContain(absent);
    }

    const empty = page.items[0];
    const none = docxText(
      (await (await as(leaderUser)).request('GET', `/api/notices/${empty?.id}.docx`)).rawPayload,
    );
    expect(none).toContain('未发现超期未回复情况');
  });

  it('refuses a period that ends before it starts, and answers 404 for a missing notice', async () => {
    const bad = await (
      await as(officeUser)
    ).request('POST', '/api/notices', { from: '2026-12-02', to: '2026-12-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    const notDate = await (
      await as(officeUser)
    ).request('POST', '/api/notices', { from: '2026-13-01', to: '2026-12-01' });
    expect(notDate.statusCode).toBe(400);
    expect((await (await as(officeUser)).request('GET', '/api/notices/999999')).statusCode).toBe(
      404,
    );
    expect(
      (await (await as(officeUser)).request('GET', '/api/notices/999999.docx')).statusCode,
    ).toBe(404);
  });
});
