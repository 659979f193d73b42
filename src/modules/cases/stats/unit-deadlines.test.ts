import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildLiaisonUnits, buildUser } from '../../../../tests/factories/index.js';
import { createTestContext, TEST_START, type TestContext } from '../../../../tests/helpers/db.js';
import type { Actor } from '../../access/actor.js';
import { assignCase } from '../assign-case.js';
import { contributeToCase, signCase, submitReply } from '../handle-case.js';
import { issueNotice } from '../notices/issue-notice.js';
import { findLateUnits } from '../notices/late-units.js';
import { getNotice } from '../notices/notices.queries.js';
import { registerCase } from '../register-case.js';
import { periodOf } from './period.js';
import { deadlineStatus, listUnitDeadlines } from './unit-deadlines.js';
import { unitStats } from './unit-stats.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date(TEST_START).getTime();

let t: TestContext;
let leader: Actor;
let monitor: Actor;
const units: Record<string, { id: number; name: string }> = {};
const liaisons: Record<string, Actor> = {};
const liaison = (key: string) => {
  const a = liaisons[key];
  if (!a) throw new Error(key);
  return a;
};

/** A message posted 4 days before its slip: its public reply was overdue before any unit had it. */
async function oldSlip(lead: string, co: string[]): Promise<number> {
  const { id } = await registerCase({
    ctx: t.ctx,
    actor: monitor,
    input: {
      post: {
        source: '网络问政',
        postedAt: new Date(t.clock.now().getTime() - 4 * DAY).toISOString(),
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
      leadUnitId: units[lead]?.id ?? 0,
      coUnitIds: co.map((c) => units[c]?.id ?? 0),
    },
  });
  return id;
}

let prompt: number;
let slow: number;

/**
 * At 0 h (2026-11-26 10:00) two slips for 4-day-old posts, each due at 72 h:
 *   prompt: its co-unit 自然资源所 contributes a minute after the slip, 城建办 replies a minute
 *           later: both long after the public reply was due.
 *   slow:   综治办 replies at 80 h; its co-unit 农业农村办 never contributes.
 * Read at 96 h.
 */
beforeAll(async () => {
  t = await createTestContext();
  await buildLiaisonUnits(
    t.ctx,
    [
      ['build', '城建办'],
      ['land', '自然资源所'],
      ['order', '综治办'],
      ['farm', '农业农村办'],
    ],
    { units, liaisons },
  );
  monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
  leader = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));
  prompt = await oldSlip('build', ['land']);
  slow = await oldSlip('order', ['farm']);
  t.clock.set(new Date(T0 + 60_000));
  await signCase({ ctx: t.ctx, actor: liaison('land'), id: prompt });
  await contributeToCase({ ctx: t.ctx, actor: liaison('land'), id: prompt, text: '已配合。' });
  t.clock.set(new Date(T0 + 120_000));
  await signCase({ ctx: t.ctx, actor: liaison('build'), id: prompt });
  await submitReply({ ctx: t.ctx, actor: liaison('build'), id: prompt, text: '已办理。' });
  t.clock.set(new Date(T0 + 80 * HOUR));
  await signCase({ ctx: t.ctx, actor: liaison('order'), id: slow });
  await submitReply({ ctx: t.ctx, actor: liaison('order'), id: slow, text: '已办理。' });
  t.clock.set(new Date(T0 + 96 * HOUR));
}, 240_000);
afterAll(async () => {
  await t.close();
});

describe('a unit is held to the due time it was told, the slip’s', () => {
  it('measures lead and co-units against the handling due time, not the public reply’s', async () => {
    const now = t.clock.now();
    const deadlines = await listUnitDeadlines(t.ctx.db, {
      by: 'assigned',
      start: new Date(T0 - HOUR),
      end: new Date(T0 + HOUR),
    });
    expect(
      deadlines.map((d) => [d.unitName, d.dueAt.toISOString(), deadlineStatus(d, now)]),
    ).toEqual([
      ['城建办', new Date(T0 + 72 * HOUR).toISOString(), 'on-time'],
      ['自然资源所', new Date(T0 + 72 * HOUR).toISOString(), 'on-time'],
      ['综治办', new Date(T0 + 72 * HOUR).toISOString(), 'late'],
      ['农业农村办', new Date(T0 + 72 * HOUR).toISOString(), 'late'],
    ]);
    const stats = await unitStats(
      t.ctx.db,
      periodOf({ from: '2026-11-26', to: '2026-11-30' }, now, 'Asia/Shanghai'),
      now,
    );
    expect(stats.totals).toMatchObject({ received: 4, onTime: 2, late: 2 });
  });

  it('names in the notice only the units that missed their own due time, against it', async () => {
    const now = t.clock.now();
    const named = await findLateUnits(
      t.ctx.db,
      periodOf({ from: '2026-11-26', to: '2026-11-30' }, now, 'Asia/Shanghai'),
      now,
    );
    expect(
      named.map((u) => [u.unitName, u.cases.map((c) => [c.caseId, c.deadline, c.lateMinutes])]),
    ).toEqual([
      ['综治办', [[slow, 'handling', 8 * 60]]],
      // Answered for by its lead unit at 80 h, after its own due time: late until then.
      ['农业农村办', [[slow, 'handling', 8 * 60]]],
    ]);
    // Two units on one case: the notice counts one case, not two unit-entries.
    const office = actorFor(await buildUser(t.ctx, { roles: ['office'] }));
    const { id } = await issueNotice({
      ctx: t.ctx,
      actor: office,
      input: { from: '2026-11-26', to: '2026-11-30' },
    });
    expect(await getNotice(t.ctx.db, id, 'Asia/Shanghai')).toMatchObject({
      unitCount: 2,
      caseCount: 1,
    });
  });
});
