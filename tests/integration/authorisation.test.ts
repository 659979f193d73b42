import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/modules/access/roles.js';
import type { BuiltApp } from '../../src/server/app.js';
import { buildUnit, buildUser, type BuiltUser } from '../factories/index.js';
import { buildTestApp, loginAs } from '../helpers/api.js';
import { createTestContext, type TestContext } from '../helpers/db.js';

/**
 * Who may call what, written out independently of the routes' own declarations: a route that
 * changes its access, or a new route without a line here, fails this test.
 */
const ALL: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ['admin', 'monitor', 'leader', 'liaison', 'office'];
const ADMIN: readonly Role[] = ['admin'];
const AUDIT: readonly Role[] = ['admin', 'office'];
const MONITOR: readonly Role[] = ['monitor'];
const LEADER: readonly Role[] = ['leader'];
const LIAISON: readonly Role[] = ['liaison'];
const OFFICE: readonly Role[] = ['office'];

const EXPECTED: Record<string, 'public' | readonly Role[]> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': ALL,
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ALL,
  'GET /api/auth/me': ALL,
  'POST /api/auth/password': ALL,
  'GET /api/units': ALL,
  'POST /api/units': ADMIN,
  'PATCH /api/units/:id': ADMIN,
  'DELETE /api/units/:id': ADMIN,
  'GET /api/users': STAFF,
  'GET /api/users/:id': STAFF,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/reset-password': ADMIN,
  'POST /api/users/:id/unlock': ADMIN,
  'GET /api/working-group': ALL,
  'GET /api/system/setup': ADMIN,
  'GET /api/system/backup': ADMIN,
  'POST /api/system/backup': ADMIN,
  'PUT /api/working-group': ADMIN,
  'GET /api/org/import/template.xlsx': ADMIN,
  'POST /api/org/import': ADMIN,
  'GET /api/audit': AUDIT,
  'GET /api/audit/verify': AUDIT,
  'GET /api/audit.xlsx': AUDIT,
  // cases
  'POST /api/cases': MONITOR,
  'GET /api/cases': ALL,
  'GET /api/cases/:id': ALL,
  'POST /api/cases/:id/assign': LEADER,
  'POST /api/cases/:id/close': LEADER,
  'POST /api/cases/:id/acknowledge': MONITOR,
  'POST /api/cases/:id/sign': LIAISON,
  'POST /api/cases/:id/contributions': LIAISON,
  'POST /api/cases/:id/reply': LIAISON,
  'POST /api/cases/:id/extension': LIAISON,
  'POST /api/cases/:id/return-slip': LIAISON,
  'POST /api/cases/:id/decline-co': LIAISON,
  'POST /api/cases/:id/withdraw-slip': LEADER,
  'POST /api/cases/:id/extension/decision': LEADER,
  'POST /api/cases/:id/approve': LEADER,
  'POST /api/cases/:id/return': LEADER,
  'POST /api/cases/:id/publish': MONITOR,
  'POST /api/cases/:id/rating': MONITOR,
  'POST /api/cases/:id/reopen': MONITOR,
  'POST /api/cases/:id/urge': OFFICE,
  'POST /api/cases/:id/archive': OFFICE,
  'GET /api/cases/import/template.xlsx': AUDIT,
  'POST /api/cases/import': AUDIT,
  'GET /api/cases/archive-transfer': AUDIT,
  'GET /api/cases/archive-transfer.zip': AUDIT,
  'GET /api/supervision': ['office', 'leader'],
  'POST /api/cases/:id/attachments': ['monitor', 'leader', 'liaison'],
  'GET /api/cases/:id/attachments/:attachmentId': ALL,
  // notifications
  'GET /api/inbox': ALL,
  'GET /api/inbox/unread-count': ALL,
  'POST /api/inbox/:id/read': ALL,
  'POST /api/inbox/read-all': ALL,
  'GET /api/notification-settings': ADMIN,
  'PUT /api/notification-settings': ADMIN,
  'POST /api/notification-settings/test': ADMIN,
  'GET /api/holidays': ALL,
  'PUT /api/holidays/:year': AUDIT,
  'DELETE /api/holidays/:year': AUDIT,
  'GET /api/notification-deliveries': ADMIN,
  'POST /api/notification-deliveries/retry': ADMIN,
  // case documents (slip, case file, bundle), notices and per-unit statistics
  'GET /api/cases/:id/slip.docx': ALL,
  'GET /api/cases/:id/file.docx': ALL,
  'GET /api/cases/:id/bundle.zip': ALL,
  'POST /api/notices': OFFICE,
  'POST /api/notices/preview': OFFICE,
  'GET /api/notices': ['office', 'leader'],
  'GET /api/notices/:id': ['office', 'leader'],
  'GET /api/notices/:id.docx': ['office', 'leader'],
  'GET /api/stats/units': ['office', 'leader'],
  'GET /api/stats/units.xlsx': ['office', 'leader'],
  // monitoring: collected posts and full-text search (liaisons do not read monitoring)
  'GET /api/posts': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'GET /api/posts/:id': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'GET /api/posts/sources': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'GET /api/topics': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'GET /api/topics/:id': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'GET /api/posts/categories': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'POST /api/posts/review': ['monitor'],
  'GET /api/analysis/situation': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  // 预警规则 and 预警: everyone who reads posts sees them; monitors write rules and work alerts
  'GET /api/alert-rules': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'POST /api/alert-rules': ['admin', 'monitor'],
  'PUT /api/alert-rules/:id': ['admin', 'monitor'],
  'DELETE /api/alert-rules/:id': ['admin', 'monitor'],
  'POST /api/alert-rules/validate': ['admin', 'monitor'],
  'POST /api/alert-rules/test': ['admin', 'monitor'],
  'POST /api/alert-rules/:id/test': ['admin', 'monitor'],
  'GET /api/alerts': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'GET /api/alerts/:id': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'POST /api/alerts/:id/acknowledge': ['admin', 'monitor'],
  'POST /api/alerts/:id/close': ['admin', 'monitor'],
  // 舆情事件: everyone who reads posts follows incidents; monitors, leaders and the office work them
  'GET /api/incidents': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'POST /api/incidents': ['monitor', 'leader', 'office'],
  'GET /api/incidents/owners': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'GET /api/incidents/:id': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'GET /api/incidents/:id/reports/:reportId.docx': [
    'admin',
    'monitor',
    'leader',
    'office',
    'viewer',
  ],
  'PATCH /api/incidents/:id': ['monitor', 'leader', 'office'],
  'GET /api/incidents/:id/posts': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'POST /api/incidents/:id/posts': ['monitor', 'leader', 'office'],
  'POST /api/incidents/:id/posts/remove': ['monitor', 'leader', 'office'],
  'GET /api/incidents/:id/suggestions': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'POST /api/incidents/:id/suggestions/accept': ['monitor', 'leader', 'office'],
  'POST /api/incidents/:id/suggestions/dismiss': ['monitor', 'leader', 'office'],
  'POST /api/incidents/:id/cases': ['monitor', 'leader', 'office'],
  'POST /api/incidents/:id/cases/remove': ['monitor', 'leader', 'office'],
  'GET /api/incidents/:id/report-draft': ['monitor', 'leader', 'office'],
  'POST /api/incidents/:id/immediate-report': ['monitor', 'leader', 'office'],
  'POST /api/incidents/:id/assessments': ['monitor', 'leader', 'office'],
  'POST /api/incidents/:id/measures': ['monitor', 'leader', 'office'],
  'POST /api/incidents/:id/close': ['monitor', 'leader', 'office'],
  // 舆情报告: read by everyone who follows the monitoring; the office generates and schedules them
  'GET /api/reports': ['admin', 'leader', 'office', 'monitor', 'viewer'],
  'POST /api/reports': ['admin', 'office', 'monitor'],
  'GET /api/reports/settings': ['admin', 'leader', 'office', 'monitor', 'viewer'],
  'PUT /api/reports/settings': ['admin', 'office'],
  'GET /api/reports/:id': ['admin', 'leader', 'office', 'monitor', 'viewer'],
  'GET /api/reports/:id.docx': ['admin', 'leader', 'office', 'monitor', 'viewer'],
  'GET /api/reports/:id.xlsx': ['admin', 'leader', 'office', 'monitor', 'viewer'],
  'GET /api/reports/:id/summary.docx': ['admin', 'leader', 'office', 'monitor', 'viewer'],
  // 管辖词典: admins and monitors manage the jurisdiction's terms
  'GET /api/jurisdiction-terms': ['admin', 'monitor'],
  'POST /api/jurisdiction-terms': ['admin', 'monitor'],
  'DELETE /api/jurisdiction-terms/:id': ['admin', 'monitor'],
  'POST /api/jurisdiction-terms/bulk-delete': ['admin', 'monitor'],
  // 重点时段与值班: watch periods and their 24-hour duty roster
  'GET /api/categories': ALL,
  'POST /api/categories': ADMIN,
  'PATCH /api/categories/:id': ADMIN,
  'GET /api/category-models': ADMIN,
  'POST /api/category-models': ADMIN,
  'PUT /api/posts/:id/category': ['admin', 'monitor', 'leader'],
  'GET /api/cases/:id/analysis': ['admin', 'monitor', 'leader', 'liaison', 'office', 'viewer'],
  // 答复质量检查: whoever may view cases (a pure computation on the text sent)
  'POST /api/analysis/reply-check': ALL,
  'GET /api/cases/:id/reply-check': ALL,
  'GET /api/watch-periods': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'GET /api/watch-periods/:id': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'POST /api/watch-periods': ['admin', 'monitor', 'office'],
  'PATCH /api/watch-periods/:id': ['admin', 'monitor', 'office'],
  'DELETE /api/watch-periods/:id': ['admin', 'monitor', 'office'],
  'PUT /api/watch-periods/:id/duties': ['admin', 'monitor', 'office'],
  'POST /api/watch-periods/:id/duties/generate': ['admin', 'monitor', 'office'],
  'GET /api/watch/source-options': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'GET /api/watch/today': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  // 信息报送 and 交接班
  'GET /api/info-briefs': ['admin', 'monitor', 'leader', 'office'],
  'POST /api/info-briefs': ['monitor', 'leader', 'office'],
  'GET /api/info-briefs/:id': ['admin', 'monitor', 'leader', 'office'],
  'PATCH /api/info-briefs/:id': ['monitor', 'leader', 'office'],
  'POST /api/info-briefs/:id/send': ['monitor', 'leader', 'office'],
  'POST /api/info-briefs/:id/review': LEADER,
  'POST /api/info-briefs/:id/submit': ['monitor', 'leader', 'office'],
  'POST /api/info-briefs/:id/outcomes': ['monitor', 'leader', 'office'],
  'GET /api/info-briefs/:id/brief.docx': ['admin', 'monitor', 'leader', 'office'],
  'GET /api/info-ranking': ['admin', 'monitor', 'leader', 'office'],
  'GET /api/info-ranking.xlsx': ['admin', 'monitor', 'leader', 'office'],
  'GET /api/info-quotas/targets': ['office', 'admin'],
  'PUT /api/info-quotas': ['office', 'admin'],
  'PUT /api/info-quotas/units': ['office', 'admin'],
  'GET /api/watch/handovers': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'POST /api/watch/handovers': ['admin', 'monitor', 'office'],
  // 信息源: sources, 试抓取, manual entry and .xlsx / .csv import
  'GET /api/sources': ['admin', 'monitor', 'leader', 'office'],
  'GET /api/sources/:id': ['admin', 'monitor', 'leader', 'office'],
  'POST /api/sources': ['admin', 'monitor'],
  'PATCH /api/sources/:id': ['admin', 'monitor'],
  'DELETE /api/sources/:id': ['admin', 'monitor'],
  'POST /api/sources/:id/run': ['admin', 'monitor'],
  'POST /api/sources/preview': ['admin', 'monitor'],
  'POST /api/posts/manual': ['admin', 'monitor'],
  'POST /api/sources/import/inspect': ['admin', 'monitor'],
  'POST /api/sources/import': ['admin', 'monitor'],
  // 网络问政: the public message board (citizens, no sign-in)
  'GET /api/board/about': 'public',
  'GET /api/board/challenge': 'public',
  'POST /api/board/messages': 'public',
  'GET /api/board/messages': 'public',
  'GET /api/board/posts/:id': 'public',
  'GET /api/board/messages/:code': 'public',
  'POST /api/board/messages/:code/rating': 'public',
};

let t: TestContext;
let built: BuiltApp;
const users = new Map<Role, BuiltUser>();

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  const unit = await buildUnit(t.ctx);
  for (const role of ROLES)
    users.set(role, await buildUser(t.ctx, { roles: [role], unitId: unit.id }));
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

// A harmless target: allowed calls end in 404 or 400, never a change to real data.
const urlFor = (url: string) => url.replace(':id', '999999');

describe('authorisation', () => {
  it('has an expectation for every API route and a route for every expectation', () => {
    const actual = built.routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(actual).toEqual(Object.keys(EXPECTED).sort());
  });

  it('refuses every non-public route without a session (401)', async () => {
    for (const route of built.routes) {
      if (EXPECTED[`${route.method} ${route.url}`] === 'public') continue;
      const res = await built.app.inject({
        method: route.method as 'GET',
        url: urlFor(route.url),
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`allows and refuses the routes for the role ${role}`, async () => {
      const user = users.get(role);
      if (!user) throw new Error('no user');
      const failures: string[] = [];
      // One sign-in per role, not per route (an argon2id check each: some 250 of them took 10 to
      // 30 s a role). A call that ends the session (logout) is followed by a new sign-in; a
      // session ended by anything else shows as a 401 below, which fails the test.
      let client = await loginAs(built, user.username, user.password);
      for (const route of built.routes) {
        const key = `${route.method} ${route.url}`;
        const expected = EXPECTED[key];
        if (expected === 'public' || expected === undefined) continue;
        const res = await client.request(
          route.method as 'GET',
          urlFor(route.url),
          route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
        );
        if (key === 'POST /api/auth/logout')
          client = await loginAs(built, user.username, user.password);
        const allowed = expected.includes(role);
        const refused =
          res.statusCode === 403 &&
          res.json<{ error: { code: string } }>().error.code === 'FORBIDDEN';
        if (allowed === refused || res.statusCode === 401 || res.statusCode >= 500) {
          failures.push(
            `${key}: expected ${allowed ? 'allowed' : 'refused'}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
