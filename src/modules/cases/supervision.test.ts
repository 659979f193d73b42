import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildLiaisonUnits,
  actorFor,
  buildUser,
  type BuiltUser,
} from '../../../tests/factories/index.js';
import { buildTestApp, loginAs } from '../../../tests/helpers/api.js';
import { createTestContext, TEST_START, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import type { Actor } from '../access/actor.js';
import { assignCase } from './assign-case.js';
import { contributeToCase, signCase, submitReply } from './handle-case.js';
import { registerCase } from './register-case.js';
import { approveReply, returnReply } from './review-reply.js';
import { periodOf } from './stats/period.js';
import { unitStats } from './stats/unit-stats.js';
import type { SupervisionRow } from './supervision.js';

const HOUR = 3_600_000;
const T0 = new Date(TEST_START).getTime();

let t: TestContext;
let built: BuiltApp;
let officeUser: BuiltUser;
let monitor: Actor;
let leader: Actor;
const units: Record<string, { id: number; name: string }> = {};
const liaisons: Record<string, Actor> = {};
const cases: Record<string, number> = {};

const at = (hours: number) => t.clock.set(new Date(T0 + hours * HOUR));
const id = (key: string) => {
  const c = cases[key];
  if (c === undefined) throw new Error(key);
  return c;
};
const liaison = (key: string) => {
  const a = liaisons[key];
  if (!a) throw new Error(key);
  return a;
};

/** Assigned at 0 h; the public reply is due 72 h after the post, the written reply at 72 h. */
async function slip(key: string, postedHoursAgo: number, lead: string, co: string[] = []) {
  const { id: caseId } = await registerCase({
    ctx: t.ctx,
    actor: monitor,
    input: {
      post: {
        source: '网络问政',
        postedAt: new Date(t.clock.now().getTime() - postedHoursAgo * HOUR).toISOString(),
        title: key,
        body: `${key}，请有关部门处理。`,
      },
    },
  });
  await assignCase({
    ctx: t.ctx,
    actor: leader,
    id: caseId,
    input: {
      instruction: '请核实处理。',
      leadUnitId: units[lead]?.id ?? 0,
      coUnitIds: co.map((c) => units[c]?.id ?? 0),
    },
  });
  cases[key] = caseId;
}

async function reply(unit: string, key: string) {
  await signCase({ ctx: t.ctx, actor: liaison(unit), id: id(key) });
  await submitReply({ ctx: t.ctx, actor: liaison(unit), id: id(key), text: '已办理。' });
}

/**
 * Hours from 2026-11-26 10:00 (Shanghai); the board is read at 72 h 08 min.
 *   河口村桥面护栏损坏 (posted 2 h before): 城建办 lead replied at 1 h, approved at 2 h, not
 *     published; its co-unit 中心学校 never signed. The public reply was due at 70 h.
 *   柳塘村路灯不亮 (posted 2 h before): 综治办 lead replied at 1 h, awaiting approval.
 *   青石村道路积水 (posted at 0 h): 自然资源所 lead replied at 1 h, returned at 2 h, not
 *     resubmitted; its co-unit 农业农村办 contributed at 1 h. Both due times are 72 h.
 */
beforeAll(async () => {
  t = await createTestContext();
  await buildLiaisonUnits(
    t.ctx,
    [
      ['build', '城建办'],
      ['school', '中心学校'],
      ['order', '综治办'],
      ['land', '自然资源所'],
      ['farm', '农业农村办'],
    ],
    { units, liaisons },
  );
  monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
  leader = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));
  officeUser = await buildUser(t.ctx, { roles: ['office'] });

  at(0);
  await slip('河口村桥面护栏损坏', 2, 'build', ['school']);
  await slip('柳塘村路灯不亮', 2, 'order');
  await slip('青石村道路积水', 0, 'land', ['farm']);
  at(1);
  await reply('build', '河口村桥面护栏损坏');
  await reply('order', '柳塘村路灯不亮');
  await signCase({ ctx: t.ctx, actor: liaison('farm'), id: id('青石村道路积水') });
  await contributeToCase({
    ctx: t.ctx,
    actor: liaison('farm'),
    id: id('青石村道路积水'),
    text: '已配合勘查。',
  });
  await reply('land', '青石村道路积水');
  at(2);
  await approveReply({ ctx: t.ctx, actor: leader, id: id('河口村桥面护栏损坏') });
  await returnReply({
    ctx: t.ctx,
    actor: leader,
    id: id('青石村道路积水'),
    comment: '请写明完成时间。',
  });
  t.clock.set(new Date(T0 + 72 * HOUR + 8 * 60_000));
  built = await buildTestApp(t.ctx);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

async function board(): Promise<SupervisionRow[]> {
  const office = await loginAs(built, officeUser.username, officeUser.password);
  const res = await office.request('GET', '/api/supervision?pageSize=200');
  expect(res.statusCode).toBe(200);
  return res.json<{ items: SupervisionRow[] }>().items;
}

const row = (rows: SupervisionRow[], title: string, unit: string) => {
  const r = rows.find((x) => x.title === title && x.unitName === unit);
  if (!r) throw new Error(`${title} ${unit}`);
  return r;
};

describe('the supervision board (督办看板) says who holds each case', () => {
  it('names the monitor on a reply approved and not published, keeps the public clock, and does not count it the unit’s overdue', async () => {
    const rows = await board();
    expect(row(rows, '河口村桥面护栏损坏', '城建办')).toMatchObject({
      state: 'approved',
      role: 'lead',
      done: true,
      waitingOn: 'monitor',
      unitOverdue: false,
      deadline: 'reply',
      level: 'overdue',
      text: '超期 2 小时 8 分钟',
    });
    // The co-unit that never signed can no longer contribute: the case is not waiting for it.
    expect(row(rows, '河口村桥面护栏损坏', '中心学校')).toMatchObject({
      done: false,
      waitingOn: 'monitor',
      unitOverdue: false,
    });
  });

  it('names the leader on a reply awaiting approval', async () => {
    expect(row(await board(), '柳塘村路灯不亮', '综治办')).toMatchObject({
      state: 'reviewing',
      waitingOn: 'leader',
      unitOverdue: false,
      deadline: 'reply',
      level: 'overdue',
    });
  });

  it('blames the lead unit whose reply was returned, and not its co-unit that contributed', async () => {
    const rows = await board();
    expect(row(rows, '青石村道路积水', '自然资源所')).toMatchObject({
      state: 'handling',
      done: false,
      waitingOn: 'unit',
      unitOverdue: true,
      deadline: 'handling',
      text: '超期 8 分钟',
    });
    expect(row(rows, '青石村道路积水', '农业农村办')).toMatchObject({
      done: true,
      waitingOn: 'lead',
      unitOverdue: false,
    });
  });

  it('agrees with the per-unit ledger on who is overdue now', async () => {
    const rows = await board();
    const now = t.clock.now();
    const period = periodOf({ from: '2026-11-26', to: '2026-11-30' }, now, 'Asia/Shanghai');
    const stats = await unitStats(t.ctx.db, period, now);
    const overdueNow = Object.fromEntries(stats.units.map((u) => [u.unitName, u.overdueNow]));
    const onBoard = Object.fromEntries(
      stats.units.map((u) => [
        u.unitName,
        rows.filter((r) => r.unitId === u.unitId && r.unitOverdue).length,
      ]),
    );
    expect(onBoard).toEqual(overdueNow);
    expect(overdueNow).toEqual({
      城建办: 0,
      中心学校: 0,
      综治办: 0,
      自然资源所: 1,
      农业农村办: 0,
    });
    const byName = new Map(stats.units.map((u) => [u.unitName, u]));
    expect(byName.get('城建办')).toMatchObject({ onTime: 1, late: 0 });
    // Never signed nor contributed, past its due time: late in the ledger, not overdue now.
    expect(byName.get('中心学校')).toMatchObject({ onTime: 0, late: 1 });
  });
});
