import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/db.js';
import { DEMO_HOTLINE, DEMO_TERMS, DEMO_THREADS } from '../../demo/demo-site-content.js';
import { evaluateAlertRules } from './evaluate-alert-rules.js';
import { DEMO_ALERT_RULES, seedDemoAlerts } from './seed-demo-alerts.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.close();
});

describe('seedDemoAlerts', () => {
  it('creates the demo rules once, and they fire on the demo township’s posts', async () => {
    const now = t.clock.now();
    // The demo site's posts as collection would store them (relevance from the demo dictionary).
    const posts = [
      ...DEMO_THREADS.map((p) => ({ title: p.title, body: p.body, hoursAgo: p.hoursAgo })),
      ...DEMO_HOTLINE.map((p) => ({ title: p.subject, body: p.content, hoursAgo: p.hoursAgo })),
    ];
    await t.ctx.db
      .insertInto('posts')
      .values(
        posts.map((p) => ({
          source: '演示',
          url: null,
          author: null,
          // Up to a day later than the demo site says: the site counts from midnight.
          posted_at: new Date(now.getTime() - (p.hoursAgo + 20) * 3_600_000),
          title: p.title,
          body: p.body,
          contact: null,
          created_at: now,
          relevant: DEMO_TERMS.some((d) => `${p.title}${p.body}`.includes(d.term)),
        })),
      )
      .execute();

    expect(await seedDemoAlerts(t.ctx)).toHaveLength(DEMO_ALERT_RULES.length);
    expect(await seedDemoAlerts(t.ctx)).toEqual([]);

    await evaluateAlertRules(t.ctx);
    const alerts = await t.ctx.db
      .selectFrom('alerts as a')
      .innerJoin('alert_rules as r', 'r.id', 'a.rule_id')
      .select(['r.name', 'a.level', 'a.matched_count'])
      .execute();
    // 欠薪: thread 106; 安全隐患: 摔倒 (105) and 追咬/伤人 (RX-0003); 环境: five complaints.
    expect(Object.fromEntries(alerts.map((a) => [a.name, [a.level, a.matched_count]]))).toEqual({
      欠薪讨薪: ['orange', 1],
      安全隐患: ['yellow', 2],
      环境卫生投诉: ['blue', 5],
    });
  });

  it('raises a red alert from the first post about a fire with people trapped, not from a drill', async () => {
    const now = t.clock.now();
    const post = (title: string, body: string) => ({
      source: '演示',
      url: null,
      author: null,
      posted_at: now,
      title,
      body,
      contact: null,
      created_at: now,
      relevant: true,
    });
    await t.ctx.db
      .insertInto('posts')
      .values([
        post('镇中学组织消防演练', '今天上午学校进行了起火逃生演练，学生有序撤离。'),
        post('菜市场后面着火了', '浓烟很大，听说二楼还有人被困，消防车还没到。'),
      ])
      .execute();
    await evaluateAlertRules(t.ctx);
    const red = await t.ctx.db
      .selectFrom('alerts as a')
      .innerJoin('alert_rules as r', 'r.id', 'a.rule_id')
      .select(['r.name', 'a.matched_count'])
      .where('a.level', '=', 'red')
      .execute();
    expect(red).toEqual([{ name: '火灾事故与人员伤亡', matched_count: 1 }]);
  });
});
