import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { loadOrgName } from '../cases/documents/case-record.js';
import { seedDemoReports } from './seed-demo-reports.js';

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
