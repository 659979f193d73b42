import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { containsPattern } from '../../db/like.js';
import { paginate, type PageResult } from '../../db/paginate.js';
import type { DB, WatchKind, WatchPeriodsTable } from '../../db/schema.js';
import type {
  SourceOption,
  WatchDuty,
  WatchPeriodListQuery,
  WatchPeriodSummary,
  WatchSource,
  WatchStatus,
} from './watch.schemas.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The kinds of source a fetcher reads, and so the only ones a watch period can speed up. */
export const FETCHABLE_KINDS = ['rss', 'html', 'json'] as const;

export function statusOn(
  period: { starts_on: string; ends_on: string },
  today: string,
): WatchStatus {
  if (period.starts_on > today) return 'upcoming';
  if (period.ends_on < today) return 'ended';
  return 'active';
}

interface PeriodRow {
  id: number;
  name: string;
  kind: WatchKind;
  starts_on: string;
  ends_on: string;
  interval_minutes: number;
  note: string | null;
  created_at: Date;
  updated_at: Date;
  source_count: number;
  duty_count: number;
}

function summaryQuery(db: Db) {
  return db.selectFrom('watch_periods as w').select([
    'w.id',
    'w.name',
    'w.kind',
    'w.starts_on',
    'w.ends_on',
    'w.interval_minutes',
    'w.note',
    'w.created_at',
    'w.updated_at',
    (eb) =>
      eb
        .selectFrom('watch_period_sources as ws')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('ws.period_id', '=', 'w.id')
        .as('source_count'),
    (eb) =>
      eb
        .selectFrom('watch_duties as d')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('d.period_id', '=', 'w.id')
        .as('duty_count'),
  ]);
}

function toSummary(r: PeriodRow, today: string): WatchPeriodSummary {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    intervalMinutes: r.interval_minutes,
    note: r.note,
    status: statusOn(r, today),
    sourceCount: Number(r.source_count),
    dutyCount: Number(r.duty_count),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Periods not yet ended first (the nearest start first), then ended ones, latest first. */
export async function listWatchPeriods(
  db: Db,
  query: WatchPeriodListQuery,
  today: string,
): Promise<PageResult<WatchPeriodSummary>> {
  let q = summaryQuery(db);
  switch (query.status) {
    case 'active':
      q = q.where('w.starts_on', '<=', today).where('w.ends_on', '>=', today);
      break;
    case 'upcoming':
      q = q.where('w.starts_on', '>', today);
      break;
    case 'ended':
      q = q.where('w.ends_on', '<', today);
      break;
    case undefined:
      break;
  }
  const text = query.q?.trim();
  if (text) q = q.where('w.name', 'ilike', containsPattern(text));
  const ordered = q
    .orderBy(sql`case when w.ends_on < ${today} then 1 else 0 end`)
    .orderBy(sql`case when w.ends_on < ${today} then null else w.starts_on end`, 'asc')
    .orderBy('w.ends_on', 'desc')
    .orderBy('w.id', 'desc');
  return paginate(ordered, query, (r) => toSummary(r as PeriodRow, today));
}

export async function getWatchPeriodSummary(
  db: Db,
  id: number,
  today: string,
): Promise<WatchPeriodSummary | undefined> {
  const row = await summaryQuery(db).where('w.id', '=', id).executeTakeFirst();
  return row ? toSummary(row as PeriodRow, today) : undefined;
}

export async function getWatchPeriodRow(
  db: Db,
  id: number,
): Promise<Selectable<WatchPeriodsTable> | undefined> {
  return db.selectFrom('watch_periods').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPeriodSources(db: Db, periodId: number): Promise<WatchSource[]> {
  return db
    .selectFrom('watch_period_sources as ws')
    .innerJoin('sources as s', 's.id', 'ws.source_id')
    .select(['s.id', 's.name', 's.kind', 's.enabled'])
    .where('ws.period_id', '=', periodId)
    .orderBy('s.name')
    .execute();
}

/** The shifts of a period, or of several, in time order, each with the person's name. */
export async function listDuties(
  db: Db,
  periodIds: readonly number[],
): Promise<(WatchDuty & { periodId: number; id: number })[]> {
  if (periodIds.length === 0) return [];
  const rows = await db
    .selectFrom('watch_duties as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select([
      'd.id',
      'd.period_id',
      'd.user_id',
      'u.name as user_name',
      'd.starts_at',
      'd.ends_at',
      'd.note',
    ])
    .where('d.period_id', 'in', periodIds)
    .orderBy('d.starts_at')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    periodId: r.period_id,
    userId: r.user_id,
    userName: r.user_name,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    note: r.note,
  }));
}

/** The periods whose local dates include `date`. */
export async function periodsOn(db: Db, date: string) {
  return db
    .selectFrom('watch_periods')
    .select(['id', 'name', 'kind', 'starts_on', 'ends_on'])
    .where('starts_on', '<=', date)
    .where('ends_on', '>=', date)
    .orderBy('starts_on')
    .orderBy('id')
    .execute();
}

/** Sources a watch period can speed up: enabled and fetched (RSS, HTML list, JSON API). */
export async function listSourceOptions(db: Db): Promise<SourceOption[]> {
  return db
    .selectFrom('sources')
    .select(['id', 'name', 'kind'])
    .where('enabled', '=', true)
    .where('kind', 'in', FETCHABLE_KINDS)
    .orderBy('name')
    .execute();
}

export async function findSources(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('sources')
    .select(['id', 'name', 'kind', 'enabled'])
    .where('id', 'in', ids)
    .execute();
}

export async function findUsers(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'name', 'roles', 'active'])
    .where('id', 'in', ids)
    .execute();
}
