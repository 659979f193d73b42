import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { localDate } from '../../lib/calendar.js';
import type { AppContext } from '../../server/context.js';
import { systemActor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyRoles } from '../notifications/notify.js';
import { backupTo } from './backup.js';

/**
 * `yuqing-backup-2026-11-28.jsonl.gz`: one a day, named by the local date it was made on; `.enc`
 * after it when encrypted (YUQING_BACKUP_KEY).
 */
const NAME = /^yuqing-backup-(\d{4}-\d{2}-\d{2})\.jsonl\.gz(?:\.enc)?$/;
export const backupFileName = (date: string, encrypted = false) =>
  `yuqing-backup-${date}.jsonl.gz${encrypted ? '.enc' : ''}`;
const dateOf = (name: string) => NAME.exec(name)?.[1] ?? '';

/** Not before this local hour: the night's work (reports, audit check at 02:30) comes first. */
const FROM_HOUR = 3;

export type NightlyBackupResult =
  | { made: false; reason: 'disabled' | 'too-early' | 'done-today' }
  | { made: true; file: string; bytes: number; removed: string[] };

function localHour(at: Date, timeZone: string): number {
  return Number(
    new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(at),
  );
}

/**
 * Today's backup was made by a worker on another machine (its own backup folder): the audit log,
 * which every process shares, says so. Without this each machine running workers made its own.
 */
async function madeElsewhereToday(ctx: AppContext, now: Date, timeZone: string): Promise<boolean> {
  const today = localDate(now, timeZone);
  const recent = await ctx.db
    .selectFrom('audit_log')
    .select('at')
    .where('action', '=', 'system.backup')
    .where('at', '>', new Date(now.getTime() - 26 * 3600_000))
    .execute();
  return recent.some((r) => localDate(new Date(r.at), timeZone) === today);
}

/**
 * 自动备份: once per local day, from 03:00 on (or the first hour the server is up after it), the
 * same logical backup as `yuqing backup`, written to the backup folder under a temporary name and
 * renamed when complete; the oldest beyond `keep` are removed. The embedded database cannot be
 * backed up from outside while the server runs, so without this a daily backup meant stopping it.
 * A failure is recorded in the audit log and told to the admins; the next hour tries again.
 */
export async function nightlyBackup(ctx: AppContext): Promise<NightlyBackupResult> {
  const { dir, keep, key } = ctx.config.backup;
  if (keep === 0) return { made: false, reason: 'disabled' };
  const now = ctx.clock.now();
  const timeZone = ctx.config.deadlines.timeZone;
  if (localHour(now, timeZone) < FROM_HOUR) return { made: false, reason: 'too-early' };
  const today = localDate(now, timeZone);
  const name = backupFileName(today, Boolean(key));
  const file = join(dir, name);
  const partial = `${file}.partial`;
  const actor = systemActor('自动备份');
  let existing: string[];
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    existing = (await readdir(dir)).filter((f) => NAME.test(f));
    if (existing.some((f) => dateOf(f) === today) || (await madeElsewhereToday(ctx, now, timeZone)))
      return { made: false, reason: 'done-today' };
    await backupTo(ctx.db, partial, ctx.dbKind, now, key);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message.slice(0, 300) : String(error);
    await ctx.db.transaction().execute(async (trx) => {
      await recordAudit(trx, ctx.clock, actor, {
        action: 'system.backup-failed',
        entityType: 'system',
        summary: `自动备份失败：${reason}`,
        after: { dir, reason },
      });
      await notifyRoles(trx, ctx, {
        roles: ['admin'],
        kind: 'system.backup-failed',
        title: '自动备份失败',
        body: `今天的自动备份没有完成：${reason}\n备份目录：${dir}\n系统每小时重试一次；请检查磁盘空间和目录权限。`,
        link: '/admin/audit',
        groupRobots: false,
      });
    });
    throw error;
  }
  const bytes = (await stat(file)).size;
  // Newest first by the date in the name; what is beyond `keep` goes.
  const dated = [...existing, name].sort((a, b) => dateOf(b).localeCompare(dateOf(a)));
  const removed = dated.slice(keep);
  for (const old of removed) await rm(join(dir, old), { force: true });
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx.clock, actor, {
      action: 'system.backup',
      entityType: 'system',
      summary: `自动备份 ${name}（${key ? '已加密，' : ''}${(bytes / 1024 / 1024).toFixed(1)} MB）${
        removed.length > 0 ? `，删除过期备份 ${removed.join('、')}` : ''
      }，保留最近 ${keep} 份`,
      after: { file, bytes, removed, keep, encrypted: Boolean(key) },
    }),
  );
  return { made: true, file, bytes, removed };
}
