import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { DingtalkChannel, EmailChannel, WecomChannel } from './channel-settings.js';
import { SYSTEM_NAME, truncateUtf8 } from './messages.js';

/** A send that did not go through; the message is Chinese and is kept on the outbox row. */
export class DeliveryError extends Error {
  /**
   * Set when the receiver refused for sending too often: wait this long before the next try,
   * and do not count the try against the message (it was not the message's fault).
   */
  readonly retryAfterMs: number | null;
  constructor(message: string, options: { retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'DeliveryError';
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

const WEBHOOK_TIMEOUT_MS = 10_000;
// WeCom refuses text over 2048 bytes; DingTalk allows far more, but a chat message stays short.
const WECOM_MAX_BYTES = 2048;
const DINGTALK_MAX_BYTES = 8000;

export async function sendEmail(
  channel: EmailChannel,
  message: { to: string; subject: string; text: string },
): Promise<void> {
  if (!channel.host || !channel.from) throw new DeliveryError('邮件通道未配置 SMTP 服务器或发件人');
  const transport = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.secure,
    ...(channel.user ? { auth: { user: channel.user, pass: channel.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  try {
    await transport.sendMail({
      from: { name: SYSTEM_NAME, address: channel.from },
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  } catch (err) {
    throw new DeliveryError(describeSmtpError(err));
  } finally {
    transport.close();
  }
}

function describeSmtpError(err: unknown): string {
  const e = err as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
    message?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : '';
  const detail =
    typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : '';
  const reasons: Record<string, string> = {
    ECONNREFUSED: '无法连接邮件服务器（连接被拒绝）',
    ECONNECTION: '无法连接邮件服务器',
    ETIMEDOUT: '连接邮件服务器超时',
    EDNS: '找不到邮件服务器（域名解析失败）',
    ENOTFOUND: '找不到邮件服务器（域名解析失败）',
    EAUTH: '邮件服务器认证失败，请检查用户名和密码',
    ENOAUTH: '邮件服务器要求认证，请填写用户名和密码',
    ETLS: '与邮件服务器建立加密连接失败',
    ESOCKET: '与邮件服务器的连接出错',
    EENVELOPE: '邮件服务器拒绝了发件人或收件人地址',
    EMESSAGE: '邮件服务器拒绝了邮件内容',
    EPROTOCOL: '邮件服务器的应答不符合协议',
  };
  // A refused or unresolvable connection arrives as ESOCKET; its message names the cause.
  const socketCause = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/.exec(detail)?.[0];
  const reason =
    (socketCause === 'EAI_AGAIN' ? reasons.ENOTFOUND : socketCause && reasons[socketCause]) ||
    reasons[code] ||
    '邮件发送失败';
  return truncateUtf8(detail ? `${reason}：${detail}` : reason, 1000);
}

/** WeCom group robot: POST {"msgtype":"text","text":{"content":…}} to the webhook. */
export async function postToWecom(channel: WecomChannel, text: string): Promise<void> {
  if (!channel.webhookUrl) throw new DeliveryError('企业微信通道未配置 Webhook 地址');
  await postRobot('wecom', channel.webhookUrl, truncateUtf8(text, WECOM_MAX_BYTES));
}

/**
 * DingTalk group robot. With a signing secret (加签) the URL carries `timestamp` (ms) and
 * `sign` = Base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)), URL-encoded.
 */
export async function postToDingtalk(
  channel: DingtalkChannel,
  text: string,
  now: Date,
): Promise<void> {
  if (!channel.webhookUrl) throw new DeliveryError('钉钉通道未配置 Webhook 地址');
  const url = channel.secret
    ? signDingtalkUrl(channel.webhookUrl, channel.secret, now.getTime())
    : channel.webhookUrl;
  await postRobot('dingtalk', url, truncateUtf8(text, DINGTALK_MAX_BYTES));
}

export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export function signDingtalkUrl(webhookUrl: string, secret: string, timestamp: number): string {
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', String(timestamp));
  url.searchParams.set('sign', dingtalkSign(secret, timestamp));
  return url.toString();
}

type Robot = 'wecom' | 'dingtalk';

/**
 * Each robot takes at most 20 messages a minute. WeCom refuses the excess (45009); DingTalk
 * refuses it (130101) and then stays shut for 10 minutes.
 */
export const ROBOT_RATE_LIMIT_WAIT_MS: Record<Robot, number> = {
  wecom: 60_000,
  dingtalk: 10 * 60_000,
};

const RATE_LIMITED: Record<Robot, readonly number[]> = { wecom: [45009], dingtalk: [130101] };

/**
 * What the robots' error codes mean, in the words an admin needs to act on them. The answer's
 * own errmsg (English) is kept after it, for looking the code up.
 */
function explainRobotError(robot: Robot, code: unknown, errmsg: string): string | null {
  if (robot === 'wecom') {
    switch (code) {
      case 93000:
        return 'Webhook 地址无效：key 不正确，或机器人已被移出群聊';
      case 45009:
        return '发送过于频繁：每个机器人每分钟最多 20 条，稍后自动重发';
      case 40008:
        return '消息类型不受支持';
      case 40058:
      case 44004:
        return '消息内容为空或超过 2048 字节';
      case -1:
        return '企业微信系统繁忙，稍后自动重发';
    }
    return null;
  }
  switch (code) {
    case 310000:
      if (/keyword/i.test(errmsg)) {
        return '消息不含机器人安全设置中的自定义关键词：本系统的消息均以“【舆情】”开头，可将关键词设为“舆情”';
      }
      if (/sign/i.test(errmsg)) return '加签校验未通过，请核对以 SEC 开头的加签密钥';
      if (/whitelist|ip/i.test(errmsg)) return '本服务器的 IP 地址不在机器人安全设置的 IP 白名单中';
      if (/timestamp/i.test(errmsg)) return '加签时间戳无效：本服务器时间与标准时间相差超过 1 小时';
      return '未通过机器人的安全设置（自定义关键词、加签或 IP 白名单）';
    case 300001:
      return 'Webhook 地址中的 access_token 不存在：机器人可能已被删除';
    case 130101:
      return '发送过于频繁：每个机器人每分钟最多 20 条，超过后钉钉限流 10 分钟，届时自动重发';
    case 400102:
      return '机器人已停用';
    case 40035:
      return '请求缺少参数或格式不正确';
  }
  return null;
}

async function postRobot(robot: Robot, url: string, content: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ msgtype: 'text', text: { content } }),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (err) {
    throw new DeliveryError(describeFetchError(err));
  }
  const raw = await response.text().catch(() => '');
  if (!response.ok) {
    throw new DeliveryError(
      truncateUtf8(`机器人接口返回 HTTP ${response.status}${raw ? `：${raw}` : ''}`, 1000),
    );
  }
  // Both robots answer 200 with {"errcode":0,"errmsg":"ok"}; any other errcode is a refusal.
  let answer: { errcode?: unknown; errmsg?: unknown } | null = null;
  try {
    answer = JSON.parse(raw) as { errcode?: unknown; errmsg?: unknown };
  } catch {
    answer = null;
  }
  if (answer && answer.errcode !== undefined && answer.errcode !== 0) {
    const errmsg = typeof answer.errmsg === 'string' ? answer.errmsg : '';
    const why = explainRobotError(robot, answer.errcode, errmsg);
    const code = `错误码 ${JSON.stringify(answer.errcode)}${errmsg ? `：${errmsg}` : ''}`;
    const limited =
      typeof answer.errcode === 'number' && RATE_LIMITED[robot].includes(answer.errcode);
    throw new DeliveryError(
      truncateUtf8(why ? `${why}（${code}）` : `机器人拒绝了消息（${code}）`, 1000),
      limited ? { retryAfterMs: ROBOT_RATE_LIMIT_WAIT_MS[robot] } : {},
    );
  }
}

function describeFetchError(err: unknown): string {
  const e = err as { name?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return `请求机器人接口超时（${WEBHOOK_TIMEOUT_MS / 1000} 秒）`;
  }
  const code = typeof e.cause?.code === 'string' ? e.cause.code : '';
  if (code === 'ECONNREFUSED') return '无法连接机器人接口（连接被拒绝）';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return '找不到机器人接口的服务器（域名解析失败）';
  if (code === 'ECONNRESET') return '机器人接口连接被重置';
  const detail = typeof e.cause?.message === 'string' ? e.cause.message : String(err);
  return truncateUtf8(`请求机器人接口失败：${detail}`, 1000);
}
