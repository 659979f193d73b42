import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { paginate, type PageResult } from '../../../db/paginate.js';
import { formatRule, tryParseRule } from '../alert-rules/expression.js';
import type { AlertListQuery, AlertRule, AlertSummary } from './alerts.schemas.js';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d === null ? null : d.toISOString());

function ruleQuery(db: Kysely<DB>) {
  return db
    .selectFrom('alert_rules as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .leftJoin('alerts as open', (join) =>
      join.onRef('open.rule_id', '=', 'r.id').on('open.status', 'in', ['active', 'acknowledged']),
    )
    .selectAll('r')
    .select([
      'u.name as created_by_name',
      'open.id as open_id',
      'open.level as open_level',
      'open.status as open_status',
      sql<number>`(select count(*) from alerts a where a.rule_id = r.id)`.as('alert_count'),
    ]);
}

type RuleRow = Awaited<ReturnType<ReturnType<typeof ruleQuery>['executeTakeFirstOrThrow']>>;

function toRule(r: RuleRow): AlertRule {
  const parsed = tryParseRule(r.expression);
  return {
    id: r.id,
    name: r.name,
    expression: r.expression,
    canonical: parsed.ok ? formatRule(parsed.ast) : null,
    level: r.level,
    windowMinutes: r.window_minutes,
    minCount: r.min_count,
    minNegativeShare: r.min_negative_share,
    burstFactor: r.burst_factor,
    onlyRelevant: r.only_relevant,
    enabled: r.enabled,
    notifyRoles: r.notify_roles,
    cooldownMinutes: r.cooldown_minutes,
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    lastEvaluatedAt: isoOrNull(r.last_evaluated_at),
    lastMatchedCount: r.last_matched_count,
    alertCount: Number(r.alert_count),
    openAlert:
      r.open_id !== null && r.open_level !== null && r.open_status !== null
        ? { id: r.open_id, level: r.open_level, status: r.open_status }
        : null,
  };
}

export async function getAlertRule(db: Kysely<DB>, id: number): Promise<AlertRule | null> {
  const row = await ruleQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row ? toRule(row) : null;
}

/** Every rule (a deployment has tens, not thousands): enabled first, the most severe first. */
export async function listAlertRules(db: Kysely<DB>): Promise<AlertRule[]> {
  const rows = await ruleQuery(db)
    .orderBy('r.enabled', 'desc')
    .orderBy(sql`array_position(array['red', 'orange', 'yellow', 'blue'], r.level)`)
    .orderBy('r.name')
    .execute();
  return rows.map(toRule);
}

function alertQuery(db: Kysely<DB>) {
  return db
    .selectFrom('alerts as a')
    .innerJoin('alert_rules as r', 'r.id', 'a.rule_id')
    .leftJoin('users as ack', 'ack.id', 'a.acknowledged_by')
    .leftJoin('users as cl', 'cl.id', 'a.closed_by')
    .selectAll('a')
    .select([
      'r.name as rule_name',
      'r.expression as rule_expression',
      'r.window_minutes as rule_window_minutes',
      'ack.name as acknowledged_by_name',
      'cl.name as closed_by_name',
    ]);
}

type AlertRow = Awaited<ReturnType<ReturnType<typeof alertQuery>['executeTakeFirstOrThrow']>>;

function toSummary(r: AlertRow): AlertSummary {
  return {
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    level: r.level,
    status: r.status,
    windowStart: iso(r.window_start),
    windowEnd: iso(r.window_end),
    matchedCount: r.matched_count,
    peakCount: r.peak_count,
    negativeShare: r.negative_share,
    burstRatio: r.burst_ratio,
    firstTriggeredAt: iso(r.first_triggered_at),
    lastTriggeredAt: iso(r.last_triggered_at),
    triggerCount: r.trigger_count,
    acknowledgedByName: r.acknowledged_by_name,
    acknowledgedAt: isoOrNull(r.acknowledged_at),
    closedByName: r.closed_by_name,
    closedAt: isoOrNull(r.closed_at),
    note: r.note,
  };
}

/** Open alerts first (active before acknowledged), then the most severe, then the latest. */
export async function listAlerts(
  db: Kysely<DB>,
  query: AlertListQuery,
): Promise<PageResult<AlertSummary>> {
  let q = alertQuery(db);
  if (query.status === 'open') q = q.where('a.status', 'in', ['active', 'acknowledged']);
  else if (query.status !== undefined) q = q.where('a.status', '=', query.status);
  if (query.level !== undefined) q = q.where('a.level', '=', query.level);
  if (query.ruleId !== undefined) q = q.where('a.rule_id', '=', query.ruleId);
  q = q
    .orderBy(sql`array_position(array['active', 'acknowledged', 'closed'], a.status)`)
    .orderBy(sql`array_position(array['red', 'orange', 'yellow', 'blue'], a.level)`)
    .orderBy('a.last_triggered_at', 'desc')
    .orderBy('a.id', 'desc');
  return paginate(q, query, toSummary);
}

export async function getAlert(
  db: Kysely<DB>,
  id: number,
): Promise<
  (AlertSummary & { ruleExpression: string; ruleWindowMinutes: number; sampleIds: number[] }) | null
> {
  const row = await alertQuery(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    ...toSummary(row),
    ruleExpression: row.rule_expression,
    ruleWindowMinutes: row.rule_window_minutes,
    sampleIds: row.sample_post_ids.map(Number),
  };
}

/** The posts with these ids (and the case registered from each), in the order given. */
export async function postsByIds(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('posts as p')
    .select([
      'p.id',
      'p.title',
      'p.body',
      'p.source',
      'p.url',
      'p.posted_at',
      'p.sentiment',
      sql<number | null>`(select max(c.id) from cases c where c.post_id = p.id)`.as('case_id'),
    ])
    .where('p.id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ ...r, case_id: r.case_id === null ? null : Number(r.case_id) }] : [];
  });
}
