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
  entityId?: string;
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

/** The server's cap on one export (src/modules/audit/audit-xlsx.ts AUDIT_EXPORT_MAX). */
export const AUDIT_EXPORT_MAX = 50_000;

/** The .xlsx of the filtered log: the list's filters without its paging. */
export function auditXlsxUrl(query: Omit<AuditQuery, 'page' | 'pageSize'>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && value) params.set(key, value);
  }
  const qs = params.toString();
  return `/api/audit.xlsx${qs ? `?${qs}` : ''}`;
}

/** The audit log page showing one case's records. */
export function caseAuditPath(caseId: number): string {
  return `/admin/audit?entityType=case&entityId=${caseId}`;
}

export function verifyAudit(): Promise<AuditVerification> {
  return api<AuditVerification>('/api/audit/verify');
}

export const ENTITY_TYPES = ['case', 'unit', 'user', 'working-group', 'organisation'] as const;
