import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { actOnIncident } from './act-on-incident.js';
import { assertPostsExist, linkPosts } from './incident-members.js';

interface PostsAct {
  ctx: AppContext;
  actor: Actor;
  id: number;
  version?: number | undefined;
  postIds: number[];
}

const casesNote = (cases: number[]) =>
  cases.length > 0 ? `，并关联其办件 ${cases.length} 件` : '';

/** 添加关联信息: posts staff found themselves. */
export async function addPosts(opts: PostsAct): Promise<void> {
  await link(opts, 'added');
}

/** 采纳建议: suggested posts that do belong to the incident. */
export async function acceptSuggestions(opts: PostsAct): Promise<void> {
  await link(opts, 'suggested-accepted');
}

async function link(opts: PostsAct, how: 'added' | 'suggested-accepted'): Promise<void> {
  await actOnIncident(opts.ctx, opts.actor, opts, async ({ trx, row, now }) => {
    await assertPostsExist(trx, opts.postIds);
    const linked = await linkPosts(trx, opts.actor, row.id, opts.postIds, how, now);
    if (linked.posts.length === 0) throw new AppError('CONFLICT', '所选信息已全部关联到该事件');
    const verb = how === 'added' ? '添加关联信息' : '采纳建议关联信息';
    return {
      event: {
        kind: how === 'added' ? 'posts_added' : 'suggestions_accepted',
        text: `${verb} ${linked.posts.length} 条${casesNote(linked.cases)}`,
        data: { postIds: linked.posts, caseIds: linked.cases },
      },
      audit: {
        action: how === 'added' ? 'posts.add' : 'suggestions.accept',
        after: { postIds: linked.posts, caseIds: linked.cases },
      },
      value: undefined,
    };
  });
}

/** 忽略建议: not about this incident; not suggested again. */
export async function dismissSuggestions(opts: PostsAct): Promise<void> {
  await actOnIncident(opts.ctx, opts.actor, opts, async ({ trx, row, now }) => {
    await assertPostsExist(trx, opts.postIds);
    const linked = await trx
      .selectFrom('incident_posts')
      .select('post_id')
      .where('incident_id', '=', row.id)
      .where('post_id', 'in', opts.postIds)
      .execute();
    const skip = new Set(linked.map((l) => l.post_id));
    const ids = [...new Set(opts.postIds)].filter((p) => !skip.has(p));
    const dismissed =
      ids.length === 0
        ? []
        : await trx
            .insertInto('incident_dismissed_posts')
            .values(
              ids.map((post_id) => ({
                incident_id: row.id,
                post_id,
                dismissed_by: opts.actor.id,
                dismissed_at: now,
              })),
            )
            .onConflict((oc) => oc.columns(['incident_id', 'post_id']).doNothing())
            .returning('post_id')
            .execute();
    if (dismissed.length === 0) throw new AppError('CONFLICT', '所选建议已处理');
    const postIds = dismissed.map((d) => d.post_id);
    return {
      event: {
        kind: 'suggestions_dismissed',
        text: `忽略建议信息 ${postIds.length} 条`,
        data: { postIds },
      },
      audit: { action: 'suggestions.dismiss', after: { postIds } },
      value: undefined,
    };
  });
}

/**
 * 移除关联信息: the link goes (the post itself is untouched), the timeline keeps who removed
 * what and why, and the post is not suggested again.
 */
export async function removePosts(opts: PostsAct & { reason?: string | undefined }): Promise<void> {
  await actOnIncident(opts.ctx, opts.actor, opts, async ({ trx, row, now }) => {
    const ids = [...new Set(opts.postIds)];
    const count = await trx
      .selectFrom('incident_posts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('incident_id', '=', row.id)
      .executeTakeFirstOrThrow();
    const removed = await trx
      .deleteFrom('incident_posts')
      .where('incident_id', '=', row.id)
      .where('post_id', 'in', ids)
      .returning(['post_id', 'how', 'added_at'])
      .execute();
    if (removed.length === 0) throw new AppError('CONFLICT', '所选信息未关联到该事件');
    if (removed.length >= Number(count.n)) {
      throw new AppError('VALIDATION_FAILED', '舆情事件至少保留一条关联信息');
    }
    const postIds = removed.map((r) => r.post_id);
    await trx
      .insertInto('incident_dismissed_posts')
      .values(
        postIds.map((post_id) => ({
          incident_id: row.id,
          post_id,
          dismissed_by: opts.actor.id,
          dismissed_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['incident_id', 'post_id']).doNothing())
      .execute();
    const reason = opts.reason?.trim() || null;
    return {
      event: {
        kind: 'posts_removed',
        text: `移除关联信息 ${postIds.length} 条${reason ? `：${reason}` : ''}`,
        data: { postIds, reason },
      },
      audit: {
        action: 'posts.remove',
        before: { links: removed.map((r) => ({ postId: r.post_id, how: r.how })) },
        after: { reason },
      },
      value: undefined,
    };
  });
}
