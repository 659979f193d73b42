import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLiaisonUnits, actorFor, buildUser } from '../../../../tests/factories/index.js';
import { createTestContext, TEST_START, type TestContext } from '../../../../tests/helpers/db.js';
import type { Actor } from '../../access/actor.js';
import { assignCase } from '../assign-case.js';
import { signCase, submitReply } from '../handle-case.js';
import { findLateUnits } from '../notices/late-units.js';
import { registerCase } from '../register-case.js';
import { approveReply, returnReply } from '../review-reply.js';
import { periodOf } from './period.js';
import { unitStats, type UnitStatsRow } from './unit-stats.js';

const HOUR = 3_600_000;
const T0 = new Date(TEST_START).getTime();

let t: TestContext;
let monitor: Actor;
let leader: Actor;
const units: Record<string, { id: number; name: string }> = {};
const liaisons: Record<string, Actor> = {};
const cases: Record<string, number> = {};
let at50: Map<string, UnitStatsRow>;

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

/**
 * Posted two hours before 0 h and assigned at 0 h: due at 72 h, the slip's due time (the public
 * reply's, at 70 h, judges no unit).
 */
async function slip(key: string, lead: string, co: string[] = []): Promise<void> {
  const { id: caseId } = await registerCase({
    ctx: t.ctx,
    actor: monitor,
    input: {
      post: {
        source: '网络问政',
        postedAt: new Date(t.clock.now().getTime() - 2 * HOUR).toISOString(),
        title: key,
        body: '留言内容',
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

const reply = (unit: string, key: string, text = '已办理。') =>
  submitReply({ ctx: t.ctx, actor: liaison(unit), id: id(key), text });
const sendBack = (key: string) =>
  returnReply({ ctx: t.ctx, actor: leader, id: id(key), comment: '答复过于笼统，请写明措施。' });

/**
 * Hours from 2026-11-26 10:00 (Shanghai); every slip is assigned at 0 h and due at 72 h.
 *   城建办     lead of 'resubmitted-late': a draft at 1 h, returned at 2 h, resubmitted at 80 h
 *   综治办     lead of 'returned': a draft at 1 h, returned at 2 h, never resubmitted
 *   农业农村办 lead of 'answered': replied at 1 h without its co-unit, approved at 2 h
 *   中心学校   co-unit of 'answered': never signed nor contributed
 *   自然资源所 lead of 'revised': a draft at 1 h, returned at 2 h, resubmitted at 20 h, approved
 */
beforeAll(async () => {
  t = await createTestContext();
  await buildLiaisonUnits(
    t.ctx,
    [
      ['build', '城建办'],
      ['order', '综治办'],
      ['farm', '农业农村办'],
      ['school', '中心学校'],
      ['land', '自然资源所'],
    ],
    { units, liaisons },
  );
  monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
  leader = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));

  at(0);
  await slip('resubmitted-late', 'build');
  await slip('returned', 'order');
  await slip('answered', 'farm', ['school']);
  await slip('revised', 'land');
  at(1);
  for (const [unit, key] of [
    ['build', 'resubmitted-late'],
    ['order', 'returned'],
    ['farm', 'answered'],
    ['land', 'revised'],
  ] as const) {
    await signCase({ ctx: t.ctx, actor: liaison(unit), id: id(key) });
    await reply(unit, key, '收到。');
  }
  at(2);
  await sendBack('resubmitted-late');
  await sendBack('returned');
  await sendBack('revised');
  await approveReply({ ctx: t.ctx, actor: leader, id: id('answered') });
  at(20);
  await reply('land', 'revised', '已于 11 月 27 日修复，联系电话 0000-6610003。');
  await approveReply({ ctx: t.ctx, actor: leader, id: id('revised') });
  // The ledger as it stood at 50 h, before the last resubmission.
  at50 = await ledger(50);
  at(80);
  await reply('build', 'resubmitted-late', '已修复。');
});
afterAll(async () => {
  await t.close();
});

async function ledger(hours: number): Promise<Map<string, UnitStatsRow>> {
  const now = new Date(T0 + hours * HOUR);
  const period = periodOf({ from: '2026-11-26', to: '2026-11-30' }, now, 'Asia/Shanghai');
  const stats = await unitStats(t.ctx.db, period, now);
  return new Map(stats.units.map((u) => [u.unitName, u]));
}

const figures = (r: UnitStatsRow | undefined) =>
  r && [r.received, r.onTime, r.late, r.pending, r.overdueNow, r.averageHours, r.onTimeRate];

describe('the per-unit ledger counts the reply that was accepted', () => {
  it('before the due time: a returned reply not yet resubmitted, and a silent co-unit, are still pending', () => {
    const byName = at50;
    //                                        recv on late pend over avgHours rate
    expect(figures(byName.get('综治办'))).toEqual([1, 0, 0, 1, 0, null, null]);
    expect(figures(byName.get('城建办'))).toEqual([1, 0, 0, 1, 0, null, null]);
    expect(figures(byName.get('中心学校'))).toEqual([1, 0, 0, 1, 0, null, null]);
    expect(figures(byName.get('农业农村办'))).toEqual([1, 1, 0, 0, 0, 1, 100]);
  });

  it('after it: returned and not resubmitted is late and overdue now; resubmitted late is late; a co-unit that never signed is late', async () => {
    const byName = await ledger(106);
    //                                        recv on late pend over avgHours rate
    expect(figures(byName.get('综治办'))).toEqual([1, 0, 1, 0, 1, null, 0]);
    expect(figures(byName.get('城建办'))).toEqual([1, 0, 1, 0, 0, 80, 0]);
    // The lead unit answered without it: not on time, but no longer waited for (not overdue now).
    expect(figures(byName.get('中心学校'))).toEqual([1, 0, 1, 0, 0, null, 0]);
    expect(figures(byName.get('农业农村办'))).toEqual([1, 1, 0, 0, 0, 1, 100]);
  });

  it('measures the average handling time to the accepted submission, not the returned draft', async () => {
    const byName = await ledger(106);
    expect(figures(byName.get('自然资源所'))).toEqual([1, 1, 0, 0, 0, 20, 100]);
  });

  it('names in the notice the lead units whose reply was returned, and not the co-unit answered for in time', async () => {
    const now = new Date(T0 + 106 * HOUR);
    const period = periodOf({ from: '2026-11-26', to: '2026-11-30' }, now, 'Asia/Shanghai');
    const named = await findLateUnits(t.ctx.db, period, now);
    expect(
      named.map((u) => [u.unitName, u.cases.map((c) => [c.title, c.lateMinutes, c.status])]),
    ).toEqual([
      [
        '城建办',
        [
          [
            'resubmitted-late',
            8 * 60,
            '2026-11-29 18:00 逾期重新提交书面回复（此前的回复被退回修改）',
          ],
        ],
      ],
      ['综治办', [['returned', 34 * 60, '书面回复被退回修改，至今未重新提交']]],
    ]);
  });
});
