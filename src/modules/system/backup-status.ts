import { basename } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { listBackupFiles } from './backup-files.js';
import { pendingBackup } from './backup-runs.js';
import { BACKUP_MINUTE, FROM_HOUR } from './nightly-backup.js';

/** A backup older than this is warned about on the 数据备份 page and the admins' 工作台. */
export const STALE_HOURS = 48;

const Trigger = Type.Union([Type.Literal('manual'), Type.Literal('schedule')]);

/** A 立即备份 or nightly backup queued or running now. */
export const PendingBackupReply = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running')]),
  trigger: Trigger,
  requestedAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  requestedBy: Nullable(Type.String()),
});

export const BackupStatus = Type.Object({
  /** The backup folder of this process (YUQING_BACKUP_DIR). */
  dir: Type.String(),
  /** YUQING_BACKUP_KEY is set: backups are encrypted. The key itself is never sent. */
  encrypted: Type.Boolean(),
  /** YUQING_BACKUP_KEEP: the newest days kept; 0 turns automatic backups off. */
  keep: Type.Integer({ minimum: 0 }),
  enabled: Type.Boolean(),
  schedule: Type.Object({
    hour: Type.Integer({ description: '每天此时（本地时间）起的第一次' }),
    minute: Type.Integer({ description: '每小时的第几分钟检查一次' }),
    timeZone: Type.String(),
  }),
  files: Type.Array(
    Type.Object({
      name: Type.String(),
      at: Type.String({ format: 'date-time', description: '写成的时间' }),
      bytes: Type.Integer({ minimum: 0 }),
      encrypted: Type.Boolean(),
      manual: Type.Boolean({ description: '立即备份所做' }),
    }),
  ),
  /** The folder could not be read (permissions): why, in the system's words. */
  folderError: Nullable(Type.String()),
  /** The last backup's outcome, from the audit log, made by whichever worker. */
  last: Nullable(
    Type.Object({
      ok: Type.Boolean(),
      at: Type.String({ format: 'date-time' }),
      trigger: Trigger,
      file: Nullable(Type.String()),
      bytes: Nullable(Type.Integer()),
      encrypted: Type.Boolean(),
      error: Nullable(Type.String()),
    }),
  ),
  lastSuccessAt: Nullable(Type.String({ format: 'date-time' })),
  /** No successful backup for more than STALE_HOURS (counted from installation when none yet). */
  stale: Type.Boolean(),
  staleHours: Type.Integer(),
  pending: Nullable(PendingBackupReply),
});
export type BackupStatus = Static<typeof BackupStatus>;

interface AuditAfter {
  file?: string;
  bytes?: number;
  encrypted?: boolean;
  reason?: string;
  trigger?: 'manual' | 'schedule';
}

const parse = (value: unknown): AuditAfter =>
  ((typeof value === 'string' ? JSON.parse(value) : value) ?? {}) as AuditAfter;

/**
 * 数据备份: where backups go, whether they are encrypted, how many are kept and when they are made;
 * the files in this process's folder; the last outcome (the audit log, shared by every process,
 * records each backup and each failure) and whether the last success is too old.
 */
export async function backupStatus(ctx: AppContext): Promise<BackupStatus> {
  const { dir, keep, key } = ctx.config.backup;
  const now = ctx.clock.now();
  let files: BackupStatus['files'] = [];
  let folderError: string | null = null;
  try {
    files = (await listBackupFiles(dir)).map((f) => ({ ...f, at: f.at.toISOString() }));
  } catch (error) {
    folderError = error instanceof Error ? error.message : String(error);
  }
  const outcomes = ctx.db
    .selectFrom('audit_log')
    .select(['at', 'action', 'after'])
    .orderBy('id', 'desc')
    .limit(1);
  const [last, lastSuccess, first] = await Promise.all([
    outcomes.where('action', 'in', ['system.backup', 'system.backup-failed']).executeTakeFirst(),
    outcomes.where('action', '=', 'system.backup').executeTakeFirst(),
    ctx.db.selectFrom('audit_log').select('at').orderBy('id').limit(1).executeTakeFirst(),
  ]);
  const lastAfter = last ? parse(last.after) : null;
  // Before any backup, counted from the installation's first recorded act.
  const since = lastSuccess?.at ?? first?.at;
  const staleMs = since ? now.getTime() - new Date(since).getTime() : 0;
  const pending = await pendingBackup(ctx);
  return {
    dir,
    encrypted: Boolean(key),
    keep,
    enabled: keep > 0,
    schedule: { hour: FROM_HOUR, minute: BACKUP_MINUTE, timeZone: ctx.config.deadlines.timeZone },
    files,
    folderError,
    last:
      last && lastAfter
        ? {
            ok: last.action === 'system.backup',
            at: new Date(last.at).toISOString(),
            trigger: lastAfter.trigger ?? 'schedule',
            file: lastAfter.file ? basename(lastAfter.file) : null,
            bytes: lastAfter.bytes ?? null,
            encrypted: lastAfter.encrypted ?? false,
            error: last.action === 'system.backup' ? null : (lastAfter.reason ?? null),
          }
        : null,
    lastSuccessAt: lastSuccess ? new Date(lastSuccess.at).toISOString() : null,
    stale: keep > 0 && staleMs > STALE_HOURS * 3600_000,
    staleHours: Math.max(0, Math.floor(staleMs / 3600_000)),
    pending: pending
      ? {
          ...pending,
          requestedAt: pending.requestedAt.toISOString(),
          startedAt: pending.startedAt?.toISOString() ?? null,
        }
      : null,
  };
}
