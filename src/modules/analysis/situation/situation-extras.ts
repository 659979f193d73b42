import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { AlertLevel } from '../../../db/schema-alerts.js';
import { listTopics } from '../topics/topics.queries.js';
import type { PostScope } from './situation.queries.js';
import type { ActiveAlert, HotTopic } from './situation.schemas.js';

const LEVELS: readonly AlertLevel[] = ['red', 'orange', 'yellow', 'blue'];

/**
 * The hottest topics (heat now) that were active in the period, as 热点话题 lists them; `burst`
 * when the topic's last burst fell in the period.
 */
export async function hotTopics(
  db: Kysely<DB>,
  scope: PostScope,
  limit: number,
  now: Date,
): Promise<HotTopic[]> {
  const page = await listTopics(
    db,
    { from: scope.start.toISOString(), to: scope.end.toISOString(), pageSize: limit },
    now,
  );
  return page.items.map((topic) => {
    const burstAt = topic.burstAt ? Date.parse(topic.burstAt) : null;
    return {
      id: topic.id,
      label: topic.label,
      keywords: topic.keywords,
      size: topic.size,
      heat: topic.heat,
      lastAt: topic.lastAt,
      burst: burstAt !== null && burstAt >= scope.start.getTime() && burstAt < scope.end.getTime(),
    };
  });
}

/** Alerts waiting for someone (status active), now: how many of each level, and the newest. */
export async function activeAlerts(
  db: Kysely<DB>,
  newest: number,
): Promise<{ byLevel: { level: AlertLevel; count: number }[]; newest: ActiveAlert[] }> {
  const counts = await db
    .selectFrom('alerts')
    .select(['level', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', '=', 'active')
    .groupBy('level')
    .execute();
  const rows = await db
    .selectFrom('alerts as a')
    .innerJoin('alert_rules as r', 'r.id', 'a.rule_id')
    .select(['a.id', 'r.name', 'a.level', 'a.matched_count', 'a.last_triggered_at'])
    .where('a.status', '=', 'active')
    .orderBy('a.last_triggered_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(newest)
    .execute();
  const byLevel = new Map(counts.map((c) => [c.level, Number(c.n)]));
  return {
    // Most severe first, every level present so the colours stay put.
    byLevel: LEVELS.map((level) => ({ level, count: byLevel.get(level) ?? 0 })),
    newest: rows.map((r) => ({
      id: r.id,
      ruleName: r.name,
      level: r.level,
      matchedCount: r.matched_count,
      triggeredAt: r.last_triggered_at.toISOString(),
    })),
  };
}
