import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { paginate, type PageResult } from '../../db/paginate.js';
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

/** 舆情信息: full-text search over segmented posts with filters, ranking and highlights. */
export async function searchPosts(
  db: Kysely<DB>,
  query: PostSearchQuery,
): Promise<PageResult<PostSummary>> {
  const dictionary = query.q?.trim() ? await loadDictionary(db) : null;
  const tsq = dictionary && query.q ? toSearchQuery(query.q, segmenter(dictionary.userWords)) : '';
  const tsquery = sql`websearch_to_tsquery('simple', ${tsq})`;
  const rank = tsq ? sql<number>`ts_rank(p.search, ${tsquery})` : sql<number | null>`null`;
  const headline = tsq
    ? sql<string>`ts_headline('simple', p.segmented, ${tsquery}, ${HEADLINE_OPTIONS})`
    : sql<string | null>`null`;
  let q = baseQuery(db).select([
    sql<string>`left(p.body, 200)`.as('excerpt'),
    rank.as('rank'),
    headline.as('headline'),
  ]);
  if (tsq) q = q.where(sql<boolean>`p.search @@ ${tsquery}`);
  if (query.source) q = q.where('p.source_key', '=', query.source);
  if (query.from) q = q.where('p.posted_at', '>=', new Date(query.from));
  if (query.to) q = q.where('p.posted_at', '<', new Date(query.to));
  const relevant = query.relevant ?? 'true';
  if (relevant !== 'all') q = q.where('p.relevant', '=', relevant === 'true');
  if ((query.duplicates ?? 'hide') === 'hide') q = q.where('p.duplicate_of', 'is', null);
  const sort = query.sort ?? (tsq ? 'relevance' : 'time');
  if (sort === 'relevance' && tsq) q = q.orderBy(rank, 'desc');
  q = q.orderBy('p.posted_at', 'desc').orderBy('p.id', 'desc');
  return paginate(q, query, (r) => ({
    ...fields(r),
    excerpt: r.excerpt,
    highlight: r.headline === null ? null : renderHighlight(r.headline),
    rank: r.rank === null ? null : Number(r.rank),
  }));
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
