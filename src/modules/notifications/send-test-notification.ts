import { formatDateTime } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { CHANNEL_LABELS, CHANNELS_KEY, loadChannels } from './channel-settings.js';
import { SYSTEM_NAME } from './messages.js';
import type { TestNotificationReply } from './notifications.schemas.js';
import { DeliveryError, postToDingtalk, postToWecom, sendEmail } from './senders.js';

type Result = TestNotificationReply['results'][number];

/**
 * Sends a test message at once on each enabled channel, with the saved settings, and says per
 * channel whether it went through. Nothing is queued: the admin is waiting for the answer.
 */
export async function sendTestNotification({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: { to?: string | undefined };
}): Promise<TestNotificationReply> {
  assertCan(actor, 'notifications.manage');
  const channels = await loadChannels(ctx.db);
  const now = ctx.clock.now();
  const text = (label: string) =>
    `【舆情】通知测试\n这是${SYSTEM_NAME}发出的测试消息（${actor.name}，${formatDateTime(now)}）。` +
    `收到此消息，说明${label}通知配置正确。`;

  const jobs: Promise<Result>[] = [];
  if (channels.email.enabled) {
    jobs.push(
      (async (): Promise<Result> => {
        const to = input.to?.trim() || (await ownEmail(ctx, actor));
        if (!to) {
          return {
            channel: 'email',
            ok: false,
            message: '未发送：您的账户没有设置邮箱，请填写测试收件人',
          };
        }
        return settle('email', `测试邮件已发送至 ${to}`, () =>
          sendEmail(channels.email, { to, subject: '【舆情】通知测试', text: text('邮件') }),
        );
      })(),
    );
  }
  if (channels.wecom.enabled) {
    jobs.push(
      settle('wecom', '测试消息已发送到企业微信群', () =>
        postToWecom(channels.wecom, text(CHANNEL_LABELS.wecom)),
      ),
    );
  }
  if (channels.dingtalk.enabled) {
    jobs.push(
      settle('dingtalk', '测试消息已发送到钉钉群', () =>
        postToDingtalk(channels.dingtalk, text(CHANNEL_LABELS.dingtalk), ctx.clock.now()),
      ),
    );
  }
  const results = await Promise.all(jobs);

  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx.clock, actor, {
      action: 'notification.test',
      entityType: 'settings',
      entityId: CHANNELS_KEY,
      summary:
        results.length === 0
          ? '发送通知测试：没有已启用的通道'
          : `发送通知测试：${results
              .map((r) => `${CHANNEL_LABELS[r.channel]}${r.ok ? '成功' : '失败'}`)
              .join('，')}`,
      after: { results },
    }),
  );
  return { results };
}

async function settle(
  channel: Result['channel'],
  success: string,
  send: () => Promise<void>,
): Promise<Result> {
  try {
    await send();
    return { channel, ok: true, message: success };
  } catch (err) {
    const reason = err instanceof DeliveryError ? err.message : String(err);
    return { channel, ok: false, message: `发送失败：${reason}` };
  }
}

async function ownEmail(ctx: AppContext, actor: Actor): Promise<string | null> {
  if (actor.id === null) return null;
  const row = await ctx.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', actor.id)
    .executeTakeFirst();
  return row?.email ?? null;
}
