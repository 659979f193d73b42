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
