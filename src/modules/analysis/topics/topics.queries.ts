import { sql, type Kysely, type Selectable } from 'kysely';
import { maskContactsInText } from '../../cases/mask-contact.js';
import type { DB } from '../../../db/schema.js';
import type { TopicsTable } from '../../../db/schema-topics.js';
import { paginate, type PageResult } from '../../../db/paginate.js';
import { DEFAULT_CLUSTER } from '../../../nlp/topics/topic.js';
import { heatAt } from '../../../nlp/topics/heat.js';
import type {
  TopicDetail,
  TopicDetailQuery,
  TopicListQuery,
  TopicPost,
  TopicSummary,
} from './topics.schemas.js';

const summary = (r: Selectable<TopicsTable>, now: Date): TopicSummary => ({
  id: r.id,
  label: r.label,
  keywords: r.keywords,
  size: r.size,
  likes: r.likes,
  replies: r.replies,
  heat: heatAt(r.heat_rank, now.getTime(), DEFAULT_CLUSTER.halfLifeMs),
  firstAt: r.first_at.toISOString(),
  lastAt: r.last_at.toISOString(),
  burstAt: r.burst_at?.toISOString() ?? null,
  burstRatio: r.burst_ratio,
});

/** 热点话题: hottest now first (heat_rank orders by heat at any moment), filtered. */
export async function listTopics(
  db: Kysely<DB>,
  query: TopicListQuery,
  now: Date,
): Promise<PageResult<TopicSummary>> {
  let q = db
    .selectFrom('topics')
    .selectAll()
    .where('size', '>=', query.minSize ?? 2);
  const from = query.from ? new Date(query.from) : null;
  const to = query.to ? new Date(query.to) : null;
  if (from) q = q.where('last_at', '>=', from);
  if (to) q = q.where('first_at', '<', to);
  if (query.burst === 'true') {
    q = q.where('burst_at', 'is not', null);
    if (from) q = q.where('burst_at', '>=', from);
    if (to) q = q.where('burst_at', '<', to);
  } else if (query.burst === 'false') {
    q = q.where('burst_at', 'is', null);
  }
  return paginate(q.orderBy('heat_rank', 'desc').orderBy('id', 'desc'), query, (r) =>
    summary(r, now),
  );
}

/** Every local day from the first to the last, with its count (0 where nothing was posted). */
function fillDays(rows: { day: string; posts: number }[]): { day: string; posts: number }[] {
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return [];
  const counts = new Map(rows.map((r) => [r.day, r.posts]));
  const out: { day: string; posts: number }[] = [];
  const end = Date.parse(`${last.day}T00:00:00Z`);
  for (let t = Date.parse(`${first.day}T00:00:00Z`); t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ day, posts: counts.get(day) ?? 0 });
  }
  return out;
}

/** The topic a merged topic's posts went to, when `id` is a topic the analyser merged away. */
export async function mergedInto(
  db: Kysely<DB>,
  id: number,
): Promise<{ id: number; label: string } | null> {
  const row = await db
    .selectFrom('topic_merges')
    .innerJoin('topics', 'topics.id', 'topic_merges.survivor_id')
    .select(['topics.id', 'topics.label'])
    .where('topic_merges.absorbed_id', '=', id)
    .executeTakeFirst();
  return row ? { id: Number(row.id), label: row.label } : null;
}

export async function getTopic(
  db: Kysely<DB>,
  id: number,
  query: TopicDetailQuery,
  now: Date,
  timeZone: string,
  text: (text: string) => string = maskContactsInText,
): Promise<TopicDetail | null> {
  const row = await db.selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const day = sql<string>`to_char(posted_at at time zone ${timeZone}, 'YYYY-MM-DD')`;
  const volume = await db
    .selectFrom('posts')
    .select([day.as('day'), (eb) => eb.fn.countAll<number>().as('posts')])
    .where('topic_id', '=', id)
    // By position: the time zone is a parameter, so the expression repeated would not match.
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  const posts = await paginate(
    db
      .selectFrom('posts')
      .select(['id', 'source', 'title', 'body', 'url', 'posted_at', 'likes', 'duplicate_of'])
      .where('topic_id', '=', id)
      .orderBy('posted_at', 'desc')
      .orderBy('id', 'desc'),
    query,
    (r): TopicPost => ({
      id: r.id,
      source: r.source,
      title: r.title === null ? null : text(r.title),
      excerpt: text(r.body).slice(0, 200),
      url: r.url,
      postedAt: r.posted_at.toISOString(),
      likes: r.likes,
      duplicateOf: r.duplicate_of,
    }),
  );
  return {
    ...summary(row, now),
    representativePostId: row.representative_post_id,
    volume: fillDays(volume.map((v) => ({ day: v.day, posts: Number(v.posts) }))),
    posts,
  };
}
