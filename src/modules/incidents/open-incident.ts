import type { IncidentLevel } from '../../db/schema-incidents.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { writeEvent } from './act-on-incident.js';
import { cleanKeywords, keywordsOfPosts } from './incident-keywords.js';
import { LEVEL_NAMES } from './incident-labels.js';
import { assertOwner, assertPostsExist, linkPosts } from './incident-members.js';

export interface OpenIncidentInput {
  title: string;
  summary?: string | undefined;
  level: IncidentLevel;
  ownerId: number;
  /** The posts it starts from; with a topic, added to the topic's posts. */
  postIds?: number[] | undefined;
  /** A hot topic: all its posts are linked, and its new posts suggested. */
  topicId?: number | undefined;
  /** Words whose new posts are suggested; the topic's keywords or the posts' heaviest words. */
  keywords?: string[] | undefined;
}

/**
 * 开启舆情事件 from posts or a hot topic (its posts): the incident, its posts and their cases,
 * the first timeline entry and the audit row in one transaction; the owner is told.
 */
export async function openIncident(opts: {
  ctx: AppContext;
  actor: Actor;
  input: OpenIncidentInput;
}): Promise<number> {
  const { ctx, actor, input } = opts;
  assertCan(actor, 'incidents.manage');
  const title = input.title.trim();
  if (!title) throw new AppError('VALIDATION_FAILED', '请填写事件名称');
  const given = [...new Set(input.postIds ?? [])];
  if (given.length === 0 && input.topicId === undefined) {
    throw new AppError('VALIDATION_FAILED', '请选择至少一条信息或一个热点话题');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const ownerName = await assertOwner(trx, input.ownerId);
    await assertPostsExist(trx, given);
    let topic: { id: number; label: string; keywords: string[] } | null = null;
    let topicPosts: number[] = [];
    if (input.topicId !== undefined) {
      topic =
        (await trx
          .selectFrom('topics')
          .select(['id', 'label', 'keywords'])
          .where('id', '=', input.topicId)
          .executeTakeFirst()) ?? null;
      if (!topic) throw notFound('热点话题');
      const open = await trx
        .selectFrom('incidents')
        .select(['id', 'title'])
        .where('topic_id', '=', topic.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (open) {
        throw new AppError(
          'CONFLICT',
          `该话题已有处置中的舆情事件「${open.title}」（#${open.id}）`,
        );
      }
      topicPosts = (
        await trx.selectFrom('posts').select('id').where('topic_id', '=', topic.id).execute()
      ).map((r) => r.id);
    }
    const postIds = [...new Set([...topicPosts, ...given])];
    if (postIds.length === 0) throw new AppError('VALIDATION_FAILED', '该话题下没有信息');
    const typed = cleanKeywords(input.keywords ?? []);
    const keywords =
      typed.length > 0
        ? typed
        : topic && topic.keywords.length > 0
          ? topic.keywords
          : await keywordsOfPosts(trx, postIds);

    const now = ctx.clock.now();
    const { id } = await trx
      .insertInto('incidents')
      .values({
        title,
        summary: input.summary?.trim() ?? '',
        level: input.level,
        owner_id: input.ownerId,
        opened_by: actor.id,
        opened_at: now,
        topic_id: topic?.id ?? null,
        keywords,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const linked = await linkPosts(trx, actor, id, postIds, 'opened', now);
    const from = topic ? `，来自热点话题「${topic.label}」` : '';
    const text =
      `开启舆情事件，级别${LEVEL_NAMES[input.level]}，负责人${ownerName}，` +
      `关联信息 ${linked.posts.length} 条${linked.cases.length > 0 ? `、办件 ${linked.cases.length} 件` : ''}${from}`;
    await writeEvent(trx, actor, id, now, {
      kind: 'opened',
      text,
      data: { postIds: linked.posts, caseIds: linked.cases, topicId: topic?.id ?? null, keywords },
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'incident.open',
      entityType: 'incident',
      entityId: id,
      summary: `舆情事件「${title}」：${text}`,
      after: {
        title,
        level: input.level,
        ownerId: input.ownerId,
        topicId: topic?.id ?? null,
        posts: linked.posts.length,
        cases: linked.cases,
        keywords,
      },
    });
    if (input.ownerId !== actor.id) {
      await notify(trx, ctx, {
        kind: 'incident.owner',
        title: `您负责处置舆情事件「${title}」`,
        body: `${actor.name}开启了舆情事件「${title}」（${LEVEL_NAMES[input.level]}），指定您为负责人。`,
        link: `/incidents/${id}`,
        userIds: [input.ownerId],
        groupRobots: false,
      });
    }
    return id;
  });
}
