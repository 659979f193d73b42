import { sql, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { StoredTopicEvent, TopicsTable } from '../../../db/schema-topics.js';
import type { PostAnalyser, StoredPost } from '../../../ingest/analysis-hook.js';
import { loadDictionary } from '../../../ingest/dictionary.js';
import { segmenter } from '../../../ingest/segment.js';
import { DEFAULT_BURST, detectBurst } from '../../../nlp/topics/burst.js';
import { TopicClusterer } from '../../../nlp/topics/clusterer.js';
import {
  DEFAULT_CLUSTER,
  topicKeywords,
  type ClusterOptions,
  type Topic,
} from '../../../nlp/topics/topic.js';
import { topicDoc, DEFAULT_VECTOR } from '../../../nlp/topics/documents.js';
import type { TopicEvent } from '../../../nlp/topics/events.js';
import { topicIdf, withLocalPlaces } from '../../../nlp/topics/vectors.js';
import { heatAt } from '../../../nlp/topics/heat.js';
import type { SparseVector } from '../../../nlp/topics/vectors.js';
import type { AppContext } from '../../../server/context.js';
import { eventMarker } from './event-marker.js';

// One assignment at a time: two ingests must not both extend (or both create) the same topic.
const TOPICS_LOCK = 7_405_010;

const round = (x: number) => Math.round(x * 1e5) / 1e5;
const toJson = (v: SparseVector) =>
  JSON.stringify(Object.fromEntries([...v].map(([w, x]) => [w, round(x)])));
const fromJson = (o: Record<string, number>): SparseVector => new Map(Object.entries(o));
const eventToJson = (e: TopicEvent | null): string | null =>
  e &&
  JSON.stringify({
    kinds: e.kinds,
    places: e.places,
    sites: e.sites,
    grams: e.grams,
    firstAt: new Date(e.firstAt).toISOString(),
    lastAt: new Date(e.lastAt).toISOString(),
  } satisfies StoredTopicEvent);
const eventFromJson = (e: StoredTopicEvent | null): TopicEvent | null =>
  e && {
    ...e,
    sites: e.sites ?? [],
    firstAt: Date.parse(e.firstAt),
    lastAt: Date.parse(e.lastAt),
  };

function topicFromRow(r: Selectable<TopicsTable>): Topic {
  return {
    id: r.id,
    centroid: fromJson(r.centroid),
    size: r.size,
    likes: r.likes,
    replies: r.replies,
    firstAt: r.first_at.getTime(),
    lastAt: r.last_at.getTime(),
    heatRank: r.heat_rank,
    representative:
      r.representative_post_id === null
        ? null
        : {
            postId: r.representative_post_id,
            text: r.label,
            vector: fromJson(r.representative_vector),
          },
    event: eventFromJson(r.event),
  };
}

/** Sorted times cut where two neighbours are more than `gap` apart: [first, last] of each run. */
function timeSpans(times: number[], gap: number): [number, number][] {
  const sorted = [...times].sort((a, b) => a - b);
  const spans: [number, number][] = [];
  for (const t of sorted) {
    const last = spans.at(-1);
    if (last && t - last[1] <= gap) last[1] = t;
    else spans.push([t, t]);
  }
  return spans;
}

/** Topics that may take a post of the batch: active at one of its times, or an original's. */
async function loadCandidates(
  trx: Transaction<DB>,
  posts: readonly StoredPost[],
  windowMs: number,
): Promise<{ topics: Topic[]; originalTopic: Map<number, Topic> }> {
  const spans = timeSpans(
    posts.map((p) => p.postedAt.getTime()),
    2 * windowMs,
  );
  const batchIds = new Set(posts.map((p) => p.id));
  const originals = [
    ...new Set(
      posts.flatMap((p) => (p.duplicateOf && !batchIds.has(p.duplicateOf) ? [p.duplicateOf] : [])),
    ),
  ];
  const originalRows = originals.length
    ? await trx
        .selectFrom('posts')
        .select(['id', 'topic_id'])
        .where('id', 'in', originals)
        .where('topic_id', 'is not', null)
        .execute()
    : [];
  const forced = [...new Set(originalRows.map((r) => r.topic_id as number))];
  const rows = await trx
    .selectFrom('topics')
    .selectAll()
    .where((eb) =>
      eb.or([
        // A topic takes a post within the window of its span; spans of the batch's times with
        // no gap wider than that span's least width hold such a post when they meet it.
        ...spans.map(([from, to]) =>
          eb.and([
            eb('last_at', '>=', new Date(from - windowMs)),
            eb('first_at', '<=', new Date(to + windowMs)),
          ]),
        ),
        ...(forced.length ? [eb('id', 'in', forced)] : []),
      ]),
    )
    .orderBy('id')
    .execute();
  const topics = rows.map(topicFromRow);
  const byId = new Map(topics.map((t) => [t.id as number, t]));
  const originalTopic = new Map<number, Topic>();
  for (const r of originalRows) {
    const t = byId.get(r.topic_id as number);
    if (t) originalTopic.set(r.id, t);
  }
  return { topics, originalTopic };
}

/**
 * Puts each stored post of a batch into a topic (src/nlp/topics): loads the topics active at the
 * batch's post times, assigns originals in time order and near-duplicates to their original's
 * topic, writes the topics and posts.topic_id, and marks topics bursting at their latest post.
 */
export async function assignTopics(
  ctx: AppContext,
  posts: readonly StoredPost[],
  options: ClusterOptions = DEFAULT_CLUSTER,
): Promise<void> {
  if (posts.length === 0) return;
  const dictionary = await loadDictionary(ctx.db);
  const seg = segmenter(dictionary.userWords);
  const idf = withLocalPlaces(topicIdf(), dictionary.places);
  const marker = eventMarker([...dictionary.places, ...dictionary.units], dictionary.township, seg);
  // Originals first, in post time; near-duplicates after, so their original has its topic.
  const ordered = [...posts].sort(
    (a, b) =>
      Number(a.duplicateOf !== null) - Number(b.duplicateOf !== null) ||
      a.postedAt.getTime() - b.postedAt.getTime() ||
      a.id - b.id,
  );
  const docs = ordered.map((p) =>
    topicDoc(
      {
        postId: p.id,
        title: p.title,
        body: p.body,
        postedAt: p.postedAt.getTime(),
        likes: p.likes,
        words: p.words,
      },
      seg,
      idf,
      DEFAULT_VECTOR,
      marker,
    ),
  );
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${TOPICS_LOCK})`.execute(trx);
    const { topics, originalTopic } = await loadCandidates(trx, posts, options.windowMs);
    const clusterer = new TopicClusterer(options, topics);
    const topicOf = new Map<number, Topic>();
    ordered.forEach((p, i) => {
      const into =
        p.duplicateOf === null
          ? undefined
          : (topicOf.get(p.duplicateOf) ?? originalTopic.get(p.duplicateOf));
      topicOf.set(p.id, clusterer.assign(docs[i] as (typeof docs)[number], into).topic);
    });
    // Topics absorbed by others along the way: their posts now belong to the survivor.
    for (const [id, topic] of topicOf) topicOf.set(id, clusterer.resolve(topic));
    const touched = [...new Set(topicOf.values())];
    await saveTopics(trx, touched, now, options);
    await sql`update posts set topic_id = u.topic_id
      from unnest(${sql.val([...topicOf.keys()])}::bigint[],
        ${sql.val([...topicOf.values()].map((t) => t.id))}::bigint[]) as u (id, topic_id)
      where posts.id = u.id`.execute(trx);
    await dropAbsorbed(trx, clusterer, now);
    await markBursts(trx, topicOf, new Map(posts.map((p) => [p.id, p.postedAt.getTime()])), now);
  });
}

/**
 * Stored topics merged into another: their posts, incidents and briefs move to the survivor (which
 * keeps the later burst of the two), the topic goes, and topic_merges says where it went. A stored
 * topic always survives a new one, so survivors of stored topics are stored.
 */
async function dropAbsorbed(
  trx: Transaction<DB>,
  clusterer: TopicClusterer,
  now: Date,
): Promise<void> {
  for (const absorbed of clusterer.absorbed.keys()) {
    if (absorbed.id === null) continue;
    const survivor = clusterer.resolve(absorbed).id as number;
    await trx
      .updateTable('posts')
      .set({ topic_id: survivor })
      .where('topic_id', '=', absorbed.id)
      .execute();
    await sql`update topics s set burst_at = a.burst_at, burst_ratio = a.burst_ratio
      from topics a
      where s.id = ${survivor} and a.id = ${absorbed.id} and a.burst_at is not null
        and (s.burst_at is null or s.burst_at < a.burst_at)`.execute(trx);
    // What was opened or written from the absorbed topic follows its posts: the incident keeps
    // suggesting the matter's new posts and the brief's source link keeps working (the incident's
    // foreign key would refuse the delete and fail every later run of this analyser).
    await trx
      .updateTable('incidents')
      .set({ topic_id: survivor })
      .where('topic_id', '=', absorbed.id)
      .execute();
    await trx
      .updateTable('info_briefs')
      .set({ source_id: survivor })
      .where('source_kind', '=', 'topic')
      .where('source_id', '=', absorbed.id)
      .execute();
    // A link to the absorbed topic leads to the survivor, as do links to topics it absorbed before.
    await trx
      .updateTable('topic_merges')
      .set({ survivor_id: survivor })
      .where('survivor_id', '=', absorbed.id)
      .execute();
    await trx
      .insertInto('topic_merges')
      .values({ absorbed_id: absorbed.id, survivor_id: survivor, merged_at: now })
      .execute();
    await trx.deleteFrom('topics').where('id', '=', absorbed.id).execute();
  }
}

/** Inserts new topics and updates the others in one statement; new topics get their ids here. */
async function saveTopics(
  trx: Transaction<DB>,
  touched: Topic[],
  now: Date,
  options: ClusterOptions,
): Promise<void> {
  const fresh = touched.filter((t) => t.id === null);
  if (fresh.length) {
    const { rows } = await sql<{ id: number }>`
      select nextval(pg_get_serial_sequence('topics', 'id')) as id
      from generate_series(1, ${fresh.length})`.execute(trx);
    fresh.forEach((t, i) => (t.id = Number(rows[i]?.id)));
  }
  await trx
    .insertInto('topics')
    .values(
      touched.map((t) => ({
        id: t.id as number,
        label: t.representative?.text ?? '',
        keywords: topicKeywords(t),
        representative_post_id: t.representative?.postId ?? null,
        size: t.size,
        likes: t.likes,
        replies: t.replies,
        heat: heatAt(t.heatRank, now.getTime(), options.halfLifeMs),
        heat_rank: t.heatRank,
        first_at: new Date(t.firstAt),
        last_at: new Date(t.lastAt),
        centroid: toJson(t.centroid),
        representative_vector: toJson(t.representative?.vector ?? new Map<string, number>()),
        event: eventToJson(t.event),
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        label: eb.ref('excluded.label'),
        keywords: eb.ref('excluded.keywords'),
        representative_post_id: eb.ref('excluded.representative_post_id'),
        size: eb.ref('excluded.size'),
        likes: eb.ref('excluded.likes'),
        replies: eb.ref('excluded.replies'),
        heat: eb.ref('excluded.heat'),
        heat_rank: eb.ref('excluded.heat_rank'),
        first_at: eb.ref('excluded.first_at'),
        last_at: eb.ref('excluded.last_at'),
        centroid: eb.ref('excluded.centroid'),
        representative_vector: eb.ref('excluded.representative_vector'),
        event: eb.ref('excluded.event'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/**
 * Checks the touched topics for a burst as each post's arrival would have seen it: at the time of
 * every post of the topic that a post of this batch falls into the recent window of (capped at
 * the clock: no burst in the future). So an import of last year's posts, in any order, marks
 * last year's bursts with their time.
 */
async function markBursts(
  trx: Transaction<DB>,
  topicOf: ReadonlyMap<number, Topic>,
  postedAt: ReadonlyMap<number, number>,
  now: Date,
): Promise<void> {
  const pairs = new Map<string, { id: number; at: number }>();
  for (const [postId, topic] of topicOf) {
    const at = postedAt.get(postId) ?? now.getTime();
    pairs.set(`${topic.id}:${at}`, { id: topic.id as number, at });
  }
  const ids = [...pairs.values()].map((p) => p.id);
  const times = [...pairs.values()].map((p) => new Date(p.at));
  const recent = `${DEFAULT_BURST.recentMs / 1000} seconds`;
  const span = `${(DEFAULT_BURST.recentMs + DEFAULT_BURST.baselineMs) / 1000} seconds`;
  const { rows } = await sql<{ id: number; at: Date; recent: number; baseline: number }>`
    with b (id, at) as (
      select * from unnest(${sql.val(ids)}::bigint[], ${sql.val(times)}::timestamptz[])
    ), refs as (
      select distinct q.topic_id as id, q.posted_at as at
      from b join posts q on q.topic_id = b.id
        and q.posted_at >= b.at and q.posted_at < b.at + ${recent}::interval
        and q.posted_at <= ${now}
    )
    select r.id, r.at,
      count(p.id) filter (where p.posted_at > r.at - ${recent}::interval) as recent,
      count(p.id) filter (where p.posted_at <= r.at - ${recent}::interval) as baseline
    from refs r
    join posts p on p.topic_id = r.id
      and p.posted_at > r.at - ${span}::interval and p.posted_at <= r.at
    group by r.id, r.at`.execute(trx);
  // The latest burst of each topic.
  const latest = new Map<number, { at: Date; ratio: number }>();
  for (const r of rows) {
    const b = detectBurst({ recent: Number(r.recent), baseline: Number(r.baseline) });
    const id = Number(r.id);
    const at = new Date(r.at);
    const seen = latest.get(id);
    if (b.burst && (!seen || seen.at < at)) latest.set(id, { at, ratio: b.ratio });
  }
  for (const [id, { at, ratio }] of latest) {
    await trx
      .updateTable('topics')
      .set({ burst_at: at, burst_ratio: ratio })
      .where('id', '=', id)
      // A later burst replaces an earlier one; an import of older posts does not undo it.
      .where((eb) => eb.or([eb('burst_at', 'is', null), eb('burst_at', '<=', at)]))
      .execute();
  }
}

/** The topics analyser of the ingest pipeline (src/ingest/analysis-hook.ts). */
export const topicAnalyser: PostAnalyser = {
  id: 'analysis.topics',
  analyse: (ctx, posts) => assignTopics(ctx, posts),
};
