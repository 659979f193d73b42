import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { NotificationSettings } from './notifications.schemas.js';

/** Where the channels live in the `settings` table. */
export const CHANNELS_KEY = 'notifications.channels';

export interface EmailChannel {
  enabled: boolean;
  host: string | null;
  port: number;
  /** Implicit TLS (port 465); otherwise plain with STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string | null;
}

export interface WecomChannel {
  enabled: boolean;
  webhookUrl: string | null;
}

export interface DingtalkChannel {
  enabled: boolean;
  webhookUrl: string | null;
  /** The robot's signing secret (加签, "SEC…"); without it the request is not signed. */
  secret: string | null;
}

/** The stored settings, secrets included: never sent to the browser as they are. */
export interface ChannelSettings {
  /** The address people open the system at, for links in outgoing messages. */
  publicUrl: string | null;
  email: EmailChannel;
  wecom: WecomChannel;
  dingtalk: DingtalkChannel;
}

export const DEFAULT_CHANNELS: ChannelSettings = {
  publicUrl: null,
  email: {
    enabled: false,
    host: null,
    port: 25,
    secure: false,
    user: null,
    password: null,
    from: null,
  },
  wecom: { enabled: false, webhookUrl: null },
  dingtalk: { enabled: false, webhookUrl: null, secret: null },
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: unknown): boolean => v === true;
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** Reads what is stored, filling in defaults: a setting written by an older version still loads. */
export function parseChannels(value: unknown): ChannelSettings {
  const root = obj(value);
  const email = obj(root.email);
  const wecom = obj(root.wecom);
  const dingtalk = obj(root.dingtalk);
  const port = Number(email.port);
  return {
    publicUrl: str(root.publicUrl),
    email: {
      enabled: bool(email.enabled),
      host: str(email.host),
      port: Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_CHANNELS.email.port,
      secure: bool(email.secure),
      user: str(email.user),
      password: str(email.password),
      from: str(email.from),
    },
    wecom: { enabled: bool(wecom.enabled), webhookUrl: str(wecom.webhookUrl) },
    dingtalk: {
      enabled: bool(dingtalk.enabled),
      webhookUrl: str(dingtalk.webhookUrl),
      secret: str(dingtalk.secret),
    },
  };
}

export async function loadChannels(db: Kysely<DB>): Promise<ChannelSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', CHANNELS_KEY)
    .executeTakeFirst();
  return parseChannels(row?.value);
}

export async function saveChannels(
  db: Kysely<DB>,
  channels: ChannelSettings,
  now: Date,
): Promise<void> {
  const value = JSON.stringify(channels);
  await db
    .insertInto('settings')
    .values({ key: CHANNELS_KEY, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/**
 * A robot's webhook URL carries its credential (WeCom `key`, DingTalk `access_token`): anyone who
 * has it may post to the group. Shown as scheme, host and path with every query value hidden
 * but its first four characters.
 */
export function maskWebhookUrl(url: string | null): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '（地址无效）';
  }
  const query = [...parsed.searchParams.entries()]
    .map(([k, v]) => `${k}=${v.slice(0, 4)}${v.length > 4 ? '****' : ''}`)
    .join('&');
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query ? `?${query}` : ''}`;
}

/** The browser's view: no password, no secret, no webhook token. */
export function toPublicSettings(c: ChannelSettings): NotificationSettings {
  return {
    publicUrl: c.publicUrl,
    email: {
      enabled: c.email.enabled,
      host: c.email.host,
      port: c.email.port,
      secure: c.email.secure,
      user: c.email.user,
      from: c.email.from,
      passwordSet: c.email.password !== null,
    },
    wecom: {
      enabled: c.wecom.enabled,
      webhookUrlSet: c.wecom.webhookUrl !== null,
      webhookUrlHint: maskWebhookUrl(c.wecom.webhookUrl),
    },
    dingtalk: {
      enabled: c.dingtalk.enabled,
      webhookUrlSet: c.dingtalk.webhookUrl !== null,
      webhookUrlHint: maskWebhookUrl(c.dingtalk.webhookUrl),
      secretSet: c.dingtalk.secret !== null,
    },
  };
}

export const CHANNEL_LABELS = {
  email: '邮件',
  wecom: '企业微信',
  dingtalk: '钉钉',
} as const;
