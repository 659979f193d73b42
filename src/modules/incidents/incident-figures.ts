import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { IncidentSnapshot } from '../../db/schema-incidents.js';

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
 * The incident's figures now, from its linked posts: volume per local day, spread over sources
 * (most first), sentiment counts, and how many cases are linked. An assessment stores them as
 * they were when it was made.
 */
export async function incidentFigures(
  db: Kysely<DB>,
  incidentId: number,
  timeZone: string,
): Promise<IncidentSnapshot> {
  const linked = db
    .selectFrom('incident_posts as ip')
    .innerJoin('posts as p', 'p.id', 'ip.post_id')
    .where('ip.incident_id', '=', incidentId);
  const day = sql<string>`to_char(p.posted_at at time zone ${timeZone}, 'YYYY-MM-DD')`;
  const [volume, sources, sentiment, span, cases] = await Promise.all([
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
  ]);
  const counts = { negative: 0, neutral: 0, positive: 0, unknown: 0 };
  for (const s of sentiment) counts[s.sentiment ?? 'unknown'] += Number(s.n);
  const time = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  return {
    posts: Number(span.n),
    volume: fillDays(volume.map((v) => ({ day: v.day, posts: Number(v.n) }))),
    sources: sources.map((s) => ({ source: s.source, posts: Number(s.n) })),
    sentiment: counts,
    cases: Number(cases.n),
    firstPostAt: time(span.first),
    lastPostAt: time(span.last),
  };
}
