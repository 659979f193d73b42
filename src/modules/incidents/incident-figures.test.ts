import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUser } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { incidentFigures, suggestTrend } from './incident-figures.js';
import { openIncident } from './open-incident.js';

/** An instant from a Shanghai wall-clock time. */
const at = (local: string) => new Date(`${local}+08:00`);

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.close();
});

describe('suggestTrend', () => {
  it('says rising or falling only for a change of more than a fifth and at least 2 posts', () => {
    expect(suggestTrend(10, 4)).toBe('rising');
    expect(suggestTrend(2, 0)).toBe('rising');
    expect(suggestTrend(1, 0)).toBe('stable');
    expect(suggestTrend(11, 10)).toBe('stable');
    expect(suggestTrend(12, 10)).toBe('stable');
    expect(suggestTrend(13, 10)).toBe('rising');
    expect(suggestTrend(3, 10)).toBe('falling');
    expect(suggestTrend(0, 0)).toBe('stable');
  });
});

describe('an incident’s figures early in a day', () => {
  it('mark the day just begun as partial and suggest the trend of the last 24 hours', async () => {
    t.clock.set(at('2026-11-28T01:01:00'));
    const monitor = await buildUser(t.ctx, { roles: ['monitor'] });
    // 11-26: 1; 11-27: 6, five of them in the evening; 11-28 before 01:01: 4. By day, 6 → 4 looks
    // like a fall; the last 24 hours (10) against the 24 before (1) is a rise.
    const times = [
      '2026-11-26T20:00',
      '2026-11-27T09:00',
      '2026-11-27T19:00',
      '2026-11-27T20:00',
      '2026-11-27T21:00',
      '2026-11-27T22:00',
      '2026-11-27T23:00',
      '2026-11-28T00:10',
      '2026-11-28T00:20',
      '2026-11-28T00:30',
      '2026-11-28T00:40',
    ];
    const ids: number[] = [];
    for (const [i, time] of times.entries()) {
      const row = await t.ctx.db
        .insertInto('posts')
        .values({
          source: '云溪论坛',
          source_key: 'test:figures',
          posted_at: at(time),
          title: `测试 ${i}`,
          body: '正文',
          created_at: at(time),
          relevant: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    const id = await openIncident({
      ctx: t.ctx,
      actor: actorFor(monitor),
      input: { title: '测试事件', level: 'general', ownerId: monitor.id, postIds: ids },
    });
    const f = await incidentFigures(t.ctx.db, id, 'Asia/Shanghai', t.clock.now());
    expect(f.volume).toEqual([
      { day: '2026-11-26', posts: 1 },
      { day: '2026-11-27', posts: 6 },
      { day: '2026-11-28', posts: 4 },
    ]);
    expect(f.lastDayUntil).toBe('01:01');
    expect([f.last24h, f.previous24h]).toEqual([10, 1]);
    expect(f.suggestedTrend).toBe('rising');

    // Days on, the last day with posts is over: nothing partial; a quiet day after a busy one is
    // falling, two quiet days stable.
    const later = await incidentFigures(t.ctx.db, id, 'Asia/Shanghai', at('2026-11-30T09:00:00'));
    expect(later.lastDayUntil).toBeNull();
    expect(later.suggestedTrend).toBe('stable');
    const nextDay = await incidentFigures(t.ctx.db, id, 'Asia/Shanghai', at('2026-11-29T01:01:00'));
    expect([nextDay.last24h, nextDay.previous24h, nextDay.suggestedTrend]).toEqual([
      0,
      10,
      'falling',
    ]);
  });
});
