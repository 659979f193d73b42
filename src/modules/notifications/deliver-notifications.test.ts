import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildUser } from '../../../tests/factories/index.js';
import { createTestContext, TEST_DB, type TestContext } from '../../../tests/helpers/db.js';
import {
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from '../../../tests/helpers/notification-receivers.js';
import { openDatabase, type Database } from '../../db/connection.js';
import { JOBS } from '../../jobs/registry.js';
import type { AppContext } from '../../server/context.js';
import { DEFAULT_CHANNELS, saveChannels, type ChannelSettings } from './channel-settings.js';
import {
  backoffMs,
  deliverPending,
  MAX_ATTEMPTS,
  ROBOT_MESSAGES_PER_MINUTE,
} from './deliver-notifications.js';
import { notify, type NotifyInput } from './notify.js';
import { dingtalkSign, ROBOT_RATE_LIMIT_WAIT_MS } from './senders.js';

let t: TestContext;
let smtp: SmtpReceiver;
let robots: HttpReceiver;
const extra: Database[] = [];

const SMTP_USER = 'yuqing@town.example';
const SMTP_PASSWORD = 'Smtp#Secret-2026';
const DING_SECRET = 'SECd1n9t4lk-test-secret';

beforeAll(async () => {
  t = await createTestContext();
  smtp = await startSmtpReceiver({ user: SMTP_USER, password: SMTP_PASSWORD });
  robots = await startHttpReceiver();
});
afterAll(async () => {
  for (const db of extra) await db.close();
  await smtp.close();
  await robots.close();
  await t.close();
});

function channels(patch: Partial<ChannelSettings> = {}): ChannelSettings {
  return {
    publicUrl: 'http://yuqing.town.example',
    email: {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: SMTP_USER,
      password: SMTP_PASSWORD,
      from: 'noreply@town.example',
    },
    wecom: { enabled: true, webhookUrl: `${robots.url}/cgi-bin/webhook/send?key=wecom-key` },
    dingtalk: {
      enabled: true,
      webhookUrl: `${robots.url}/robot/send?access_token=ding-token`,
      secret: DING_SECRET,
    },
    ...patch,
  };
}

async function useChannels(c: ChannelSettings): Promise<void> {
  await saveChannels(t.ctx.db, c, t.clock.now());
}

async function queue(input: Omit<NotifyInput, 'kind'> & { kind?: string }) {
  return t.ctx.db
    .transaction()
    .execute((trx) => notify(trx, t.ctx, { kind: 'case.registered', ...input }));
}

const deliveries = (ids: number[]) =>
  t.ctx.db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();

/** Nothing left over from an earlier test: each test starts with an empty outbox. */
beforeEach(async () => {
  await t.ctx.db.deleteFrom('notification_deliveries').execute();
  smtp.mails.length = 0;
  robots.posts.length = 0;
  robots.respond({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
  await useChannels(DEFAULT_CHANNELS);
});

describe('notification.deliver', () => {
  it('e-mails each recipient through the SMTP server, with the Chinese subject and body', async () => {
    await useChannels(
      channels({ wecom: DEFAULT_CHANNELS.wecom, dingtalk: DEFAULT_CHANNELS.dingtalk }),
    );
    const leader = await buildUser(t.ctx, { name: '李建国' });
    await t.ctx.db
      .updateTable('users')
      .set({ email: 'lijianguo@town.example' })
      .where('id', '=', leader.id)
      .execute();
    const { deliveryIds } = await queue({
      userIds: [leader.id],
      title: '新办件：镇东路路灯不亮',
      body: '网民“老街坊”反映镇东路路灯连续三晚不亮，请尽快批办。',
      link: '/cases/42',
    });

    expect(await deliverPending(t.ctx)).toEqual({ sent: 1, failed: 0, retrying: 0, deferred: 0 });

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail?.envelopeTo).toEqual(['lijianguo@town.example']);
    expect(mail?.envelopeFrom).toBe('noreply@town.example');
    expect(mail?.authUser).toBe(SMTP_USER);
    expect(mail?.to).toContain('lijianguo@town.example');
    expect(mail?.from).toContain('网络舆情监测与办理系统');
    expect(mail?.subject).toBe('【舆情】新办件：镇东路路灯不亮');
    expect(mail?.text).toContain('李建国，您好：');
    expect(mail?.text).toContain('网民“老街坊”反映镇东路路灯连续三晚不亮，请尽快批办。');
    expect(mail?.text).toContain('查看详情：http://yuqing.town.example/cases/42');

    const [row] = await deliveries(deliveryIds);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row?.sent_at?.toISOString()).toBe(t.clock.now().toISOString());
    // Done is done: another run finds nothing to send.
    expect(await deliverPending(t.ctx)).toEqual({ sent: 0, failed: 0, retrying: 0, deferred: 0 });
    expect(smtp.mails).toHaveLength(1);
  });

  it('posts the text message to the WeCom robot and the signed one to the DingTalk robot', async () => {
    await useChannels(channels({ email: DEFAULT_CHANNELS.email }));
    const a = await buildUser(t.ctx, { name: '张伟' });
    const b = await buildUser(t.ctx, { name: '赵丽' });
    await queue({
      userIds: [a.id, b.id],
      kind: 'case.overdue',
      title: '办件超期：2026-0042',
      body: '城建办未在期限内提交书面回复，已超期 5 小时。',
    });

    expect(await deliverPending(t.ctx)).toEqual({ sent: 2, failed: 0, retrying: 0, deferred: 0 });
    const content =
      '【舆情】办件超期：2026-0042\n城建办未在期限内提交书面回复，已超期 5 小时。\n通知对象：张伟、赵丽';

    const wecom = robots.posts.find((p) => p.path === '/cgi-bin/webhook/send');
    expect(wecom?.method).toBe('POST');
    expect(wecom?.contentType).toContain('application/json');
    expect(wecom?.query.get('key')).toBe('wecom-key');
    expect(wecom?.body).toEqual({ msgtype: 'text', text: { content } });

    const ding = robots.posts.find((p) => p.path === '/robot/send');
    expect(ding?.body).toEqual({ msgtype: 'text', text: { content } });
    expect(ding?.query.get('access_token')).toBe('ding-token');
    const timestamp = ding?.query.get('timestamp') ?? '';
    expect(timestamp).toBe(String(t.clock.now().getTime()));
    // DingTalk's rule, computed here independently of the code under test.
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', DING_SECRET)
      .update(`${timestamp}\n${DING_SECRET}`)
      .digest('base64');
    expect(ding?.query.get('sign')).toBe(expected);
    expect(dingtalkSign(DING_SECRET, Number(timestamp))).toBe(expected);
    expect(robots.posts).toHaveLength(2);
  });

  it('sends an unsigned DingTalk post when no secret is set', async () => {
    await useChannels(
      channels({
        email: DEFAULT_CHANNELS.email,
        wecom: DEFAULT_CHANNELS.wecom,
        dingtalk: {
          enabled: true,
          webhookUrl: `${robots.url}/robot/send?access_token=x`,
          secret: null,
        },
      }),
    );
    await queue({ userIds: [], title: '无签名', body: '正文' });
    await deliverPending(t.ctx);
    expect(robots.posts).toHaveLength(1);
    expect(robots.posts[0]?.query.has('sign')).toBe(false);
    expect(robots.posts[0]?.query.has('timestamp')).toBe(false);
  });

  it('retries a failing robot with growing waits, then gives up with the error kept', async () => {
    await useChannels(
      channels({ email: DEFAULT_CHANNELS.email, dingtalk: DEFAULT_CHANNELS.dingtalk }),
    );
    robots.respond({ status: 502, body: 'Bad Gateway' });
    const { deliveryIds } = await queue({ userIds: [], title: '会失败', body: '正文' });

    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await deliverPending(t.ctx)).toEqual({ sent: 0, failed: 0, retrying: 1, deferred: 0 });
      const [row] = await deliveries(deliveryIds);
      expect(row).toMatchObject({ status: 'pending', attempts: attempt });
      expect(row?.last_error).toBe('机器人接口返回 HTTP 502：Bad Gateway');
      expect(row?.next_attempt_at.getTime()).toBe(t.clock.now().getTime() + backoffMs(attempt));
      // Not due yet: a run in between sends nothing.
      t.clock.advance(backoffMs(attempt) - 1000);
      expect(await deliverPending(t.ctx)).toEqual({ sent: 0, failed: 0, retrying: 0, deferred: 0 });
      t.clock.advance(1000);
    }
    expect(await deliverPending(t.ctx)).toEqual({ sent: 0, failed: 1, retrying: 0, deferred: 0 });
    const [row] = await deliveries(deliveryIds);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, sent_at: null });
    expect(row?.last_error).toBe('机器人接口返回 HTTP 502：Bad Gateway');
    expect(robots.posts).toHaveLength(MAX_ATTEMPTS);
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);

    t.clock.advance(24 * 3_600_000);
    expect(await deliverPending(t.ctx)).toEqual({ sent: 0, failed: 0, retrying: 0, deferred: 0 });
    expect(robots.posts).toHaveLength(MAX_ATTEMPTS);
  });

  it('treats a robot’s errcode as a failure and recovers when the robot accepts again', async () => {
    await useChannels(channels({ email: DEFAULT_CHANNELS.email, wecom: DEFAULT_CHANNELS.wecom }));
    robots.respond({ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    const { deliveryIds } = await queue({ userIds: [], title: '签名错误', body: '正文' });
    expect(await deliverPending(t.ctx)).toMatchObject({ retrying: 1 });
    expect((await deliveries(deliveryIds))[0]?.last_error).toBe(
      '加签校验未通过，请核对以 SEC 开头的加签密钥（错误码 310000：sign not match）',
    );
    robots.respond({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    t.clock.advance(backoffMs(1));
    expect(await deliverPending(t.ctx)).toMatchObject({ sent: 1 });
    expect((await deliveries(deliveryIds))[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
      last_error: null,
    });
  });

  it('keeps the SMTP error in Chinese when the mail server cannot be reached or refuses the login', async () => {
    const user = await buildUser(t.ctx);
    await t.ctx.db
      .updateTable('users')
      .set({ email: 'x@town.example' })
      .where('id', '=', user.id)
      .execute();
    const base = channels({ wecom: DEFAULT_CHANNELS.wecom, dingtalk: DEFAULT_CHANNELS.dingtalk });

    await useChannels({ ...base, email: { ...base.email, password: 'wrong-password' } });
    const refused = await queue({ userIds: [user.id], title: '认证失败', body: '正文' });
    await deliverPending(t.ctx);
    expect((await deliveries(refused.deliveryIds))[0]?.last_error).toMatch(
      /^邮件服务器认证失败，请检查用户名和密码/,
    );

    // A port nothing listens on: the port of a receiver that has been closed.
    const closed = await startSmtpReceiver();
    await closed.close();
    await useChannels({ ...base, email: { ...base.email, port: closed.port } });
    const unreachable = await queue({ userIds: [user.id], title: '连不上', body: '正文' });
    await deliverPending(t.ctx);
    expect((await deliveries(unreachable.deliveryIds))[0]?.last_error).toMatch(
      /^无法连接邮件服务器/,
    );
    expect(smtp.mails).toHaveLength(0);
  });

  it('does not send, and does not retry, a message whose channel was switched off meanwhile', async () => {
    await useChannels(
      channels({ email: DEFAULT_CHANNELS.email, dingtalk: DEFAULT_CHANNELS.dingtalk }),
    );
    const { deliveryIds } = await queue({ userIds: [], title: '停用', body: '正文' });
    await useChannels(DEFAULT_CHANNELS);
    expect(await deliverPending(t.ctx)).toEqual({ sent: 0, failed: 1, retrying: 0, deferred: 0 });
    expect((await deliveries(deliveryIds))[0]).toMatchObject({
      status: 'failed',
      last_error: '通道已停用，未发送',
    });
    expect(robots.posts).toHaveLength(0);
  });

  it('sends each message once when two runs deliver at the same time', async () => {
    await useChannels(
      channels({ email: DEFAULT_CHANNELS.email, dingtalk: DEFAULT_CHANNELS.dingtalk }),
    );
    // A slow robot keeps both runs busy at once.
    robots.respond({ status: 200, body: '{"errcode":0,"errmsg":"ok"}', delayMs: 50 });
    const N = 12;
    const ids: number[] = [];
    for (let n = 0; n < N; n++) {
      ids.push(
        ...(await queue({ userIds: [], title: `并发 ${n}`, body: `第 ${n} 条` })).deliveryIds,
      );
    }
    // On a server the second run uses its own connection pool, as a second process would.
    let second: AppContext = t.ctx;
    if (TEST_DB === 'postgres') {
      const db = await openDatabase({ dataDir: '', databaseUrl: t.testDb.url });
      extra.push(db);
      second = { ...t.ctx, db: db.db };
    }
    const [a, b] = await Promise.all([deliverPending(t.ctx), deliverPending(second)]);
    expect(a.sent + b.sent).toBe(N);
    if (TEST_DB === 'postgres') {
      // Both took part: the rows really were shared out, not sent by one while the other waited.
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
    }
    const contents = robots.posts.map(
      (p) => (p.body as { text: { content: string } }).text.content,
    );
    expect(contents).toHaveLength(N);
    expect(new Set(contents).size).toBe(N);
    expect((await deliveries(ids)).every((d) => d.status === 'sent' && d.attempts === 1)).toBe(
      true,
    );
  });

  it('sends at most ROBOT_MESSAGES_PER_MINUTE to a robot a minute, the rest the next minute', async () => {
    await useChannels(
      channels({ email: DEFAULT_CHANNELS.email, dingtalk: DEFAULT_CHANNELS.dingtalk }),
    );
    const N = ROBOT_MESSAGES_PER_MINUTE + 7;
    const ids: number[] = [];
    for (let n = 0; n < N; n++) {
      ids.push(...(await queue({ userIds: [], title: `批量 ${n}`, body: '正文' })).deliveryIds);
    }
    expect(await deliverPending(t.ctx)).toEqual({
      sent: ROBOT_MESSAGES_PER_MINUTE,
      failed: 0,
      retrying: 0,
      deferred: 1,
    });
    expect(robots.posts).toHaveLength(ROBOT_MESSAGES_PER_MINUTE);
    // The ones left wait untried: no attempt used, nothing recorded as an error.
    const waiting = (await deliveries(ids)).filter((d) => d.status === 'pending');
    expect(waiting).toHaveLength(7);
    expect(waiting.every((d) => d.attempts === 0 && d.last_error === null)).toBe(true);

    t.clock.advance(30_000);
    expect(await deliverPending(t.ctx)).toMatchObject({ sent: 0, deferred: 1 });
    t.clock.advance(31_000);
    expect(await deliverPending(t.ctx)).toMatchObject({ sent: 7, deferred: 0 });
    const contents = robots.posts.map(
      (p) => (p.body as { text: { content: string } }).text.content.split('\n')[0],
    );
    expect(new Set(contents).size).toBe(N);
    expect((await deliveries(ids)).every((d) => d.status === 'sent' && d.attempts === 1)).toBe(
      true,
    );
  });

  it('waits out a robot that refuses for sending too often, without using up the tries', async () => {
    await useChannels(channels({ email: DEFAULT_CHANNELS.email, wecom: DEFAULT_CHANNELS.wecom }));
    robots.respond({
      status: 200,
      body: '{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}',
    });
    const a = await queue({ userIds: [], title: '限流一', body: '正文' });
    const b = await queue({ userIds: [], title: '限流二', body: '正文' });
    const ids = [...a.deliveryIds, ...b.deliveryIds];

    // DingTalk shuts the robot for 10 minutes: tried once, then the robot is left alone.
    for (let round = 0; round < MAX_ATTEMPTS + 2; round++) {
      expect(await deliverPending(t.ctx)).toEqual({ sent: 0, failed: 0, retrying: 0, deferred: 1 });
      const rows = await deliveries(ids);
      expect(rows.every((d) => d.status === 'pending' && d.attempts === 0)).toBe(true);
      // Both wait: the one not tried is not sent to a robot that is shut either.
      expect(rows.map((d) => d.next_attempt_at.getTime())).toEqual([
        t.clock.now().getTime() + ROBOT_RATE_LIMIT_WAIT_MS.dingtalk,
        t.clock.now().getTime() + ROBOT_RATE_LIMIT_WAIT_MS.dingtalk,
      ]);
      expect(rows[0]?.last_error).toBe(
        '发送过于频繁：每个机器人每分钟最多 20 条，超过后钉钉限流 10 分钟，届时自动重发（错误码 130101：send too fast, exceed 20 times per minute）',
      );
      // Nothing is due before the 10 minutes are up.
      t.clock.advance(ROBOT_RATE_LIMIT_WAIT_MS.dingtalk / 2);
      expect(await deliverPending(t.ctx)).toMatchObject({ deferred: 0, sent: 0 });
      t.clock.advance(ROBOT_RATE_LIMIT_WAIT_MS.dingtalk / 2);
    }
    expect(robots.posts).toHaveLength(MAX_ATTEMPTS + 2);

    robots.respond({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    t.clock.advance(ROBOT_RATE_LIMIT_WAIT_MS.dingtalk);
    expect(await deliverPending(t.ctx)).toMatchObject({ sent: 2, failed: 0 });
    expect(
      (await deliveries(ids)).every(
        (d) => d.status === 'sent' && d.attempts === 1 && d.last_error === null,
      ),
    ).toBe(true);
  });

  it('tells the admin in Chinese when a DingTalk message lacks the robot’s keyword', async () => {
    await useChannels(channels({ email: DEFAULT_CHANNELS.email, wecom: DEFAULT_CHANNELS.wecom }));
    robots.respond({
      status: 200,
      body: '{"errcode":310000,"errmsg":"keywords not in content, more: [https://example]"}',
    });
    const { deliveryIds } = await queue({ userIds: [], title: '关键词', body: '正文' });
    expect(await deliverPending(t.ctx)).toMatchObject({ retrying: 1 });
    expect((await deliveries(deliveryIds))[0]?.last_error).toMatch(
      /^消息不含机器人安全设置中的自定义关键词：本系统的消息均以“【舆情】”开头，可将关键词设为“舆情”（错误码 310000：keywords not in content/,
    );
  });

  it('is registered as a job that runs every minute', () => {
    const job = JOBS.find((j) => j.id === 'notification.deliver');
    expect(job?.schedule).toBe('* * * * *');
  });
});
