import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery } from '../../server/common-schemas.js';

export const InboxItem = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: '通知类型，如 case.registered' }),
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String({ description: '网页内的路径，如 /cases/42' })),
  caseId: Nullable(Type.Integer()),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
});
export type InboxItem = Static<typeof InboxItem>;

export const InboxQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: 'true：只看未读' })),
  ...PageQuery,
});
export type InboxQuery = Static<typeof InboxQuery>;

export const UnreadCount = Type.Object({ count: Type.Integer() });

export const ReadAllReply = Type.Object({ updated: Type.Integer() });

const Host = Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:\\[\\]_-]+$' });
const Address = (description?: string) =>
  Type.String({ minLength: 3, maxLength: 254, format: 'email', description });
const HttpUrl = (description?: string) =>
  Type.String({ maxLength: 1000, pattern: '^https?://[^\\s]+$', description });

/** What the browser sees: secrets only as "set or not", a webhook's token masked. */
export const NotificationSettings = Type.Object({
  publicUrl: Nullable(Type.String({ description: '系统访问地址，用于外发消息中的链接' })),
  email: Type.Object({
    enabled: Type.Boolean(),
    host: Nullable(Type.String()),
    port: Type.Integer(),
    secure: Type.Boolean({ description: 'true：直接 TLS（通常端口 465）；false：明文或 STARTTLS' }),
    user: Nullable(Type.String()),
    from: Nullable(Type.String()),
    passwordSet: Type.Boolean(),
  }),
  wecom: Type.Object({
    enabled: Type.Boolean(),
    webhookUrlSet: Type.Boolean(),
    webhookUrlHint: Nullable(Type.String({ description: '地址中的密钥已隐去' })),
  }),
  dingtalk: Type.Object({
    enabled: Type.Boolean(),
    webhookUrlSet: Type.Boolean(),
    webhookUrlHint: Nullable(Type.String()),
    secretSet: Type.Boolean(),
  }),
});
export type NotificationSettings = Static<typeof NotificationSettings>;

const secretField = (description: string) =>
  Type.Optional(
    Nullable(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: `${description}；不传则保持不变，null 清除`,
      }),
    ),
  );

export const UpdateNotificationSettingsBody = Type.Object(
  {
    publicUrl: Nullable(HttpUrl('系统访问地址，如 http://10.0.0.5:3000')),
    email: Type.Object(
      {
        enabled: Type.Boolean(),
        host: Nullable(Host),
        port: Type.Integer({ minimum: 1, maximum: 65535 }),
        secure: Type.Boolean(),
        user: Nullable(Type.String({ minLength: 1, maxLength: 254 })),
        from: Nullable(Address('发件人地址')),
        password: secretField('SMTP 密码'),
      },
      { additionalProperties: false },
    ),
    wecom: Type.Object(
      {
        enabled: Type.Boolean(),
        webhookUrl: Type.Optional(
          Nullable(HttpUrl('企业微信群机器人 Webhook 地址；不传则保持不变')),
        ),
      },
      { additionalProperties: false },
    ),
    dingtalk: Type.Object(
      {
        enabled: Type.Boolean(),
        webhookUrl: Type.Optional(Nullable(HttpUrl('钉钉群机器人 Webhook 地址；不传则保持不变'))),
        secret: secretField('钉钉加签密钥（SEC 开头）'),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type UpdateNotificationSettingsInput = Static<typeof UpdateNotificationSettingsBody>;

export const ChannelSchema = Type.Union([
  Type.Literal('email'),
  Type.Literal('wecom'),
  Type.Literal('dingtalk'),
]);

export const TestNotificationBody = Type.Object(
  { to: Type.Optional(Address('测试邮件的收件人；默认为当前用户的邮箱')) },
  { additionalProperties: false },
);

export const TestNotificationReply = Type.Object({
  results: Type.Array(
    Type.Object({ channel: ChannelSchema, ok: Type.Boolean(), message: Type.String() }),
  ),
});
export type TestNotificationReply = Static<typeof TestNotificationReply>;

export const DeliveryListQuery = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('failed'), Type.Literal('troubled')], {
      description: 'failed：只看最终失败的；troubled（默认）：失败的和正在重试的',
    }),
  ),
  ...PageQuery,
});
export type DeliveryListQuery = Static<typeof DeliveryListQuery>;

export const DeliveryList = Type.Object({
  days: Type.Integer({ description: '统计和列表覆盖的天数' }),
  summary: Type.Array(
    Type.Object({
      channel: ChannelSchema,
      sent: Type.Integer(),
      pending: Type.Integer(),
      failed: Type.Integer(),
    }),
  ),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      channel: ChannelSchema,
      target: Nullable(Type.String({ description: '收件邮箱；群机器人为 null' })),
      subject: Type.String(),
      status: Type.Union([Type.Literal('failed'), Type.Literal('retrying')]),
      attempts: Type.Integer(),
      lastError: Nullable(Type.String()),
      createdAt: Type.String({ format: 'date-time' }),
      nextAttemptAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type DeliveryList = Static<typeof DeliveryList>;

export const RetryDeliveriesBody = Type.Object(
  {
    ids: Type.Array(Type.Integer({ minimum: 1 }), {
      minItems: 1,
      maxItems: 500,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);

export const RetryDeliveriesReply = Type.Object({ requeued: Type.Integer() });
