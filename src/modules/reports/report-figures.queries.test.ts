import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUser } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { registerCase } from '../cases/register-case.js';
import { caseCounts } from './report-figures.queries.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const HOUR = 3_600_000;

describe('caseCounts', () => {
  it('counts the replies published by the public deadline apart from the late ones', async () => {
    const monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
    const start = t.clock.now();
    const ids: number[] = [];
    for (const title of ['路灯不亮', '垃圾满溢', '积水严重']) {
      const { id } = await registerCase({
        ctx: t.ctx,
        actor: monitor,
        input: {
          post: {
            source: '县长信箱',
            postedAt: new Date(start.getTime() - HOUR).toISOString(),
            title,
            body: `${title}，请尽快处理。`,
          },
        },
      });
      ids.push(id);
    }
    const due = (
      await t.ctx.db
        .selectFrom('cases')
        .select('reply_due_at')
        .where('id', '=', ids[0]!)
        .executeTakeFirstOrThrow()
    ).reply_due_at;
    // One published an hour before its deadline, one an hour after; the third not at all.
    for (const [id, at] of [
      [ids[0]!, new Date(due.getTime() - HOUR)],
      [ids[1]!, new Date(due.getTime() + HOUR)],
    ] as const) {
      await t.ctx.db
        .updateTable('cases')
        .set({ state: 'published', published_at: at })
        .where('id', '=', id)
        .execute();
    }
    const period = {
      from: '2026-01-01',
      to: '2026-12-31',
      start: new Date(start.getTime() - 10 * HOUR),
      end: new Date(due.getTime() + 10 * HOUR),
    };
    expect(await caseCounts(t.ctx.db, period)).toEqual({
      registered: 3,
      published: 2,
      publishedOnTime: 1,
    });
  });
});
