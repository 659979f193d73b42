import { Type, type Static } from '@sinclair/typebox';
import type { AppContext } from '../../server/context.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';

export const REVIEW_MARKS = ['read', 'dismissed', 'pending'] as const;

export const ReviewPostsBody = Type.Object(
  {
    ids: Type.Array(Type.Integer({ minimum: 1 }), {
      minItems: 1,
      maxItems: 500,
      description: '帖子编号',
    }),
    review: Type.Union([Type.Literal('read'), Type.Literal('dismissed'), Type.Literal('pending')], {
      description: 'read 已阅 / dismissed 不予处理 / pending 恢复为待研判',
    }),
  },
  { additionalProperties: false },
);
export type ReviewPostsInput = Static<typeof ReviewPostsBody>;

export const ReviewPostsReply = Type.Object({
  updated: Type.Integer({ description: '状态有变化的帖子数' }),
});

const SUMMARY: Record<ReviewPostsInput['review'], string> = {
  read: '标为已阅',
  dismissed: '标为不予处理',
  pending: '恢复为待研判',
};

/**
 * 研判 in a batch: the monitor marks the posts looked at (已阅), not for us (不予处理), or back to
 * 待研判. A post keeps its mark and who set it; marking it again the same way changes nothing, so
 * two monitors working through one morning do not overwrite each other's time. Unknown ids are
 * skipped: a post list is a snapshot, and the answer says how many changed.
 */
export async function reviewPosts({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: ReviewPostsInput;
}): Promise<{ updated: number }> {
  assertCan(actor, 'posts.review');
  const ids = [...new Set(input.ids)];
  const review = input.review === 'pending' ? null : input.review;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable('posts')
      .set({
        review,
        reviewed_by: review === null ? null : actor.id,
        reviewed_at: review === null ? null : now,
      })
      .where('id', 'in', ids);
    q =
      review === null
        ? q.where('review', 'is not', null)
        : q.where((eb) => eb.or([eb('review', 'is', null), eb('review', '<>', review)]));
    const changed = await q.returning('id').execute();
    if (changed.length > 0) {
      await recordAudit(trx, ctx.clock, actor, {
        action: 'post.review',
        entityType: 'post',
        entityId: changed.length === 1 ? changed[0]?.id : null,
        summary: `${SUMMARY[input.review]}：${changed.length} 条帖子`,
        after: { review: input.review, ids: changed.map((r) => r.id) },
      });
    }
    return { updated: changed.length };
  });
}
