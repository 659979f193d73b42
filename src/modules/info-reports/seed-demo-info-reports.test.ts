import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { bootstrap } from '../system/bootstrap.js';
import { computeRanking } from './info-ranking.js';
import { listBriefs } from './info-reports.queries.js';
import { seedDemoInfoReports } from './seed-demo-info-reports.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ demo: true });
  await bootstrap(t.ctx);
});
afterAll(() => t.close());

describe('seedDemoInfoReports', () => {
  it('makes briefs in every state with outcomes and this month’s quotas, once', async () => {
    // The demo's first start (bootstrap) seeded them; a second call adds nothing.
    expect(await seedDemoInfoReports(t.ctx)).toBe(0);
    const { items } = await listBriefs(t.ctx.db, { pageSize: 20 });
    expect(items.map((b) => b.status).sort()).toEqual(
      ['draft', 'returned', 'reviewing', 'submitted', 'submitted'].sort(),
    );
    const submitted = items.filter((b) => b.status === 'submitted');
    expect(submitted.flatMap((b) => b.outcomes.map((o) => o.kind)).sort()).toEqual([
      'adopted',
      'adopted',
      'instruction',
    ]);
    const ranking = await computeRanking(t.ctx.db, '2026-11', 'Asia/Shanghai');
    const monitor = ranking.people.find((p) => p.name === '王敏');
    expect(monitor).toMatchObject({
      submitted: 1,
      adopted: 1,
      instructions: 1,
      quota: 3,
      score: 6,
    });
    expect(ranking.units[0]).toMatchObject({ submitted: 2, adopted: 2, quota: 6 });
    expect((await verifyAudit(t.ctx.db)).ok).toBe(true);
  });
});
