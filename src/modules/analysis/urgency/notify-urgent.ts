import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { PostAnalyser } from '../../../ingest/analysis-hook.js';
import { formatDateTime } from '../../../lib/format.js';
import type { AppContext } from '../../../server/context.js';
import { notify, usersWithRoles } from '../../notifications/notify.js';
import { onDutyAt } from '../../watch/on-duty.js';
import { urgencyFlags } from './urgency-flags.js';

/** Posts older than this when they are collected (an import of last year's) page nobody. */
const FRESH_MS = 2 * 24 * 3_600_000;
/**
 * A matter told within this long is not told again for each further post about it, only when a
 * signal appears that was not told yet (人员被困 after 火灾).
 */
const TOLD_MS = 6 * 3_600_000;
/**
 * Two posts are about one matter when they share a hot topic and at least this share of the key
 * words of the shorter one: a topic alone may hold two matters of one village. Not so a topic of a
 * sudden event (src/nlp/topics/events.ts), whose short posts share few words ("幸福小区着火了",
 * "小区楼下全是烟"): the event marker already keeps two fires of two villages, or of two sites of
 * one village, in two topics, so its topic is its matter.
 */
const SAME_MATTER = 0.5;
/** At most this many messages for one batch; the rest are counted in one more. */
const EACH = 5;
const EXCERPT = 80;

const URGENT_POST = [
  'posts.id',
  'posts.title',
  'posts.body',
  'posts.source',
  'posts.urgency',
  'posts.topic_id',
  'posts.words',
  'posts.relevance_terms',
  sql<boolean>`topics.event is not null`.as('eventful'),
] as const;

interface UrgentPost {
  id: number;
  title: string | null;
  body: string;
  source: string;
  urgency: unknown;
  topic_id: number | null;
  /** Whether the post's topic is a sudden event's. */
  eventful: boolean;
  words: string[] | null;
  relevance_terms: string[];
}

interface Matter {
  topicId: number | null;
  eventful: boolean;
  words: Set<string>;
  places: Set<string>;
  labels: Set<string>;
}

/**
 * The places a post names: the jurisdiction's terms it matched, and what reads as a village, a
 * residents' committee or an estate (河口村, 新街社区), also outside the dictionary.
 */
const placesOf = (post: UrgentPost) =>
  new Set(
    [
      ...post.relevance_terms,
      ...`${post.title ?? ''} ${post.body}`.matchAll(/[\u4e00-\u9fff]{2,3}(?:村|社区|小区)/g),
    ].map((m) => (typeof m === 'string' ? m : m[0])),
  );

/** Whether a place of `a` is named in `b`, one name inside the other (在柳溪村 is 柳溪村). */
const namedIn = (place: string, b: Set<string>) =>
  [...b].some((q) => q.includes(place) || place.includes(q));

const matterOf = (post: UrgentPost, labels: Iterable<string> = []): Matter => ({
  topicId: post.topic_id,
  eventful: post.eventful,
  words: new Set(post.words ?? []),
  places: placesOf(post),
  labels: new Set([...labels, ...urgentLabels(post)]),
});

function sameMatter(matter: Matter, post: UrgentPost): boolean {
  if (matter.topicId === null || matter.topicId !== post.topic_id) return false;
  // Each naming a place the other does not (a fire in 河口村, another in 柳溪村): two matters,
  // also where the jurisdiction's dictionary, and so the event marker, knows neither place.
  const places = placesOf(post);
  if (
    [...places].some((p) => !namedIn(p, matter.places)) &&
    [...matter.places].some((p) => !namedIn(p, places))
  ) {
    return false;
  }
  if (matter.eventful && post.eventful) return true;
  if (!post.words) return false;
  const words = new Set(post.words);
  const shorter = Math.min(words.size, matter.words.size);
  if (shorter === 0) return false;
  let shared = 0;
  for (const w of words) if (matter.words.has(w)) shared += 1;
  return shared / shorter >= SAME_MATTER;
}

const urgentLabels = (post: UrgentPost) =>
  urgencyFlags(post.urgency)
    .filter((s) => s.urgent)
    .map((s) => s.label);

/**
 * Tells at once, in the inbox and on the configured channels, of newly collected posts about the
 * jurisdiction with an urgent signal (fire, self-harm, a group incident …), with the words that
 * raised them: to the monitors and leaders, and to whoever the duty roster has on watch now (at
 * 23:40 that may be office staff, and the day shift asleep). Alert rules are read every five
 * minutes; these cannot wait that long.
 *
 * One message per matter: the posts of a batch in one hot topic are told together, and a topic
 * told in the last six hours is told again only for a signal not told yet, so that fifteen
 * citizens writing about one fire make one message, not fifteen. Near-duplicates are left out:
 * their original already told.
 */
export async function notifyUrgentPosts(
  ctx: AppContext,
  postIds: readonly number[],
): Promise<number> {
  if (postIds.length === 0) return 0;
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - FRESH_MS);
  const posts: UrgentPost[] = await ctx.db
    .selectFrom('posts')
    .leftJoin('topics', 'topics.id', 'posts.topic_id')
    .select(URGENT_POST)
    .where('posts.id', 'in', postIds)
    .where('posts.urgent', '=', true)
    .where('posts.relevant', '=', true)
    .where('posts.duplicate_of', 'is', null)
    .where('posts.posted_at', '>=', since)
    .orderBy('posts.posted_at')
    .orderBy('posts.id')
    .execute();
  if (posts.length === 0) return 0;

  // The matters already told (earlier urgent posts of these topics), then this batch's posts
  // joined to them or to each other; a post about a told matter adds only its new signals.
  const told = await toldMatters(
    ctx,
    posts.flatMap((p) => (p.topic_id === null ? [] : [p.topic_id])),
    postIds,
    new Date(now.getTime() - TOLD_MS),
  );
  const groups: { matter: Matter; posts: UrgentPost[]; before: Set<string> | null }[] = [];
  for (const post of posts) {
    const group = groups.find((g) => sameMatter(g.matter, post));
    if (group) {
      group.posts.push(post);
      for (const l of urgentLabels(post)) group.matter.labels.add(l);
      continue;
    }
    const earlier = told.find((m) => sameMatter(m, post));
    groups.push({
      matter: matterOf(post, earlier?.labels),
      posts: [post],
      before: earlier ? earlier.labels : null,
    });
  }
  const messages = groups.flatMap(({ matter, posts: group, before }) => {
    const first = group[0];
    const labels = [...matter.labels].filter((l) => !before?.has(l));
    if (!first || labels.length === 0) return [];
    const words = group.flatMap((p) =>
      urgencyFlags(p.urgency)
        .filter((s) => s.urgent)
        .flatMap((s) => s.words),
    );
    return [{ group, first, labels, words: [...new Set(words)], before }];
  });
  // Later posts of a sudden event already told page nobody; its notice counts them instead.
  const notified = new Set(messages.map((m) => m.group));
  const counted = [
    ...new Set(
      groups.flatMap(({ matter, posts: group, before }) =>
        before && matter.eventful && matter.topicId !== null && !notified.has(group)
          ? [matter.topicId]
          : [],
      ),
    ),
  ];
  if (messages.length === 0) {
    if (counted.length > 0)
      await ctx.db.transaction().execute(async (trx) => {
        for (const topicId of counted) await countInNotice(trx, topicId, now);
      });
    return 0;
  }

  const duty = await onDutyAt(ctx.db, now);
  const dutyLine = duty.length > 0 ? `当前值班：${duty.map((d) => d.name).join('、')}\n` : '';
  const userIds = [
    ...(await usersWithRoles(ctx.db, ['monitor', 'leader'])),
    ...duty.map((d) => d.id),
  ];
  await ctx.db.transaction().execute(async (trx) => {
    for (const { group, first, labels, words, before } of messages.slice(0, EACH)) {
      const text = first.body.length > EXCERPT ? `${first.body.slice(0, EXCERPT)}…` : first.body;
      const lines = [
        text,
        group.length > 1 ? `同一事项本次新收集 ${group.length} 条。` : '',
        before
          ? `此前已提示过该事项（${[...before].join('、')}），新出现：${labels.join('、')}。`
          : '',
        ...group.slice(1, 4).map((p) => `同一事项：${p.title ?? p.body.slice(0, 30)}`),
        `触发词：${words.join('、')}`,
        `来源：${[...new Set(group.map((p) => p.source))].join('、')}`,
        `${dutyLine}请及时研判处置。`,
      ];
      await notify(trx, ctx, {
        userIds,
        kind: 'post.urgent',
        title: `【紧急信号·${labels.join('、')}】${first.title ?? text.slice(0, 30)}`,
        body: lines.filter((l) => l !== '').join('\n'),
        link:
          first.topic_id === null
            ? '/monitoring?urgent=true'
            : `/monitoring/topics/${first.topic_id}`,
      });
    }
    const more = messages.length - EACH;
    if (more > 0) {
      await notify(trx, ctx, {
        userIds,
        kind: 'post.urgent',
        title: `【紧急信号】另有 ${more} 个事项的新信息含紧急信号`,
        body: `请在舆情信息中查看含紧急信号的信息，及时研判处置。\n${dutyLine}`,
        link: '/monitoring?urgent=true',
      });
    }
    for (const topicId of counted) await countInNotice(trx, topicId, now);
  });
  return posts.length;
}

/** The line a notice of a sudden event gets for the posts on it collected after it. */
const LATER = '此后又收集到同一事件的紧急信息';

/**
 * Counts in the latest notice of a sudden event's topic (also under a topic it absorbed) the
 * urgent posts on it collected since, with the time of the last: in the inbox, where the paged
 * read it and the topic's page it links to lists them. The line goes first, where the inbox shows
 * it in the two lines it shows of a body, also on a phone. Counted afresh each time, so a rerun of
 * the analyser writes the same line. A message already sent by e-mail or a robot stays as sent.
 */
async function countInNotice(trx: Transaction<DB>, topicId: number, now: Date): Promise<void> {
  const absorbed = await trx
    .selectFrom('topic_merges')
    .select('absorbed_id')
    .where('survivor_id', '=', topicId)
    .execute();
  const links = [topicId, ...absorbed.map((r) => r.absorbed_id)].map(
    (id) => `/monitoring/topics/${id}`,
  );
  const notice = await trx
    .selectFrom('notifications')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('kind', '=', 'post.urgent')
    .where('link', 'in', links)
    .where('created_at', '>=', new Date(now.getTime() - TOLD_MS))
    .executeTakeFirst();
  if (!notice?.at) return;
  const at = new Date(notice.at);
  const later = await trx
    .selectFrom('posts')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('created_at').as('last')])
    .where('topic_id', '=', topicId)
    .where('urgent', '=', true)
    .where('relevant', '=', true)
    .where('duplicate_of', 'is', null)
    .where('created_at', '>', at)
    .executeTakeFirstOrThrow();
  const n = Number(later.n);
  if (n === 0 || !later.last) return;
  const line = `${LATER} ${n} 条，最近一条 ${formatDateTime(new Date(later.last))}。`;
  await trx
    .updateTable('notifications')
    .set({
      body: sql`${`${line}\n`} || regexp_replace(body, ${`^${LATER}[^\n]*\n`}, '')`,
    })
    .where('kind', '=', 'post.urgent')
    .where('link', 'in', links)
    .where('created_at', '>=', at)
    .execute();
}

/**
 * The matters already told of these topics: their urgent posts collected since `since` before
 * this batch (each was told, or counted in a batch's 另有 message), each with its key words and
 * signals; posts of one matter merge into one.
 */
async function toldMatters(
  ctx: AppContext,
  topicIds: readonly number[],
  batch: readonly number[],
  since: Date,
): Promise<Matter[]> {
  if (topicIds.length === 0) return [];
  const rows: UrgentPost[] = await ctx.db
    .selectFrom('posts')
    .leftJoin('topics', 'topics.id', 'posts.topic_id')
    .select(URGENT_POST)
    .where('posts.topic_id', 'in', [...new Set(topicIds)])
    .where('posts.id', 'not in', [...batch])
    .where('posts.urgent', '=', true)
    .where('posts.relevant', '=', true)
    .where('posts.duplicate_of', 'is', null)
    .where('posts.created_at', '>=', since)
    .orderBy('posts.id')
    .execute();
  const matters: Matter[] = [];
  for (const row of rows) {
    const matter = matters.find((m) => sameMatter(m, row));
    if (matter) {
      for (const l of urgentLabels(row)) matter.labels.add(l);
    } else {
      matters.push(matterOf(row));
    }
  }
  return matters;
}

/**
 * Runs after the topics analyser of the pipeline (src/ingest/analysis-hook.ts), so that the posts
 * of one matter are told as one.
 */
export const urgentNotifier: PostAnalyser = {
  id: 'analysis.urgent-notify',
  rerunsOnChange: true,
  analyse: async (ctx, posts) => {
    await notifyUrgentPosts(
      ctx,
      posts.map((p) => p.id),
    );
  },
};
