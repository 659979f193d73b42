import type { Kysely, Selectable } from 'kysely';
import type { DB, NotificationDeliveriesTable } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { loadChannels, type ChannelSettings } from './channel-settings.js';
import { DeliveryError, postToDingtalk, postToWecom, sendEmail } from './senders.js';

type Delivery = Selectable<NotificationDeliveriesTable>;

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

export interface DeliverResult {
  sent: number;
  failed: number;
  retrying: number;
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
  const result: DeliverResult = { sent: 0, failed: 0, retrying: 0 };
  let channels: ChannelSettings | undefined;
  for (let n = 0; n < limit && performance.now() < stopAt; n++) {
    const row = await claimNext(ctx.db, ctx.clock.now());
    if (!row) break;
    channels ??= await loadChannels(ctx.db);
    const error = await attempt(ctx, channels, row);
    const outcome = await recordOutcome(ctx.db, row, error, ctx.clock.now());
    result[outcome] += 1;
  }
  return result;
}

async function claimNext(db: Kysely<DB>, now: Date): Promise<Delivery | undefined> {
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
): Promise<{ message: string; final: boolean } | null> {
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
    const message = err instanceof DeliveryError ? err.message : `发送失败：${String(err)}`;
    return { message, final: false };
  }
}

async function recordOutcome(
  db: Kysely<DB>,
  row: Delivery,
  error: { message: string; final: boolean } | null,
  now: Date,
): Promise<keyof DeliverResult> {
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
