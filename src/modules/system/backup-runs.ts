import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { localDate } from '../../lib/calendar.js';
import { formatDateTimeIn } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, systemActor, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify, notifyRoles } from '../notifications/notify.js';
import { backupTo } from './backup.js';
import { backupFileName, rotateBackups } from './backup-files.js';

export type BackupTrigger = 'manual' | 'schedule';
interface Run {
  id: number | null;
  trigger: BackupTrigger;
}

/**
 * A run still pending after this long was left by a process that stopped (or no worker took it):
 * longer than the backup jobs' expiry, so one that is only slow is not given up.
 */
const GIVE_UP_MS = 3600_000;

const who = (trigger: BackupTrigger) => (trigger === 'manual' ? '立即备份' : '自动备份');

/**
 * A failed backup in the audit log, which is where the 数据备份 page reads outcomes from; the
 * nightly one is told to the admins too, and one asked for now to the admin who asked (who may
 * have left the page: a run no worker takes fails only an hour later).
 */
export async function recordBackupFailure(
  ctx: AppContext,
  run: Run,
  error: unknown,
): Promise<void> {
  const { dir } = ctx.config.backup;
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  await ctx.db.transaction().execute(async (trx) => {
    if (run.id !== null)
      await trx
        .updateTable('backup_runs')
        .set({ status: 'failed', finished_at: ctx.clock.now(), error: reason })
        .where('id', '=', run.id)
        .execute();
    await recordAudit(trx, ctx.clock, systemActor(who(run.trigger)), {
      action: 'system.backup-failed',
      entityType: 'system',
      summary: `${who(run.trigger)}失败：${reason}`,
      after: { dir, reason, trigger: run.trigger },
    });
    const asked =
      run.trigger === 'manual' && run.id !== null
        ? await trx
            .selectFrom('backup_runs')
            .select(['requested_by', 'requested_at'])
            .where('id', '=', run.id)
            .executeTakeFirst()
        : undefined;
    if (asked?.requested_by !== null && asked?.requested_by !== undefined)
      await notify(trx, ctx, {
        userIds: [Number(asked.requested_by)],
        kind: 'system.backup-failed',
        title: '立即备份失败',
        body: `${formatDateTimeIn(new Date(asked.requested_at), ctx.config.deadlines.timeZone)} 要求的立即备份没有完成：${reason}\n备份目录：${dir}\n请检查磁盘空间、目录权限和后台任务进程后再试。`,
        link: '/admin/backup',
        groupRobots: false,
      });
    if (run.trigger === 'schedule')
      await notifyRoles(trx, ctx, {
        roles: ['admin'],
        kind: 'system.backup-failed',
        title: '自动备份失败',
        body: `今天的自动备份没有完成：${reason}\n备份目录：${dir}\n系统每小时重试一次；请检查磁盘空间和目录权限。`,
        link: '/admin/backup',
        groupRobots: false,
      });
  });
}

/** Runs pending for longer than a run can take are failed, so that they block no other. */
async function giveUpStaleRuns(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const stale = await ctx.db
    .selectFrom('backup_runs')
    .select(['id', 'trigger', 'status'])
    .where('status', 'in', ['queued', 'running'])
    .where(sql<Date>`coalesce(started_at, requested_at)`, '<', new Date(now.getTime() - GIVE_UP_MS))
    .execute();
  for (const r of stale) {
    const reason =
      r.status === 'queued'
        ? '一小时内没有后台任务进程接手（YUQING_WORKERS=0？）'
        : '一小时内没有完成：执行它的进程已停止或被中断';
    await recordBackupFailure(ctx, { id: Number(r.id), trigger: r.trigger }, new Error(reason));
  }
}

/** The nightly backup's run, started at once; null while another backup is queued or running. */
export async function beginRun(ctx: AppContext): Promise<number | null> {
  await giveUpStaleRuns(ctx);
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('backup_runs')
    .values({ status: 'running', trigger: 'schedule', requested_at: now, started_at: now })
    .onConflict((oc) =>
      oc
        .expression(sql`(true)`)
        .where('status', 'in', ['queued', 'running'])
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

export interface MadeBackup {
  file: string;
  bytes: number;
  removed: string[];
}

/**
 * Writes the backup under a temporary name and renames it when complete, removes the days beyond
 * `keep`, and records the outcome in the audit log either way (failures thrown on after that).
 */
export async function writeBackup(ctx: AppContext, run: Run, name: string): Promise<MadeBackup> {
  const { dir, keep, key } = ctx.config.backup;
  const file = join(dir, name);
  const partial = `${file}.partial`;
  const now = ctx.clock.now();
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await backupTo(ctx.db, partial, ctx.dbKind, now, key);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined);
    await recordBackupFailure(ctx, run, error);
    throw error;
  }
  const bytes = (await stat(file)).size;
  const removed = await rotateBackups(dir, keep);
  await ctx.db.transaction().execute(async (trx) => {
    if (run.id !== null)
      await trx
        .updateTable('backup_runs')
        .set({ status: 'ok', finished_at: ctx.clock.now(), file: name, bytes })
        .where('id', '=', run.id)
        .execute();
    await recordAudit(trx, ctx.clock, systemActor(who(run.trigger)), {
      action: 'system.backup',
      entityType: 'system',
      summary: `${who(run.trigger)} ${name}（${key ? '已加密，' : ''}${(bytes / 1024 / 1024).toFixed(1)} MB）${
        removed.length > 0 ? `，删除过期备份 ${removed.join('、')}` : ''
      }，保留最近 ${keep} 天`,
      after: { file, bytes, removed, keep, encrypted: Boolean(key), trigger: run.trigger },
    });
  });
  return { file, bytes, removed };
}

export interface PendingBackup {
  id: number;
  status: 'queued' | 'running';
  trigger: BackupTrigger;
  requestedAt: Date;
  startedAt: Date | null;
  requestedBy: string | null;
}

/** The backup queued or running now, if any. */
export async function pendingBackup(ctx: AppContext): Promise<PendingBackup | null> {
  const row = await ctx.db
    .selectFrom('backup_runs as r')
    .leftJoin('users as u', 'u.id', 'r.requested_by')
    .select(['r.id', 'r.status', 'r.trigger', 'r.requested_at', 'r.started_at', 'u.name'])
    .where('r.status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: Number(row.id),
    status: row.status === 'queued' ? 'queued' : 'running',
    trigger: row.trigger,
    requestedAt: new Date(row.requested_at),
    startedAt: row.started_at ? new Date(row.started_at) : null,
    requestedBy: row.name,
  };
}

/**
 * 立即备份: queues a backup that the every-minute job makes in a worker's backup folder, as the
 * nightly one is made; one at a time, the nightly one included.
 */
export async function requestBackup({
  ctx,
  actor,
}: {
  ctx: AppContext;
  actor: Actor;
}): Promise<PendingBackup> {
  assertCan(actor, 'backup.manage');
  if (ctx.config.backup.keep === 0)
    throw new AppError(
      'CONFLICT',
      '自动备份已关闭（YUQING_BACKUP_KEEP=0）：请在服务器上用 yuqing backup 或 pg_dump 备份',
    );
  await giveUpStaleRuns(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('backup_runs')
      .values({
        status: 'queued',
        trigger: 'manual',
        requested_by: actor.id,
        requested_at: ctx.clock.now(),
      })
      .onConflict((oc) =>
        oc
          .expression(sql`(true)`)
          .where('status', 'in', ['queued', 'running'])
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('CONFLICT', '已有一次备份在排队或进行中，请等它完成后再试');
    await recordAudit(trx, ctx.clock, actor, {
      action: 'system.backup-requested',
      entityType: 'system',
      entityId: Number(row.id),
      summary: '请求立即备份',
    });
  });
  const pending = await pendingBackup(ctx);
  if (!pending) throw new AppError('INTERNAL', '备份请求未能保存');
  return pending;
}

function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replaceAll(':', '');
}

/** The queued 立即备份, if any, made by this worker; its outcome is in the audit log. */
export async function runQueuedBackup(
  ctx: AppContext,
): Promise<({ made: true } & MadeBackup) | { made: false; error: string } | null> {
  await giveUpStaleRuns(ctx);
  const now = ctx.clock.now();
  const claimed = await ctx.db
    .updateTable('backup_runs')
    .set({ status: 'running', started_at: now })
    .where('status', '=', 'queued')
    .returning('id')
    .executeTakeFirst();
  if (!claimed) return null;
  const timeZone = ctx.config.deadlines.timeZone;
  const name = backupFileName(
    localDate(now, timeZone),
    Boolean(ctx.config.backup.key),
    localTime(now, timeZone),
  );
  try {
    return {
      made: true,
      ...(await writeBackup(ctx, { id: Number(claimed.id), trigger: 'manual' }, name)),
    };
  } catch (error) {
    // Recorded by writeBackup; the job has nothing to retry.
    return { made: false, error: error instanceof Error ? error.message : String(error) };
  }
}
