import type { Kysely, Selectable } from 'kysely';
import type { DB, NotificationDeliveriesTable } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import type { NotificationChannel } from '../../db/schema.js';
import { usersWithRoles, notify } from './notify.js';
import { CHANNEL_LABELS, loadChannels, type ChannelSettings } from './channel-settings.js';
import { DeliveryError, postToDingtalk, postToWecom, sendEmail } from './senders.js';

type Delivery = Selectable<NotificationDeliveriesTable>;

/** The admins' inbox notice that messages were given up on. */
export const FAILED_KIND = 'notification.failed';

/** A message is tried this many times, then left as `failed` with the last error. */
export const MAX_ATTEMPTS = 5;

/**
 * A claimed row is invisible to other workers this long: longer than any one send may take
 * (SMTP times out within a minute, a webhook within 10 s). Only a worker that dies mid-send lets
 * the lease run out, and then the message is tried again.
 */
const LEASE_MS = 5 * 60_000;

/** Wait before the next try after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(attempts - 1, 0), 60 * 60_000);
}

/**
 * A group robot takes at most 20 messages a minute, and DingTalk shuts a robot that sends more
 * for 10 minutes. The outbox sends at most this many to one robot in any 60 seconds (a little
 * under 20, leaving room for an admin's test message); the rest wait for the next minute's run.
 */
export const ROBOT_MESSAGES_PER_MINUTE = 18;

export interface DeliverResult {
  sent: number;
  failed: number;
  retrying: number;
  /** Left for a later run: the robot's minute is full, or it refused for sending too often. */
  deferred: number;
}

/**
 * Sends what is due in the outbox. Safe to run at any time and in several processes at once:
 * each row is claimed by one statement with FOR UPDATE SKIP LOCKED, which also moves its next
 * attempt past the lease, so no other run can take it while it is being sent.
 */
export async function deliverPending(
  ctx: AppContext,
  options: { limit?: number; timeBudgetMs?: number } = {},
): Promise<DeliverResult> {
  const limit = options.limit ?? 500;
  // Real time, not the context's clock: this bounds how long one job run may take.
  const stopAt = performance.now() + (options.timeBudgetMs ?? 4 * 60_000);
  const result: DeliverResult = { sent: 0, failed: 0, retrying: 0, deferred: 0 };
  let channels: ChannelSettings | undefined;
  // Robots whose minute is full, or that refused for sending too often: not tried again this run.
  const held = new Set<NotificationChannel>();
  const givenUp = new Map<NotificationChannel, { count: number; lastError: string }>();
  for (let n = 0; n < limit && performance.now() < stopAt; n++) {
    const row = await claimNext(ctx.db, ctx.clock.now(), held);
    if (!row) break;
    channels ??= await loadChannels(ctx.db);
    if (row.channel !== 'email' && (await robotMinuteFull(ctx.db, row.channel, ctx.clock.now()))) {
      held.add(row.channel);
      await release(ctx.db, row, ctx.clock.now(), null);
      result.deferred += 1;
      continue;
    }
    const error = await attempt(ctx, channels, row);
    if (error?.retryAfterMs) {
      held.add(row.channel);
      const at = new Date(ctx.clock.now().getTime() + error.retryAfterMs);
      await release(ctx.db, row, at, error.message);
      // The robot's other messages wait as long: asking a shut robot again only keeps it shut.
      await ctx.db
        .updateTable('notification_deliveries')
        .set({ next_attempt_at: at })
        .where('channel', '=', row.channel)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<', at)
        .execute();
      result.deferred += 1;
      continue;
    }
    const outcome = await recordOutcome(ctx.db, row, error, ctx.clock.now());
    result[outcome] += 1;
    // A message given up on: the admins hear of it. One switched off on purpose is no news.
    if (outcome === 'failed' && error && !error.final) {
      const seen = givenUp.get(row.channel);
      givenUp.set(row.channel, { count: (seen?.count ?? 0) + 1, lastError: error.message });
    }
  }
  if (givenUp.size > 0) await tellAdmins(ctx, givenUp);
  return result;
}

/**
 * Tells the admins, in the inbox only (the channel may be the one failing), that messages were
 * given up on, and where to look. An admin who has not yet read the last such notice does not
 * get another: the settings page lists every failed message.
 */
async function tellAdmins(
  ctx: AppContext,
  givenUp: ReadonlyMap<NotificationChannel, { count: number; lastError: string }>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const admins = await usersWithRoles(trx, ['admin']);
    if (admins.length === 0) return;
    const unread = await trx
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', FAILED_KIND)
      .where('read_at', 'is', null)
      .where('user_id', 'in', admins)
      .execute();
    const already = new Set(unread.map((r) => r.user_id));
    const userIds = admins.filter((id) => !already.has(id));
    if (userIds.length === 0) return;
    const lines = [...givenUp].map(
      ([channel, { count, lastError }]) =>
        `${CHANNEL_LABELS[channel]}：${count} 条消息重试 ${MAX_ATTEMPTS} 次后仍未发出，最后一次的错误：${lastError}`,
    );
    await notify(trx, ctx, {
      kind: FAILED_KIND,
      userIds,
      title: `外发通知发送失败（${[...givenUp.keys()].map((c) => CHANNEL_LABELS[c]).join('、')}）`,
      body: `${lines.join('\n')}\n请在“通知设置”中检查通道配置并发送测试，修正后可在“发送情况”中重新发送这些消息。收件人站内的通知不受影响。`,
      link: '/admin/notifications',
      inboxOnly: true,
    });
  });
}

/** Whether the robot has had its share of messages in the last 60 seconds. */
async function robotMinuteFull(
  db: Kysely<DB>,
  channel: NotificationChannel,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('notification_deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('channel', '=', channel)
    .where('status', '=', 'sent')
    .where('sent_at', '>', new Date(now.getTime() - 60_000))
    .executeTakeFirstOrThrow();
  return Number(row.n) >= ROBOT_MESSAGES_PER_MINUTE;
}

/**
 * Puts a claimed row back untried, or tried and refused only for sending too often: its
 * attempt does not count, so a busy hour never uses up a message's tries.
 */
async function release(
  db: Kysely<DB>,
  row: Delivery,
  nextAttemptAt: Date,
  lastError: string | null,
): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({
      attempts: row.attempts - 1,
      next_attempt_at: nextAttemptAt,
      ...(lastError === null ? {} : { last_error: lastError }),
    })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .execute();
}

async function claimNext(
  db: Kysely<DB>,
  now: Date,
  held: ReadonlySet<NotificationChannel>,
): Promise<Delivery | undefined> {
  return db
    .updateTable('notification_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      next_attempt_at: new Date(now.getTime() + LEASE_MS),
    }))
    .where('status', '=', 'pending')
    .where('id', '=', (eb) =>
      eb
        .selectFrom('notification_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .$if(held.size > 0, (q) => q.where('channel', 'not in', [...held]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Sends one row; answers the error message, or null when it went through. */
async function attempt(
  ctx: AppContext,
  channels: ChannelSettings,
  row: Delivery,
): Promise<{ message: string; final: boolean; retryAfterMs?: number } | null> {
  const channel = channels[row.channel];
  // Switched off after the message was queued: do not send, and do not keep trying.
  if (!channel.enabled) return { message: '通道已停用，未发送', final: true };
  try {
    switch (row.channel) {
      case 'email':
        await sendEmail(channels.email, { to: row.target, subject: row.subject, text: row.body });
        break;
      case 'wecom':
        await postToWecom(channels.wecom, row.body);
        break;
      case 'dingtalk':
        await postToDingtalk(channels.dingtalk, row.body, ctx.clock.now());
        break;
    }
    return null;
  } catch (err) {
    if (err instanceof DeliveryError) {
      return {
        message: err.message,
        final: false,
        ...(err.retryAfterMs ? { retryAfterMs: err.retryAfterMs } : {}),
      };
    }
    return { message: `发送失败：${String(err)}`, final: false };
  }
}

async function recordOutcome(
  db: Kysely<DB>,
  row: Delivery,
  error: { message: string; final: boolean } | null,
  now: Date,
): Promise<'sent' | 'failed' | 'retrying'> {
  const update = db
    .updateTable('notification_deliveries')
    .where('id', '=', row.id)
    .where('status', '=', 'pending');
  if (!error) {
    await update.set({ status: 'sent', sent_at: now, last_error: null }).execute();
    return 'sent';
  }
  if (error.final || row.attempts >= MAX_ATTEMPTS) {
    await update.set({ status: 'failed', last_error: error.message }).execute();
    return 'failed';
  }
  await update
    .set({
      last_error: error.message,
      next_attempt_at: new Date(now.getTime() + backoffMs(row.attempts)),
    })
    .execute();
  return 'retrying';
}
