import { api } from '../../app/api';
import type { Translate } from '../../app/i18n/i18n';

export type BackupTrigger = 'manual' | 'schedule';

export interface PendingBackup {
  id: number;
  status: 'queued' | 'running';
  trigger: BackupTrigger;
  requestedAt: string;
  startedAt: string | null;
  requestedBy: string | null;
}

/** GET /api/system/backup (src/modules/system/backup-status.ts). */
export interface BackupStatus {
  dir: string;
  encrypted: boolean;
  keep: number;
  enabled: boolean;
  schedule: { hour: number; minute: number; timeZone: string };
  files: { name: string; at: string; bytes: number; encrypted: boolean; manual: boolean }[];
  folderError: string | null;
  last: {
    ok: boolean;
    at: string;
    trigger: BackupTrigger;
    file: string | null;
    bytes: number | null;
    encrypted: boolean;
    error: string | null;
  } | null;
  lastSuccessAt: string | null;
  stale: boolean;
  staleHours: number;
  pending: PendingBackup | null;
}

export const getBackupStatus = (signal?: AbortSignal) =>
  api<BackupStatus>('/api/system/backup', { signal });

export const backUpNow = () => api<PendingBackup>('/api/system/backup', { method: 'POST' });

/** 03:17, the time of day the nightly backup is made. */
export const scheduleTime = ({ hour, minute }: BackupStatus['schedule']) =>
  `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

/** 1.2 MB, 340 KB, 12 B. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The 48-hour warning's title, on the page and on the admins' 工作台 alike. */
export const staleTitle = (t: Translate, status: BackupStatus): string =>
  status.lastSuccessAt
    ? t('backup.stale', { hours: status.staleHours })
    : t('backup.staleNever', { hours: status.staleHours });
