import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUser, type BuiltUser } from '../../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../../tests/helpers/db.js';
import type { Sentiment } from '../../../db/schema.js';
import { ingestPosts } from '../../../ingest/ingest-posts.js';
import { closeAlert, acknowledgeAlert } from './act-on-alert.js';
import type { AlertRuleInput } from './alerts.schemas.js';
import { evaluateAlertRules } from './evaluate-alert-rules.js';
import { createAlertRule, updateAlertRule } from './save-alert-rule.js';

const MINUTE = 60_000;

let t: TestContext;
let monitor: BuiltUser;
let leader: BuiltUser;
let viewer: BuiltUser;

beforeAll(async () => {
  t = await createTestContext();
  monitor = await buildUser(t.ctx, { roles: ['monitor'] });
  leader = await buildUser(t.ctx, { roles: ['leader'] });
  viewer = await buildUser(t.ctx, { roles: ['viewer'] });
});
afterAll(async () => {
  await t.close();
});

async function post(
  title: string,
  body: string,
  opts: {
    minutesAgo?: number;
    sentiment?: Sentiment | null;
    relevant?: boolean;
    duplicateOf?: number;
  } = {},
): Promise<number> {
  const now = t.clock.now();
  const row = await t.ctx.db
    .insertInto('posts')
    .values({
      source: '云溪论坛',
      url: null,
      author: null,
      posted_at: new Date(now.getTime() - (opts.minutesAgo ?? 1) * MINUTE),
      title,
      body,
      contact: null,
      created_at: now,
      sentiment: opts.sentiment ?? null,
      relevant: opts.relevant ?? true,
      duplicate_of: opts.duplicateOf ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function rule(input: Partial<AlertRuleInput> & { name: string; expression: string }) {
  return createAlertRule({
    ctx: t.ctx,
    actor: actorFor(monitor),
    input: { level: 'yellow', windowMinutes: 60, ...input },
  });
}

const alertsOf = (ruleId: number) =>
  t.ctx.db.selectFrom('alerts').selectAll().where('rule_id', '=', ruleId).orderBy('id').execute();

const inbox = (userId: number, kind: string) =>
  t.ctx.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();

async function disable(id: number) {
  await t.ctx.db.updateTable('alert_rules').set({ enabled: false }).where('id', '=', id).execute();
}

describe('evaluateAlertRules', () => {
  it('raises one alert when the volume threshold is met, and notifies the rule’s roles', async () => {
    const r = await rule({
      name: '工地噪音',
      expression: '噪音 (工地 OR 施工)',
      minCount: 3,
      notifyRoles: ['leader', 'monitor'],
    });
    await post('新街社区工地噪音', '夜里还在打桩，噪音很大');
    await post('施工太吵', '东边施工噪音扰民', { minutesAgo: 30 });
    // Outside the 60-minute window, and a post that lacks 工地/施工: neither counts.
    await post('工地噪音', '上周的事', { minutesAgo: 90 });
    await post('广场舞噪音', '晚上广场舞噪音大');
    expect((await evaluateAlertRules(t.ctx)).raised).toEqual([]);
    expect(await alertsOf(r.id)).toEqual([]);

    const third = await post('又是工地', '凌晨两点工地噪音');
    const summary = await evaluateAlertRules(t.ctx);
    const alerts = await alertsOf(r.id);
    expect(alerts).toHaveLength(1);
    expect(summary.raised).toEqual([alerts[0]?.id]);
    expect(alerts[0]).toMatchObject({ level: 'yellow', status: 'active', matched_count: 3 });
    expect(alerts[0]?.sample_post_ids.map(Number)[0]).toBe(third);

    for (const user of [leader, monitor]) {
      const rows = await inbox(user.id, 'alert.raised');
      expect(rows).toHaveLength(1);
      expect(rows[0]?.title).toBe('【黄色预警】工地噪音');
      expect(rows[0]?.body).toContain('最近 1 小时内匹配 3 条（阈值 3 条）');
      expect(rows[0]?.link).toBe(`/monitoring/alerts/${alerts[0]?.id}`);
    }
    expect(await inbox(viewer.id, 'alert.raised')).toEqual([]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'alert.raise')
      .where('entity_id', '=', String(alerts[0]?.id))
      .execute();
    expect(audit).toHaveLength(1);
    await disable(r.id);
  });

  it('updates the open alert on a further evaluation instead of raising a second', async () => {
    const r = await rule({
      name: '停水',
      expression: '停水',
      minCount: 2,
      notifyRoles: ['leader'],
    });
    await post('新街停水', '突然停水了');
    await post('还在停水', '停水三个小时');
    await evaluateAlertRules(t.ctx);
    const [first] = await alertsOf(r.id);
    if (!first) throw new Error('no alert');

    t.clock.advance(5 * MINUTE);
    await post('停水没通知', '又停水');
    const summary = await evaluateAlertRules(t.ctx);
    const alerts = await alertsOf(r.id);
    expect(alerts).toHaveLength(1);
    expect(summary.updated).toContain(first.id);
    expect(summary.raised).not.toContain(first.id);
    expect(alerts[0]).toMatchObject({
      id: first.id,
      matched_count: 3,
      peak_count: 3,
      trigger_count: 2,
      status: 'active',
    });
    const lastTriggered = t.clock.now().getTime();
    expect(alerts[0]?.last_triggered_at.getTime()).toBe(lastTriggered);
    expect(alerts[0]?.first_triggered_at.getTime()).toBe(first.first_triggered_at.getTime());

    // The same posts measured again five minutes on: the window moves, no new trigger.
    t.clock.advance(5 * MINUTE);
    await evaluateAlertRules(t.ctx);
    const [again] = await alertsOf(r.id);
    expect(again).toMatchObject({ matched_count: 3, trigger_count: 2 });
    expect(again?.last_triggered_at.getTime()).toBe(lastTriggered);
    expect(again?.window_end.getTime()).toBe(t.clock.now().getTime());
    // Updating is quiet: one notification in all.
    expect(await inbox(leader.id, 'alert.raised')).toHaveLength(2);
    expect(
      (await inbox(leader.id, 'alert.raised')).filter((n) => n.title.includes('停水')),
    ).toHaveLength(1);
    await disable(r.id);
  });

  it('raises the level when the rule’s level rose, notifies again and reopens an acknowledged alert', async () => {
    const r = await rule({ name: '护栏损坏', expression: '护栏', notifyRoles: ['monitor'] });
    await post('河口村桥面护栏损坏', '护栏断了一截');
    await evaluateAlertRules(t.ctx);
    const [alert] = await alertsOf(r.id);
    if (!alert) throw new Error('no alert');
    await acknowledgeAlert({ ctx: t.ctx, actor: actorFor(monitor), id: alert.id });

    await updateAlertRule({
      ctx: t.ctx,
      actor: actorFor(monitor),
      id: r.id,
      input: {
        name: r.name,
        expression: r.expression,
        level: 'orange',
        windowMinutes: 60,
        notifyRoles: ['monitor'],
      },
    });
    const summary = await evaluateAlertRules(t.ctx);
    expect(summary.escalated).toEqual([alert.id]);
    const [after] = await alertsOf(r.id);
    expect(after).toMatchObject({ id: alert.id, level: 'orange', status: 'active' });
    const escalations = await inbox(monitor.id, 'alert.escalated');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.title).toBe('【预警升级：黄色 → 橙色】护栏损坏');

    // The same level again is no escalation: no further notification.
    await evaluateAlertRules(t.ctx);
    expect(await inbox(monitor.id, 'alert.escalated')).toHaveLength(1);
    await disable(r.id);
  });

  it('fires again after a closed alert only once the cooldown has passed', async () => {
    const r = await rule({
      name: '流浪狗',
      expression: '流浪狗',
      windowMinutes: 1440,
      cooldownMinutes: 120,
    });
    await post('流浪狗伤人', '小广场流浪狗追咬小孩');
    await evaluateAlertRules(t.ctx);
    const [first] = await alertsOf(r.id);
    if (!first) throw new Error('no alert');
    // Closing says what was done.
    for (const note of [undefined, '  '])
      await expect(
        closeAlert({ ctx: t.ctx, actor: actorFor(monitor), id: first.id, note }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: '请填写处置说明' });
    expect((await alertsOf(r.id))[0]?.status).toBe('active');
    await closeAlert({
      ctx: t.ctx,
      actor: actorFor(monitor),
      id: first.id,
      note: '已联系城管处置',
    });

    t.clock.advance(60 * MINUTE);
    const cooling = await evaluateAlertRules(t.ctx);
    expect(cooling.coolingDown).toContain(r.id);
    expect(await alertsOf(r.id)).toHaveLength(1);

    t.clock.advance(61 * MINUTE);
    const again = await evaluateAlertRules(t.ctx);
    const alerts = await alertsOf(r.id);
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatchObject({ status: 'closed', note: '已联系城管处置' });
    expect(alerts[1]).toMatchObject({ status: 'active' });
    expect(again.raised).toEqual([alerts[1]?.id]);
    await disable(r.id);
  });

  it('requires the negative share among the posts with a sentiment', async () => {
    const r = await rule({ name: '养殖异味', expression: '养猪场', minNegativeShare: 0.5 });
    await post('养猪场异味', '气味很大', { sentiment: 'negative' });
    await post('养猪场扩建', '听说要扩建', { sentiment: 'neutral' });
    await post('养猪场招工', '招工啦', { sentiment: 'positive' });
    await post('养猪场', '还没判断情感');
    expect(await evaluateAlertRules(t.ctx)).toMatchObject({ raised: [] });
    const evaluated = await t.ctx.db
      .selectFrom('alert_rules')
      .select('last_matched_count')
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(evaluated.last_matched_count).toBe(4);

    await post('养猪场排污', '污水直排河里', { sentiment: 'negative' });
    await evaluateAlertRules(t.ctx);
    const [alert] = await alertsOf(r.id);
    expect(alert?.matched_count).toBe(5);
    // 2 negative of 4 with a sentiment; the unjudged post does not dilute the share.
    expect(alert?.negative_share).toBeCloseTo(0.5);
    await disable(r.id);
  });

  it('fires on a burst against the average of the previous week, not on the floor alone', async () => {
    const r = await rule({
      name: '讨薪',
      expression: '拖欠 工资',
      windowMinutes: 1440,
      minCount: 1,
      burstFactor: 3,
    });
    // Two a day over the previous week: a baseline of 2 per day-long window.
    for (let d = 1; d <= 7; d += 1) {
      await post('拖欠工资', '工地拖欠工资', { minutesAgo: d * 1440 + 60 });
      await post('又拖欠工资', '厂里拖欠工资', { minutesAgo: d * 1440 + 120 });
    }
    for (let i = 0; i < 5; i += 1) await post('拖欠工资', `第 ${i} 位工友`, { minutesAgo: 10 + i });
    // 5 posts: 5 x the floor of one, but only 2.5 x the real baseline.
    expect((await evaluateAlertRules(t.ctx)).raised).toEqual([]);

    await post('拖欠工资', '快过年了');
    await evaluateAlertRules(t.ctx);
    const [alert] = await alertsOf(r.id);
    expect(alert?.matched_count).toBe(6);
    expect(alert?.burst_ratio).toBeCloseTo(3);
    await disable(r.id);
  });

  it('leaves out posts excluded by NOT, duplicates and, if asked, irrelevant posts', async () => {
    const r = await rule({
      name: '路灯',
      expression: '路灯 NOT (已修复 OR 通知)',
      minCount: 1,
      windowMinutes: 30,
    });
    await post('路灯已修复', '青石村路灯已修复');
    await post('路灯检修通知', '明天检修路灯');
    const original = await post('路灯不亮', '外地的路灯不亮', { relevant: false });
    await post('路灯不亮', '外地的路灯不亮', { duplicateOf: original, relevant: true });
    expect((await evaluateAlertRules(t.ctx)).raised).toEqual([]);

    await updateAlertRule({
      ctx: t.ctx,
      actor: actorFor(monitor),
      id: r.id,
      input: {
        name: r.name,
        expression: r.expression,
        level: 'blue',
        windowMinutes: 30,
        onlyRelevant: false,
      },
    });
    await evaluateAlertRules(t.ctx);
    const [alert] = await alertsOf(r.id);
    expect(alert).toMatchObject({ matched_count: 1, level: 'blue' });
    expect(alert?.sample_post_ids.map(Number)).toEqual([original]);
    await disable(r.id);
  });

  it('matches full-width letters and phrases written without spaces, as the rule language does', async () => {
    const r = await rule({ name: '空气', expression: 'PM2.5 OR "夜间 施工"', minCount: 2 });
    await post('空气差', 'ＰＭ２.５又超标了');
    await post('扰民', '天天夜间施工');
    await post('不算', 'APM2.5 是别的东西');
    await evaluateAlertRules(t.ctx);
    const [alert] = await alertsOf(r.id);
    expect(alert?.matched_count).toBe(2);
    await disable(r.id);
  });
});

describe('alert rules on arrival', () => {
  const ruleRow = (id: number) =>
    t.ctx.db
      .selectFrom('alert_rules')
      .select(['last_evaluated_at', 'last_matched_count'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const ingest = (title: string, body: string, minutesAgo = 0) =>
    ingestPosts(
      t.ctx,
      [{ title, body, postedAt: new Date(t.clock.now().getTime() - minutesAgo * MINUTE) }],
      { sourceKey: 'test:alerts' },
    );

  it('raises the alert as the post that crosses the threshold is stored, without waiting for the job', async () => {
    const r = await rule({
      name: '化工异味',
      expression: '化工厂 NEAR/10 异味',
      minCount: 2,
      notifyRoles: ['leader'],
    });
    const untouched = await rule({ name: '自来水停供', expression: '停水', minCount: 1 });
    await ingest('化工厂异味', '园区化工厂又有刺鼻的异味');
    expect(await alertsOf(r.id)).toEqual([]);
    expect(await ruleRow(r.id)).toMatchObject({ last_matched_count: 1 });
    // A rule no new post matches is left to the scheduled evaluation.
    expect(await ruleRow(untouched.id)).toMatchObject({ last_evaluated_at: null });

    // An old post, outside the window, concerns no rule now.
    await ingest('化工厂异味', '上个月化工厂夜里排放，异味很重', 24 * 60);
    expect(await ruleRow(r.id)).toMatchObject({ last_matched_count: 1 });

    const before = await inbox(leader.id, 'alert.raised');
    await ingest('晚上睡不着', '化工厂那边飘过来的异味熏得人头疼');
    const [alert] = await alertsOf(r.id);
    expect(alert).toMatchObject({ status: 'active', matched_count: 2 });
    const after = await inbox(leader.id, 'alert.raised');
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)?.title).toBe('【黄色预警】化工异味');

    // The open alert's counts are the scheduled evaluation's to update.
    await ingest('还是那股味', '化工厂的异味今天更重了');
    expect(await alertsOf(r.id)).toMatchObject([{ matched_count: 2, trigger_count: 1 }]);
    await evaluateAlertRules(t.ctx);
    expect(await alertsOf(r.id)).toMatchObject([{ matched_count: 3, trigger_count: 2 }]);
    await disable(r.id);
    await disable(untouched.id);
  });
});

describe('alerts at night', () => {
  it('notifies whoever the duty roster has on watch too, whatever roles the rule names', async () => {
    const night = await buildUser(t.ctx, { roles: ['office'] });
    const now = t.clock.now();
    const period = await t.ctx.db
      .insertInto('watch_periods')
      .values({
        name: '夜间值班',
        kind: 'other',
        starts_on: '2026-11-25',
        ends_on: '2026-11-27',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('watch_duties')
      .values({
        period_id: period.id,
        user_id: night.id,
        starts_at: new Date(now.getTime() - 60 * MINUTE),
        ends_at: new Date(now.getTime() + 60 * MINUTE),
      })
      .execute();
    const r = await rule({ name: '市场火情', expression: '市场 着火', minCount: 1 });
    await post('农贸市场着火了', '云溪农贸市场着火了');
    await evaluateAlertRules(t.ctx);
    expect(await alertsOf(r.id)).toHaveLength(1);
    expect((await inbox(night.id, 'alert.raised')).map((n) => n.title)).toEqual([
      '【黄色预警】市场火情',
    ]);
    await t.ctx.db.deleteFrom('watch_duties').where('period_id', '=', period.id).execute();
    await disable(r.id);
  });
});
