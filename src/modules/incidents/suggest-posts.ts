import { sql, type RawBuilder } from 'kysely';
import { loadDictionary } from '../../ingest/dictionary.js';
import { segmenter } from '../../ingest/segment.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { toSearchQuery } from '../posts/search-query.js';
import { maskContactsInText } from '../cases/mask-contact.js';
import type { IncidentPost, SuggestedPost, SuggestionReason } from './incidents.schemas.js';

const LIMIT = 50;
/**
 * Posts written this long before the incident was opened are suggested too: in an emergency the
 * incident is opened from one hot topic while citizens' posts about the same matter from the
 * minutes before (被困, 伤亡) sit in others, and the first report must not miss them.
 */
const LOOKBACK_MS = 12 * 3_600_000;

interface Row {
  id: number | string;
  source: string;
  title: string | null;
  body: string;
  url: string | null;
  posted_at: Date | string;
  sentiment: IncidentPost['sentiment'];
  duplicate_of: number | string | null;
  case_id: number | string | null;
  reasons: string[] | string;
  total: number | string;
}

/** A post row as the incident pages show it; contact details masked unless `text` says not. */
export function postFields(
  r: {
    id: number | string;
    source: string;
    title: string | null;
    body: string;
    url: string | null;
    posted_at: Date | string;
    sentiment: IncidentPost['sentiment'];
    duplicate_of: number | string | null;
    case_id: number | string | null;
  },
  text: (text: string) => string = maskContactsInText,
): IncidentPost {
  return {
    id: Number(r.id),
    source: r.source,
    title: r.title === null ? null : text(r.title),
    excerpt: text(r.body).slice(0, 200),
    url: r.url,
    postedAt: new Date(r.posted_at).toISOString(),
    sentiment: r.sentiment,
    duplicateOf: r.duplicate_of === null ? null : Number(r.duplicate_of),
    caseId: r.case_id === null ? null : Number(r.case_id),
  };
}

/** PGlite hands a text[] over as an array, a pg driver without the type as '{a,b}'. */
const textArray = (v: string[] | string): string[] =>
  Array.isArray(v)
    ? v
    : v
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);

/** Each key word as a phrase of segmented words, in websearch_to_tsquery syntax. */
async function keywordQueries(ctx: AppContext, keywords: readonly string[]): Promise<string[]> {
  if (keywords.length === 0) return [];
  const dictionary = await loadDictionary(ctx.db);
  const seg = segmenter(dictionary.userWords);
  return keywords
    .map((k) => toSearchQuery(`"${k.replace(/"/g, ' ')}"`, seg))
    .filter((q) => q.length > 0);
}

/**
 * 建议关联信息: posts that came in since the incident opened, or were written in the 12 hours
 * before it, and are not linked or dismissed,
 * when they belong to its hot topic, match its key words (two of them when it has two or more,
 * through the posts.search index), or are near-duplicates of its posts. Newest first, at most 50.
 */
export async function suggestPosts(
  ctx: AppContext,
  incidentId: number,
): Promise<{ items: SuggestedPost[]; total: number }> {
  const incident = await ctx.db
    .selectFrom('incidents')
    .select(['id', 'opened_at', 'topic_id', 'keywords', 'status'])
    .where('id', '=', incidentId)
    .executeTakeFirst();
  if (!incident) throw notFound('舆情事件');
  if (incident.status === 'closed') return { items: [], total: 0 };

  const lookback = new Date(incident.opened_at.getTime() - LOOKBACK_MS);
  const branches: RawBuilder<unknown>[] = [];
  if (incident.topic_id !== null) {
    branches.push(
      sql`select id, 'topic' as reason from posts where topic_id = ${incident.topic_id}`,
    );
  }
  const queries = await keywordQueries(ctx, incident.keywords);
  if (queries.length > 0) {
    const need = Math.min(2, queries.length);
    const any = sql`websearch_to_tsquery('simple', ${queries.join(' or ')})`;
    const hits = sql.join(
      queries.map((q) => sql`(search @@ websearch_to_tsquery('simple', ${q}))::int`),
      sql` + `,
    );
    branches.push(
      sql`select id, 'keywords' as reason from posts where search @@ ${any} and ${hits} >= ${need}`,
    );
  }
  // Near-duplicates either way, and siblings sharing an original: each piece by an index.
  const linked = sql`select post_id from incident_posts where incident_id = ${incidentId}`;
  const originals = sql`select duplicate_of from posts
    where id in (${linked}) and duplicate_of is not null`;
  branches.push(
    sql`select id, 'duplicate' as reason from posts where duplicate_of in (${linked})`,
    sql`select duplicate_of as id, 'duplicate' as reason from posts
      where id in (${linked}) and duplicate_of is not null`,
    sql`select id, 'duplicate' as reason from posts where duplicate_of in (${originals})`,
  );

  const rows = await sql<Row>`
    with candidate as (${sql.join(branches, sql` union all `)})
    select p.id, p.source, p.title, p.body, p.url, p.posted_at, p.sentiment, p.duplicate_of,
      (select max(c.id) from cases c where c.post_id = p.id) as case_id,
      array_agg(distinct c.reason order by c.reason) as reasons,
      count(*) over () as total
    from candidate c join posts p on p.id = c.id
    where (p.posted_at >= ${lookback} or p.created_at >= ${incident.opened_at})
      and not exists (select 1 from incident_posts ip
        where ip.incident_id = ${incidentId} and ip.post_id = p.id)
      and not exists (select 1 from incident_dismissed_posts d
        where d.incident_id = ${incidentId} and d.post_id = p.id)
    group by p.id
    order by p.posted_at desc, p.id desc
    limit ${LIMIT}`.execute(ctx.db);

  return {
    items: rows.rows.map((r) => ({
      ...postFields(r),
      reasons: textArray(r.reasons) as SuggestionReason[],
    })),
    total: Number(rows.rows[0]?.total ?? 0),
  };
}
