import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  buildLiaisonUnits,
  buildUser,
  type BuiltUser,
} from '../../../../tests/factories/index.js';
import { buildTestApp, loginAs } from '../../../../tests/helpers/api.js';
import { createTestContext, TEST_START, type TestContext } from '../../../../tests/helpers/db.js';
import type { BuiltApp } from '../../../server/app.js';
import type { Actor } from '../../access/actor.js';
import { assignCase } from '../assign-case.js';
import { decideExtension, requestExtension } from '../extension.js';
import { contributeToCase, signCase, submitReply } from '../handle-case.js';
import { registerCase } from '../register-case.js';
import { startOfLocalDay } from './period.js';
import type { UnitStats, UnitStatsRow } from './unit-stats.js';

const HOUR = 3_600_000;
const T0 = new Date(TEST_START).getTime();

let t: TestContext;
let built: BuiltApp;
let officeUser: BuiltUser;
let monitor: Actor;
let leader: Actor;
const units: Record<string, { id: number; name: string }> = {};
const liaisons: Record<string, Actor> = {};

const at = (hours: number) => t.clock.set(new Date(T0 + hours * HOUR));
const unit = (key: string) => {
  const u = units[key];
  if (!u) throw new Error(key);
  return u;
};
const liaison = (key: string) => {
  const a = liaisons[key];
  if (!a) throw new Error(key);
  return a;
};

/** Posted two hours ago and assigned now: due 72 hours from now (the slip's; the public reply at 70 h judges no unit). */
async function slip(lead: string, co: string[] = []): Promise<number> {
  const { id } = await registerCase({
    ctx: t.ctx,
    actor: monitor,
    input: {
      post: {
        source: '网络问政',
        postedAt: new Date(t.clock.now().getTime() - 2 * HOUR).toISOString(),
        body: '留言内容',
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

async function reply(key: string, id: number) {
  await signCase({ ctx: t.ctx, actor: liaison(key), id });
  await submitReply({ ctx: t.ctx, actor: liaison(key), id, text: '已办理。' });
}

/**
 * The known scenario, in hours from 2026-11-26 10:00 (Shanghai), every slip due 72 hours after it:
 *   u1: case 1 lead, replied at 10 h (on time); case 2 lead, never replied (overdue now);
 *       case 0 of 2026-11-20, outside the period
 *   u2: case 1 co, contributed at 5 h (on time); case 3 lead, extension granted to 118 h,
 *       replied at 100 h (on time against the extended due time)
 *   u3: case 4 lead, replied at 80 h (late)
 *   u4: case 5 lead, assigned at 104 h, not yet due
 *   u5: nothing
 * The figures are read at 106 h (2026-11-30 20:00).
 */
beforeAll(async () => {
  t = await createTestContext();
  await buildLiaisonUnits(
    t.ctx,
    [
      ['u1', '城建办'],
      ['u2', '自然资源所'],
      ['u3', '综治办'],
      ['u4', '社会事务办'],
      ['u5', '中心学校'],
    ],
    { units, liaisons },
  );
  monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
  leader = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));
  officeUser = await buildUser(t.ctx, { roles: ['office'] });

  t.clock.set('2026-11-20T02:00:00.000Z');
  await slip('u1');
  at(0);
  const case1 = await slip('u1', ['u2']);
  await slip('u1');
  const case3 = await slip('u2');
  const case4 = await slip('u3');
  at(5);
  await signCase({ ctx: t.ctx, actor: liaison('u2'), id: case1 });
  await contributeToCase({ ctx: t.ctx, actor: liaison('u2'), id: case1, text: '已配合。' });
  at(10);
  await reply('u1', case1);
  at(12);
  await requestExtension({
    ctx: t.ctx,
    actor: liaison('u2'),
    id: case3,
    reason: '需现场勘查',
    until: new Date(T0 + 118 * HOUR),
  });
  await decideExtension({ ctx: t.ctx, actor: leader, id: case3, granted: true });
  at(80);
  await reply('u3', case4);
  at(100);
  await reply('u2', case3);
  at(104);
  await slip('u4');
  at(106);
  built = await buildTestApp(t.ctx);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

const figures = (r: UnitStatsRow | undefined) =>
  r && [
    r.received,
    r.onTime,
    r.late,
    r.pending,
    r.extended,
    r.overdueNow,
    r.averageHours,
    r.onTimeRate,
  ];

describe('per-unit statistics', () => {
  it('counts received, on time, late, extended, overdue now and the average handling time', async () => {
    const office = await loginAs(built, officeUser.username, officeUser.password);
    const res = await office.request('GET', '/api/stats/units?from=2026-11-26&to=2026-11-30');
    expect(res.statusCode).toBe(200);
    const stats = res.json<UnitStats>();
    expect(stats).toMatchObject({
      from: '2026-11-26',
      to: '2026-11-30',
      generatedAt: new Date(T0 + 106 * HOUR).toISOString(),
    });
    const byName = new Map(stats.units.map((u) => [u.unitName, u]));
    //                                       recv on late pend ext over avgHours rate
    expect(figures(byName.get('城建办'))).toEqual([2, 1, 1, 0, 0, 1, 10, 50]);
    expect(figures(byName.get('自然资源所'))).toEqual([2, 2, 0, 0, 1, 0, 52.5, 100]);
    expect(figures(byName.get('综治办'))).toEqual([1, 0, 1, 0, 0, 0, 80, 0]);
    expect(figures(byName.get('社会事务办'))).toEqual([1, 0, 0, 1, 0, 0, null, null]);
    expect(figures(byName.get('中心学校'))).toEqual([0, 0, 0, 0, 0, 0, null, null]);
    expect(stats.units.map((u) => u.unitName)).toEqual([
      '城建办',
      '自然资源所',
      '综治办',
      '社会事务办',
      '中心学校',
    ]);
    const t2 = stats.totals;
    expect([
      t2.received,
      t2.onTime,
      t2.late,
      t2.pending,
      t2.extended,
      t2.overdueNow,
      t2.averageHours,
      t2.onTimeRate,
    ]).toEqual([6, 3, 2, 1, 1, 1, 48.8, 60]);
  });

  it('defaults to the current month, which takes in the slip of 20 November', async () => {
    const office = await loginAs(built, officeUser.username, officeUser.password);
    const stats = (await office.request('GET', '/api/stats/units')).json<UnitStats>();
    expect([stats.from, stats.to]).toEqual(['2026-11-01', '2026-11-30']);
    expect(stats.units.find((u) => u.unitName === '城建办')?.received).toBe(3);
    expect(stats.totals.received).toBe(7);
  });

  it('exports the ledger as a styled .xlsx that reads back with the same figures', async () => {
    const office = await loginAs(built, officeUser.username, officeUser.password);
    const res = await office.request('GET', '/api/stats/units.xlsx?from=2026-11-26&to=2026-11-30');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain('unit-ledger-2026-11-26_2026-11-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('单位办理台账');
    if (!ws) throw new Error('no sheet');
    expect(ws.getCell('A1').value).toBe('网络舆情办理单位台账');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('K1').isMerged).toBe(true);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').text).toContain('统计期间：2026-11-26 至 2026-11-30');
    const header = ws.getRow(4).values as unknown[];
    expect(header.slice(1)).toEqual([
      '序号',
      '单位',
      '类型',
      '收件数',
      '按期回复',
      '超期',
      '在办未到期',
      '延期（获批）',
      '当前超期未办',
      '平均办理时长（小时）',
      '按期率（%）',
    ]);
    expect(ws.getCell('B4').font?.bold).toBe(true);
    expect(ws.getCell('B4').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.getCell('B4').border?.top?.style).toBe('thin');
    expect(ws.getColumn(2).width).toBe(22);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual([
      1,
      '城建办',
      '镇直单位',
      2,
      1,
      1,
      0,
      0,
      1,
      10,
      50,
    ]);
    // Five units, then the totals row.
    const totals = ws.getRow(10);
    expect((totals.values as unknown[]).slice(2)).toEqual(['合计', '', 6, 3, 2, 1, 1, 1, 48.8, 60]);
    expect(totals.getCell(2).font?.bold).toBe(true);
    expect(ws.rowCount).toBe(10);

    // The slips behind the figures, one row per unit and slip, in the same unit order.
    const slips = wb.getWorksheet('抄告单明细');
    if (!slips) throw new Error('no slips sheet');
    expect(slips.getCell('A2').text).toContain('共 6 条');
    expect((slips.getRow(3).values as unknown[]).slice(1)).toEqual([
      '序号',
      '单位',
      '职责',
      '抄告单号',
      '办件标题',
      '签发时间',
      '办理期限',
      '回复（协办意见）时间',
      '办理情况',
      '当前超期未办',
      '办理时长（小时）',
      '被退回修改',
      '延期申请',
    ]);
    const cell = (r: number, c: number) => slips.getRow(r).getCell(c).text;
    const rows = [4, 5, 6, 7, 8, 9].map((r) =>
      [2, 3, 6, 7, 8, 9, 10, 11, 13].map((c) => cell(r, c)),
    );
    expect(rows).toEqual([
      [
        '城建办',
        '牵头',
        '2026-11-26 10:00',
        '2026-11-29 10:00',
        '2026-11-26 20:00',
        '按期',
        '',
        '10',
        '',
      ],
      ['城建办', '牵头', '2026-11-26 10:00', '2026-11-29 10:00', '未提交', '超期', '是', '', ''],
      [
        '自然资源所',
        '协办',
        '2026-11-26 10:00',
        '2026-11-29 10:00',
        '2026-11-26 15:00',
        '按期',
        '',
        '5',
        '',
      ],
      [
        '自然资源所',
        '牵头',
        '2026-11-26 10:00',
        '2026-12-01 08:00',
        '2026-11-30 14:00',
        '按期',
        '',
        '100',
        '已批准',
      ],
      [
        '综治办',
        '牵头',
        '2026-11-26 10:00',
        '2026-11-29 10:00',
        '2026-11-29 18:00',
        '超期',
        '',
        '80',
        '',
      ],
      [
        '社会事务办',
        '牵头',
        '2026-11-30 18:00',
        '2026-12-03 18:00',
        '未提交',
        '在办未到期',
        '',
        '',
        '',
      ],
    ]);
    expect(cell(4, 4)).toMatch(/\S/);
    expect(slips.getRow(8).getCell(9).font?.color?.argb).toBe('FFC00000');
  });

  it("lists the cases behind a unit's figures by the same period of issue", async () => {
    const office = await loginAs(built, officeUser.username, officeUser.password);
    const total = async (query: string) => {
      const res = await office.request('GET', `/api/cases?unitId=${unit('u1').id}${query}`);
      expect(res.statusCode).toBe(200);
      return res.json<{ total: number }>().total;
    };
    expect(await total('')).toBe(3);
    expect(await total('&assignedFrom=2026-11-26&assignedTo=2026-11-30')).toBe(2);
    // The slip of 2026-11-20 10:00 (Shanghai): its local day, both ends included.
    expect(await total('&assignedTo=2026-11-20')).toBe(1);
    expect(await total('&assignedFrom=2026-11-20&assignedTo=2026-11-20')).toBe(1);
    expect(await total('&assignedFrom=2026-11-21')).toBe(2);
    expect(await total('&assignedFrom=2026-11-27')).toBe(0);
    const reversed = await office.request(
      'GET',
      '/api/cases?assignedFrom=2026-11-30&assignedTo=2026-11-01',
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json<{ error: { message: string } }>().error.message).toBe(
      '签发日期的开始日期不能晚于结束日期',
    );
    const bad = await office.request('GET', '/api/cases?assignedFrom=2026-13-01');
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a period that ends before it starts', async () => {
    const office = await loginAs(built, officeUser.username, officeUser.password);
    const res = await office.request('GET', '/api/stats/units?from=2026-11-30&to=2026-11-01');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
  });

  it('finds the start of a local day in the deployment time zone', () => {
    expect(startOfLocalDay('2026-11-26', 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-25T16:00:00.000Z',
    );
    // Across a daylight-saving change: Berlin moved to summer time on 29 March 2026.
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
  });
});
