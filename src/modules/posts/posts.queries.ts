import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PageResult } from '../../db/paginate.js';
import { loadDictionary } from '../../ingest/dictionary.js';
import { segmenter } from '../../ingest/segment.js';
import type { PostDetail, PostSearchQuery, PostSummary } from './posts.schemas.js';
import { MARK_END, MARK_START, renderHighlight, toSearchQuery } from './search-query.js';

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

function baseQuery(db: Kysely<DB>) {
  return db.selectFrom('posts as p').select([
    'p.id',
    'p.source',
    'p.source_key',
    'p.title',
    'p.url',
    'p.author',
    'p.posted_at',
    'p.relevant',
    'p.relevance_terms',
    'p.duplicate_of',
    'p.duplicate_kind',
    'p.likes',
    'p.dislikes',
    // The case registered from this post (the newest, should one have been archived and redone).
    sql<number | null>`(select max(c.id) from cases c where c.post_id = p.id)`.as('case_id'),
  ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function fields(r: BaseRow) {
  return {
    id: r.id,
    source: r.source,
    sourceKey: r.source_key,
    title: r.title,
    url: r.url,
    author: r.author,
    postedAt: r.posted_at.toISOString(),
    relevant: r.relevant,
    relevanceTerms: r.relevance_terms,
    duplicateOf: r.duplicate_of,
    duplicateKind: r.duplicate_kind,
    likes: r.likes,
    dislikes: r.dislikes,
    caseId: r.case_id === null ? null : Number(r.case_id),
  };
}

/**
 * A search reads at most this many of the newest matches, in one scan of the posted_at index:
 * they give the exact total when there are fewer, the relevance ranking, and every page a user
 * can reach (pagination stops there). Counting or ranking every match of a common word, about
 * 100,000 of a million posts, costs hundreds of milliseconds; past the cap the total is the
 * planner's estimate, shown as "约 N 条". A monitor wants what matters now, not the best match of
 * five years ago, so relevance ranks the newest matches.
 */
export const SEARCH_WINDOW = 1000;

function filtered(db: Kysely<DB>, query: PostSearchQuery, tsquery: RawBuilder<unknown> | null) {
  let q = db.selectFrom('posts as p');
  if (tsquery) q = q.where(sql<boolean>`p.search @@ ${tsquery}`);
  if (query.source) q = q.where('p.source_key', '=', query.source);
  if (query.from) q = q.where('p.posted_at', '>=', new Date(query.from));
  if (query.to) q = q.where('p.posted_at', '<', new Date(query.to));
  const relevant = query.relevant ?? 'true';
  if (relevant !== 'all') q = q.where('p.relevant', '=', relevant === 'true');
  if ((query.duplicates ?? 'hide') === 'hide') q = q.where('p.duplicate_of', 'is', null);
  return q;
}

/** The planner's row estimate for a search, for totals past the window. */
async function estimateMatches(
  db: Kysely<DB>,
  query: PostSearchQuery,
  tsquery: RawBuilder<unknown> | null,
): Promise<number> {
  const compiled = filtered(db, query, tsquery)
    .select(sql<number>`1`.as('one'))
    .compile();
  const plan = await db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
  );
  const raw = plan.rows[0]?.['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [
    { Plan?: { 'Plan Rows'?: number } },
  ];
  return Math.round(parsed[0]?.Plan?.['Plan Rows'] ?? 0);
}

/** 舆情信息: full-text search over segmented posts with filters, ranking and highlights. */
export async function searchPosts(
  db: Kysely<DB>,
  query: PostSearchQuery,
): Promise<PageResult<PostSummary> & { estimated: boolean }> {
  const dictionary = query.q?.trim() ? await loadDictionary(db) : null;
  const tsq = dictionary && query.q ? toSearchQuery(query.q, segmenter(dictionary.userWords)) : '';
  const tsquery = tsq ? sql`websearch_to_tsquery('simple', ${tsq})` : null;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const byRelevance = (query.sort ?? (tsquery ? 'relevance' : 'time')) === 'relevance' && !!tsquery;
  const rank = byRelevance && tsquery ? sql<number>`ts_rank(p.search, ${tsquery})` : sql<number>`0`;
  const window = await filtered(db, query, tsquery)
    .select(['p.id', rank.as('rank')])
    .orderBy('p.posted_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(SEARCH_WINDOW + 1)
    .execute();
  const estimated = window.length > SEARCH_WINDOW;
  const candidates = window.slice(0, SEARCH_WINDOW).map((r, i) => ({
    id: r.id,
    rank: Number(r.rank),
    newness: i,
  }));
  // Stable: equal ranks keep the newest first.
  if (byRelevance) candidates.sort((a, b) => b.rank - a.rank || a.newness - b.newness);
  const chosen = candidates.slice((page - 1) * pageSize, page * pageSize);
  const headline = tsquery
    ? sql<string>`ts_headline('simple', p.segmented, ${tsquery}, ${HEADLINE_OPTIONS})`
    : sql<string | null>`null`;
  const [rows, total] = await Promise.all([
    chosen.length === 0
      ? Promise.resolve([])
      : baseQuery(db)
          .select([sql<string>`left(p.body, 200)`.as('excerpt'), headline.as('headline')])
          .where(
            'p.id',
            'in',
            chosen.map((c) => c.id),
          )
          .execute(),
    estimated
      ? estimateMatches(db, query, tsquery).then((n) => Math.max(n, SEARCH_WINDOW + 1))
      : Promise.resolve(window.length),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: chosen.flatMap((c) => {
      const r = byId.get(c.id);
      if (!r) return [];
      return [
        {
          ...fields(r),
          excerpt: r.excerpt,
          highlight: r.headline === null ? null : renderHighlight(r.headline),
          rank: byRelevance ? c.rank : null,
        },
      ];
    }),
    total,
    estimated,
    page,
    pageSize,
  };
}

/** One post; its contact details stay out (they belong to the case, for those handling it). */
export async function getPost(db: Kysely<DB>, id: number): Promise<PostDetail | null> {
  const r = await baseQuery(db)
    .select([
      'p.body',
      'p.canonical_url',
      (eb) =>
        eb
          .selectFrom('posts as d')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('d.duplicate_of', '=', 'p.id')
          .as('duplicate_count'),
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    ...fields(r),
    body: r.body,
    canonicalUrl: r.canonical_url,
    duplicateCount: Number(r.duplicate_count ?? 0),
  };
}
