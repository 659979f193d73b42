import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { IncidentSnapshot, IncidentTrend } from '../../db/schema-incidents.js';
import { localDate } from '../../lib/calendar.js';
import { localTime } from '../reports/report-period.js';

const DAY = 86_400_000;

/** Every local day from the first to the last, with its count (0 where nothing was posted). */
export function fillDays(
  rows: readonly { day: string; posts: number }[],
): IncidentSnapshot['volume'] {
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return [];
  const counts = new Map(rows.map((r) => [r.day, r.posts]));
  const out: IncidentSnapshot['volume'] = [];
  const end = Date.parse(`${last.day}T00:00:00Z`);
  for (let t = Date.parse(`${first.day}T00:00:00Z`); t <= end; t += DAY) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ day, posts: counts.get(day) ?? 0 });
  }
  return out;
}

/**
 * The trend two consecutive 24 hours say: rising or falling when the later differs from the
 * earlier by more than a fifth and by at least 2 posts (a handful of posts is noise), else
 * stable. Whole days would compare a finished day with one just begun.
 */
export function suggestTrend(last24h: number, previous24h: number): IncidentTrend {
  const change = last24h - previous24h;
  if (Math.abs(change) < 2 || Math.abs(change) <= previous24h / 5) return 'stable';
  return change > 0 ? 'rising' : 'falling';
}

/**
 * The incident's figures now, from its linked posts: volume per local day, spread over sources
 * (most first), sentiment counts, and how many cases are linked. An assessment stores them as
 * they were when it was made.
 */
export async function incidentFigures(
  db: Kysely<DB>,
  incidentId: number,
  timeZone: string,
  now: Date,
): Promise<IncidentSnapshot> {
  const linked = db
    .selectFrom('incident_posts as ip')
    .innerJoin('posts as p', 'p.id', 'ip.post_id')
    .where('ip.incident_id', '=', incidentId);
  const day = sql<string>`to_char(p.posted_at at time zone ${timeZone}, 'YYYY-MM-DD')`;
  const dayAgo = new Date(now.getTime() - DAY);
  const twoDaysAgo = new Date(now.getTime() - 2 * DAY);
  const [volume, sources, sentiment, span, cases, recent] = await Promise.all([
    linked
      .select([day.as('day'), (eb) => eb.fn.countAll<string>().as('n')])
      // By position: the time zone is a parameter, so the expression repeated would not match.
      .groupBy(sql`1`)
      .orderBy(sql`1`)
      .execute(),
    linked
      .select(['p.source', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('p.source')
      .orderBy(sql`2`, 'desc')
      .orderBy('p.source')
      .execute(),
    linked
      .select(['p.sentiment', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('p.sentiment')
      .execute(),
    linked
      .select([
        (eb) => eb.fn.min('p.posted_at').as('first'),
        (eb) => eb.fn.max('p.posted_at').as('last'),
        (eb) => eb.fn.countAll<string>().as('n'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('incident_cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('incident_id', '=', incidentId)
      .executeTakeFirstOrThrow(),
    linked
      .select([
        (eb) => eb.fn.countAll<string>().filterWhere('p.posted_at', '>', dayAgo).as('last'),
        (eb) =>
          eb.fn
            .countAll<string>()
            .filterWhere((w) =>
              w.and([w('p.posted_at', '>', twoDaysAgo), w('p.posted_at', '<=', dayAgo)]),
            )
            .as('previous'),
      ])
      .where('p.posted_at', '<=', now)
      .executeTakeFirstOrThrow(),
  ]);
  const counts = { negative: 0, neutral: 0, positive: 0, unknown: 0 };
  for (const s of sentiment) counts[s.sentiment ?? 'unknown'] += Number(s.n);
  const time = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  const days = fillDays(volume.map((v) => ({ day: v.day, posts: Number(v.n) })));
  const last24h = Number(recent.last);
  const previous24h = Number(recent.previous);
  return {
    posts: Number(span.n),
    volume: days,
    sources: sources.map((s) => ({ source: s.source, posts: Number(s.n) })),
    sentiment: counts,
    cases: Number(cases.n),
    firstPostAt: time(span.first),
    lastPostAt: time(span.last),
    lastDayUntil: days.at(-1)?.day === localDate(now, timeZone) ? localTime(now, timeZone) : null,
    last24h,
    previous24h,
    suggestedTrend: suggestTrend(last24h, previous24h),
  };
}
