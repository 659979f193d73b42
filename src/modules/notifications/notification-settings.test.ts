import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import {
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from '../../../tests/helpers/notification-receivers.js';
import type { BuiltApp } from '../../server/app.js';
import type { User } from '../org/org.schemas.js';
import { CHANNELS_KEY } from './channel-settings.js';
import { backoffMs, deliverPending, MAX_ATTEMPTS } from './deliver-notifications.js';
import { notify } from './notify.js';
import type {
  DeliveryList,
  NotificationSettings,
  TestNotificationReply,
  UpdateNotificationSettingsInput,
} from './notifications.schemas.js';

let t: TestContext;
let built: BuiltApp;
let admin: BuiltUser;
let api: ApiClient;
let smtp: SmtpReceiver;
let robots: HttpReceiver;

const PASSWORD = 'Smtp-P@ss-9f3k2';
const SECRET = 'SEC0123456789abcdef-secret';
const WECOM_KEY = 'wecom-token-abcdef123456';
const DING_TOKEN = 'ding-access-token-987654';

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  smtp = await startSmtpReceiver({ user: 'mailer', password: PASSWORD });
  robots = await startHttpReceiver();
  admin = await buildUser(t.ctx, { name: '系统管理员', roles: ['admin'] });
  await t.ctx.db
    .updateTable('users')
    .set({ email: 'admin@town.example' })
    .where('id', '=', admin.id)
    .execute();
  api = await loginAs(built, admin.username, admin.password);
});
afterAll(async () => {
  await built.app.close();
  await smtp.close();
  await robots.close();
  await t.close();
});

function body(
  patch: Partial<UpdateNotificationSettingsInput> = {},
): UpdateNotificationSettingsInput {
  return {
    publicUrl: 'http://10.0.0.5:3000/',
    email: {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'mailer',
      from: 'noreply@town.example',
      password: PASSWORD,
    },
    wecom: { enabled: true, webhookUrl: `${robots.url}/cgi-bin/webhook/send?key=${WECOM_KEY}` },
    dingtalk: {
      enabled: true,
      webhookUrl: `${robots.url}/robot/send?access_token=${DING_TOKEN}`,
      secret: SECRET,
    },
    ...patch,
  };
}

const secrets = [PASSWORD, SECRET, WECOM_KEY, DING_TOKEN];
const leaks = (text: string) => secrets.filter((s) => text.includes(s));

describe('notification settings', () => {
  it('starts with every channel off', async () => {
    const res = await api.request('GET', '/api/notification-settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      publicUrl: null,
      email: {
        enabled: false,
        host: null,
        port: 25,
        secure: false,
        user: null,
        from: null,
        passwordSet: false,
      },
      wecom: { enabled: false, webhookUrlSet: false, webhookUrlHint: null },
      dingtalk: { enabled: false, webhookUrlSet: false, webhookUrlHint: null, secretSet: false },
    });
  });

  it('saves the channels and never gives back the password, the secret or a webhook token', async () => {
    const put = await api.request('PUT', '/api/notification-settings', body());
    expect(put.statusCode).toBe(200);
    const get = await api.request('GET', '/api/notification-settings');
    for (const res of [put, get]) {
      expect(leaks(res.body)).toEqual([]);
      expect(res.json<NotificationSettings>()).toEqual({
        publicUrl: 'http://10.0.0.5:3000',
        email: {
          enabled: true,
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          user: 'mailer',
          from: 'noreply@town.example',
          passwordSet: true,
        },
        wecom: {
          enabled: true,
          webhookUrlSet: true,
          webhookUrlHint: `${robots.url}/cgi-bin/webhook/send?key=weco****`,
        },
        dingtalk: {
          enabled: true,
          webhookUrlSet: true,
          webhookUrlHint: `${robots.url}/robot/send?access_token=ding****`,
          secretSet: true,
        },
      });
    }
    // Stored for sending…
    const stored = await t.ctx.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', CHANNELS_KEY)
      .executeTakeFirstOrThrow();
    expect(leaks(JSON.stringify(stored.value))).toEqual(secrets);
    // …but the audit log, which many may read, holds none of it.
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['summary', 'before', 'after'])
      .where('action', '=', 'notification.settings-update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.summary).toBe(
      '修改通知设置：系统访问地址、邮件、企业微信、钉钉' +
        '（更换：SMTP 密码、企业微信 Webhook 地址、钉钉 Webhook 地址、钉钉加签密钥）',
    );
    expect(leaks(JSON.stringify(audit))).toEqual([]);
  });

  it('keeps a secret that is not sent again, and clears one sent as null', async () => {
    const withoutSecrets = body();
    delete withoutSecrets.email.password;
    delete withoutSecrets.wecom.webhookUrl;
    delete withoutSecrets.dingtalk.webhookUrl;
    delete withoutSecrets.dingtalk.secret;
    withoutSecrets.email.port = smtp.port;
    const kept = await api.request('PUT', '/api/notification-settings', withoutSecrets);
    expect(kept.statusCode).toBe(200);
    expect(kept.json<NotificationSettings>()).toMatchObject({
      email: { passwordSet: true },
      wecom: { webhookUrlSet: true },
      dingtalk: { webhookUrlSet: true, secretSet: true },
    });

    const cleared = await api.request('PUT', '/api/notification-settings', {
      ...withoutSecrets,
      dingtalk: { enabled: true, secret: null },
    });
    expect(cleared.json<NotificationSettings>().dingtalk).toMatchObject({
      webhookUrlSet: true,
      secretSet: false,
    });
    const last = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'notification.settings-update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.summary).toBe('修改通知设置：钉钉（更换：钉钉加签密钥）');
    // Back to signed for the tests below.
    await api.request('PUT', '/api/notification-settings', body());
  });

  it('refuses an enabled channel without what it needs, and malformed input, in Chinese', async () => {
    const cases: [unknown, string][] = [
      [
        body({ email: { ...body().email, host: null } }),
        '启用邮件通知须填写 SMTP 服务器和发件人地址',
      ],
      [
        body({ wecom: { enabled: true, webhookUrl: null } }),
        '启用企业微信通知须填写群机器人 Webhook 地址',
      ],
      [
        body({ dingtalk: { enabled: true, webhookUrl: null } }),
        '启用钉钉通知须填写群机器人 Webhook 地址',
      ],
    ];
    for (const [input, message] of cases) {
      const res = await api.request('PUT', '/api/notification-settings', input);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message } });
    }
    for (const input of [
      {},
      body({ wecom: { enabled: true, webhookUrl: 'ftp://robot.example/' } }),
      body({ email: { ...body().email, port: 70000 } }),
      body({ email: { ...body().email, from: 'not an address' } }),
      { ...body(), extra: true },
    ]) {
      const res = await api.request('PUT', '/api/notification-settings', input);
      expect(res.statusCode, JSON.stringify(input)).toBe(400);
      expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/[\u4e00-\u9fa5]/) as unknown,
      });
    }
  });

  it('is for admins only', async () => {
    const office = await buildUser(t.ctx, { roles: ['office'] });
    const client = await loginAs(built, office.username, office.password);
    for (const [method, url, payload] of [
      ['GET', '/api/notification-settings', undefined],
      ['PUT', '/api/notification-settings', body()],
      ['POST', '/api/notification-settings/test', {}],
    ] as const) {
      const res = await client.request(method, url, payload);
      expect(res.statusCode, url).toBe(403);
      expect(leaks(res.body)).toEqual([]);
    }
  });
});

describe('sending a test message', () => {
  it('sends on every enabled channel and answers per channel', async () => {
    smtp.mails.length = 0;
    robots.posts.length = 0;
    const res = await api.request('POST', '/api/notification-settings/test', {});
    expect(res.statusCode).toBe(200);
    expect(res.json<TestNotificationReply>().results).toEqual([
      { channel: 'email', ok: true, message: '测试邮件已发送至 admin@town.example' },
      { channel: 'wecom', ok: true, message: '测试消息已发送到企业微信群' },
      { channel: 'dingtalk', ok: true, message: '测试消息已发送到钉钉群' },
    ]);
    expect(smtp.mails.map((m) => [m.envelopeTo, m.subject])).toEqual([
      [['admin@town.example'], '【舆情】通知测试'],
    ]);
    expect(smtp.mails[0]?.text).toContain('收到此消息，说明邮件通知配置正确。');
    expect(robots.posts).toHaveLength(2);
    const ding = robots.posts.find((p) => p.path === '/robot/send');
    expect(ding?.query.get('sign')).toBeTruthy();
    expect(ding?.body).toMatchObject({
      msgtype: 'text',
      text: { content: expect.stringContaining('钉钉通知配置正确') as unknown },
    });

    const other = await api.request('POST', '/api/notification-settings/test', {
      to: 'office@town.example',
    });
    expect(other.json<TestNotificationReply>().results[0]?.message).toBe(
      '测试邮件已发送至 office@town.example',
    );
    expect(smtp.mails.at(-1)?.envelopeTo).toEqual(['office@town.example']);
  });

  it('reports a failing channel with the reason, in Chinese, and audits the test', async () => {
    robots.respond({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
    try {
      const res = await api.request('POST', '/api/notification-settings/test', {});
      expect(res.statusCode, res.body).toBe(200);
      const results = res.json<TestNotificationReply>().results;
      expect(results.find((r) => r.channel === 'email')?.ok).toBe(true);
      expect(results.find((r) => r.channel === 'wecom')).toEqual({
        channel: 'wecom',
        ok: false,
        message:
          '发送失败：Webhook 地址无效：key 不正确，或机器人已被移出群聊（错误码 93000：invalid webhook url）',
      });
    } finally {
      robots.respond({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    }
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'notification.test')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toBe('发送通知测试：邮件成功，企业微信失败，钉钉失败');
  });

  it('says so when no channel is enabled', async () => {
    const off = body();
    off.email.enabled = false;
    off.wecom.enabled = false;
    off.dingtalk.enabled = false;
    await api.request('PUT', '/api/notification-settings', off);
    const res = await api.request('POST', '/api/notification-settings/test', {});
    expect(res.json()).toEqual({ results: [] });
    await api.request('PUT', '/api/notification-settings', body());
  });
});

describe('users’ e-mail addresses', () => {
  it('are set, changed, cleared and validated through the user API', async () => {
    const created = await api.request('POST', '/api/users', {
      username: 'mail.user',
      name: '邮箱用户',
      roles: ['leader'],
      email: 'leader@town.example',
    });
    expect(created.statusCode).toBe(201);
    const user = created.json<{ user: User }>().user;
    expect(user.email).toBe('leader@town.example');

    const changed = await api.request('PATCH', `/api/users/${user.id}`, {
      email: 'li.jianguo@town.example',
    });
    expect(changed.json<User>().email).toBe('li.jianguo@town.example');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'user.update')
      .where('entity_id', '=', String(user.id))
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({
      before: { email: 'leader@town.example' },
      after: { email: 'li.jianguo@town.example' },
    });

    const search = async () =>
      (await api.request('GET', '/api/users?q=li.jianguo')).json<{ total: number }>().total;
    expect(await search()).toBe(1);

    const bad = await api.request('PATCH', `/api/users/${user.id}`, { email: '不是邮箱' });
    expect(bad.statusCode).toBe(400);
    const cleared = await api.request('PATCH', `/api/users/${user.id}`, { email: null });
    expect(cleared.json<User>().email).toBeNull();
    expect(await search()).toBe(0);
  });
});

describe('failed deliveries', () => {
  it('tells the admins once in the inbox, lists the failures with the error, and sends them again on request', async () => {
    expect((await api.request('PUT', '/api/notification-settings', body())).statusCode).toBe(200);
    robots.respond({ status: 502, body: 'Bad Gateway' });
    const queue = (title: string) =>
      t.ctx.db
        .transaction()
        .execute((trx) =>
          notify(trx, t.ctx, { kind: 'case.registered', userIds: [], title, body: '正文' }),
        );
    const runUntilGivenUp = async () => {
      for (let n = 1; n <= MAX_ATTEMPTS; n++) {
        await deliverPending(t.ctx);
        t.clock.advance(backoffMs(n));
      }
    };
    const first = await queue('第一批');
    await runUntilGivenUp();

    const notices = () =>
      t.ctx.db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', admin.id)
        .where('kind', '=', 'notification.failed')
        .execute();
    const [notice, ...more] = await notices();
    expect(more).toHaveLength(0);
    expect(notice?.title).toBe('外发通知发送失败（企业微信、钉钉）');
    expect(notice?.link).toBe('/admin/notifications');
    expect(notice?.body).toContain(
      `企业微信：1 条消息重试 ${MAX_ATTEMPTS} 次后仍未发出，最后一次的错误：机器人接口返回 HTTP 502：Bad Gateway`,
    );
    // Inbox only: not through the channels, one of which is the one failing.
    const outboxAboutIt = await t.ctx.db
      .selectFrom('notification_deliveries')
      .select('id')
      .where('subject', 'like', '%外发通知发送失败%')
      .execute();
    expect(outboxAboutIt).toHaveLength(0);

    // Unread still: the next failure adds no second notice.
    await queue('第二批');
    await runUntilGivenUp();
    expect(await notices()).toHaveLength(1);

    const list = await api.request('GET', '/api/notification-deliveries?status=failed');
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json<DeliveryList>();
    expect(page.total).toBe(4);
    expect(page.summary.find((s) => s.channel === 'wecom')).toMatchObject({ failed: 2 });
    const wecom = page.items.find((i) => i.channel === 'wecom' && i.subject === '【舆情】第一批');
    expect(wecom).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      target: null,
      lastError: '机器人接口返回 HTTP 502：Bad Gateway',
      nextAttemptAt: null,
    });

    // The receiver works again: the admin sends the first batch again, and only once.
    robots.respond({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    robots.posts.length = 0;
    const retry = await api.request('POST', '/api/notification-deliveries/retry', {
      ids: first.deliveryIds,
    });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toEqual({ requeued: 2 });
    expect(await deliverPending(t.ctx)).toMatchObject({ sent: 2, failed: 0 });
    expect(robots.posts).toHaveLength(2);
    const again = await api.request('POST', '/api/notification-deliveries/retry', {
      ids: first.deliveryIds,
    });
    expect(again.json()).toEqual({ requeued: 0 });
    expect(await deliverPending(t.ctx)).toMatchObject({ sent: 0 });
    expect(robots.posts).toHaveLength(2);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'notification.retry')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual(['重新发送失败的通知：企业微信 1 条，钉钉 1 条']);

    // The rest of the failures are still listed; nothing was lost.
    const rest = (await api.request('GET', '/api/notification-deliveries')).json<DeliveryList>();
    expect(rest.items.map((i) => i.subject)).toEqual(['【舆情】第二批', '【舆情】第二批']);
  });
});
