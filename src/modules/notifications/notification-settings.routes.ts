import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { listDeliveries, retryDeliveries } from './deliveries.js';
import {
  DeliveryList,
  DeliveryListQuery,
  NotificationSettings,
  RetryDeliveriesBody,
  RetryDeliveriesReply,
  TestNotificationBody,
  TestNotificationReply,
  UpdateNotificationSettingsBody,
} from './notifications.schemas.js';
import { sendTestNotification } from './send-test-notification.js';
import {
  getNotificationSettings,
  updateNotificationSettings,
} from './update-notification-settings.js';

/** E-mail and group-robot channels, for admins. Secrets go in and never come back out. */
export function notificationSettingsRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['通知'];
  app.get(
    '/api/notification-settings',
    {
      config: { access: 'notifications.manage' },
      schema: {
        tags,
        summary: '通知通道设置（密码、密钥和 Webhook 令牌不返回）',
        response: { 200: NotificationSettings },
      },
    },
    async (request) => getNotificationSettings({ ctx, actor: requireActor(request) }),
  );
  app.put(
    '/api/notification-settings',
    {
      config: { access: 'notifications.manage' },
      schema: {
        tags,
        summary: '修改通知通道设置（密码、密钥和 Webhook 地址不传则保持不变）',
        body: UpdateNotificationSettingsBody,
        response: { 200: NotificationSettings, 400: ErrorReply },
      },
    },
    async (request) =>
      updateNotificationSettings({ ctx, actor: requireActor(request), input: request.body }),
  );
  app.post(
    '/api/notification-settings/test',
    {
      config: { access: 'notifications.manage' },
      schema: {
        tags,
        summary: '在每个已启用的通道上发送测试消息（使用已保存的设置）',
        body: TestNotificationBody,
        response: { 200: TestNotificationReply },
      },
    },
    async (request) =>
      sendTestNotification({
        ctx,
        actor: requireActor(request),
        input: { to: request.body.to },
      }),
  );
  app.get(
    '/api/notification-deliveries',
    {
      config: { access: 'notifications.manage' },
      schema: {
        tags,
        summary: '外发通知的发送情况：各通道计数，失败和重试中的消息及接收方的错误',
        querystring: DeliveryListQuery,
        response: { 200: DeliveryList },
      },
    },
    async (request) => listDeliveries({ ctx, actor: requireActor(request), query: request.query }),
  );
  app.post(
    '/api/notification-deliveries/retry',
    {
      config: { access: 'notifications.manage' },
      schema: {
        tags,
        summary: '重新发送最终失败的消息（已发送或仍在重试的不受影响）',
        body: RetryDeliveriesBody,
        response: { 200: RetryDeliveriesReply, 400: ErrorReply },
      },
    },
    async (request) =>
      retryDeliveries({ ctx, actor: requireActor(request), ids: request.body.ids }),
  );
}
