import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PageResult } from '../../db/paginate.js';
import { loadDictionary } from '../../ingest/dictionary.js';
import { segmenter } from '../../ingest/segment.js';
import { urgencyFlags } from '../analysis/urgency/urgency-flags.js';
import { maskContactsInText } from '../cases/mask-contact.js';
import type {
  PostCategoryOption,
  PostDetail,
  PostSearchQuery,
  PostSourceOption,
  PostSummary,
} from './posts.schemas.js';
import { highlightText, positiveTerms, toSearchQuery } from './search-query.js';

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
    'p.sentiment',
    'p.urgent',
    'p.urgency',
    'p.review',
    sql<string | null>`(select k.name from categories k where k.id = p.category_id)`.as('category'),
    // The case registered from this post (the newest, should one have been archived and redone).
    sql<number | null>`(select max(c.id) from cases c where c.post_id = p.id)`.as('case_id'),
  ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/**
 * How a citizen's text is shown: masked (DESIGN §7) unless the caller says the reader handles
 * cases. Masked by default, so that a new caller cannot leak a number by forgetting to ask.
 */
export interface PostTextOptions {
  text?: (text: string) => string;
}

function fields(r: BaseRow, text: (s: string) => string) {
  return {
    id: r.id,
    source: r.source,
    sourceKey: r.source_key,
    title: r.title === null ? null : text(r.title),
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
    category: r.category,
    sentiment: r.sentiment,
    urgent: r.urgent,
    signals: urgencyFlags(r.urgency),
    review: r.review,
  };
}

/**
 * A search reads at most this many of the newest matches, in one scan: they give the exact total
 * when there are fewer, the relevance ranking, and every page a user can reach (pagination stops
 * there). Counting or ranking every match of a common word, about 100,000 of a million posts,
 * costs hundreds of milliseconds; past the window the total is the planner's estimate, shown as
 * "约 N 条", and when the planner expects many matches a page sorted by time is read straight off
 * the posted_at index. A monitor wants what matters now, not the best match of five years ago, so
 * relevance ranks the newest matches.
 */
export const SEARCH_WINDOW = 500;

function filtered(db: Kysely<DB>, query: PostSearchQuery, tsquery: RawBuilder<unknown> | null) {
  let q = db.selectFrom('posts as p');
  if (tsquery) q = q.where(sql<boolean>`p.search @@ ${tsquery}`);
  if (query.source?.startsWith(MANUAL_PREFIX)) {
    // Registered by hand, from the source the monitor named (manual:县长信箱).
    q = q
      .where('p.source_key', '=', 'manual')
      .where('p.source', '=', query.source.slice(MANUAL_PREFIX.length));
  } else if (query.source) q = q.where('p.source_key', '=', query.source);
  if (query.from) q = q.where('p.posted_at', '>=', new Date(query.from));
  if (query.to) q = q.where('p.posted_at', '<', new Date(query.to));
  if (query.collectedFrom) q = q.where('p.created_at', '>=', new Date(query.collectedFrom));
  if (query.collectedTo) q = q.where('p.created_at', '<', new Date(query.collectedTo));
  if (query.category !== undefined) q = q.where('p.category_id', '=', query.category);
  if (query.sentiment) q = q.where('p.sentiment', '=', query.sentiment);
  if (query.urgent !== undefined) q = q.where('p.urgent', '=', query.urgent);
  if (query.topic !== undefined) q = q.where('p.topic_id', '=', query.topic);
  if (query.place) q = q.where(sql<boolean>`p.relevance_terms @> array[${query.place}]::text[]`);
  const relevant = query.relevant ?? 'true';
  if (relevant !== 'all') q = q.where('p.relevant', '=', relevant === 'true');
  if ((query.duplicates ?? 'hide') === 'hide') q = q.where('p.duplicate_of', 'is', null);
  if (query.review === 'pending') {
    // Registered as a case is reviewed too: what is left is what nobody has looked at.
    q = q
      .where('p.review', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('cases as c').select('c.id').whereRef('c.post_id', '=', 'p.id')),
        ),
      );
  } else if (query.review) q = q.where('p.review', '=', query.review);
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

/**
 * Matches counted exactly up to this many: past the window the planner's estimate was the total,
 * and it takes two words as unrelated, so "噪音 扰民" said 约 501 where 1,058 posts matched.
 * Counting stops after this many rows, so a common word costs no more than that.
 */
export const COUNT_CAP = 5000;

/** How many posts match, counted up to `cap` + 1 (more than `cap`: at least that many). */
async function countUpTo(
  db: Kysely<DB>,
  query: PostSearchQuery,
  tsquery: RawBuilder<unknown> | null,
  cap: number,
): Promise<number> {
  const matches = filtered(db, query, tsquery)
    .select(sql<number>`1`.as('one'))
    .limit(cap + 1)
    .as('m');
  const row = await db
    .selectFrom(matches)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The total past the window: counted when the planner expects fewer than COUNT_CAP, else its estimate. */
async function totalPastWindow(
  db: Kysely<DB>,
  query: PostSearchQuery,
  tsquery: RawBuilder<unknown> | null,
  estimate: number,
): Promise<number> {
  const counted = estimate < COUNT_CAP ? await countUpTo(db, query, tsquery, COUNT_CAP) : 0;
  return counted > 0 && counted <= COUNT_CAP
    ? counted
    : Math.max(estimate, counted, SEARCH_WINDOW + 1);
}

/** 舆情信息: full-text search over segmented posts with filters, ranking and highlights. */
export async function searchPosts(
  db: Kysely<DB>,
  query: PostSearchQuery,
  { text = maskContactsInText }: PostTextOptions = {},
): Promise<PageResult<PostSummary> & { estimated: boolean }> {
  const dictionary = query.q?.trim() ? await loadDictionary(db) : null;
  const tsq = dictionary && query.q ? toSearchQuery(query.q, segmenter(dictionary.userWords)) : '';
  const tsquery = tsq ? sql`websearch_to_tsquery('simple', ${tsq})` : null;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const byRelevance = (query.sort ?? (tsquery ? 'relevance' : 'time')) === 'relevance' && !!tsquery;
  const estimate = await estimateMatches(db, query, tsquery);
  let chosen: { id: number; rank: number }[];
  let total: number;
  let estimated: boolean;
  if (estimate > 2 * SEARCH_WINDOW && !byRelevance) {
    // Many matches, newest first: the page straight off the posted_at index, the total estimated.
    const offset = (page - 1) * pageSize;
    const rows = await filtered(db, query, tsquery)
      .select('p.id')
      .orderBy('p.posted_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute();
    chosen = rows.map((r) => ({ id: r.id, rank: 0 }));
    // The planner can be far off: a short page says how many there really are.
    estimated = rows.length === pageSize || rows.length === 0;
    total = estimated ? await totalPastWindow(db, query, tsquery, estimate) : offset + rows.length;
  } else {
    const newest = filtered(db, query, tsquery)
      .select(['p.id', 'p.posted_at', 'p.search'])
      .orderBy('p.posted_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(SEARCH_WINDOW + 1)
      .as('w');
    // Ranked after the limit: each match's tsvector is read for the match anyway, but ranking
    // only the window's rows halves the time for a two-word query on a million posts.
    const window = await db
      .selectFrom(newest)
      .select([
        'w.id',
        byRelevance && tsquery
          ? sql<number>`ts_rank(w.search, ${tsquery})`.as('rank')
          : sql<number>`0`.as('rank'),
      ])
      .orderBy('w.posted_at', 'desc')
      .orderBy('w.id', 'desc')
      .execute();
    estimated = window.length > SEARCH_WINDOW;
    total = estimated ? await totalPastWindow(db, query, tsquery, estimate) : window.length;
    const candidates = window.slice(0, SEARCH_WINDOW).map((r, i) => ({
      id: r.id,
      rank: Number(r.rank),
      newness: i,
    }));
    // Stable: equal ranks keep the newest first.
    if (byRelevance) candidates.sort((a, b) => b.rank - a.rank || a.newness - b.newness);
    chosen = candidates.slice((page - 1) * pageSize, page * pageSize);
  }
  // Matches are marked in the post's own text, with its punctuation, not in the segmented copy.
  const terms = positiveTerms(tsq);
  const rows =
    chosen.length === 0
      ? []
      : await baseQuery(db)
          .select(['p.body'])
          .where(
            'p.id',
            'in',
            chosen.map((c) => c.id),
          )
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: chosen.flatMap((c) => {
      const r = byId.get(c.id);
      if (!r) return [];
      // Masked before cutting and marking: a number cut in two would escape the mask, and marks
      // set on the whole text could fall inside it. The search itself runs on the stored text, so
      // a post is still found by its number; the mark is then simply absent.
      const body = text(r.body);
      return [
        {
          ...fields(r, text),
          excerpt: body.slice(0, 200),
          highlight: highlightText(body, terms),
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

/** One post; contact details in its text are masked unless the reader handles cases. */
export async function getPost(
  db: Kysely<DB>,
  id: number,
  { text = maskContactsInText }: PostTextOptions = {},
): Promise<PostDetail | null> {
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
    ...fields(r, text),
    body: text(r.body),
    canonicalUrl: r.canonical_url,
    duplicateCount: Number(r.duplicate_count ?? 0),
  };
}

/**
 * Source keys that are no source, with their names: `manual` is a message a monitor registered
 * as a case directly (受理), which never went through a source.
 */
export const NON_SOURCE_KEYS: Record<string, string> = { manual: '受理登记' };

/** A filter key for cases registered by hand from one named source: manual:县长信箱. */
const MANUAL_PREFIX = 'manual:';
/** The named sources of registered cases offered as filters, at most. */
const MANUAL_SOURCES = 50;

/** The sources, then the keys that are no source but that posts carry, to filter 舆情信息 by. */
export async function postSourceOptions(db: Kysely<DB>): Promise<PostSourceOption[]> {
  const rows = await db
    .selectFrom('sources')
    .select(['id', 'name', 'kind', 'enabled'])
    .orderBy('enabled', 'desc')
    .orderBy('name')
    .execute();
  const options: PostSourceOption[] = rows.map((r) => ({
    key: `source:${r.id}`,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled,
  }));
  // Cases registered by hand, by the source the monitor named: 县长信箱（受理登记）.
  const named = await db
    .selectFrom('posts')
    .select('source')
    .distinct()
    .where('source_key', '=', 'manual')
    .orderBy('source')
    .limit(MANUAL_SOURCES)
    .execute();
  if (named.length > 0)
    options.push({
      key: 'manual',
      name: `${NON_SOURCE_KEYS.manual}（全部）`,
      kind: 'manual',
      enabled: true,
    });
  for (const { source } of named)
    options.push({
      key: `${MANUAL_PREFIX}${source}`,
      name: `${source}（${NON_SOURCE_KEYS.manual}）`,
      kind: 'manual',
      enabled: true,
    });
  return options;
}

export async function postCategoryOptions(db: Kysely<DB>): Promise<PostCategoryOption[]> {
  return db
    .selectFrom('categories')
    .select(['id', 'name', 'active'])
    .orderBy('active', 'desc')
    .orderBy('position')
    .orderBy('id')
    .execute();
}
