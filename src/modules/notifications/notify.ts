import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, NotificationChannel } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Role } from '../access/roles.js';
import { maskContactsInText, rolesSeeContacts } from '../cases/mask-contact.js';
import { loadChannels } from './channel-settings.js';
import { absoluteLink, emailMessage, robotMessage, truncateChars } from './messages.js';

/** What is said: the same for every recipient of one call. */
export interface NotificationMessage {
  /** Dotted, lower case: `case.registered`, `case.overdue` … (the web app labels known kinds). */
  kind: string;
  /** One line, at most 200 characters (longer is cut). */
  title: string;
  /** Plain text, at most 4000 characters (longer is cut). */
  body: string;
  /** A path in the web app the inbox entry opens, e.g. `/cases/42`. */
  link?: string | null;
  caseId?: number | null;
  /**
   * Post to the configured group robots too (default true): one post per call, naming the
   * recipients, not one per person. Pass false for the second call about the same event.
   */
  groupRobots?: boolean;
  /** Left out even when listed or resolved, e.g. the user who acted. */
  exceptUserIds?: readonly number[];
  /**
   * Inbox only: no e-mail and no robot post (default false). For news about the channels
   * themselves, which must not go out through a channel that may be the one failing.
   */
  inboxOnly?: boolean;
}

export interface NotifyInput extends NotificationMessage {
  userIds: readonly number[];
}

export interface NotifyResult {
  /** Inbox rows written, one per active recipient. */
  notificationIds: number[];
  /** Outbox rows queued for the `notification.deliver` job. */
  deliveryIds: number[];
}

const KIND = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

/**
 * Writes the inbox rows and the outbox rows of one notification inside the caller's transaction,
 * so that a change that rolls back notifies nobody. Inactive and unknown users are skipped;
 * e-mail goes to recipients with an address when the e-mail channel is on; each enabled group
 * robot gets one message. Nothing is sent here: `notification.deliver` sends after commit.
 *
 * Citizens' contact details quoted in the text (a phone number in a reply, an instruction, a
 * post's excerpt) stay whole only for recipients who handle cases (DESIGN §7): a recipient who
 * does not (office, viewer, admin) gets them masked in the inbox and the e-mail, and a group
 * robot's post, which the whole chat reads, always masks them.
 */
export async function notify(
  trx: Transaction<DB>,
  ctx: AppContext,
  input: NotifyInput,
): Promise<NotifyResult> {
  if (!KIND.test(input.kind)) throw new AppError('INTERNAL', `通知类型无效：${input.kind}`);
  const link = input.link ?? null;
  if (link !== null && !link.startsWith('/')) {
    throw new AppError('INTERNAL', `通知链接须为站内路径：${link}`);
  }
  const title = truncateChars(input.title.trim().replace(/\s+/g, ' '), 200);
  if (!title) throw new AppError('INTERNAL', '通知标题不能为空');
  const body = truncateChars(input.body.trim(), 4000);
  const except = new Set(input.exceptUserIds ?? []);
  const ids = [...new Set(input.userIds)].filter((id) => !except.has(id));
  const now = ctx.clock.now();

  const recipients =
    ids.length === 0
      ? []
      : await trx
          .selectFrom('users')
          .select(['id', 'name', 'email', 'roles'])
          .where('id', 'in', ids)
          .where('active', '=', true)
          .orderBy('id')
          .execute();

  const masked = { title: maskContactsInText(title), body: maskContactsInText(body) };
  const textFor = (r: { roles: string[] }) =>
    rolesSeeContacts(r.roles) ? { title, body } : masked;

  const notificationIds = new Map<number, number>();
  if (recipients.length > 0) {
    const rows = await trx
      .insertInto('notifications')
      .values(
        recipients.map((r) => ({
          user_id: r.id,
          kind: input.kind,
          ...textFor(r),
          link,
          case_id: input.caseId ?? null,
          created_at: now,
        })),
      )
      .returning(['id', 'user_id'])
      .execute();
    for (const row of rows) notificationIds.set(row.user_id, row.id);
  }

  const channels = await loadChannels(trx);
  const url = absoluteLink(channels.publicUrl, link);
  const outbox: {
    notification_id: number | null;
    channel: NotificationChannel;
    target: string;
    subject: string;
    body: string;
  }[] = [];
  if (channels.email.enabled && !input.inboxOnly) {
    for (const r of recipients) {
      if (!r.email) continue;
      const message = emailMessage({ recipientName: r.name, ...textFor(r), url });
      outbox.push({
        notification_id: notificationIds.get(r.id) ?? null,
        channel: 'email',
        target: r.email,
        subject: message.subject,
        body: message.text,
      });
    }
  }
  if (input.groupRobots !== false && !input.inboxOnly) {
    const message = robotMessage({
      ...masked,
      recipientNames: recipients.map((r) => r.name),
      url,
    });
    for (const channel of ['wecom', 'dingtalk'] as const) {
      if (!channels[channel].enabled) continue;
      outbox.push({
        notification_id: null,
        channel,
        target: 'group',
        subject: message.subject,
        body: message.text,
      });
    }
  }
  const deliveryIds =
    outbox.length === 0
      ? []
      : (
          await trx
            .insertInto('notification_deliveries')
            .values(outbox.map((o) => ({ ...o, next_attempt_at: now, created_at: now })))
            .returning('id')
            .execute()
        ).map((r) => r.id);

  return { notificationIds: [...notificationIds.values()], deliveryIds };
}

/** Active users holding any of the roles. */
export async function usersWithRoles(db: Kysely<DB>, roles: readonly Role[]): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('active', '=', true)
    .where((eb) => eb.or(roles.map((role) => sql<boolean>`${role} = any(roles)`)))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Who receives a unit's mail: the unit's designated liaison, and the users of the unit who
 * hold the liaison role. Active users only.
 */
export async function unitContacts(db: Kysely<DB>, unitIds: readonly number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const ids = [...unitIds];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb(
          'id',
          'in',
          eb
            .selectFrom('units')
            .select('liaison_user_id')
            .where('id', 'in', ids)
            .where('liaison_user_id', 'is not', null),
        ),
        eb.and([eb('unit_id', 'in', ids), sql<boolean>`'liaison' = any(roles)`]),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Notifies every active user with one of the roles (e.g. the leaders when a case is registered). */
export async function notifyRoles(
  trx: Transaction<DB>,
  ctx: AppContext,
  input: NotificationMessage & { roles: readonly Role[] },
): Promise<NotifyResult> {
  const { roles, ...message } = input;
  return notify(trx, ctx, { ...message, userIds: await usersWithRoles(trx, roles) });
}

/** Notifies the liaisons of the units (e.g. the lead and co-units of a slip). */
export async function notifyUnits(
  trx: Transaction<DB>,
  ctx: AppContext,
  input: NotificationMessage & { unitIds: readonly number[] },
): Promise<NotifyResult> {
  const { unitIds, ...message } = input;
  return notify(trx, ctx, { ...message, userIds: await unitContacts(trx, unitIds) });
}
