import { mkdir, readdir } from 'node:fs/promises';
import { localDate } from '../../lib/calendar.js';
import type { AppContext } from '../../server/context.js';
import { backupFileName, dateOf, isBackupFile, isManualBackup } from './backup-files.js';
import { beginRun, recordBackupFailure, writeBackup } from './backup-runs.js';

/** Not before this local hour: the night's work (reports, audit check at 02:30) comes first. */
export const FROM_HOUR = 3;
/** The minute of every hour the job looks (its cron schedule). */
export const BACKUP_MINUTE = 17;

export type NightlyBackupResult =
  | { made: false; reason: 'disabled' | 'too-early' | 'done-today' | 'busy' }
  | { made: true; file: string; bytes: number; removed: string[] };

function localHour(at: Date, timeZone: string): number {
  return Number(
    new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(at),
  );
}

/**
 * Today's backup was made by a worker on another machine (its own backup folder): the audit log,
 * which every process shares, says so. Without this each machine running workers made its own.
 * One made with 立即备份 does not count: the night's comes all the same.
 */
async function madeElsewhereToday(ctx: AppContext, now: Date, timeZone: string): Promise<boolean> {
  const today = localDate(now, timeZone);
  const recent = await ctx.db
    .selectFrom('audit_log')
    .select(['at', 'after'])
    .where('action', '=', 'system.backup')
    .where('at', '>', new Date(now.getTime() - 26 * 3600_000))
    .execute();
  return recent.some((r) => {
    const after = (typeof r.after === 'string' ? JSON.parse(r.after) : r.after) as {
      trigger?: string;
    } | null;
    return after?.trigger !== 'manual' && localDate(new Date(r.at), timeZone) === today;
  });
}

/**
 * 自动备份: once per local day, from 03:00 on (or the first hour the server is up after it), the
 * same logical backup as `yuqing backup`, written to the backup folder under a temporary name and
 * renamed when complete; the oldest days beyond `keep` are removed. The embedded database cannot
 * be backed up from outside while the server runs, so without this a daily backup meant stopping
 * it. A failure is recorded in the audit log and told to the admins; the next hour tries again, as
 * it does when a backup asked for with 立即备份 is running.
 */
export async function nightlyBackup(ctx: AppContext): Promise<NightlyBackupResult> {
  const { dir, keep, key } = ctx.config.backup;
  if (keep === 0) return { made: false, reason: 'disabled' };
  const now = ctx.clock.now();
  const timeZone = ctx.config.deadlines.timeZone;
  if (localHour(now, timeZone) < FROM_HOUR) return { made: false, reason: 'too-early' };
  const today = localDate(now, timeZone);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const existing = (await readdir(dir)).filter((f) => isBackupFile(f) && !isManualBackup(f));
    if (existing.some((f) => dateOf(f) === today) || (await madeElsewhereToday(ctx, now, timeZone)))
      return { made: false, reason: 'done-today' };
  } catch (error) {
    await recordBackupFailure(ctx, { id: null, trigger: 'schedule' }, error);
    throw error;
  }
  const runId = await beginRun(ctx);
  if (runId === null) return { made: false, reason: 'busy' };
  const made = await writeBackup(
    ctx,
    { id: runId, trigger: 'schedule' },
    backupFileName(today, Boolean(key)),
  );
  return { made: true, ...made };
}
