import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite does not stop a second process from opening the same data directory, and two writers
 * would corrupt it. A pid file does: a live owner refuses the newcomer, a dead one (kill -9,
 * power cut) leaves a stale file that the next start takes over. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  const key = resolve(dir);
  const file = join(key, 'yuqing.lock');
  const busy = (owner: number) =>
    new Error(
      `数据目录 ${key} 正被进程 ${owner} 使用：嵌入式数据库只能由一个进程打开。` +
        `请先停止该进程（命令行的 backup、user 等命令也需如此），或改用 PostgreSQL 服务器（DATABASE_URL）。` +
        `若该进程确已不存在，删除 ${file} 后重试。`,
    );
  if (heldHere.has(key)) throw busy(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(key);
      return () => {
        heldHere.delete(key);
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw busy(owner);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`无法锁定数据目录 ${key}`);
}
