import type { AppContext } from '../../server/context.js';
import { forbidden, notFound } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { getInboxItem, toInboxItem } from './inbox.queries.js';
import type { InboxItem } from './notifications.schemas.js';

function ownerId(actor: Actor): number {
  if (actor.kind !== 'user' || actor.id === null) throw forbidden('只有登录用户有收件箱');
  return actor.id;
}

/**
 * Marks one of the actor's own notifications read. Another user's notification is "not found",
 * not "forbidden": its existence is none of this user's business. The time of first reading is
 * kept and audited, since supervision may need to show that a unit had seen a notice.
 */
export async function markRead({
  ctx,
  actor,
  id,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
}): Promise<InboxItem> {
  const userId = ownerId(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('notifications')
      .set({ read_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .returning(['id', 'kind', 'title', 'body', 'link', 'case_id', 'created_at', 'read_at'])
      .executeTakeFirst();
    if (!row) {
      const existing = await getInboxItem(trx, userId, id);
      if (!existing) throw notFound('通知');
      return existing;
    }
    await recordAudit(trx, ctx.clock, actor, {
      action: 'notification.read',
      entityType: 'notification',
      entityId: id,
      summary: `${actor.name} 已读通知「${row.title}」`,
    });
    return toInboxItem(row);
  });
}

export async function markAllRead({
  ctx,
  actor,
}: {
  ctx: AppContext;
  actor: Actor;
}): Promise<{ updated: number }> {
  const userId = ownerId(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('notifications')
      .set({ read_at: ctx.clock.now() })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .returning('id')
      .execute();
    if (rows.length > 0) {
      await recordAudit(trx, ctx.clock, actor, {
        action: 'notification.read-all',
        entityType: 'notification',
        summary: `${actor.name} 将全部 ${rows.length} 条未读通知标为已读`,
        // Which ones were read matters, not an endless list: the first thousand say enough.
        after: { count: rows.length, ids: rows.slice(0, 1000).map((r) => r.id) },
      });
    }
    return { updated: rows.length };
  });
}
