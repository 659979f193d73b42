import { sql, type Kysely, type Transaction } from 'kysely';
import { paginate, type PageResult } from '../../db/paginate.js';
import type { DB } from '../../db/schema.js';
import type { SourceDetail, SourceListQuery, SourceRun, SourceSummary } from './sources.schemas.js';

/** Posts of a source carry this key (and the source's name as posts.source). */
export const sourceKeyOf = (id: number): string => `source:${id}`;

function baseQuery(db: Kysely<DB> | Transaction<DB>) {
  return db
    .selectFrom('sources as s')
    .selectAll('s')
    .select(
      sql<number>`(select count(*) from posts p where p.source_key = 'source:' || s.id)`.as(
        'post_count',
      ),
    );
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function health(r: Row): SourceSummary['health'] {
  if (r.last_error_at && (!r.last_success_at || r.last_error_at > r.last_success_at)) {
    return 'failed';
  }
  if (!r.last_success_at) return 'never';
  return r.last_warning ? 'warning' : 'ok';
}

function toSummary(r: Row): SourceSummary {
  return {
    id: Number(r.id),
    name: r.name,
    kind: r.kind,
    url: r.url,
    intervalMinutes: r.interval_minutes,
    enabled: r.enabled,
    nextRunAt: iso(r.next_run_at),
    lastRunAt: iso(r.last_run_at),
    lastSuccessAt: iso(r.last_success_at),
    lastErrorAt: iso(r.last_error_at),
    lastError: r.last_error,
    lastWarning: r.last_warning,
    lastFound: r.last_found,
    lastNew: r.last_new,
    health: health(r),
    postCount: Number(r.post_count),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** 信息源: fetched sources first by name, each with its health as the last run left it. */
export async function listSources(
  db: Kysely<DB>,
  query: SourceListQuery,
): Promise<PageResult<SourceSummary>> {
  let q = baseQuery(db);
  if (query.kind) q = q.where('s.kind', '=', query.kind);
  if (query.enabled) q = q.where('s.enabled', '=', query.enabled === 'true');
  const name = query.name?.trim();
  if (name) q = q.where('s.name', 'ilike', `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  q = q.orderBy('s.enabled', 'desc').orderBy('s.name').orderBy('s.id');
  return paginate(q, query, toSummary);
}

export async function getSourceSummary(
  db: Kysely<DB> | Transaction<DB>,
  id: number,
): Promise<(SourceSummary & { config: Record<string, unknown> }) | null> {
  const r = await baseQuery(db).where('s.id', '=', id).executeTakeFirst();
  if (!r) return null;
  return { ...toSummary(r), config: asRecord(r.config) };
}

export async function getSource(db: Kysely<DB>, id: number): Promise<SourceDetail | null> {
  const summary = await getSourceSummary(db, id);
  if (!summary) return null;
  const runs = await db
    .selectFrom('source_runs')
    .selectAll()
    .where('source_id', '=', id)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return {
    ...summary,
    runs: runs.map((r): SourceRun => ({
      id: Number(r.id),
      trigger: r.trigger,
      status: r.status,
      startedAt: r.started_at.toISOString(),
      finishedAt: iso(r.finished_at),
      pages: r.pages,
      notModified: r.not_modified,
      robotsBlocked: r.robots_blocked,
      found: r.found,
      new: r.new,
      duplicates: r.duplicates,
      nearDuplicates: r.near_duplicates,
      error: r.error,
      warnings: r.warnings,
    })),
  };
}

export function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return asRecord(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
