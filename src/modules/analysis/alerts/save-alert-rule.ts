import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { AlertRulesTable } from '../../../db/schema-alerts.js';
import type { AppContext } from '../../../server/context.js';
import { AppError, notFound } from '../../../server/errors.js';
import { assertCan, type Actor } from '../../access/actor.js';
import { changedFields, recordAudit } from '../../audit/record-audit.js';
import { LEVEL_NAMES } from './alert-levels.js';
import { getAlertRule } from './alerts.queries.js';
import type { AlertRule, AlertRuleInput } from './alerts.schemas.js';
import { parseOrReject } from './rule-expression.js';

/** A rule's stored fields, as audit rows show them. */
interface RuleFields {
  name: string;
  expression: string;
  level: AlertRulesTable['level'];
  windowMinutes: number;
  minCount: number;
  minNegativeShare: number | null;
  burstFactor: number | null;
  onlyRelevant: boolean;
  enabled: boolean;
  notifyRoles: string[];
  cooldownMinutes: number;
}

export const DEFAULT_NOTIFY_ROLES = ['leader', 'monitor'];

function fieldsOf(input: AlertRuleInput): RuleFields {
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', '规则名称不能为空');
  const expression = input.expression.trim();
  parseOrReject(expression);
  return {
    name,
    expression,
    level: input.level,
    windowMinutes: input.windowMinutes,
    minCount: input.minCount ?? 1,
    minNegativeShare: input.minNegativeShare ?? null,
    burstFactor: input.burstFactor ?? null,
    onlyRelevant: input.onlyRelevant ?? true,
    enabled: input.enabled ?? true,
    notifyRoles: [...(input.notifyRoles ?? DEFAULT_NOTIFY_ROLES)],
    cooldownMinutes: input.cooldownMinutes ?? 60,
  };
}

const columns = (f: RuleFields) => ({
  name: f.name,
  expression: f.expression,
  level: f.level,
  window_minutes: f.windowMinutes,
  min_count: f.minCount,
  min_negative_share: f.minNegativeShare,
  burst_factor: f.burstFactor,
  only_relevant: f.onlyRelevant,
  enabled: f.enabled,
  notify_roles: f.notifyRoles,
  cooldown_minutes: f.cooldownMinutes,
});

async function assertNameFree(trx: Transaction<DB>, name: string, exceptId: number | null) {
  let q = trx.selectFrom('alert_rules').select('id').where('name', '=', name);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) {
    throw new AppError('CONFLICT', `已有名为「${name}」的预警规则`);
  }
}

const ruleText = (f: RuleFields) => `「${f.name}」（${LEVEL_NAMES[f.level]}，${f.expression}）`;

export async function createAlertRule({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: AlertRuleInput;
}): Promise<AlertRule> {
  assertCan(actor, 'alerts.manage');
  const fields = fieldsOf(input);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    await assertNameFree(trx, fields.name, null);
    const row = await trx
      .insertInto('alert_rules')
      .values({ ...columns(fields), created_by: actor.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'alert-rule.create',
      entityType: 'alert_rule',
      entityId: row.id,
      summary: `新增预警规则${ruleText(fields)}`,
      after: fields,
    });
    return row.id;
  });
  return (await getAlertRule(ctx.db, id)) ?? Promise.reject(notFound('预警规则'));
}

export async function updateAlertRule({
  ctx,
  actor,
  id,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  input: AlertRuleInput;
}): Promise<AlertRule> {
  assertCan(actor, 'alerts.manage');
  const after = fieldsOf(input);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('alert_rules')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('预警规则');
    const before: RuleFields = {
      name: row.name,
      expression: row.expression,
      level: row.level,
      windowMinutes: row.window_minutes,
      minCount: row.min_count,
      minNegativeShare: row.min_negative_share,
      burstFactor: row.burst_factor,
      onlyRelevant: row.only_relevant,
      enabled: row.enabled,
      notifyRoles: row.notify_roles,
      cooldownMinutes: row.cooldown_minutes,
    };
    const changes = changedFields(before, after);
    if (Object.keys(changes.after).length === 0) return;
    if (after.name !== before.name) await assertNameFree(trx, after.name, id);
    await trx
      .updateTable('alert_rules')
      .set({ ...columns(after), updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'alert-rule.update',
      entityType: 'alert_rule',
      entityId: id,
      summary: `修改预警规则「${after.name}」：${Object.keys(changes.after).join('、')}`,
      ...changes,
    });
  });
  return (await getAlertRule(ctx.db, id)) ?? Promise.reject(notFound('预警规则'));
}

/**
 * Deletes a rule that never raised an alert. A rule with alerts is disabled instead, so the
 * alerts keep the rule they came from; the answer says which happened.
 */
export async function deleteAlertRule({
  ctx,
  actor,
  id,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
}): Promise<{ deleted: boolean; rule: AlertRule | null }> {
  assertCan(actor, 'alerts.manage');
  const deleted = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('alert_rules')
      .select(['id', 'name', 'expression', 'level', 'enabled'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('预警规则');
    const used = await trx
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('rule_id', '=', id)
      .executeTakeFirstOrThrow();
    const alertCount = Number(used.n);
    if (alertCount === 0) {
      await trx.deleteFrom('alert_rules').where('id', '=', id).execute();
      await recordAudit(trx, ctx.clock, actor, {
        action: 'alert-rule.delete',
        entityType: 'alert_rule',
        entityId: id,
        summary: `删除预警规则「${row.name}」`,
        before: { name: row.name, expression: row.expression, level: row.level },
      });
      return true;
    }
    if (row.enabled) {
      await trx
        .updateTable('alert_rules')
        .set({ enabled: false, updated_at: ctx.clock.now() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, ctx.clock, actor, {
        action: 'alert-rule.disable',
        entityType: 'alert_rule',
        entityId: id,
        summary: `停用预警规则「${row.name}」（已产生 ${alertCount} 条预警，保留规则不删除）`,
        before: { enabled: true },
        after: { enabled: false },
      });
    }
    return false;
  });
  return { deleted, rule: deleted ? null : await getAlertRule(ctx.db, id) };
}
