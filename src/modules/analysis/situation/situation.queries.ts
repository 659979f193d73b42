import { sql, type Kysely } from 'kysely';
import type { DB, Sentiment } from '../../../db/schema.js';
import { OPEN_STATES } from '../../cases/case-status.js';
import { NON_SOURCE_KEYS } from '../../posts/posts.queries.js';
import { STOPWORDS } from '../../../nlp/keywords.js';

/** The posts a period's figures count: as 舆情信息 lists them by default, relevant originals. */
export interface PostScope {
  start: Date;
  end: Date;
  /**
   * Count posts by when they were collected (created_at) rather than posted: a daily report
   * covers what came in since the previous one, so a post collected late is still reported once.
   */
  collected?: boolean | undefined;
}

/** The time a scope counts a post at. */
export const postTime = (s: PostScope) => sql.ref(s.collected ? 'p.created_at' : 'p.posted_at');

export const inScope = (s: PostScope) =>
  sql<boolean>`${postTime(s)} >= ${s.start} and ${postTime(s)} < ${s.end}
    and p.relevant and p.duplicate_of is null`;

export interface VolumeRow {
  day: string;
  sourceKey: string;
  categoryId: number | null;
  sentiment: Sentiment | null;
  posts: number;
  urgent: number;
}

/** Posts per local day, source, category and sentiment: every volume series and total in one scan. */
export async function volumeRows(
  db: Kysely<DB>,
  scope: PostScope,
  timeZone: string,
): Promise<VolumeRow[]> {
  const day = sql<string>`to_char(${postTime(scope)} at time zone ${timeZone}, 'YYYY-MM-DD')`;
  const { rows } = await sql<{
    day: string;
    source_key: string;
    category_id: number | string | null;
    sentiment: Sentiment | null;
    posts: number | string;
    urgent: number | string;
  }>`select ${day} as day, coalesce(p.source_key, '') as source_key, p.category_id, p.sentiment,
      count(*) as posts, count(*) filter (where p.urgent) as urgent
    from posts p
    where ${inScope(scope)}
    group by 1, 2, 3, 4`.execute(db);
  return rows.map((r) => ({
    day: r.day,
    sourceKey: r.source_key,
    categoryId: r.category_id === null ? null : Number(r.category_id),
    sentiment: r.sentiment,
    posts: Number(r.posts),
    urgent: Number(r.urgent),
  }));
}

/**
 * Cases registered by hand (source key `manual`, register-case.ts) by the source the monitor
 * named (县长信箱, 12345热线 …): reports name where a message came from, not how it was entered.
 */
export async function manualSourceCounts(
  db: Kysely<DB>,
  scope: PostScope,
): Promise<{ source: string; posts: number }[]> {
  const { rows } = await sql<{ source: string; posts: number | string }>`
    select coalesce(nullif(trim(p.source), ''), '') as source, count(*) as posts
    from posts p
    where ${inScope(scope)} and p.source_key = 'manual'
    group by 1`.execute(db);
  return rows.map((r) => ({ source: r.source, posts: Number(r.posts) }));
}

/**
 * Display names of the source keys seen: the source's name, a name of our own for keys that are
 * no source, else the name the posts carry.
 */
export async function sourceNames(
  db: Kysely<DB>,
  scope: PostScope,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const ids = keys.flatMap((k) => (/^source:\d+$/.test(k) ? [Number(k.slice(7))] : []));
  if (ids.length > 0) {
    const rows = await db
      .selectFrom('sources')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) names.set(`source:${r.id}`, r.name);
  }
  for (const k of keys) {
    const own = NON_SOURCE_KEYS[k];
    if (own && !names.has(k)) names.set(k, own);
  }
  const others = keys.filter((k) => !names.has(k));
  if (others.length > 0) {
    const { rows } = await sql<{ key: string; name: string }>`
      select coalesce(p.source_key, '') as key, min(p.source) as name
      from posts p
      where ${inScope(scope)} and coalesce(p.source_key, '') in (${sql.join(others)})
      group by 1`.execute(db);
    for (const r of rows) names.set(r.key, r.name);
  }
  return names;
}

export async function categoryNames(db: Kysely<DB>): Promise<Map<number, string>> {
  const rows = await db.selectFrom('categories').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Key words: in how many of the period's newest posts each word occurs. The scan is capped, so a
 * year of a busy jurisdiction costs the same as a month. Each post's distinct candidate words are
 * stored with it (posts.words, 0022); a post stored before that and not yet segmented again has
 * them computed from its segmented text by the same function. The jurisdiction's place names are
 * left to 涉及地点 (placeCounts): among the key words they took the places of what the posts were
 * about. Segmentation writes words in lower case (segment.ts), so A3区 is the word a3区.
 */
export async function keywordCounts(
  db: Kysely<DB>,
  scope: PostScope,
  opts: { scan: number; limit: number },
): Promise<{ word: string; count: number }[]> {
  const { rows } = await sql<{ word: string; count: number | string }>`
    with newest as (
      select coalesce(p.words, post_words(p.segmented)) as words from posts p
      where ${inScope(scope)}
      order by p.posted_at desc, p.id desc
      limit ${opts.scan}
    )
    select w.word, count(*) as count
    from newest n cross join lateral unnest(n.words) as w(word)
    where w.word not in (${sql.join(STOPWORDS)})
      and w.word not in (select lower(j.term) from jurisdiction_terms j where j.kind = 'place')
    group by w.word
    order by count(*) desc, w.word
    limit ${opts.limit}`.execute(db);
  return rows.map((r) => ({ word: r.word, count: Number(r.count) }));
}

/** Posts per place: the jurisdiction's place names among the terms that made each post relevant. */
export async function placeCounts(
  db: Kysely<DB>,
  scope: PostScope,
  limit: number,
): Promise<{ place: string; count: number }[]> {
  const { rows } = await sql<{ place: string; count: number | string }>`
    select t.term as place, count(*) as count
    from posts p cross join lateral unnest(p.relevance_terms) as t(term)
    where ${inScope(scope)}
      and t.term in (select j.term from jurisdiction_terms j where j.kind = 'place')
    group by t.term
    order by count(*) desc, t.term
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ place: r.place, count: Number(r.count) }));
}

/** Cases still owing their public reply (OPEN_STATES), now: not bound to the period. */
export async function openCaseCount(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('state', 'in', OPEN_STATES)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Open cases per unit on their slip (lead or co-unit), as the supervision board lists them:
 * a case registered but not yet assigned has no unit yet.
 */
export async function openCasesByUnit(
  db: Kysely<DB>,
): Promise<{ unitId: number; unitName: string; count: number }[]> {
  const rows = await db
    .selectFrom('cases as c')
    .innerJoin('case_units as cu', 'cu.case_id', 'c.id')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .select(['u.id', 'u.name', 'u.sort_order'])
    .select((eb) => eb.fn.count<number | string>('c.id').distinct().as('n'))
    .where('c.state', 'in', OPEN_STATES)
    .groupBy(['u.id', 'u.name', 'u.sort_order'])
    .orderBy(sql`count(distinct c.id)`, 'desc')
    .orderBy('u.sort_order')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ unitId: r.id, unitName: r.name, count: Number(r.n) }));
}
