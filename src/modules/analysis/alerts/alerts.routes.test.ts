import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../../tests/helpers/db.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../../tests/helpers/api.js';
import type { BuiltApp } from '../../../server/app.js';
import type { AlertDetail, AlertRule, TestResult, ValidateResult } from './alerts.schemas.js';
import { evaluateAlertRules } from './evaluate-alert-rules.js';

let t: TestContext;
let built: BuiltApp;
let monitor: ApiClient;
let viewer: ApiClient;
let monitorUser: BuiltUser;

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  monitorUser = await buildUser(t.ctx, { roles: ['monitor'] });
  const viewerUser = await buildUser(t.ctx, { roles: ['viewer'] });
  monitor = await loginAs(built, monitorUser.username, monitorUser.password);
  viewer = await loginAs(built, viewerUser.username, viewerUser.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

async function post(title: string, body: string, minutesAgo = 5): Promise<number> {
  const now = t.clock.now();
  const row = await t.ctx.db
    .insertInto('posts')
    .values({
      source: '便民热线',
      url: 'http://hotline.example/1',
      author: null,
      posted_at: new Date(now.getTime() - minutesAgo * 60_000),
      title,
      body,
      contact: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const rule = {
  name: '夜间施工',
  expression: '"夜间 施工" 且 (噪音 或 扰民)',
  level: 'yellow',
  windowMinutes: 120,
  minCount: 2,
};

describe('alert rule routes', () => {
  it('refuses a rule that does not parse with 400 RULE_SYNTAX and where the problem is', async () => {
    const res = await monitor.request('POST', '/api/alert-rules', {
      ...rule,
      expression: '噪音 AND (工地 OR 施工',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{
      error: { code: string; message: string; position: number; length: number };
    }>();
    expect(error.code).toBe('RULE_SYNTAX');
    expect(error.message).toMatch(/^预警规则表达式有误：.*右括号/);
    expect(error.position).toBe('噪音 AND (工地 OR 施工'.length);
    expect(typeof error.length).toBe('number');
    expect(await t.ctx.db.selectFrom('alert_rules').selectAll().execute()).toEqual([]);
  });

  it('validates an expression as it is typed', async () => {
    const bad = await monitor.request('POST', '/api/alert-rules/validate', {
      expression: '噪音，工地',
    });
    expect(bad.statusCode).toBe(200);
    const badBody = bad.json<ValidateResult>();
    expect(badBody.ok).toBe(false);
    if (!badBody.ok) expect(badBody.error).toMatchObject({ position: 2, length: 1 });

    const good = await monitor.request('POST', '/api/alert-rules/validate', {
      expression: rule.expression,
    });
    expect(good.json()).toEqual({
      ok: true,
      canonical: '"夜间 施工" AND (噪音 OR 扰民)',
      terms: ['夜间 施工', '噪音', '扰民'],
    });
  });

  it('creates, lists, dry-runs, raises, acknowledges and closes, with audit rows', async () => {
    const created = await monitor.request('POST', '/api/alert-rules', rule);
    expect(created.statusCode).toBe(201);
    const saved = created.json<AlertRule>();
    expect(saved).toMatchObject({
      name: '夜间施工',
      level: 'yellow',
      notifyRoles: ['leader', 'monitor'],
      cooldownMinutes: 60,
      enabled: true,
      canonical: '"夜间 施工" AND (噪音 OR 扰民)',
      openAlert: null,
    });
    expect((await viewer.request('POST', '/api/alert-rules', rule)).statusCode).toBe(403);
    expect((await monitor.request('POST', '/api/alert-rules', rule)).statusCode).toBe(409);

    const p1 = await post('新街夜间施工', '工地夜间施工噪音扰民');
    await post('夜间施工审批', '夜间施工要审批吗', 10);
    const p3 = await post('又是夜间施工', '凌晨夜间施工，扰民', 30);
    await post('昨天的夜间施工', '夜间施工噪音', 600);

    const dry = await monitor.request('POST', `/api/alert-rules/${saved.id}/test`, { days: 1 });
    expect(dry.statusCode).toBe(200);
    const result = dry.json<TestResult>();
    expect(result.wouldFire).toBe(true);
    expect(result.measurement.matchedCount).toBe(2);
    expect(result.total).toBe(3);
    expect(result.posts.map((p) => p.id)).toEqual([p1, p3, expect.any(Number)]);
    const first = result.posts[0];
    expect(first?.titleMarks).toEqual([[2, 6]]);
    expect(first?.excerptMarks).toEqual([
      [2, 6],
      [6, 8],
      [8, 10],
    ]);
    // A dry run writes nothing.
    expect(await t.ctx.db.selectFrom('alerts').selectAll().execute()).toEqual([]);

    const draft = await monitor.request('POST', '/api/alert-rules/test', {
      expression: '扰民',
      level: 'blue',
      windowMinutes: 60,
      minCount: 5,
    });
    expect(draft.json<TestResult>()).toMatchObject({ wouldFire: false, total: 2 });

    await evaluateAlertRules(t.ctx);
    const list = await viewer.request('GET', '/api/alerts?status=open');
    expect(list.statusCode).toBe(200);
    const page = list.json<{ items: { id: number; ruleName: string }[]; total: number }>();
    expect(page.total).toBe(1);
    const alertId = page.items[0]?.id ?? 0;
    expect(page.items[0]?.ruleName).toBe('夜间施工');

    const detail = (await viewer.request('GET', `/api/alerts/${alertId}`)).json<AlertDetail>();
    expect(detail.samplePosts.map((p) => p.id)).toEqual([p1, p3]);
    expect(detail.samplePosts[0]?.titleMarks).toEqual([[2, 6]]);

    expect((await viewer.request('POST', `/api/alerts/${alertId}/acknowledge`)).statusCode).toBe(
      403,
    );
    const ack = await monitor.request('POST', `/api/alerts/${alertId}/acknowledge`);
    expect(ack.json<AlertDetail>()).toMatchObject({
      status: 'acknowledged',
      acknowledgedByName: monitorUser.name,
    });
    expect((await monitor.request('POST', `/api/alerts/${alertId}/acknowledge`)).statusCode).toBe(
      409,
    );
    const closed = await monitor.request('POST', `/api/alerts/${alertId}/close`, {
      note: '已协调停工',
    });
    expect(closed.json<AlertDetail>()).toMatchObject({ status: 'closed', note: '已协调停工' });

    const actions = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'alert%')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'alert-rule.create',
      'alert.raise',
      'alert.acknowledge',
      'alert.close',
    ]);

    // A rule that raised alerts is disabled, not deleted; one that never did goes.
    const del = await monitor.request('DELETE', `/api/alert-rules/${saved.id}`);
    expect(del.json()).toMatchObject({ deleted: false, rule: { enabled: false, alertCount: 1 } });
    const spare = (
      await monitor.request('POST', '/api/alert-rules', { ...rule, name: '备用' })
    ).json<AlertRule>();
    expect((await monitor.request('DELETE', `/api/alert-rules/${spare.id}`)).json()).toEqual({
      deleted: true,
      rule: null,
    });
    const rules = (await viewer.request('GET', '/api/alert-rules')).json<{ items: AlertRule[] }>();
    expect(rules.items.map((r) => r.name)).toEqual(['夜间施工']);
  });

  it('replaces a rule with PUT and refuses a bad expression there too', async () => {
    const saved = (
      await monitor.request('POST', '/api/alert-rules', { ...rule, name: '改名前' })
    ).json<AlertRule>();
    const bad = await monitor.request('PUT', `/api/alert-rules/${saved.id}`, {
      ...rule,
      name: '改名后',
      expression: 'NOT 广告',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string; position: number } }>().error).toMatchObject({
      code: 'RULE_SYNTAX',
      position: 0,
    });
    const ok = await monitor.request('PUT', `/api/alert-rules/${saved.id}`, {
      ...rule,
      name: '改名后',
      level: 'red',
      burstFactor: 2.5,
    });
    expect(ok.json<AlertRule>()).toMatchObject({ name: '改名后', level: 'red', burstFactor: 2.5 });
  });
});
