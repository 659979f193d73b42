import type { Selectable, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { AlertLevel, AlertRulesTable } from '../../../db/schema-alerts.js';
import type { AppContext } from '../../../server/context.js';
import { systemActor } from '../../access/actor.js';
import { isRole } from '../../access/roles.js';
import { recordAudit } from '../../audit/record-audit.js';
import { notify, usersWithRoles } from '../../notifications/notify.js';
import { onDutyAt } from '../../watch/on-duty.js';
import { evaluate, tryParseRule, type RuleNode } from '../alert-rules/expression.js';
import { durationText, higherLevel, LEVEL_NAMES, levelRank } from './alert-levels.js';
import { postText } from './match-posts.js';
import { measureRule, type Measurement } from './measure-rule.js';

export interface EvaluationSummary {
  evaluated: number;
  /** New alerts, alerts updated by a further evaluation, and those of them that escalated. */
  raised: number[];
  updated: number[];
  escalated: number[];
  /** Met its thresholds but was closed less than its cooldown ago. */
  coolingDown: number[];
}

type RuleRow = Selectable<AlertRulesTable>;

const MINUTE = 60_000;

/** 「夜间施工噪音」：最近 2 小时内匹配 12 条（阈值 5 条）；负面占比 75% … */
function describe(rule: RuleRow, m: Measurement): string {
  return `预警规则「${rule.name}」：${m.checks.map((c) => c.text).join('；')}。`;
}

/** A post just stored, as far as deciding which rules it may concern. */
export interface NewPost {
  title: string | null;
  body: string;
  postedAt: Date;
  relevant: boolean;
  duplicateOf: number | null;
}

/**
 * Whether one of the new posts would count in the rule's window now (measureRule counts a
 * near-duplicate's original only, and irrelevant posts only if the rule asks for them).
 */
function concerns(rule: RuleRow, ast: RuleNode, posts: readonly NewPost[], now: Date): boolean {
  const windowStart = now.getTime() - rule.window_minutes * MINUTE;
  return posts.some(
    (p) =>
      p.duplicateOf === null &&
      (p.relevant || !rule.only_relevant) &&
      p.postedAt.getTime() >= windowStart &&
      p.postedAt.getTime() <= now.getTime() &&
      evaluate(ast, postText(p.title, p.body)).matched,
  );
}

/**
 * Evaluates every enabled rule at the clock's now; given `newPosts`, only the rules one of them
 * concerns that have no open alert (new posts could only update such an alert's counts, quietly,
 * which the scheduled evaluation does within five minutes without measuring a full window for
 * every batch). A rule whose thresholds are all met raises an alert, or, while it has an open
 * (active or acknowledged) one, updates that alert instead: its latest window, counts and samples,
 * and its level when the rule's level has risen since, which notifies again (and makes an
 * acknowledged alert active). After an alert is closed the rule raises a new one only once its
 * cooldown has passed.
 */
export async function evaluateAlertRules(
  ctx: AppContext,
  options: { newPosts?: readonly NewPost[] } = {},
): Promise<EvaluationSummary> {
  const summary: EvaluationSummary = {
    evaluated: 0,
    raised: [],
    updated: [],
    escalated: [],
    coolingDown: [],
  };
  const rules = await ctx.db
    .selectFrom('alert_rules')
    .selectAll()
    .where('enabled', '=', true)
    .orderBy('id')
    .execute();
  const withOpenAlert = new Set(
    options.newPosts
      ? (
          await ctx.db
            .selectFrom('alerts')
            .select('rule_id')
            .where('status', 'in', ['active', 'acknowledged'])
            .execute()
        ).map((a) => Number(a.rule_id))
      : [],
  );
  for (const rule of rules) {
    const parsed = tryParseRule(rule.expression);
    // Saved rules were parsed when saved; one the grammar no longer accepts waits to be fixed.
    if (!parsed.ok) continue;
    const now = ctx.clock.now();
    if (
      options.newPosts &&
      (withOpenAlert.has(rule.id) || !concerns(rule, parsed.ast, options.newPosts, now))
    )
      continue;
    // Measured outside the write transaction: a week of posts for a burst baseline takes a while.
    const m = await measureRule(
      ctx.db,
      parsed.ast,
      {
        windowMinutes: rule.window_minutes,
        minCount: rule.min_count,
        minNegativeShare: rule.min_negative_share,
        burstFactor: rule.burst_factor,
        onlyRelevant: rule.only_relevant,
      },
      now,
    );
    summary.evaluated += 1;
    await ctx.db.transaction().execute(async (trx) => {
      // The rule row serialises evaluations of one rule; one edited meanwhile waits for the next.
      const current = await trx
        .selectFrom('alert_rules')
        .select(['updated_at', 'enabled'])
        .where('id', '=', rule.id)
        .forUpdate()
        .executeTakeFirst();
      if (!current?.enabled || current.updated_at.getTime() !== rule.updated_at.getTime()) return;
      await trx
        .updateTable('alert_rules')
        .set({ last_evaluated_at: now, last_matched_count: m.matchedCount })
        .where('id', '=', rule.id)
        .execute();
      if (!m.met) return;
      await applyAlert(trx, ctx, rule, m, now, summary);
    });
  }
  return summary;
}

async function applyAlert(
  trx: Transaction<DB>,
  ctx: AppContext,
  rule: RuleRow,
  m: Measurement,
  now: Date,
  summary: EvaluationSummary,
): Promise<void> {
  const roles = rule.notify_roles.filter(isRole);
  // The rule's roles, and whoever the duty roster has on watch now (at night, perhaps office
  // staff whom no rule names).
  const recipients = async () => [
    ...(await usersWithRoles(trx, roles)),
    ...(await onDutyAt(trx, now)).map((d) => d.id),
  ];
  const measured = {
    window_start: m.windowStart,
    window_end: m.windowEnd,
    matched_count: m.matchedCount,
    negative_share: m.negativeShare,
    burst_ratio: m.burstRatio,
    sample_post_ids: m.sampleIds,
  };
  const open = await trx
    .selectFrom('alerts')
    .select(['id', 'level', 'status', 'peak_count', 'trigger_count', 'sample_post_ids'])
    .where('rule_id', '=', rule.id)
    .where('status', 'in', ['active', 'acknowledged'])
    .forUpdate()
    .executeTakeFirst();

  if (open) {
    const level: AlertLevel = higherLevel(open.level, rule.level);
    const escalated = levelRank(level) > levelRank(open.level);
    // It triggers again only when posts it had not seen match (the samples are the newest
    // matches): re-measuring the same posts every five minutes is not a new trigger.
    const seen = new Set(open.sample_post_ids.map(Number));
    const triggered = escalated || m.sampleIds.some((id) => !seen.has(id));
    await trx
      .updateTable('alerts')
      .set({
        ...measured,
        peak_count: Math.max(open.peak_count, m.matchedCount),
        ...(triggered ? { trigger_count: open.trigger_count + 1, last_triggered_at: now } : {}),
        level,
        ...(escalated ? { status: 'active' as const } : {}),
      })
      .where('id', '=', open.id)
      .execute();
    summary.updated.push(open.id);
    if (!escalated) return;
    summary.escalated.push(open.id);
    const change = `${LEVEL_NAMES[open.level]} → ${LEVEL_NAMES[level]}`;
    await recordAudit(trx, ctx.clock, systemActor('预警'), {
      action: 'alert.escalate',
      entityType: 'alert',
      entityId: open.id,
      summary: `预警升级（${change}）：${rule.name}`,
      before: { level: open.level, status: open.status },
      after: { level, status: 'active', matchedCount: m.matchedCount },
    });
    await notify(trx, ctx, {
      userIds: await recipients(),
      kind: 'alert.escalated',
      title: `【预警升级：${change}】${rule.name}`,
      body: `${describe(rule, m)}预警级别由${LEVEL_NAMES[open.level]}升为${LEVEL_NAMES[level]}，请及时研判处置。`,
      link: `/monitoring/alerts/${open.id}`,
    });
    return;
  }

  const lastClosed = await trx
    .selectFrom('alerts')
    .select('closed_at')
    .where('rule_id', '=', rule.id)
    .where('status', '=', 'closed')
    .orderBy('closed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (
    lastClosed?.closed_at &&
    now.getTime() < lastClosed.closed_at.getTime() + rule.cooldown_minutes * MINUTE
  ) {
    summary.coolingDown.push(rule.id);
    return;
  }

  const created = await trx
    .insertInto('alerts')
    .values({
      ...measured,
      rule_id: rule.id,
      level: rule.level,
      status: 'active',
      peak_count: m.matchedCount,
      first_triggered_at: now,
      last_triggered_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  summary.raised.push(created.id);
  await recordAudit(trx, ctx.clock, systemActor('预警'), {
    action: 'alert.raise',
    entityType: 'alert',
    entityId: created.id,
    summary: `${LEVEL_NAMES[rule.level]}预警：${rule.name}（最近 ${durationText(rule.window_minutes)}内 ${m.matchedCount} 条）`,
    after: {
      ruleId: rule.id,
      level: rule.level,
      matchedCount: m.matchedCount,
      negativeShare: m.negativeShare,
      burstRatio: m.burstRatio,
    },
  });
  await notify(trx, ctx, {
    userIds: await recipients(),
    kind: 'alert.raised',
    title: `【${LEVEL_NAMES[rule.level]}预警】${rule.name}`,
    body: `${describe(rule, m)}请及时研判处置。`,
    link: `/monitoring/alerts/${created.id}`,
  });
}
