import { api } from '../../app/api';

export type Channel = 'email' | 'wecom' | 'dingtalk';

/** As the server shows them: secrets only as "set", webhook tokens masked. */
export interface NotificationSettings {
  publicUrl: string | null;
  email: {
    enabled: boolean;
    host: string | null;
    port: number;
    secure: boolean;
    user: string | null;
    from: string | null;
    passwordSet: boolean;
  };
  wecom: { enabled: boolean; webhookUrlSet: boolean; webhookUrlHint: string | null };
  dingtalk: {
    enabled: boolean;
    webhookUrlSet: boolean;
    webhookUrlHint: string | null;
    secretSet: boolean;
  };
}

/** Secrets: left out keeps the stored one, null clears it. */
export interface NotificationSettingsInput {
  publicUrl: string | null;
  email: {
    enabled: boolean;
    host: string | null;
    port: number;
    secure: boolean;
    user: string | null;
    from: string | null;
    password?: string | null;
  };
  wecom: { enabled: boolean; webhookUrl?: string | null };
  dingtalk: { enabled: boolean; webhookUrl?: string | null; secret?: string | null };
}

export interface TestResult {
  channel: Channel;
  ok: boolean;
  message: string;
}

export function getNotificationSettings(signal?: AbortSignal): Promise<NotificationSettings> {
  return api<NotificationSettings>('/api/notification-settings', { signal });
}

export function saveNotificationSettings(
  input: NotificationSettingsInput,
): Promise<NotificationSettings> {
  return api<NotificationSettings>('/api/notification-settings', { method: 'PUT', body: input });
}

export function sendTestNotification(to?: string): Promise<{ results: TestResult[] }> {
  return api<{ results: TestResult[] }>('/api/notification-settings/test', {
    method: 'POST',
    body: to ? { to } : {},
  });
}

/** The outbox as the admin sees it: counts, and the messages that failed or are retrying. */
export interface DeliveryList {
  days: number;
  summary: { channel: Channel; sent: number; pending: number; failed: number }[];
  items: {
    id: number;
    channel: Channel;
    target: string | null;
    subject: string;
    status: 'failed' | 'retrying';
    attempts: number;
    lastError: string | null;
    createdAt: string;
    nextAttemptAt: string | null;
  }[];
  total: number;
  page: number;
  pageSize: number;
}

export function getDeliveries(page: number, signal?: AbortSignal): Promise<DeliveryList> {
  return api<DeliveryList>(`/api/notification-deliveries?page=${page}&pageSize=10`, { signal });
}

export function retryDeliveries(ids: number[]): Promise<{ requeued: number }> {
  return api<{ requeued: number }>('/api/notification-deliveries/retry', {
    method: 'POST',
    body: { ids },
  });
}
