import { api } from '../../app/api';
import type { Page } from '../../app/api';

export interface InboxItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  /** A path in this web app, e.g. /cases/42. */
  link: string | null;
  caseId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxQuery {
  unread?: boolean;
  page?: number;
  pageSize?: number;
}

export function listInbox(query: InboxQuery, signal?: AbortSignal): Promise<Page<InboxItem>> {
  return api<Page<InboxItem>>('/api/inbox', { query: { ...query }, signal });
}

export function fetchUnreadCount(signal?: AbortSignal): Promise<{ count: number }> {
  return api<{ count: number }>('/api/inbox/unread-count', { signal });
}

export function markRead(id: number): Promise<InboxItem> {
  return api<InboxItem>(`/api/inbox/${id}/read`, { method: 'POST' });
}

export function markAllRead(): Promise<{ updated: number }> {
  return api<{ updated: number }>('/api/inbox/read-all', { method: 'POST' });
}
