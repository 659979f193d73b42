import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser } from '../../../tests/factories/index.js';
import { createTestContext, TEST_DB, type TestContext } from '../../../tests/helpers/db.js';
import { openDatabase } from '../../db/connection.js';
import { urgeOverdue } from './urge-case.js';
import { caseDeadlinesJob } from './case-deadlines.job.js';
import { assignCase } from './assign-case.js';
import { decideExtension, requestExtension } from './extension.js';
import { registerCase } from './register-case.js';
import { remindDue, warnStageOverdue } from './remind-due.js';
import { signCase, submitReply } from './handle-case.js';
import { approveReply } from './review-reply.js';

const HOUR = 3_600_000;
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('several workers', () => {
  it.runIf(TEST_DB === 'postgres')(
    'urge each overdue unit once when two processes run the job at once',
    async () => {
      const t2 = await createTestContext();
      const second = await openDatabase({ dataDir: '', databaseUrl: t2.testDb.url });
      try {
        const unit = await buildUnit(t2.ctx);
        const monitor = actorFor(await buildUser(t2.ctx, { roles: ['monitor'] }));
        const leader = actorFor(await buildUser(t2.ctx, { roles: ['leader'] }));
        for (let i = 0; i < 5; i++) {
          const { id } = await registerCase({
            ctx: t2.ctx,
            actor: monitor,
            input: {
              post: { source: '网站', postedAt: t2.clock.now().toISOString(), body: `事项${i}` },
            },
          });
          await assignCase({
            ctx: t2.ctx,
            actor: leader,
            id,
            input: { instruction: '办理', leadUnitId: unit.id },
          });
        }
        t2.clock.advance(4 * 24 * HOUR);
        const other = { ...t2.ctx, db: second.db };
        const [a, b] = await Promise.all([urgeOverdue(t2.ctx), urgeOverdue(other)]);
        // Each case: the slip's handling deadline and the public reply's, both missed by the lead unit.
        expect(a + b).toBe(10);
        const urges = await t2.ctx.db.selectFrom('case_urges').select('id').execute();
        expect(urges).toHaveLength(10);
        const notices = await t2.ctx.db
          .selectFrom('case_events')
          .select('id')
          .where('action', '=', 'urge')
          .execute();
        expect(notices).toHaveLength(10);
      } finally {
        await second.close();
        await t2.close();
      }
    },
  );
});

describe('reminders before due times', () => {
  it('reminds once per due time, and again when an extension moves it', async () => {
    const unit = await buildUnit(t.ctx);
    const monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
    const leader = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));
    const liaison = actorFor(await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id }));
    const posted = t.clock.now();
    const { id } = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: { post: { source: '网站', postedAt: posted.toISOString(), body: '路灯不亮' } },
    });
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '处理', leadUnitId: unit.id },
    });
    expect(await remindDue(t.ctx)).toBe(0);

    // 12 hours before both the slip's and the public reply's due times (3 days).
    t.clock.advance(60 * HOUR + 60_000);
    expect(await remindDue(t.ctx)).toBe(2);
    expect(await remindDue(t.ctx)).toBe(0);

    await requestExtension({
      ctx: t.ctx,
      actor: liaison,
      id,
      reason: '需协调施工',
      until: new Date(posted.getTime() + 5 * 24 * HOUR),
    });
    await decideExtension({ ctx: t.ctx, actor: leader, id, granted: true });
    t.clock.advance(48 * HOUR);
    expect(await remindDue(t.ctx)).toBe(2);
    const rows = await t.ctx.db
      .selectFrom('case_reminders')
      .select(['kind', 'due_at'])
      .orderBy('sent_at')
      .execute();
    expect(rows).toHaveLength(4);
  });

  it('tells the leaders or the monitor of a case past due while it waits on them, once', async () => {
    const own = await createTestContext();
    try {
      const unit = await buildUnit(own.ctx);
      const monitor = await buildUser(own.ctx, { roles: ['monitor'] });
      const leader = await buildUser(own.ctx, { roles: ['leader'] });
      const liaison = actorFor(await buildUser(own.ctx, { roles: ['liaison'], unitId: unit.id }));
      const register = async (body: string) =>
        (
          await registerCase({
            ctx: own.ctx,
            actor: actorFor(monitor),
            input: { post: { source: '网站', postedAt: own.clock.now().toISOString(), body } },
          })
        ).id;
      const waiting = await register('路灯不亮');
      const reviewing = await register('井盖缺失');
      const approved = await register('垃圾未清');
      const handling = await register('道路积水');
      for (const id of [reviewing, approved, handling])
        await assignCase({
          ctx: own.ctx,
          actor: actorFor(leader),
          id,
          input: { instruction: '处理', leadUnitId: unit.id },
        });
      for (const id of [reviewing, approved]) {
        await signCase({ ctx: own.ctx, actor: liaison, id });
        await submitReply({ ctx: own.ctx, actor: liaison, id, text: '已办理。' });
      }
      await approveReply({ ctx: own.ctx, actor: actorFor(leader), id: approved });

      own.clock.advance(71 * HOUR);
      expect(await warnStageOverdue(own.ctx)).toBe(0);
      own.clock.advance(2 * HOUR);
      // The handling case is its lead unit's, urged by urgeOverdue; the other three are told.
      expect(await warnStageOverdue(own.ctx)).toBe(3);
      expect(await warnStageOverdue(own.ctx)).toBe(0);

      const told = await own.ctx.db
        .selectFrom('notifications')
        .select(['user_id', 'case_id', 'body'])
        .where('kind', '=', 'case.overdue')
        .orderBy('case_id')
        .execute();
      expect(told.map((n) => [n.case_id, n.user_id])).toEqual([
        [waiting, leader.id],
        [reviewing, leader.id],
        [approved, monitor.id],
      ]);
      expect(told[0]?.body).toContain('尚未批办');
      expect(told[2]?.body).toContain('尚未发布');

      // Assigned now: no second word to the leaders; the unit is urged instead.
      await assignCase({
        ctx: own.ctx,
        actor: actorFor(leader),
        id: waiting,
        input: { instruction: '处理', leadUnitId: unit.id },
      });
      expect(await warnStageOverdue(own.ctx)).toBe(0);
      const audit = await own.ctx.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'case.remind-overdue')
        .execute();
      expect(audit).toHaveLength(3);
    } finally {
      await own.close();
    }
  });

  it('is one scheduled, retried job', () => {
    expect(caseDeadlinesJob).toMatchObject({ id: 'case.deadlines', schedule: '*/5 * * * *' });
  });
});
