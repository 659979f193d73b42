import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Period } from '../cases/stats/period.js';
import { titleOf } from '../cases/cases.queries.js';
import type { NotablePost } from './report.schemas.js';
import { inScope, type PostScope } from '../analysis/situation/situation.queries.js';

/**
 * SQL only. The posts a report counts are those the 舆情态势 page counts
 * (src/modules/analysis/situation/situation.queries.ts): posted in the period (a daily report:
 * collected in its span), relevant to the jurisdiction, originals (not duplicates).
 */
const inPeriod = inScope;

/**
 * Cases registered (受理) in the period, cases whose reply was published in it, and of those the
 * ones published by the public reply deadline (3 days after the post, or the granted extension):
 * the government's own on-time figure, beside the units' (which are judged by their slips).
 */
export async function caseCounts(
  db: Kysely<DB>,
  period: Period,
): Promise<{ registered: number; published: number; publishedOnTime: number }> {
  const { rows } = await sql<{
    registered: number | string;
    published: number | string;
    on_time: number | string;
  }>`
    select
      (select count(*) from cases c
        where c.registered_at >= ${period.start} and c.registered_at < ${period.end}) as registered,
      (select count(*) from cases c
        where c.published_at >= ${period.start} and c.published_at < ${period.end}) as published,
      (select count(*) from cases c
        where c.published_at >= ${period.start} and c.published_at < ${period.end}
          and c.published_at <= c.reply_due_at) as on_time
  `.execute(db);
  const r = rows[0];
  return {
    registered: Number(r?.registered ?? 0),
    published: Number(r?.published ?? 0),
    publishedOnTime: Number(r?.on_time ?? 0),
  };
}

/**
 * 首次响应: as on the case page (cases.queries.ts), from the post's time to the earlier of the
 * acknowledgement (已收悉) and the published reply, over the cases registered in the period that
 * have had one.
 */
export async function firstResponse(
  db: Kysely<DB>,
  period: Period,
): Promise<{ count: number; medianMinutes: number | null; averageMinutes: number | null }> {
  const { rows } = await sql<{
    n: number | string;
    median: number | string | null;
    average: number | string | null;
  }>`
    with r as (
      select extract(epoch from least(c.acknowledged_at, c.published_at) - p.posted_at) / 60 as minutes
      from cases c join posts p on p.id = c.post_id
      where c.registered_at >= ${period.start} and c.registered_at < ${period.end}
        and coalesce(c.acknowledged_at, c.published_at) is not null
    )
    select count(*) as n,
      percentile_cont(0.5) within group (order by minutes) as median,
      avg(minutes) as average
    from r`.execute(db);
  const r = rows[0];
  const round = (v: number | string | null | undefined) =>
    v === null || v === undefined ? null : Math.round(Number(v));
  return {
    count: Number(r?.n ?? 0),
    medianMinutes: round(r?.median),
    averageMinutes: round(r?.average),
  };
}

/** 研判 of the posts a daily report counts, as the database says at `now`. */
export interface ReviewCounts {
  collected: number;
  read: number;
  dismissed: number;
  registered: number;
  pending: number;
  urgentPending: number;
  /** Collected before the span and still waiting: yesterday's leftovers. */
  pendingEarlier: number;
}

/**
 * 研判 of the posts collected in a daily report's span (the posts it counts, inScope), each in
 * one bucket, as 舆情信息's 研判 filter sorts them: registered as a case (a case is its own mark,
 * whatever else the post carries), else 已阅 or 不予处理, else 待研判; and the posts collected
 * earlier that still wait. Marks and cases made after `now` do not count yet, so a report made
 * again for a past day under the injected clock says what was known at its time.
 *
 * The earlier ones still waiting are those with no mark, or a mark only after `now` or with no
 * time. They are counted in those three parts, each over its partial index (migration 0025): the
 * unmarked ones in an index-only count over posts_awaiting_review, small once the monitors keep
 * up, the others over posts_reviewed; no part reads every post ever collected.
 */
export async function reviewCounts(
  db: Kysely<DB>,
  period: PostScope,
  now: Date,
): Promise<ReviewCounts> {
  const registered = sql<boolean>`exists (select 1 from cases c
    where c.post_id = p.id and c.registered_at <= ${now})`;
  const marked = (mark: 'read' | 'dismissed') =>
    sql<boolean>`p.review = ${mark} and p.reviewed_at <= ${now}`;
  const earlier = sql<boolean>`p.created_at < ${period.start} and p.relevant
    and p.duplicate_of is null`;
  const { rows } = await sql<{
    kind: 'span' | 'earlier';
    registered: boolean;
    review: 'read' | 'dismissed' | null;
    urgent: boolean;
    n: number | string;
  }>`
    select 'span' as kind, ${registered} as registered,
      case when ${marked('read')} then 'read' when ${marked('dismissed')} then 'dismissed' end
        as review,
      p.urgent, count(*) as n
    from posts p
    where ${inScope(period)}
    group by 2, 3, 4
    union all
    select 'earlier', false, null, false, count(*) from posts p
    where ${earlier} and p.review is null and not ${registered}
    union all
    select 'earlier', false, null, false, count(*) from posts p
    where ${earlier} and p.review is not null and p.reviewed_at > ${now} and not ${registered}
    union all
    select 'earlier', false, null, false, count(*) from posts p
    where ${earlier} and p.review is not null and p.reviewed_at is null
      and not ${registered}`.execute(db);
  const counts: ReviewCounts = {
    collected: 0,
    read: 0,
    dismissed: 0,
    registered: 0,
    pending: 0,
    urgentPending: 0,
    pendingEarlier: 0,
  };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.kind === 'earlier') {
      counts.pendingEarlier += n;
      continue;
    }
    counts.collected += n;
    if (r.registered) counts.registered += n;
    else if (r.review) counts[r.review] += n;
    else {
      counts.pending += n;
      if (r.urgent) counts.urgentPending += n;
    }
  }
  return counts;
}

/** Whether a table exists: the reports read tables that other modules may not have created yet. */
export async function tableExists(db: Kysely<DB>, table: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    select exists (
      select 1 from information_schema.tables
      where table_schema = current_schema() and table_name = ${table}
    ) as found`.execute(db);
  return rows[0]?.found === true;
}

/**
 * 舆情事件 opened in the period per level, and those closed in it. Written against
 * incidents (level, opened_at, closed_at) only; the caller checks the table exists.
 */
export async function incidentCounts(
  db: Kysely<DB>,
  period: Period,
): Promise<{ byLevel: Map<string, number>; closed: number }> {
  const { rows } = await sql<{ level: string | null; n: number | string }>`
    select i.level, count(*) as n from incidents i
    where i.opened_at >= ${period.start} and i.opened_at < ${period.end}
    group by i.level
    union all
    select null, count(*) from incidents i
    where i.closed_at >= ${period.start} and i.closed_at < ${period.end}`.execute(db);
  const byLevel = new Map<string, number>();
  let closed = 0;
  for (const r of rows) {
    if (r.level === null) closed = Number(r.n);
    else byLevel.set(r.level, Number(r.n));
  }
  return { byLevel, closed };
}

/**
 * The incidents opened or closed in the period, in the order they were opened: a report names
 * them. A closing after the period's end is not its business (closedAt null: still open then).
 */
export async function incidentList(
  db: Kysely<DB>,
  period: Period,
  limit: number,
): Promise<
  { id: number; title: string; level: string; openedAt: string; closedAt: string | null }[]
> {
  const rows = await db
    .selectFrom('incidents as i')
    .select(['i.id', 'i.title', 'i.level', 'i.opened_at', 'i.closed_at'])
    .where((eb) =>
      eb.or([
        eb.and([eb('i.opened_at', '>=', period.start), eb('i.opened_at', '<', period.end)]),
        eb.and([eb('i.closed_at', '>=', period.start), eb('i.closed_at', '<', period.end)]),
      ]),
    )
    .orderBy('i.opened_at')
    .orderBy('i.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    level: r.level,
    openedAt: new Date(r.opened_at).toISOString(),
    closedAt:
      r.closed_at && new Date(r.closed_at) < period.end
        ? new Date(r.closed_at).toISOString()
        : null,
  }));
}

/** The hot topics with most posts in the period. */
export async function topTopics(
  db: Kysely<DB>,
  period: PostScope,
  limit: number,
): Promise<{ id: number; label: string; keywords: string[]; posts: number }[]> {
  const { rows } = await sql<{
    id: number;
    label: string;
    keywords: string[];
    posts: number | string;
  }>`
    select t.id, t.label, t.keywords, n.posts
    from (
      select p.topic_id, count(*) as posts from posts p
      where ${inPeriod(period)} and p.topic_id is not null
      group by p.topic_id
    ) n
    join topics t on t.id = n.topic_id
    order by n.posts desc, t.heat_rank desc, t.id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({
    id: Number(r.id),
    label: r.label,
    keywords: r.keywords.slice(0, 8),
    posts: Number(r.posts),
  }));
}

export type NotableKind = 'mostLiked' | 'urgent' | 'negative';

const NOTABLE_ORDER: Record<NotableKind, ReturnType<typeof sql<boolean>>> = {
  mostLiked: sql<boolean>`p.likes > 0`,
  urgent: sql<boolean>`p.urgent`,
  negative: sql<boolean>`p.sentiment = 'negative'`,
};

/**
 * 重点信息: the most liked posts, the urgent ones (newest first) and the negative ones (most
 * liked first) of the period.
 *
 * A period of weeks or more reads its most liked in order from posts_liked (migration 0026). A
 * daily report's posts (by collection time) are instead found first and then sorted: they are a
 * day's, fresh, with few likes yet, and walking posts_liked from the top to reach them would read
 * every more liked post collected before (the planner, guessing they are spread evenly, would).
 */
export async function notablePosts(
  db: Kysely<DB>,
  period: PostScope,
  kind: NotableKind,
  limit: number,
): Promise<NotablePost[]> {
  const order =
    kind === 'urgent'
      ? sql`p.posted_at desc, p.id desc`
      : sql`coalesce(p.likes, 0) desc, p.posted_at desc, p.id desc`;
  const { rows } = await sql<{
    id: number;
    title: string | null;
    body: string;
    source: string;
    posted_at: Date;
    likes: number | null;
    sentiment: string | null;
    urgent: boolean;
    url: string | null;
  }>`
    with found as ${period.collected ? sql`materialized` : sql`not materialized`} (
      select p.id, p.title, left(p.body, 200) as body, p.source, p.posted_at, p.likes, p.sentiment,
        p.urgent, p.url
      from posts p
      where ${inPeriod(period)} and ${NOTABLE_ORDER[kind]}
    )
    select * from found p
    order by ${order}
    limit ${limit}`.execute(db);
  return rows.map((r) => ({
    id: Number(r.id),
    title: titleOf(r.title, r.body),
    source: r.source,
    postedAt: new Date(r.posted_at).toISOString(),
    likes: r.likes,
    sentiment: r.sentiment,
    urgent: r.urgent,
    url: r.url,
  }));
}

/** 值班: the shifts of every watch period that overlap the period, in order. */
export async function dutyShifts(
  db: Kysely<DB>,
  period: Period,
): Promise<
  {
    periodName: string;
    userName: string;
    startsAt: string;
    endsAt: string;
    note: string | null;
  }[]
> {
  const rows = await db
    .selectFrom('watch_duties as d')
    .innerJoin('watch_periods as w', 'w.id', 'd.period_id')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['w.name as period_name', 'u.name as user_name', 'd.starts_at', 'd.ends_at', 'd.note'])
    .where('d.starts_at', '<', period.end)
    .where('d.ends_at', '>', period.start)
    .orderBy('d.starts_at')
    .orderBy('w.id')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    periodName: r.period_name,
    userName: r.user_name,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    note: r.note,
  }));
}
