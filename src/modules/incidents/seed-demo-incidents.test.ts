import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { bootstrap } from '../system/bootstrap.js';
import { getIncident } from './incidents.queries.js';
import { seedDemoIncidents } from './seed-demo-incidents.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ demo: true });
  await bootstrap(t.ctx);
});
afterAll(() => t.close());

describe('seedDemoIncidents', () => {
  it('makes one open and one closed incident with reports, assessments and measures, once', async () => {
    // The demo's first start (bootstrap) seeded them; a second call adds nothing.
    expect(await seedDemoIncidents(t.ctx)).toBe(0);
    const rows = await t.ctx.db
      .selectFrom('incidents')
      .select(['id', 'status'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['closed', 'open']);
    const [closed, open] = await Promise.all(
      rows.map((r) => getIncident(t.ctx.db, r.id, t.ctx.config.deadlines.timeZone, t.clock.now())),
    );
    expect(closed?.reports.map((r) => r.kind)).toEqual(['immediate', 'closing']);
    expect(closed?.assessments.map((a) => a.trend)).toEqual(['rising', 'falling']);
    expect(closed?.measures).toHaveLength(3);
    expect(closed?.closingReport).toContain('处置结束');
    expect(open?.postCount).toBe(2);
    expect(open?.caseCount).toBe(2);
    expect(open?.events.map((e) => e.kind)).toEqual([
      'opened',
      'immediate_report',
      'assessment',
      'measure',
      'posts_added',
      'measure',
    ]);
    // The leaders got the reports in their inboxes.
    const inbox = await t.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('kind', 'like', 'incident.%-report')
      .execute();
    expect(inbox.length).toBeGreaterThanOrEqual(3);
    expect((await verifyAudit(t.ctx.db)).ok).toBe(true);
  });
});
