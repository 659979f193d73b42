import { sql } from 'kysely';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { changedFields, recordAudit } from '../audit/record-audit.js';
import {
  CHANNEL_LABELS,
  CHANNELS_KEY,
  loadChannels,
  saveChannels,
  toPublicSettings,
  type ChannelSettings,
} from './channel-settings.js';
import type {
  NotificationSettings,
  UpdateNotificationSettingsInput,
} from './notifications.schemas.js';

const text = (v: string | null | undefined): string | null => v?.trim() || null;

/** A write-only field: absent keeps what is stored, null clears it, a value replaces it. */
const secret = (input: string | null | undefined, stored: string | null): string | null =>
  input === undefined ? stored : input === null ? null : input.trim() || null;

const SECRET_LABELS = {
  'email.password': 'SMTP 密码',
  'wecom.webhookUrl': '企业微信 Webhook 地址',
  'dingtalk.webhookUrl': '钉钉 Webhook 地址',
  'dingtalk.secret': '钉钉加签密钥',
} as const;

// Two admins saving at once would otherwise each keep a secret the other cleared.
const SETTINGS_LOCK = 7_120_030;

export async function getNotificationSettings({
  ctx,
  actor,
}: {
  ctx: AppContext;
  actor: Actor;
}): Promise<NotificationSettings> {
  assertCan(actor, 'notifications.manage');
  return toPublicSettings(await loadChannels(ctx.db));
}

export async function updateNotificationSettings({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: UpdateNotificationSettingsInput;
}): Promise<NotificationSettings> {
  assertCan(actor, 'notifications.manage');
  return ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SETTINGS_LOCK})`.execute(trx);
    const current = await loadChannels(trx);
    const next: ChannelSettings = {
      publicUrl: text(input.publicUrl)?.replace(/\/+$/, '') ?? null,
      email: {
        enabled: input.email.enabled,
        host: text(input.email.host),
        port: input.email.port,
        secure: input.email.secure,
        user: text(input.email.user),
        password: secret(input.email.password, current.email.password),
        from: text(input.email.from),
      },
      wecom: {
        enabled: input.wecom.enabled,
        webhookUrl: secret(input.wecom.webhookUrl, current.wecom.webhookUrl),
      },
      dingtalk: {
        enabled: input.dingtalk.enabled,
        webhookUrl: secret(input.dingtalk.webhookUrl, current.dingtalk.webhookUrl),
        secret: secret(input.dingtalk.secret, current.dingtalk.secret),
      },
    };
    assertUsable(next);

    const secretsChanged = (Object.keys(SECRET_LABELS) as (keyof typeof SECRET_LABELS)[]).filter(
      (path) => {
        const [channel, field] = path.split('.') as [keyof typeof CHANNEL_LABELS, string];
        const a = (current[channel] as unknown as Record<string, unknown>)[field];
        const b = (next[channel] as unknown as Record<string, unknown>)[field];
        return a !== b;
      },
    );
    const before = toPublicSettings(current);
    const after = toPublicSettings(next);
    const changes = changedFields(before, after);
    if (Object.keys(changes.after).length === 0 && secretsChanged.length === 0) return after;

    await saveChannels(trx, next, ctx.clock.now());
    const parts: string[] = (['email', 'wecom', 'dingtalk'] as const)
      .filter((c) => c in changes.after || secretsChanged.some((s) => s.startsWith(`${c}.`)))
      .map((c) => CHANNEL_LABELS[c]);
    if ('publicUrl' in changes.after) parts.unshift('系统访问地址');
    const secretNote =
      secretsChanged.length > 0
        ? `（更换：${secretsChanged.map((s) => SECRET_LABELS[s]).join('、')}）`
        : '';
    await recordAudit(trx, ctx.clock, actor, {
      action: 'notification.settings-update',
      entityType: 'settings',
      entityId: CHANNELS_KEY,
      summary: `修改通知设置：${parts.join('、')}${secretNote}`,
      // The public view only: the audit log never holds a password, secret or webhook token.
      before: changes.before,
      after: { ...changes.after, ...(secretsChanged.length > 0 ? { secretsChanged } : {}) },
    });
    return after;
  });
}

/** An enabled channel must have what it needs to send. */
function assertUsable(c: ChannelSettings): void {
  if (c.email.enabled && (!c.email.host || !c.email.from)) {
    throw new AppError('VALIDATION_FAILED', '启用邮件通知须填写 SMTP 服务器和发件人地址');
  }
  if (c.email.enabled && c.email.password && !c.email.user) {
    throw new AppError('VALIDATION_FAILED', '填写了 SMTP 密码时须同时填写用户名');
  }
  if (c.wecom.enabled && !c.wecom.webhookUrl) {
    throw new AppError('VALIDATION_FAILED', '启用企业微信通知须填写群机器人 Webhook 地址');
  }
  if (c.dingtalk.enabled && !c.dingtalk.webhookUrl) {
    throw new AppError('VALIDATION_FAILED', '启用钉钉通知须填写群机器人 Webhook 地址');
  }
}
