import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import type { BriefDetail } from './info-reports.queries.js';
import type { Ranking } from './info-ranking.js';

let t: TestContext;
let built: BuiltApp;
let monitor: ApiClient;
let leader: ApiClient;
let office: ApiClient;
let unitId: number;

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  unitId = (await buildUnit(t.ctx, { name: '舆情中心' })).id;
  const m = await buildUser(t.ctx, { roles: ['monitor'], name: '王敏', unitId });
  const l = await buildUser(t.ctx, { roles: ['leader'] });
  const o = await buildUser(t.ctx, { roles: ['office'] });
  monitor = await loginAs(built, m.username, m.password);
  leader = await loginAs(built, l.username, l.password);
  office = await loginAs(built, o.username, o.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

describe('信息报送 over HTTP', () => {
  it('walks a brief to submission and downloads its Word file and the ranking sheet', async () => {
    const created = await monitor.request('POST', '/api/info-briefs', {
      title: '网民反映路灯不亮',
      body: '网民反映某路段路灯连续一周不亮。',
    });
    expect(created.statusCode).toBe(201);
    const brief = created.json<BriefDetail>();
    expect(brief).toMatchObject({ status: 'draft', unitName: '舆情中心', version: 1 });

    const sent = await monitor.request('POST', `/api/info-briefs/${brief.id}/send`, { version: 1 });
    expect(sent.json<BriefDetail>().status).toBe('reviewing');
    const stale = await leader.request('POST', `/api/info-briefs/${brief.id}/review`, {
      decision: 'approve',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    await leader.request('POST', `/api/info-briefs/${brief.id}/review`, { decision: 'approve' });
    const done = await monitor.request('POST', `/api/info-briefs/${brief.id}/submit`, {
      submittedTo: '市委网信办',
    });
    expect(done.json<BriefDetail>()).toMatchObject({ status: 'submitted', issueNo: 1 });
    const outcome = await office.request('POST', `/api/info-briefs/${brief.id}/outcomes`, {
      kind: 'adopted',
      byWhom: '市委网信办',
      level: '市级',
    });
    expect(outcome.json<BriefDetail>().outcomes).toHaveLength(1);

    const docx = await monitor.request('GET', `/api/info-briefs/${brief.id}/brief.docx`);
    expect(docx.statusCode).toBe(200);
    const xml = strFromU8(unzipSync(docx.rawPayload)['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('舆情信息');
    expect(xml).toContain('第1期');

    const quota = await office.request('PUT', '/api/info-quotas', {
      month: '2026-11',
      unitId,
      quota: 2,
    });
    expect(quota.statusCode).toBe(204);
    const ranking = (
      await leader.request('GET', '/api/info-ranking?period=2026-11')
    ).json<Ranking>();
    expect(ranking.units[0]).toMatchObject({ submitted: 1, adopted: 1, quota: 2, completion: 0.5 });
    expect(ranking.units[0]?.score).toBe(3);

    const xlsx = await leader.request('GET', '/api/info-ranking.xlsx?period=2026');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['单位排名', '个人排名']);
  });

  it('lets no field of a body stand in for who acts or on what (ctx, actor, id)', async () => {
    const make = async (title: string) =>
      (
        await monitor.request('POST', '/api/info-briefs', { title, body: `${title}。` })
      ).json<BriefDetail>();
    const target = await make('网民反映菜市场占道');
    const other = await make('网民反映公交站牌缺失');
    await monitor.request('POST', `/api/info-briefs/${target.id}/send`, { version: 1 });
    await monitor.request('POST', `/api/info-briefs/${other.id}/send`, { version: 1 });
    const forged = { ctx: {}, actor: { kind: 'system', roles: ['admin'] }, id: other.id };
    const reviewed = await leader.request('POST', `/api/info-briefs/${target.id}/review`, {
      decision: 'approve',
      ...forged,
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json<BriefDetail>()).toMatchObject({ id: target.id, status: 'approved' });
    const untouched = await leader.request('GET', `/api/info-briefs/${other.id}`);
    expect(untouched.json<BriefDetail>().status).toBe('reviewing');
    const submitted = await monitor.request('POST', `/api/info-briefs/${target.id}/submit`, {
      submittedTo: '县委网信办',
      ...forged,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const quotas = await office.request('PUT', '/api/info-quotas/units', {
      month: '2027-01',
      quotas: [{ unitId, quota: 1 }],
      ctx: {},
      actor: {},
    });
    expect(quotas.statusCode, quotas.body).toBe(200);
  });

  it('offers and accepts quotas only for those who may write briefs', async () => {
    const village = await buildUnit(t.ctx, { name: '青石村委会' });
    const liaison = await buildUser(t.ctx, {
      roles: ['liaison'],
      name: '青石联络员',
      unitId: village.id,
    });
    const targets = await office.request('GET', '/api/info-quotas/targets');
    expect(targets.statusCode).toBe(200);
    const body = targets.json<{ units: { name: string }[]; users: { name: string }[] }>();
    expect(body.units.map((u) => u.name)).toEqual(['舆情中心']);
    expect(body.users.map((u) => u.name)).toContain('王敏');
    expect(body.users.map((u) => u.name)).not.toContain('青石联络员');
    expect((await monitor.request('GET', '/api/info-quotas/targets')).statusCode).toBe(403);

    const person = await office.request('PUT', '/api/info-quotas', {
      month: '2026-12',
      userId: liaison.id,
      quota: 1,
    });
    expect(person.statusCode).toBe(400);
    expect(person.json<{ error: { message: string } }>().error.message).toBe(
      '青石联络员的角色不能撰写信息，不能设置信息报送任务数',
    );
    const units = await office.request('PUT', '/api/info-quotas/units', {
      month: '2026-12',
      quotas: [{ unitId: village.id, quota: 1 }],
    });
    expect(units.statusCode).toBe(400);
    expect(units.json<{ error: { message: string } }>().error.message).toContain('青石村委会');
  });

  it('adds and lists handover notes of a watch period', async () => {
    const now = t.clock.now();
    const { id } = await t.ctx.db
      .insertInto('watch_periods')
      .values({
        name: '节日值守',
        kind: 'celebration',
        starts_on: '2026-11-26',
        ends_on: '2026-11-28',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const added = await monitor.request('POST', '/api/watch/handovers', {
      watchPeriodId: id,
      note: '夜班平稳',
    });
    expect(added.statusCode).toBe(201);
    const list = await leader.request('GET', `/api/watch/handovers?watchPeriodId=${id}`);
    expect(list.json<{ note: string; fromUser: { name: string } }[]>()).toMatchObject([
      { note: '夜班平稳', fromUser: { name: '王敏' } },
    ]);
  });
});
