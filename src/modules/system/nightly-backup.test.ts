import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { nightlyBackup } from './nightly-backup.js';

let t: TestContext;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yuqing-nightly-'));
  t = await createTestContext({ backup: { dir, keep: 3 } });
  await buildUnit(t.ctx, { name: '城建办' });
  await buildUser(t.ctx, { roles: ['admin'], name: '系统管理员' });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const files = () => readdirSync(dir).sort();

async function audits(action: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_log')
    .select('summary')
    .where('action', '=', action)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.summary);
}

describe('自动备份', () => {
  it('makes one backup a day from 03:00 local time, in the format of yuqing backup', async () => {
    // 02:40 in Shanghai: the night's other work first.
    t.clock.set('2026-11-27T18:40:00.000Z');
    expect(await nightlyBackup(t.ctx)).toEqual({ made: false, reason: 'too-early' });
    expect(files()).toEqual([]);

    t.clock.set('2026-11-27T19:17:00.000Z');
    const made = await nightlyBackup(t.ctx);
    expect(made).toMatchObject({ made: true, removed: [] });
    expect(files()).toEqual(['yuqing-backup-2026-11-28.jsonl.gz']);
    const lines = gunzipSync(readFileSync(join(dir, 'yuqing-backup-2026-11-28.jsonl.gz')))
      .toString('utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      format: 'yuqing-backup',
      createdAt: '2026-11-27T19:17:00.000Z',
    });
    expect(lines.some((l) => l.includes('城建办'))).toBe(true);
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({ end: true });

    // The next hour of the same day: nothing more.
    t.clock.set('2026-11-27T20:17:00.000Z');
    expect(await nightlyBackup(t.ctx)).toEqual({ made: false, reason: 'done-today' });
    // Nor from a worker on another machine, whose backup folder is its own.
    const elsewhere = mkdtempSync(join(tmpdir(), 'yuqing-nightly-other-'));
    try {
      const other = { ...t.ctx, config: { ...t.ctx.config, backup: { dir: elsewhere, keep: 3 } } };
      expect(await nightlyBackup(other)).toEqual({ made: false, reason: 'done-today' });
      expect(readdirSync(elsewhere)).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    expect(files()).toHaveLength(1);
    const [summary] = await audits('system.backup');
    expect(summary).toMatch(
      /^自动备份 yuqing-backup-2026-11-28\.jsonl\.gz（[\d.]+ MB），保留最近 3 天$/,
    );
  });

  it('keeps the newest three, and leaves other files in the folder alone', async () => {
    writeFileSync(join(dir, 'yuqing-backup-2026-11-20.jsonl.gz'), 'old');
    writeFileSync(join(dir, 'yuqing-backup-2026-11-21.jsonl.gz'), 'old');
    writeFileSync(join(dir, '手工备份.jsonl.gz'), 'mine');
    t.clock.set('2026-11-28T19:30:00.000Z');
    const made = await nightlyBackup(t.ctx);
    expect(made).toMatchObject({ made: true, removed: ['yuqing-backup-2026-11-20.jsonl.gz'] });
    expect(files()).toEqual([
      'yuqing-backup-2026-11-21.jsonl.gz',
      'yuqing-backup-2026-11-28.jsonl.gz',
      'yuqing-backup-2026-11-29.jsonl.gz',
      '手工备份.jsonl.gz',
    ]);
    expect((await audits('system.backup')).at(-1)).toContain(
      '删除过期备份 yuqing-backup-2026-11-20.jsonl.gz',
    );
  });

  it('records a failure, tells the admins and leaves no partial file', async () => {
    const blocked = join(dir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the folder should be');
    const failing = await createTestContext({ backup: { dir: blocked, keep: 3 } });
    try {
      const admin = await buildUser(failing.ctx, { roles: ['admin'] });
      failing.clock.set('2026-11-28T19:30:00.000Z');
      await expect(nightlyBackup(failing.ctx)).rejects.toThrow();
      expect(files().filter((f) => f.endsWith('.partial'))).toEqual([]);
      const audit = await failing.ctx.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'system.backup-failed')
        .execute();
      expect(audit).toHaveLength(1);
      const told = await failing.ctx.db
        .selectFrom('notifications')
        .select(['title', 'user_id'])
        .where('kind', '=', 'system.backup-failed')
        .execute();
      expect(told).toEqual([{ title: '自动备份失败', user_id: admin.id }]);
    } finally {
      await failing.close();
    }
  });

  it('keeps the folder and the files to their owner: they hold password hashes and secrets', async () => {
    const fresh = join(dir, 'owner-only', 'backups');
    const own = await createTestContext({ backup: { dir: fresh, keep: 3 } });
    try {
      own.clock.set('2026-11-28T19:30:00.000Z');
      expect(await nightlyBackup(own.ctx)).toMatchObject({ made: true });
      expect(statSync(fresh).mode & 0o777).toBe(0o700);
      const [file] = readdirSync(fresh);
      expect(statSync(join(fresh, file ?? '')).mode & 0o777).toBe(0o600);
    } finally {
      await own.close();
    }
  });

  it('encrypts with YUQING_BACKUP_KEY (.enc), once a day whichever kind exists, and rotates both', async () => {
    const sealed = mkdtempSync(join(tmpdir(), 'yuqing-nightly-enc-'));
    const backup = { dir: sealed, keep: 2, key: '云溪镇备份密钥-2026-离线保管' };
    const enc = await createTestContext({ backup });
    try {
      writeFileSync(join(sealed, 'yuqing-backup-2026-11-26.jsonl.gz'), 'older, unencrypted');
      writeFileSync(join(sealed, 'yuqing-backup-2026-11-27.jsonl.gz'), 'old, unencrypted');
      enc.clock.set('2026-11-27T19:30:00.000Z');
      expect(await nightlyBackup(enc.ctx)).toMatchObject({
        made: true,
        removed: ['yuqing-backup-2026-11-26.jsonl.gz'],
      });
      expect(readdirSync(sealed).sort()).toEqual([
        'yuqing-backup-2026-11-27.jsonl.gz',
        'yuqing-backup-2026-11-28.jsonl.gz.enc',
      ]);
      const bytes = readFileSync(join(sealed, 'yuqing-backup-2026-11-28.jsonl.gz.enc'));
      expect(() => gunzipSync(bytes)).toThrow();
      // An unencrypted one made earlier today counts as today's.
      enc.clock.set('2026-11-28T19:30:00.000Z');
      writeFileSync(
        join(sealed, 'yuqing-backup-2026-11-29.jsonl.gz'),
        'made before the key was set',
      );
      expect(await nightlyBackup(enc.ctx)).toEqual({ made: false, reason: 'done-today' });
    } finally {
      await enc.close();
      rmSync(sealed, { recursive: true, force: true });
    }
  });

  it('makes none when YUQING_BACKUP_KEEP is 0', async () => {
    const off = await createTestContext({ backup: { dir, keep: 0 } });
    try {
      off.clock.set('2026-11-30T19:30:00.000Z');
      expect(await nightlyBackup(off.ctx)).toEqual({ made: false, reason: 'disabled' });
      expect(files().some((f) => f.includes('2026-12-01'))).toBe(false);
    } finally {
      await off.close();
    }
  });
});
