import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './connection.js';
import { lockDataDir } from './data-dir-lock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'yq-lock-'));

// A new PGlite cluster on disk (initdb): a few seconds on a quiet machine, past 30 s under the
// whole suite with other work on two cores. The bound only catches one that hangs.
const INITDB_MS = 120_000;

describe('data directory lock', () => {
  it('refuses a second holder while the first lives, and frees the directory on release', () => {
    const d = dir();
    const release = lockDataDir(d);
    expect(readFileSync(join(d, 'yuqing.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(d)).toThrow(/正被进程 \d+ 使用/);
    release();
    expect(existsSync(join(d, 'yuqing.lock'))).toBe(false);
    lockDataDir(d)();
  });

  it('takes over the lock of a process that no longer exists (after kill -9)', () => {
    const d = dir();
    writeFileSync(join(d, 'yuqing.lock'), '2147483646');
    const release = lockDataDir(d);
    expect(readFileSync(join(d, 'yuqing.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('refuses a live owner that is another process', () => {
    const d = dir();
    // PID 1 always exists.
    writeFileSync(join(d, 'yuqing.lock'), '1');
    expect(() => lockDataDir(d)).toThrow(/进程 1/);
  });

  it(
    'creates the data folder for its owner alone: PGlite writes its files world-readable',
    async () => {
      const d = join(dir(), 'new', 'data');
      const db = await openDatabase({ dataDir: d, databaseUrl: undefined });
      try {
        expect(statSync(d).mode & 0o777).toBe(0o700);
      } finally {
        await db.close();
      }
    },
    INITDB_MS,
  );

  it(
    'keeps a second PGlite from opening a directory in use',
    async () => {
      const d = dir();
      const first = await openDatabase({ dataDir: d, databaseUrl: undefined });
      try {
        await expect(openDatabase({ dataDir: d, databaseUrl: undefined })).rejects.toThrow(
          /嵌入式数据库只能由一个进程打开/,
        );
      } finally {
        await first.close();
      }
      const again = await openDatabase({ dataDir: d, databaseUrl: undefined });
      await again.close();
    },
    INITDB_MS,
  );
});
