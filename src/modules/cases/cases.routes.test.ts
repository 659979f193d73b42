import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import type { CaseDetail, CaseSummary } from './cases.schemas.js';
import type { SupervisionRow } from './supervision.js';

const HOUR = 3_600_000;
let t: TestContext;
let built: BuiltApp;
let monitor: ApiClient;
let leader: ApiClient;
let leader2: ApiClient;
let office: ApiClient;
let liaison: ApiClient;
let otherLiaison: ApiClient;
let unitA: { id: number; name: string };
let unitB: { id: number; name: string };

const login = (u: BuiltUser) => loginAs(built, u.username, u.password);

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  unitA = await buildUnit(t.ctx, { name: '城建办' });
  unitB = await buildUnit(t.ctx, { name: '综治办' });
  monitor = await login(await buildUser(t.ctx, { roles: ['monitor'] }));
  leader = await login(await buildUser(t.ctx, { roles: ['leader'] }));
  leader2 = await login(await buildUser(t.ctx, { roles: ['leader'] }));
  office = await login(await buildUser(t.ctx, { roles: ['office'] }));
  liaison = await login(await buildUser(t.ctx, { roles: ['liaison'], unitId: unitA.id }));
  otherLiaison = await login(await buildUser(t.ctx, { roles: ['liaison'], unitId: unitB.id }));
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

async function newCase(title: string, hoursAgo = 1, lead = unitA.id): Promise<CaseDetail> {
  const res = await monitor.request('POST', '/api/cases', {
    post: {
      source: '县长信箱',
      postedAt: new Date(t.clock.now().getTime() - hoursAgo * HOUR).toISOString(),
      title,
      body: `${title}，请尽快处理。`,
      contact: '13900001111',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const c = res.json<CaseDetail>();
  const assigned = await leader.request('POST', `/api/cases/${c.id}/assign`, {
    instruction: '请核实办理',
    leadUnitId: lead,
    version: c.version,
  });
  expect(assigned.statusCode, assigned.body).toBe(200);
  return assigned.json<CaseDetail>();
}

describe('case API', () => {
  it('registers with validation in Chinese', async () => {
    const both = await monitor.request('POST', '/api/cases', {
      postId: 1,
      post: { source: 'x', postedAt: t.clock.now().toISOString(), body: 'y' },
    });
    expect(both.statusCode).toBe(400);
    expect(both.json<{ error: { message: string } }>().error.message).toContain('二者选一');
    const future = await monitor.request('POST', '/api/cases', {
      post: {
        source: 'x',
        postedAt: new Date(t.clock.now().getTime() + 2 * HOUR).toISOString(),
        body: 'y',
      },
    });
    expect(future.statusCode).toBe(400);
    const badUrl = await monitor.request('POST', '/api/cases', {
      post: { source: 'x', url: 'not a url', postedAt: t.clock.now().toISOString(), body: 'y' },
    });
    expect(badUrl.statusCode).toBe(400);
  });

  it('takes only http(s) addresses for the post and the published reply, never javascript: or data:', async () => {
    for (const url of [
      'javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      const res = await monitor.request('POST', '/api/cases', {
        post: { source: 'x', url, postedAt: t.clock.now().toISOString(), body: 'y' },
      });
      expect(res.statusCode, url).toBe(400);
    }
    const ok = await monitor.request('POST', '/api/cases', {
      post: {
        source: 'x',
        url: 'HTTPS://bbs.example.cn/t/1',
        postedAt: t.clock.now().toISOString(),
        body: 'y',
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    // The schema refuses the address before the state is looked at (else 409: not approved yet).
    const c = await newCase('路灯不亮');
    const publish = await monitor.request('POST', `/api/cases/${c.id}/publish`, {
      url: 'javascript:alert(1)',
      version: c.version,
    });
    expect(publish.statusCode).toBe(400);
    expect(publish.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers each act with the case as it now stands, and a stale version with 409', async () => {
    const c = await newCase('桥面护栏损坏');
    expect(c).toMatchObject({ state: 'assigned', leadUnitName: '城建办' });
    const signed = await liaison.request('POST', `/api/cases/${c.id}/sign`, { version: c.version });
    expect(signed.json<CaseDetail>()).toMatchObject({ state: 'handling', version: c.version + 1 });
    expect(signed.json<CaseDetail>()).not.toHaveProperty('handlingDueIfAssigned');
    // The latest an extension may reach, for the form: 5 calendar days after the post.
    const posted = new Date(c.postedAt).getTime();
    expect(signed.json<CaseDetail>().extensionLatest).toBe(
      new Date(posted + 5 * 24 * HOUR).toISOString(),
    );
    const read = await liaison.request('GET', `/api/cases/${c.id}`);
    expect(read.json<CaseDetail>().extensionLatest).toBe(signed.json<CaseDetail>().extensionLatest);
    const stale = await liaison.request('POST', `/api/cases/${c.id}/reply`, {
      text: '已修复',
      version: c.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'CASE_STALE',
      message: '办件已被他人更新，请刷新页面后重试',
    });
  });

  it('lets one of two simultaneous approvals through and answers the other 409', async () => {
    const c = await newCase('路灯不亮');
    await liaison.request('POST', `/api/cases/${c.id}/sign`, {});
    await liaison.request('POST', `/api/cases/${c.id}/reply`, { text: '已更换灯具。' });
    const [a, b] = await Promise.all([
      leader.request('POST', `/api/cases/${c.id}/approve`, {}),
      leader2.request('POST', `/api/cases/${c.id}/approve`, {}),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
  });

  it('keeps a liaison to the cases of their own units', async () => {
    const mine = await newCase('城建办的办件');
    const theirs = await newCase('综治办的办件', 1, unitB.id);
    const list = await liaison.request('GET', '/api/cases?pageSize=200');
    const ids = list.json<{ items: CaseSummary[] }>().items.map((c) => c.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect((await liaison.request('GET', `/api/cases/${theirs.id}`)).statusCode).toBe(404);
    expect((await liaison.request('POST', `/api/cases/${theirs.id}/sign`, {})).statusCode).toBe(
      404,
    );
    const own = await otherLiaison.request('GET', `/api/cases/${theirs.id}`);
    expect(own.json<CaseDetail>().actions).toEqual([
      'sign',
      'extension.request',
      'return-slip',
      'attach',
    ]);
  });

  it("gives a liaison's list the own unit's part in each case, lead or co-unit", async () => {
    const res = await monitor.request('POST', '/api/cases', {
      post: {
        source: '县长信箱',
        postedAt: new Date(t.clock.now().getTime() - HOUR).toISOString(),
        title: '协办单位的待签收',
        body: '协办单位的待签收，请尽快处理。',
      },
    });
    const c = res.json<CaseDetail>();
    await leader.request('POST', `/api/cases/${c.id}/assign`, {
      instruction: '请核实办理',
      leadUnitId: unitA.id,
      coUnitIds: [unitB.id],
      version: c.version,
    });
    await liaison.request('POST', `/api/cases/${c.id}/sign`, {});
    await liaison.request('POST', `/api/cases/${c.id}/start`, {});
    // Whether the own unit has signed and contributed, by role.
    const partOf = async (client: ApiClient) =>
      (await client.request('GET', '/api/cases?state=handling&pageSize=200'))
        .json<{ items: CaseSummary[] }>()
        .items.find((i) => i.id === c.id)
        ?.myUnits?.map((u) => [u.unitId, u.role, u.signedAt !== null, u.contributedAt !== null]);
    // The case is handling: the lead has signed, the co-unit has not yet.
    expect(await partOf(liaison)).toEqual([[unitA.id, 'lead', true, false]]);
    expect(await partOf(otherLiaison)).toEqual([[unitB.id, 'co', false, false]]);
    await otherLiaison.request('POST', `/api/cases/${c.id}/sign`, {});
    await otherLiaison.request('POST', `/api/cases/${c.id}/contributions`, { text: '已排查。' });
    expect(await partOf(otherLiaison)).toEqual([[unitB.id, 'co', true, true]]);
    // Those who see every unit's work get no such field.
    expect(await partOf(leader)).toBeUndefined();
  });

  it('filters by state, unit, overdue, urgency and text, with totals', async () => {
    const old = await newCase('积水严重超期', 80);
    const byText = await office.request('GET', `/api/cases?q=${encodeURIComponent('积水严重')}`);
    expect(byText.json<{ items: CaseSummary[]; total: number }>()).toMatchObject({ total: 1 });
    const overdue = await office.request('GET', '/api/cases?overdue=true&pageSize=200');
    const overdueIds = overdue.json<{ items: CaseSummary[] }>().items.map((c) => c.id);
    expect(overdueIds).toContain(old.id);
    const found = overdue.json<{ items: CaseSummary[] }>().items.find((c) => c.id === old.id);
    expect(found?.replyClock).toMatchObject({
      level: 'overdue',
      text: expect.stringMatching(/^超期/) as unknown,
    });
    const byUnit = await office.request('GET', `/api/cases?unitId=${unitB.id}&state=assigned`);
    const items = byUnit.json<{ items: CaseSummary[]; total: number }>();
    expect(items.items.every((c) => c.leadUnitId === unitB.id && c.state === 'assigned')).toBe(
      true,
    );
    expect(items.total).toBe(items.items.length);
    const future = new Date(t.clock.now().getTime() + HOUR).toISOString();
    const none = await office.request('GET', `/api/cases?from=${encodeURIComponent(future)}`);
    expect(none.json<{ total: number }>().total).toBe(0);
    const past = await office.request(
      'GET',
      `/api/cases?to=${encodeURIComponent(future)}&pageSize=1`,
    );
    expect(past.json<{ total: number }>().total).toBeGreaterThan(1);
    // 在办 (what 舆情态势 counts per unit): a case closed without reply is not among them.
    const reg = await monitor.request('POST', '/api/cases', {
      post: {
        source: '县长信箱',
        postedAt: t.clock.now().toISOString(),
        title: '已办结的留言',
        body: '已办结的留言，无需回复。',
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    // Before a slip: when the unit's reply would be due if assigned now, for the 批办 dialog.
    expect(reg.json<CaseDetail>().handlingDueIfAssigned).toEqual({
      normal: new Date(t.clock.now().getTime() + 72 * HOUR).toISOString(),
      urgent: new Date(t.clock.now().getTime() + 48 * HOUR).toISOString(),
    });
    const closed = await leader.request('POST', `/api/cases/${reg.json<CaseDetail>().id}/close`, {
      reason: '重复留言',
      version: reg.json<CaseDetail>().version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const ids = async (query: string) =>
      (await office.request('GET', `/api/cases?${query}&pageSize=200`))
        .json<{ items: CaseSummary[] }>()
        .items.map((c) => c.id);
    expect(await ids('open=true')).toContain(old.id);
    expect(await ids('open=true')).not.toContain(reg.json<CaseDetail>().id);
    expect(await ids('open=false')).toEqual([reg.json<CaseDetail>().id]);
    const second = await office.request('GET', '/api/cases?pageSize=2&page=2');
    expect(second.json<{ page: number; items: unknown[] }>()).toMatchObject({ page: 2 });
    expect(second.json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('limits an urgent slip to a few hours when the leader says so (限时反馈), and only then', async () => {
    const register = async (title: string) => {
      const res = await monitor.request('POST', '/api/cases', {
        post: {
          source: '县长信箱',
          postedAt: t.clock.now().toISOString(),
          title,
          body: `${title}。`,
        },
      });
      return res.json<CaseDetail>();
    };
    const assign = (c: CaseDetail, extra: Record<string, unknown>) =>
      leader.request('POST', `/api/cases/${c.id}/assign`, {
        instruction: '立即核实，2 小时内反馈',
        leadUnitId: unitA.id,
        version: c.version,
        ...extra,
      });
    const fire = await register('市场着火');
    const normal = await assign(fire, { withinHours: 2 });
    expect(normal.statusCode).toBe(400);
    expect(normal.json<{ error: { message: string } }>().error.message).toBe(
      '限时反馈只用于紧急件：请先把办件设为紧急',
    );
    // Urgent slips are due in 2 days: 48 hours would be no limit.
    const tooLong = await assign(fire, { urgent: true, withinHours: 48 });
    expect(tooLong.statusCode).toBe(400);
    const limited = await assign(fire, { urgent: true, withinHours: 2 });
    expect(limited.statusCode, limited.body).toBe(200);
    const slip = limited.json<CaseDetail>();
    expect(slip.handlingDueAt).toBe(new Date(t.clock.now().getTime() + 2 * HOUR).toISOString());
    expect(slip.timeline.at(-1)?.comment).toContain('限 2 小时内反馈');
  });

  it('finds returned replies and extension requests, sorts by deadline, and marks my units', async () => {
    const returned = await newCase('退回测试');
    await liaison.request('POST', `/api/cases/${returned.id}/sign`, {});
    await liaison.request('POST', `/api/cases/${returned.id}/reply`, { text: '初稿' });
    await leader.request('POST', `/api/cases/${returned.id}/return`, { comment: '请补充' });
    const list = await liaison.request('GET', '/api/cases?returned=true&pageSize=200');
    const items = list.json<{ items: CaseSummary[] }>().items;
    expect(items.map((c) => c.id)).toEqual([returned.id]);
    expect(items[0]?.lastDecision).toBe('returned');

    const asked = await newCase('延期测试');
    await liaison.request('POST', `/api/cases/${asked.id}/extension`, {
      reason: '需调查',
      until: new Date(t.clock.now().getTime() + 4 * 24 * HOUR).toISOString(),
    });
    const requested = await leader.request('GET', '/api/cases?extensionState=requested');
    expect(requested.json<{ items: CaseSummary[] }>().items.map((c) => c.id)).toEqual([asked.id]);

    const byDue = await office.request('GET', '/api/cases?sort=replyDue&pageSize=200');
    const dues = byDue
      .json<{ items: CaseSummary[] }>()
      .items.map((c) => c.replyClock?.dueAt ?? '~');
    expect(dues.filter((d) => d !== '~')).toEqual([...dues.filter((d) => d !== '~')].sort());

    const mine = (await liaison.request('GET', `/api/cases/${asked.id}`)).json<CaseDetail>();
    expect(mine.units).toEqual([expect.objectContaining({ name: '城建办', mine: true })]);
    const notMine = (await office.request('GET', `/api/cases/${asked.id}`)).json<CaseDetail>();
    expect(notMine.units[0]?.mine).toBe(false);
  });

  it('shows the office every unit on every open slip, earliest deadline first', async () => {
    const res = await office.request('GET', '/api/supervision?pageSize=200');
    expect(res.statusCode).toBe(200);
    const rows = res.json<{ items: SupervisionRow[]; total: number }>();
    expect(rows.total).toBe(rows.items.length);
    expect(rows.items.length).toBeGreaterThan(0);
    const dues = rows.items.map((r) => r.dueAt);
    expect([...dues].sort()).toEqual(dues);
    expect(rows.items[0]).toMatchObject({ level: 'overdue' });
    const onlyB = await office.request('GET', `/api/supervision?unitId=${unitB.id}`);
    expect(
      onlyB.json<{ items: SupervisionRow[] }>().items.every((r) => r.unitName === '综治办'),
    ).toBe(true);
    const late = await office.request('GET', '/api/supervision?overdue=true&pageSize=200');
    const lateRows = late.json<{ items: SupervisionRow[]; total: number }>();
    expect(lateRows.items.every((r) => r.level === 'overdue')).toBe(true);
    expect(lateRows.total).toBe(lateRows.items.length);
    expect(lateRows.total).toBeLessThan(rows.total);
  });
});
