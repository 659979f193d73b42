import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import type { BackupStatus } from './backup-status.js';
import { runQueuedBackup } from './backup-runs.js';
import { nightlyBackup } from './nightly-backup.js';

const KEY = '云溪镇备份密钥-2026-离线保管';

let t: TestContext;
let built: BuiltApp;
let dir: string;
let adminLogin: { id: number; username: string; password: string };
let officeLogin: { username: string; password: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yuqing-backup-page-'));
  t = await createTestContext({ backup: { dir, keep: 3 } });
  t.clock.set('2026-11-20T02:00:00.000Z');
  built = await buildTestApp(t.ctx);
  adminLogin = await buildUser(t.ctx, { roles: ['admin'], name: '系统管理员' });
  officeLogin = await buildUser(t.ctx, { roles: ['office'] });
});
afterAll(async () => {
  await built.app.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

// Signed in afresh at each step: the clock moves days on, and sessions end with it.
const admin = () => loginAs(built, adminLogin.username, adminLogin.password);
const office = () => loginAs(built, officeLogin.username, officeLogin.password);

async function status(): Promise<BackupStatus> {
  const res = await (await admin()).request('GET', '/api/system/backup');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<BackupStatus>();
}

describe('数据备份 page', () => {
  it('is for admins only', async () => {
    const client = await office();
    expect((await client.request('GET', '/api/system/backup')).statusCode).toBe(403);
    const refused = await client.request('POST', '/api/system/backup');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says where backups go, how many are kept, when, and that none exists yet', async () => {
    const s = await status();
    expect(s).toMatchObject({
      dir,
      encrypted: false,
      keep: 3,
      enabled: true,
      schedule: { hour: 3, minute: 17, timeZone: 'Asia/Shanghai' },
      files: [],
      last: null,
      lastSuccessAt: null,
      pending: null,
    });
    // A new installation is not warned about before its first night has had a chance.
    expect(s.stale).toBe(false);
    expect(JSON.stringify(s)).not.toContain(KEY);
  });

  it('lists the files newest first and the last outcome, and warns after 48 hours', async () => {
    t.clock.set('2026-11-20T19:17:00.000Z'); // 03:17 on the 21st in Shanghai
    expect(await nightlyBackup(t.ctx)).toMatchObject({ made: true });
    writeFileSync(join(dir, 'yuqing-backup-2026-11-19.jsonl.gz'), 'older');
    utimesSync(
      join(dir, 'yuqing-backup-2026-11-19.jsonl.gz'),
      new Date('2026-11-18T19:17:00Z'),
      new Date('2026-11-18T19:17:00Z'),
    );
    writeFileSync(join(dir, '手工备份.jsonl.gz'), 'not ours');
    writeFileSync(join(dir, 'yuqing-backup-2026-11-22.jsonl.gz.partial'), 'being written');

    t.clock.set('2026-11-22T18:00:00.000Z'); // 47 hours later
    const s = await status();
    expect(s.files.map((f) => f.name)).toEqual([
      'yuqing-backup-2026-11-21.jsonl.gz',
      'yuqing-backup-2026-11-19.jsonl.gz',
    ]);
    expect(s.files[0]).toMatchObject({ encrypted: false, manual: false });
    expect(s.files[0]?.bytes).toBeGreaterThan(0);
    expect(s.files[1]).toMatchObject({ bytes: 5, at: '2026-11-18T19:17:00.000Z' });
    expect(s.last).toMatchObject({
      ok: true,
      at: '2026-11-20T19:17:00.000Z',
      trigger: 'schedule',
      file: 'yuqing-backup-2026-11-21.jsonl.gz',
      error: null,
    });
    expect(s.lastSuccessAt).toBe('2026-11-20T19:17:00.000Z');
    expect(s.stale).toBe(false);

    t.clock.set('2026-11-22T19:18:00.000Z'); // 48 hours and a minute
    expect((await status()).stale).toBe(true);
  });

  it('shows a failed backup with its message, and still warns from the last success', async () => {
    // A worker whose backup folder cannot be made (a file stands where a folder should be).
    const blocked = join(dir, '手工备份.jsonl.gz', 'sub');
    const failing = { ...t.ctx, config: { ...t.ctx.config, backup: { dir: blocked, keep: 3 } } };
    t.clock.set('2026-11-23T19:17:00.000Z');
    await expect(nightlyBackup(failing)).rejects.toThrow();
    const s = await status();
    expect(s.last).toMatchObject({
      ok: false,
      at: '2026-11-23T19:17:00.000Z',
      trigger: 'schedule',
    });
    expect(s.last?.error).toMatch(/ENOTDIR|not a directory/);
    expect(s.lastSuccessAt).toBe('2026-11-20T19:17:00.000Z');
    expect(s.stale).toBe(true);
  });

  it('runs a backup now through the queue, once at a time, with an audit entry', async () => {
    t.clock.set('2026-11-24T06:30:05.000Z'); // 14:30:05 in Shanghai
    const client = await admin();
    const res = await client.request('POST', '/api/system/backup');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({
      status: 'queued',
      trigger: 'manual',
      requestedBy: '系统管理员',
    });
    expect((await status()).pending).toMatchObject({ status: 'queued' });

    const again = await client.request('POST', '/api/system/backup');
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { message: string } }>().error.message).toBe(
      '已有一次备份在排队或进行中，请等它完成后再试',
    );
    // Nor does the nightly one start beside it (the 24th's failed at 03:17; 14:40 tries again).
    t.clock.set('2026-11-24T06:40:00.000Z');
    expect(await nightlyBackup(t.ctx)).toEqual({ made: false, reason: 'busy' });

    t.clock.set('2026-11-24T06:31:00.000Z');
    expect(await runQueuedBackup(t.ctx)).toMatchObject({ made: true });
    expect(await runQueuedBackup(t.ctx)).toBeNull();
    expect(readdirSync(dir)).toContain('yuqing-backup-2026-11-24-143100.jsonl.gz');

    const s = await status();
    expect(s.pending).toBeNull();
    expect(s.stale).toBe(false);
    expect(s.last).toMatchObject({
      ok: true,
      trigger: 'manual',
      file: 'yuqing-backup-2026-11-24-143100.jsonl.gz',
    });
    expect(s.files[0]).toMatchObject({
      name: 'yuqing-backup-2026-11-24-143100.jsonl.gz',
      manual: true,
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'summary'])
      .where('action', 'in', ['system.backup-requested', 'system.backup'])
      .orderBy('id')
      .execute();
    const [asked, made] = audit.slice(-2);
    expect(asked).toMatchObject({ action: 'system.backup-requested', summary: '请求立即备份' });
    expect(made?.action).toBe('system.backup');
    expect(made?.summary).toMatch(/^立即备份 yuqing-backup-2026-11-24-143100\.jsonl\.gz/);

    // A backup made now is not the nightly one: that night's still comes.
    t.clock.set('2026-11-24T19:17:00.000Z');
    expect(await nightlyBackup(t.ctx)).toMatchObject({ made: true });
  });

  it('keeps the newest days, a day with a backup made now counting once', () => {
    // keep 3: the days 25, 24 and 21 stay (with both of the 24th's), the 19th goes.
    expect(
      readdirSync(dir)
        .filter((f) => f.startsWith('yuqing-backup-'))
        .sort(),
    ).toEqual([
      'yuqing-backup-2026-11-21.jsonl.gz',
      'yuqing-backup-2026-11-22.jsonl.gz.partial',
      'yuqing-backup-2026-11-24-143100.jsonl.gz',
      'yuqing-backup-2026-11-25.jsonl.gz',
    ]);
  });

  it('gives up a run no worker finished within the hour, and tells the admin who asked', async () => {
    const other = await buildUser(t.ctx, { roles: ['admin'] });
    t.clock.set('2026-11-26T01:00:00.000Z');
    expect((await (await admin()).request('POST', '/api/system/backup')).statusCode).toBe(202);
    t.clock.set('2026-11-26T02:01:00.000Z');
    const res = await (await admin()).request('POST', '/api/system/backup');
    expect(res.statusCode).toBe(202);
    const failed = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'system.backup-failed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(failed.summary).toMatch(/^立即备份失败：/);
    // The admin who asked is told in the inbox, having perhaps left the page; no other admin is.
    const told = await t.ctx.db
      .selectFrom('notifications')
      .select(['title', 'body', 'user_id', 'link'])
      .where('kind', '=', 'system.backup-failed')
      .where('title', '=', '立即备份失败')
      .execute();
    expect(told.map((n) => ({ ...n, user_id: Number(n.user_id) }))).toEqual([
      {
        title: '立即备份失败',
        body: expect.stringMatching(
          /^2026-11-26 09:00 要求的立即备份没有完成：一小时内没有后台任务进程接手/,
        ) as unknown,
        user_id: adminLogin.id,
        link: '/admin/backup',
      },
    ]);
    expect(told.some((n) => Number(n.user_id) === other.id)).toBe(false);
    expect(await runQueuedBackup(t.ctx)).toMatchObject({ made: true });
  });

  it('says the files are encrypted when YUQING_BACKUP_KEY is set, never the key', async () => {
    const enc = await createTestContext({ backup: { dir, keep: 3, key: KEY } });
    const encApp = await buildTestApp(enc.ctx);
    try {
      const a = await buildUser(enc.ctx, { roles: ['admin'] });
      const client = await loginAs(encApp, a.username, a.password);
      const res = await client.request('GET', '/api/system/backup');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ encrypted: true });
      expect(res.body).not.toContain(KEY);
    } finally {
      await encApp.app.close();
      await enc.close();
    }
  });

  it('refuses to run one when automatic backups are off (YUQING_BACKUP_KEEP=0)', async () => {
    const off = await createTestContext({ backup: { dir, keep: 0 } });
    const offApp = await buildTestApp(off.ctx);
    try {
      const a = await buildUser(off.ctx, { roles: ['admin'] });
      const client = await loginAs(offApp, a.username, a.password);
      const s = (await client.request('GET', '/api/system/backup')).json<BackupStatus>();
      expect(s).toMatchObject({ enabled: false, stale: false });
      const res = await client.request('POST', '/api/system/backup');
      expect(res.statusCode).toBe(409);
      expect(res.json<{ error: { message: string } }>().error.message).toContain(
        'YUQING_BACKUP_KEEP',
      );
    } finally {
      await offApp.app.close();
      await off.close();
    }
  });
});
