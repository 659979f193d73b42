import type { AppContext } from '../../../server/context.js';
import { notifyRoles } from '../../notifications/notify.js';
import { urgencyFlags } from './urgency-flags.js';

/** Posts older than this when they are collected (an import of last year's) page nobody. */
const FRESH_MS = 2 * 24 * 3_600_000;
/** At most this many messages for one batch; the rest are counted in one more. */
const EACH = 5;
const EXCERPT = 80;

/**
 * Tells the monitors and leaders at once, in the inbox and on the configured channels, of each
 * newly collected post about the jurisdiction with an urgent signal (fire, self-harm, a group
 * incident …), with the words that raised it. Alert rules are read every five minutes; these
 * cannot wait that long. Near-duplicates are left out: their original already told.
 */
export async function notifyUrgentPosts(
  ctx: AppContext,
  urgentIds: readonly number[],
): Promise<number> {
  if (urgentIds.length === 0) return 0;
  const since = new Date(ctx.clock.now().getTime() - FRESH_MS);
  const posts = await ctx.db
    .selectFrom('posts')
    .select(['id', 'title', 'body', 'source', 'urgency'])
    .where('id', 'in', urgentIds)
    .where('relevant', '=', true)
    .where('duplicate_of', 'is', null)
    .where('posted_at', '>=', since)
    .orderBy('posted_at')
    .orderBy('id')
    .execute();
  if (posts.length === 0) return 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const post of posts.slice(0, EACH)) {
      const signals = urgencyFlags(post.urgency).filter((s) => s.urgent);
      const labels = signals.map((s) => s.label).join('、');
      const words = signals.flatMap((s) => s.words).join('、');
      const text = post.body.length > EXCERPT ? `${post.body.slice(0, EXCERPT)}…` : post.body;
      await notifyRoles(trx, ctx, {
        roles: ['monitor', 'leader'],
        kind: 'post.urgent',
        title: `【紧急信号·${labels}】${post.title ?? text.slice(0, 30)}`,
        body: `${text}\n触发词：${words}\n来源：${post.source}\n请及时研判处置。`,
        link: '/monitoring?urgent=true',
      });
    }
    const more = posts.length - EACH;
    if (more > 0) {
      await notifyRoles(trx, ctx, {
        roles: ['monitor', 'leader'],
        kind: 'post.urgent',
        title: `【紧急信号】另有 ${more} 条新信息含紧急信号`,
        body: '请在舆情信息中查看含紧急信号的信息，及时研判处置。',
        link: '/monitoring?urgent=true',
      });
    }
  });
  return posts.length;
}
