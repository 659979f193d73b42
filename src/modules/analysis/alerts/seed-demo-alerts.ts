import type { AppContext } from '../../../server/context.js';
import { systemActor } from '../../access/actor.js';
import type { AlertRuleInput } from './alerts.schemas.js';
import { createAlertRule } from './save-alert-rule.js';

/**
 * The demo township's alert rules (云溪镇), written for the wording of its invented posts
 * (src/modules/demo): wage arrears raise an orange alert as soon as one post mentions them,
 * safety hazards a yellow one from two posts in three days, and environmental complaints a blue
 * one from three in a week (NOT leaves out the township's own news of a clean-up). Fire, explosion
 * or people hurt or trapped raise a red one from the first post, at any hour (not drills or fire
 * safety talks); the demo's posts have none, so it waits for a real one.
 */
export const DEMO_ALERT_RULES: AlertRuleInput[] = [
  {
    name: '欠薪讨薪',
    expression: '(拖欠 OR 欠薪 OR 讨薪) AND (工资 OR 工钱 OR 农民工)',
    level: 'orange',
    windowMinutes: 3 * 1440,
    minCount: 1,
    notifyRoles: ['leader', 'monitor', 'office'],
    cooldownMinutes: 1440,
  },
  {
    name: '火灾事故与人员伤亡',
    expression:
      '(火灾 OR 起火 OR 着火 OR 失火 OR 爆炸 OR 坍塌 OR 燃气泄漏 OR 被困 OR 伤亡 OR 死亡 OR (人 NEAR/4 受伤)) NOT (演练 OR 消防宣传 OR 培训)',
    level: 'red',
    windowMinutes: 1440,
    minCount: 1,
    notifyRoles: ['leader', 'monitor', 'office'],
    cooldownMinutes: 360,
  },
  {
    name: '安全隐患',
    expression: '(危险 OR 摔倒 OR 伤人 OR 追咬 OR 安全隐患) NOT (会议 OR 演练)',
    level: 'yellow',
    windowMinutes: 3 * 1440,
    minCount: 2,
    cooldownMinutes: 720,
  },
  {
    name: '环境卫生投诉',
    expression: '(垃圾 OR 异味 OR 气味 OR 噪音 OR 浑浊 OR 污染) NOT 整治',
    level: 'blue',
    windowMinutes: 7 * 1440,
    // Two of the demo cases' messages already meet it, so the demo starts with an alert.
    minCount: 2,
    cooldownMinutes: 1440,
  },
];

/** Creates the demo rules that do not exist yet (by name); returns the ids created. */
export async function seedDemoAlerts(ctx: AppContext): Promise<number[]> {
  const existing = new Set(
    (await ctx.db.selectFrom('alert_rules').select('name').execute()).map((r) => r.name),
  );
  const actor = systemActor('演示数据');
  const ids: number[] = [];
  for (const input of DEMO_ALERT_RULES) {
    if (existing.has(input.name)) continue;
    ids.push((await createAlertRule({ ctx, actor, input })).id);
  }
  return ids;
}
