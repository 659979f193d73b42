import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { CHANNEL_LABELS } from './channel-settings.js';
import type { DeliveryList, DeliveryListQuery } from './notifications.schemas.js';

/** What the admin page shows: the outbox's troubles of the last 30 days, newest first. */
const WINDOW_DAYS = 30;

/**
 * The outbox as the admin sees it: counts by channel and status, and the messages that failed
 * for good or are waiting to be tried again, with the receiver's error. Sent messages are only
 * counted: their text is in the recipients' inboxes.
 */
export async function listDeliveries({
  ctx,
  actor,
  query,
}: {
  ctx: AppContext;
  actor: Actor;
  query: DeliveryListQuery;
}): Promise<DeliveryList> {
  assertCan(actor, 'notifications.manage');
  const since = new Date(ctx.clock.now().getTime() - WINDOW_DAYS * 86_400_000);
  const counts = await ctx.db
    .selectFrom('notification_deliveries')
    .select(['channel', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('created_at', '>=', since)
    .groupBy(['channel', 'status'])
    .execute();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const troubled = ctx.db
    .selectFrom('notification_deliveries')
    .where('created_at', '>=', since)
    .where((eb) =>
      query.status === 'failed'
        ? eb('status', '=', 'failed')
        : eb.or([
            eb('status', '=', 'failed'),
            eb.and([eb('status', '=', 'pending'), eb('last_error', 'is not', null)]),
          ]),
    );
  const [rows, total] = await Promise.all([
    troubled
      .select([
        'id',
        'channel',
        'target',
        'subject',
        'status',
        'attempts',
        'last_error',
        'created_at',
        'next_attempt_at',
      ])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    troubled.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const count = (channel: string, status: string) =>
    Number(counts.find((c) => c.channel === channel && c.status === status)?.n ?? 0);
  return {
    days: WINDOW_DAYS,
    summary: (['email', 'wecom', 'dingtalk'] as const).map((channel) => ({
      channel,
      sent: count(channel, 'sent'),
      pending: count(channel, 'pending'),
      failed: count(channel, 'failed'),
    })),
    items: rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      target: r.target === 'group' ? null : r.target,
      subject: r.subject,
      status: r.status === 'failed' ? 'failed' : 'retrying',
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
    })),
    total: Number(total.n),
    page,
    pageSize,
  };
}

/**
 * Sends again messages that failed for good (after the admin fixed the channel): back to the
 * outbox with their tries reset, due at once. A message that was sent, or is still being
 * tried, is left alone, so nothing goes out twice through this.
 */
export async function retryDeliveries({
  ctx,
  actor,
  ids,
}: {
  ctx: AppContext;
  actor: Actor;
  ids: readonly number[];
}): Promise<{ requeued: number }> {
  assertCan(actor, 'notifications.manage');
  if (ids.length === 0) throw new AppError('VALIDATION_FAILED', '请选择要重新发送的消息');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('notification_deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now })
      .where('id', 'in', [...ids])
      .where('status', '=', 'failed')
      .returning(['id', 'channel'])
      .execute();
    if (rows.length > 0) {
      const byChannel = Object.entries(
        rows.reduce<Record<string, number>>((acc, r) => {
          acc[r.channel] = (acc[r.channel] ?? 0) + 1;
          return acc;
        }, {}),
      )
        .map(([c, n]) => `${CHANNEL_LABELS[c as keyof typeof CHANNEL_LABELS]} ${n} 条`)
        .join('，');
      await recordAudit(trx, ctx.clock, actor, {
        action: 'notification.retry',
        entityType: 'settings',
        entityId: 'notifications.channels',
        summary: `重新发送失败的通知：${byChannel}`,
        after: { ids: rows.map((r) => r.id) },
      });
    }
    return { requeued: rows.length };
  });
}
