import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * `yuqing-backup-2026-11-28.jsonl.gz`: one a day, named by the local date it was made on; `.enc`
 * after it when encrypted (YUQING_BACKUP_KEY). One made with 立即备份 carries the local time too:
 * `yuqing-backup-2026-11-28-143005.jsonl.gz`. Other files in the folder are left alone.
 */
const NAME = /^yuqing-backup-(\d{4}-\d{2}-\d{2})(-\d{6})?\.jsonl\.gz(?:\.enc)?$/;
export const backupFileName = (date: string, encrypted = false, time?: string) =>
  `yuqing-backup-${date}${time ? `-${time}` : ''}.jsonl.gz${encrypted ? '.enc' : ''}`;
export const isBackupFile = (name: string) => NAME.test(name);
/** Made by 立即备份 rather than by the night. */
export const isManualBackup = (name: string) => NAME.exec(name)?.[2] !== undefined;
export const dateOf = (name: string) => NAME.exec(name)?.[1] ?? '';

export interface BackupFile {
  name: string;
  /** When it was written (the file's modification time). */
  at: Date;
  bytes: number;
  encrypted: boolean;
  manual: boolean;
}

/** The backups in the folder, newest first; none when the folder is not there yet. */
export async function listBackupFiles(dir: string): Promise<BackupFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isBackupFile);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  const files: BackupFile[] = [];
  for (const name of names) {
    const s = await stat(join(dir, name)).catch(() => null);
    if (!s?.isFile()) continue;
    files.push({
      name,
      at: s.mtime,
      bytes: s.size,
      encrypted: name.endsWith('.enc'),
      manual: isManualBackup(name),
    });
  }
  return files.sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
}

/**
 * Keeps the backups of the newest `keep` days and removes the rest. Counted in days, so that a few
 * presses of 立即备份 never push an older night's backup out.
 */
export async function rotateBackups(dir: string, keep: number): Promise<string[]> {
  const names = (await readdir(dir)).filter(isBackupFile);
  const days = [...new Set(names.map(dateOf))].sort().reverse();
  const kept = new Set(days.slice(0, keep));
  const removed = names.filter((n) => !kept.has(dateOf(n))).sort();
  for (const old of removed) await rm(join(dir, old), { force: true });
  return removed;
}
