import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { loadOrgName } from '../cases/documents/case-record.js';
import { buildPost } from '../../../tests/factories/index.js';
import type { ReportFigures } from './report.schemas.js';
import { awaitDemoFirstCrawl, refreshDemoReports, seedDemoReports } from './seed-demo-reports.js';

let t: TestContext;
let office: BuiltUser;

beforeAll(async () => {
  t = await createTestContext();
  // Thursday 2026-11-26 10:00 in Shanghai.
  t.clock.set('2026-11-26T02:00:00Z');
  await buildUser(t.ctx, { roles: ['leader'] });
  office = await buildUser(t.ctx, { roles: ['office'], username: 'office' });
});
afterAll(async () => {
  await t.close();
});

describe('seedDemoReports', () => {
  it('makes the last working days’ daily reports as the schedule would, and this month’s', async () => {
    expect(await seedDemoReports(t.ctx)).toBe(4);
    const rows = await t.ctx.db
      .selectFrom('reports')
      .select(['kind', 'period_start', 'seq', 'generated_by', 'delivered_at'])
      .orderBy('id')
      .execute();
    expect(
      rows.map((r) => [
        r.kind,
        r.period_start,
        r.seq,
        r.generated_by,
        r.delivered_at?.toISOString() ?? null,
      ]),
    ).toEqual([
      ['daily', '2026-11-23', 1, null, '2026-11-23T08:30:00.000Z'],
      ['daily', '2026-11-24', 2, null, '2026-11-24T08:30:00.000Z'],
      ['daily', '2026-11-25', 3, null, '2026-11-25T08:30:00.000Z'],
      // This month so far, made by the office on demand: the schedule makes a month's report only
      // after the month, so it is neither listed as 定时生成 nor sent.
      ['monthly', '2026-11-01', 1, office.id, null],
    ]);
    expect(await loadOrgName(t.ctx.db)).toBe('云溪镇');
    const inbox = await t.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('kind', 'like', 'report.%')
      .execute();
    expect(inbox.map((n) => n.kind)).toEqual(['report.daily', 'report.daily', 'report.daily']);
    expect(await seedDemoReports(t.ctx)).toBe(0);
  });
});

describe('refreshDemoReports', () => {
  /** An instant from a Shanghai wall-clock time. */
  const at = (local: string) => new Date(`${local}+08:00`);
  const figures = async () =>
    (
      await t.ctx.db
        .selectFrom('reports')
        .select(['kind', 'period_start', 'figures', 'generated_by', 'delivered_at'])
        .orderBy('id')
        .execute()
    ).map((r) => ({
      ...r,
      figures: (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as ReportFigures,
    }));

  it('makes the demo’s reports again once its sources have first been read, with their posts', async () => {
    // The first start (after the test above): the demo's source is due, its reports made.
    const now = t.clock.now();
    const { id: sourceId } = await t.ctx.db
      .insertInto('sources')
      .values({
        name: '云溪社区论坛（演示）',
        kind: 'html',
        url: 'http://127.0.0.1:3000/demo/forum/',
        config: JSON.stringify({}),
        interval_minutes: 60,
        next_run_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await awaitDemoFirstCrawl(t.ctx, [sourceId]);
    const before = await figures();
    expect(await refreshDemoReports(t.ctx)).toBe(false);

    // A minute later the forum is read: posts written on Tuesday evening and Wednesday.
    t.clock.set(new Date(now.getTime() + 60_000));
    const collected = t.clock.now();
    for (const written of ['2026-11-24T20:00:00', '2026-11-25T16:10:00']) {
      const post = await buildPost(t.ctx, {
        postedAt: at(written),
        collectedAt: collected,
        source: '云溪社区论坛（演示）',
      });
      await t.ctx.db
        .updateTable('posts')
        .set({ source_key: `source:${sourceId}` })
        .where('id', '=', post.id)
        .execute();
    }
    // Stored, but no run finished yet: nothing happens.
    expect(await refreshDemoReports(t.ctx)).toBe(false);
    await t.ctx.db
      .insertInto('source_runs')
      .values({
        source_id: sourceId,
        trigger: 'schedule',
        status: 'ok',
        started_at: collected,
        finished_at: collected,
      })
      .execute();
    expect(await refreshDemoReports(t.ctx)).toBe(true);

    const after = await figures();
    // Wednesday's report (Tuesday 16:30 to Wednesday 16:30) has the Tuesday evening post; the one
    // written at 16:10 was collected at 16:40, after it. The month has both.
    const total = (kind: string, day: string) =>
      after.find((r) => r.kind === kind && r.period_start === day)?.figures.posts.total;
    const was = (kind: string, day: string) =>
      before.find((r) => r.kind === kind && r.period_start === day)?.figures.posts.total ?? 0;
    expect(total('daily', '2026-11-25')).toBe(was('daily', '2026-11-25') + 1);
    expect(total('daily', '2026-11-24')).toBe(was('daily', '2026-11-24'));
    expect(total('monthly', '2026-11-01')).toBe(was('monthly', '2026-11-01') + 2);
    // Each made at its time by whom it was, delivered once as before.
    expect(
      after.map((r) => [r.kind, r.generated_by, r.delivered_at, r.figures.generatedAt]),
    ).toEqual(before.map((r) => [r.kind, r.generated_by, r.delivered_at, r.figures.generatedAt]));
    const inbox = await t.ctx.db
      .selectFrom('notifications')
      .select('body')
      .where('kind', '=', 'report.daily')
      .orderBy('id')
      .execute();
    expect(inbox).toHaveLength(3);
    expect(inbox[2]?.body).toContain(`监测到相关信息${was('daily', '2026-11-25') + 1}条`);
    // Once only.
    expect(await refreshDemoReports(t.ctx)).toBe(false);
  });
});
