import { api } from '../../app/api';
import type { Page } from '../../app/api';

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditQuery {
  /** Part of the actor's name or username. */
  actor?: string;
  action?: string;
  entityType?: string;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
  message: string;
}

export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return api<Page<AuditEntry>>('/api/audit', { query: { ...query }, signal });
}

export function verifyAudit(): Promise<AuditVerification> {
  return api<AuditVerification>('/api/audit/verify');
}

export const ENTITY_TYPES = ['unit', 'user', 'working-group', 'organisation'] as const;
