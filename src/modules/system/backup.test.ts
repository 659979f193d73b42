import type { Actor } from '../access/actor.js';
import { addCases } from '../incidents/change-cases.js';
import { dismissSuggestions } from '../incidents/change-posts.js';
import { closeIncident } from '../incidents/close-incident.js';
import { openIncident } from '../incidents/open-incident.js';
import { recordAssessment } from '../incidents/record-assessment.js';
import { recordMeasure } from '../incidents/record-measure.js';
import { sendImmediateReport } from '../incidents/send-report.js';
import { generateReport } from '../reports/generate-report.js';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, actorFor } from '../../../tests/factories/index.js';
import {
  createTestContext,
  createTestDatabase,
  TEST_DB,
  type TestContext,
  type TestDatabase,
} from '../../../tests/helpers/db.js';
import { openDatabase, type Database } from '../../db/connection.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import type { DB } from '../../db/schema.js';
import { ingestPosts } from '../../ingest/ingest-posts.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { verifyAuditJob } from '../audit/verify-audit.job.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { createSession } from '../auth/sessions.js';
import { createUnit, deleteUnit, updateUnit } from '../org/save-unit.js';
import { createUser } from '../org/save-user.js';
import { updateWorkingGroup } from '../org/working-group.js';
import { assignCase } from '../cases/assign-case.js';
import { addAttachment } from '../cases/attachments.js';
import { requestExtension } from '../cases/extension.js';
import { signCase, submitReply } from '../cases/handle-case.js';
import { registerCase } from '../cases/register-case.js';
import { remindDue } from '../cases/remind-due.js';
import { returnReply } from '../cases/review-reply.js';
import { urgeOverdue } from '../cases/urge-case.js';
import { DEFAULT_CHANNELS, saveChannels } from '../notifications/channel-settings.js';
import { backupTo, restoreFrom } from './backup.js';
import { encryptingStream } from './backup-cipher.js';
import ExcelJS from 'exceljs';
import { importLedger } from '../cases/ledger-import/import-ledger.js';
import { buildLedgerTemplate } from '../cases/ledger-import/ledger-template.js';
import { recordingQueue } from '../../../tests/helpers/jobs.js';

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function serverReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A database on the PostgreSQL server, for the PGlite → PostgreSQL round trip. */
async function createServerDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const name = `yq_backup_${randomBytes(6).toString('hex')}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: SERVER_URL });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await admin(
    `create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
  );
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  return {
    database,
    async drop() {
      await database.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

const canReachServer = TEST_DB === 'pglite' ? await serverReachable() : true;

// Sessions are deliberately not backed up; schema_migrations differs in applied_at only.
const NOT_RESTORED = [
  'schema_migrations',
  'sessions',
  'board_challenges',
  'rate_limits',
  'login_failures',
  'job_workers',
  'job_claims',
  'backup_runs',
];

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

/** Every application table, rows ordered by primary key, as plain comparable data. */
async function snapshot(db: Kysely<DB>): Promise<Record<string, unknown[]>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  const out: Record<string, unknown[]> = {};
  for (const { table_name: table } of tables.rows) {
    if (NOT_RESTORED.includes(table)) continue;
    const keys = await sql<{ column_name: string }>`
      select k.column_name
      from information_schema.table_constraints tc
      join information_schema.key_column_usage k
        on k.constraint_name = tc.constraint_name and k.table_schema = tc.table_schema
      where tc.table_schema = 'public' and tc.table_name = ${table}
        and tc.constraint_type = 'PRIMARY KEY'
      order by k.ordinal_position`.execute(db);
    expect(keys.rows.length, `table ${table} has a primary key`).toBeGreaterThan(0);
    const order = sql.join(keys.rows.map((k) => sql.ref(k.column_name)));
    const rows = await sql<Record<string, unknown>>`
      select * from ${sql.table(table)} order by ${order}`.execute(db);
    out[table] = rows.rows.map(normalise);
  }
  return out;
}

const countRows = (s: Record<string, unknown[]>) =>
  Object.values(s).reduce((n, rows) => n + rows.length, 0);

let t: TestContext;
let dir: string;
let backupFile: string;
let source: Record<string, unknown[]>;

/**
 * A small organisation made through the use cases, so the audit chain is real: a parent with
 * children, users, a liaison (units.liaison_user_id and users.unit_id point at each other), the
 * working group, a setting, a deleted unit (a gap in the ids) and a session.
 */
async function buildOrganisation(): Promise<void> {
  const { ctx, clock } = t;
  const admin = await buildUser(ctx, { roles: ['admin'], username: 'backup_admin' });
  const actor = actorFor(admin);
  const step = () => clock.advance(61_000);
  const town = await createUnit({ ctx, actor, input: { name: '云溪镇', type: 'higher' } });
  step();
  const construction = await createUnit({
    ctx,
    actor,
    input: { name: '城建办', type: 'department', parentId: town.id, phone: '0000-6610003' },
  });
  step();
  const village = await createUnit({
    ctx,
    actor,
    input: { name: '青石村委会', type: 'community', parentId: town.id, sortOrder: 3 },
  });
  step();
  const doomed = await createUnit({ ctx, actor, input: { name: '临时专班', type: 'department' } });
  step();
  await deleteUnit({ ctx, actor, id: doomed.id });
  step();
  const liaison = await createUser({
    ctx,
    actor,
    input: {
      username: 'zhangwei',
      name: '张伟',
      roles: ['liaison'],
      unitId: construction.id,
      phone: '13800000000',
    },
  });
  step();
  const leader = await createUser({
    ctx,
    actor,
    input: { username: 'lijianguo', name: '李建国', roles: ['leader', 'monitor'], unitId: town.id },
  });
  step();
  const deputy = await buildUser(ctx, { roles: ['leader'], unitId: village.id, name: '孙强' });
  await updateUnit({ ctx, actor, id: construction.id, input: { liaisonUserId: liaison.user.id } });
  step();
  await updateWorkingGroup({
    ctx,
    actor,
    input: {
      leaderIds: [leader.user.id],
      deputyIds: [deputy.id],
      unitIds: [construction.id, village.id],
    },
  });
  step();
  // A case through registration, the slip, signing, a reply and an extension request, with a
  // group robot configured so that its notifications queue deliveries; then overdue urging,
  // a reminder and a notice, so that every workflow table has rows.
  await saveChannels(
    ctx.db,
    { ...DEFAULT_CHANNELS, wecom: { enabled: true, webhookUrl: 'http://127.0.0.1:9/robot' } },
    clock.now(),
  );
  const leading = actorFor({ ...leader.user, password: '' });
  const handling = actorFor({ ...liaison.user, password: '' });
  const posted = clock.now();
  const { id: caseId } = await registerCase({
    ctx,
    actor: leading,
    input: {
      post: {
        source: '县长信箱',
        postedAt: posted.toISOString(),
        body: '村口路灯不亮',
        contact: '13900000000',
      },
    },
  });
  await assignCase({
    ctx,
    actor: leading,
    id: caseId,
    input: { instruction: '请核实', leadUnitId: construction.id, coUnitIds: [village.id] },
  });
  await signCase({ ctx, actor: handling, id: caseId });
  // Binary data, every byte value: bytea must come back whole on either database kind.
  await addAttachment({
    ctx,
    actor: handling,
    caseId,
    file: {
      filename: '现场照片.bin',
      contentType: 'application/octet-stream',
      data: Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256)),
    },
  });
  await submitReply({ ctx, actor: handling, id: caseId, text: '已更换灯具' });
  await returnReply({ ctx, actor: leading, id: caseId, comment: '请写明时间' });
  await requestExtension({
    ctx,
    actor: handling,
    id: caseId,
    reason: '等待材料',
    until: new Date(posted.getTime() + 4 * 24 * 3_600_000),
  });
  clock.advance(61 * 3_600_000);
  await remindDue(ctx);
  clock.advance(12 * 3_600_000);
  await urgeOverdue(ctx);
  await ctx.db
    .insertInto('notices')
    .values({
      year: 2026,
      seq: 1,
      title: '网络舆情办理情况通报',
      period_from: posted,
      period_to: clock.now(),
      items: JSON.stringify([{ unit: '青石村委会', cases: [caseId] }]),
      created_by: admin.id,
      created_at: clock.now(),
    })
    .execute();
  // Monitoring: a dictionary term and a post through the pipeline (tsvector, bigint, arrays).
  await ctx.db
    .insertInto('jurisdiction_terms')
    .values({ term: '青石村', kind: 'place', created_at: clock.now() })
    .execute();
  await ingestPosts(
    ctx,
    [{ title: '青石村路灯', body: '青石村村口的路灯坏了很久', url: 'https://example.org/t/1' }],
    { sourceKey: 'test:backup' },
  );
  await monitoringRows(ctx, admin.id, posted);
  await analysisRows(ctx, admin.id, posted);
  await incidentAndReportRows(ctx, leading, actor, caseId);
  await infoReportRows(ctx, admin.id, town.id);
  await ledgerImportRows(ctx, actor);
  step();
  // The nightly chain check writes a jsonb setting: real data for the settings table.
  await verifyAuditJob.handler(ctx, {}, recordingQueue().queue);
  await buildUnit(ctx, { name: '工厂单位', parentId: village.id });
  await createSession(ctx.db, {
    userId: admin.id,
    now: clock.now(),
    hours: 12,
    ip: '127.0.0.1',
    userAgent: 'vitest',
  });
}

beforeAll(async () => {
  t = await createTestContext();
  dir = mkdtempSync(join(tmpdir(), 'yq-backup-'));
  backupFile = join(dir, 'backup.jsonl.gz');
  await buildOrganisation();
  source = await snapshot(t.ctx.db);
  await backupTo(t.ctx.db, backupFile, t.ctx.dbKind);
});

afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the organisation being backed up', () => {
  it('has rows in every application table, a liaison loop and a gap in unit ids', () => {
    for (const [table, rows] of Object.entries(source)) {
      expect(rows.length, `rows in ${table}`).toBeGreaterThan(0);
    }
    expect(Object.keys(source)).toEqual(
      expect.arrayContaining(['units', 'users', 'audit_log', 'working_group_members', 'settings']),
    );
    const units = source.units as { id: number; liaison_user_id: number | null }[];
    const users = source.users as { id: number; unit_id: number | null }[];
    const loop = units.find(
      (u) =>
        u.liaison_user_id !== null &&
        users.some((x) => x.id === u.liaison_user_id && x.unit_id === u.id),
    );
    expect(loop).toBeDefined();
    expect(units.length).toBeLessThan(Math.max(...units.map((u) => u.id)));
  });

  it('writes a gzip file of JSON lines with a header and an end marker, without sessions', () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').trim().split('\n');
    const first = JSON.parse(lines[0] ?? '') as { format: string; source: string };
    expect(first).toMatchObject({ format: 'yuqing-backup', source: TEST_DB });
    expect(JSON.parse(lines.at(-1) ?? '')).toEqual({ end: true, rows: countRows(source) });
    expect(lines.some((l) => l.includes('"table":"sessions"'))).toBe(false);
  });
});

// 'restore into a fresh database' restores into an unmigrated database, as a new data directory
// is; the other restores start from a migrated empty one (restoreFrom migrates first either way),
// which on PGlite saves an initdb each.
describe('restore into a fresh database', () => {
  let copy: TestDatabase;
  beforeAll(async () => {
    copy = await createTestDatabase();
    const result = await restoreFrom(copy.database.db, backupFile);
    expect(result.rows).toBe(countRows(source));
  });
  afterAll(async () => {
    await copy.drop();
  });

  it('brings back every table row for row, and nobody is signed in', async () => {
    expect(await snapshot(copy.database.db)).toEqual(source);
    const sessions = await copy.database.db.selectFrom('sessions').select('id').execute();
    expect(sessions).toEqual([]);
  });

  it("keeps 64-bit values whole: a post's SimHash beyond 2^53 comes back to the last digit", async () => {
    const hashes = (db: Kysely<DB>) =>
      sql<{ id: number; simhash: string | null }>`
        select id, simhash::text as simhash from posts order by id`.execute(db);
    const original = (await hashes(t.ctx.db)).rows;
    expect(
      original.some((r) => r.simhash !== null && !Number.isSafeInteger(Number(r.simhash))),
    ).toBe(true);
    expect((await hashes(copy.database.db)).rows).toEqual(original);
  });

  it('keeps the audit chain intact with the same number of records', async () => {
    const original = await verifyAudit(t.ctx.db);
    const restored = await verifyAudit(copy.database.db);
    expect(original.ok).toBe(true);
    expect(restored).toEqual(original);
    expect(restored.checked).toBe(source.audit_log?.length);
  });

  it('refuses a second restore into the now non-empty database and changes nothing', async () => {
    const before = await snapshot(copy.database.db);
    const error = await restoreFrom(copy.database.db, backupFile).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect((error as AppError).message).toMatch(/不为空/);
    expect(await snapshot(copy.database.db)).toEqual(before);
  });
});

describe('after a restore', () => {
  it('identity sequences continue past the restored ids and the audit chain goes on', async () => {
    const copy = await createTestDatabase({ migrated: true });
    try {
      await restoreFrom(copy.database.db, backupFile);
      const ctx = { ...t.ctx, db: copy.database.db, dbKind: copy.database.kind };
      const admin = await buildUser(ctx, { roles: ['admin'] });
      const unit = await createUnit({
        ctx,
        actor: actorFor(admin),
        input: { name: '恢复后新增', type: 'department' },
      });
      const maxUnit = Math.max(...(source.units as { id: number }[]).map((u) => u.id));
      const maxUser = Math.max(...(source.users as { id: number }[]).map((u) => u.id));
      expect(unit.id).toBeGreaterThan(maxUnit);
      expect(admin.id).toBeGreaterThan(maxUser);
      const audit = await verifyAudit(copy.database.db);
      expect(audit).toMatchObject({ ok: true, checked: (source.audit_log?.length ?? 0) + 1 });
    } finally {
      await copy.drop();
    }
  });
});

describe('restore with force', () => {
  it('replaces the data of a database that already has some', async () => {
    const other = await createTestDatabase({ migrated: true });
    try {
      await migrate(other.database.db);
      const ctx = { ...t.ctx, db: other.database.db, dbKind: other.database.kind };
      const stray = await buildUnit(ctx, { name: '别的镇' });
      await buildUser(ctx, { unitId: stray.id, username: 'stranger' });
      await expect(restoreFrom(other.database.db, backupFile)).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await restoreFrom(other.database.db, backupFile, { force: true });
      expect(await snapshot(other.database.db)).toEqual(source);
      const strangers = await other.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'stranger')
        .execute();
      expect(strangers).toEqual([]);
      expect((await verifyAudit(other.database.db)).ok).toBe(true);
    } finally {
      await other.drop();
    }
  });
});

describe('a file that is not a whole backup', () => {
  const lines = () => gunzipSync(readFileSync(backupFile)).toString('utf8').trim().split('\n');

  async function refused(file: string, message: RegExp, key?: string): Promise<void> {
    const target = await createTestDatabase({ migrated: true });
    try {
      const error = await restoreFrom(target.database.db, file, { key }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((error as AppError).message).toMatch(message);
      expect((error as AppError).message).toMatch(/[\u4e00-\u9fff]/);
      // Whatever was loaded before the problem showed is rolled back.
      const units = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.tables
        where table_schema = 'public' and table_name = 'units'`.execute(target.database.db);
      if (units.rows[0]?.n === 1) {
        expect(await target.database.db.selectFrom('units').select('id').execute()).toEqual([]);
        expect(await target.database.db.selectFrom('audit_log').select('id').execute()).toEqual([]);
      }
    } finally {
      await target.drop();
    }
  }

  describe('encrypted with YUQING_BACKUP_KEY', () => {
    const key = '云溪镇备份密钥-2026-离线保管';
    let encrypted: string;
    beforeAll(async () => {
      encrypted = join(dir, 'backup.jsonl.gz.enc');
      await backupTo(t.ctx.db, encrypted, t.ctx.dbKind, new Date(), key);
    });

    it('keeps no readable text: neither gzip nor a contact or a password hash shows', () => {
      const bytes = readFileSync(encrypted);
      expect(bytes.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false);
      expect(() => gunzipSync(bytes)).toThrow();
      const users = source.users as { password_hash: string }[];
      expect(bytes.includes(Buffer.from(users[0]?.password_hash ?? 'x'))).toBe(false);
      expect(bytes.includes(Buffer.from('yuqing-backup'))).toBe(false);
    });

    it('restores row for row with the key', async () => {
      const copy = await createTestDatabase({ migrated: true });
      try {
        const result = await restoreFrom(copy.database.db, encrypted, { key });
        expect(result.rows).toBe(countRows(source));
        expect(await snapshot(copy.database.db)).toEqual(source);
      } finally {
        await copy.drop();
      }
    });

    it('asks for the key when none is set, and refuses a wrong one before reading', async () => {
      await refused(encrypted, /已加密.*YUQING_BACKUP_KEY/);
      await refused(encrypted, /密钥不正确/, 'another-passphrase-2026');
    });

    it('refuses a file changed in one byte or cut off, and keeps none of its rows', async () => {
      const bytes = readFileSync(encrypted);
      const changed = Buffer.from(bytes);
      const at = Math.floor(bytes.length * 0.7);
      changed[at] = (changed[at] ?? 0) ^ 0x01;
      const file = join(dir, 'changed.jsonl.gz.enc');
      writeFileSync(file, changed);
      await refused(file, /改动|损坏|不完整/, key);
      // The last bytes hold the seal: a file cut there decrypts no further.
      writeFileSync(file, bytes.subarray(0, bytes.length - 5));
      await refused(file, /已被改动或不完整/, key);
    });

    it('refuses such a file with --force before wiping the data it was to replace', async () => {
      // A backup of a real size (this test's own is read whole at its first line): a header, then
      // half a megabyte that does not compress, sealed and then cut off.
      const header = {
        format: 'yuqing-backup',
        version: 1,
        schemaVersion: loadMigrations().length,
        createdAt: new Date().toISOString(),
        source: 'pglite',
      };
      const rows = Array.from({ length: 500 }, () =>
        JSON.stringify({ row: [randomBytes(500).toString('hex')] }),
      );
      const file = join(dir, 'large-cut.jsonl.gz.enc');
      await pipeline(
        Readable.from([gzipSync([JSON.stringify(header), ...rows].join('\n') + '\n')]),
        encryptingStream(key),
        createWriteStream(file),
      );
      writeFileSync(file, readFileSync(file).subarray(0, -5));
      const other = await createTestDatabase({ migrated: true });
      try {
        const ctx = { ...t.ctx, db: other.database.db, dbKind: other.database.kind };
        await buildUnit(ctx, { name: '别的镇' });
        await expect(restoreFrom(other.database.db, file, { key, force: true })).rejects.toThrow(
          /已被改动或不完整/,
        );
        const units = await other.database.db.selectFrom('units').select('name').execute();
        expect(units).toEqual([{ name: '别的镇' }]);
      } finally {
        await other.drop();
      }
    });
  });

  it('refuses a backup cut off before its end marker', async () => {
    const all = lines();
    const file = join(dir, 'no-end.jsonl.gz');
    writeFileSync(file, gzipSync(all.slice(0, Math.ceil(all.length / 2)).join('\n') + '\n'));
    await refused(file, /不完整/);
  });

  it('refuses a backup whose end marker counts other rows', async () => {
    const all = lines();
    const file = join(dir, 'dropped-row.jsonl.gz');
    const withoutOneRow = all.filter((l, i) => !(i === all.length - 2 && l.startsWith('{"row"')));
    expect(withoutOneRow.length).toBe(all.length - 1);
    writeFileSync(file, gzipSync(withoutOneRow.join('\n') + '\n'));
    await refused(file, /不完整/);
  });

  it('refuses a file whose bytes were cut off in the middle', async () => {
    const bytes = readFileSync(backupFile);
    const file = join(dir, 'truncated.jsonl.gz');
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await refused(file, /损坏|不完整/);
  });

  it('refuses a gzip file of something else', async () => {
    const file = join(dir, 'other.jsonl.gz');
    writeFileSync(file, gzipSync('{"hello":"world"}\n{"row":[1]}\n'));
    await refused(file, /不是 yuqing 备份文件/);
  });

  it('says so when the file does not exist', async () => {
    const target = await createTestDatabase({ migrated: true });
    try {
      await expect(
        restoreFrom(target.database.db, join(dir, 'missing.jsonl.gz')),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/备份文件 .* 不存在/) as unknown,
      });
    } finally {
      await target.drop();
    }
  });

  it('refuses a file that is not gzip at all', async () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, '这不是备份\n');
    await refused(file, /不是 yuqing 备份文件|损坏/);
  });
});

describe('across database kinds', () => {
  it.skipIf(TEST_DB === 'pglite' && !canReachServer)(
    TEST_DB === 'pglite'
      ? 'a PGlite backup restores into PostgreSQL'
      : 'a PostgreSQL backup restores into PGlite',
    async () => {
      const target =
        TEST_DB === 'pglite'
          ? await createServerDatabase()
          : await (async () => {
              const database = await openDatabase({ dataDir: 'memory://' });
              return { database, drop: () => database.close() };
            })();
      try {
        expect(target.database.kind).not.toBe(t.ctx.dbKind);
        await restoreFrom(target.database.db, backupFile);
        expect(await snapshot(target.database.db)).toEqual(source);
        expect(await verifyAudit(target.database.db)).toMatchObject({
          ok: true,
          checked: source.audit_log?.length,
        });
        const ctx = { ...t.ctx, db: target.database.db, dbKind: target.database.kind };
        const admin = await buildUser(ctx, { roles: ['admin'] });
        const unit = await createUnit({
          ctx,
          actor: actorFor(admin),
          input: { name: '跨库新增', type: 'department' },
        });
        expect(unit.id).toBeGreaterThan(
          Math.max(...(source.units as { id: number }[]).map((u) => u.id)),
        );
      } finally {
        await target.drop();
      }
    },
    // A new database of the other kind, migrated, then the whole restore: past 30 s was seen under
    // the suite on a busy two-core machine.
    120_000,
  );
});

/** Sources, their fetch records, a watch period with its roster and a board message. */
/** 历史台账导入: one past case from an Excel ledger (case_imports, cases.import_*). */
async function ledgerImportRows(ctx: AppContext, actor: Actor): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildLedgerTemplate()) as unknown as ArrayBuffer);
  wb.getWorksheet('历史台账')?.addRow([
    '2025-05-06 09:00',
    '县长信箱',
    '青石村水渠堵塞',
    '青石村水渠堵塞，农田灌溉困难。',
    '青石村委会',
    '', // 协办单位
    '2025-0012',
    '2025-05-06 10:00',
    '已组织清淤。',
    '2025-05-08 17:00',
    '已办结',
  ]);
  const report = await importLedger({
    ctx,
    actor,
    file: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: '台账.xlsx',
    dryRun: false,
  });
  expect(report.created).toBe(1);
}

async function monitoringRows(ctx: AppContext, userId: number, at: Date): Promise<void> {
  const source = await ctx.db
    .insertInto('sources')
    .values({
      name: '青石论坛',
      kind: 'html',
      url: 'https://bbs.example.org/list',
      config: JSON.stringify({ itemLink: 'a.t', title: 'h1', body: '.c' }),
      next_run_at: at,
      created_by: userId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('source_runs')
    .values({
      source_id: source.id,
      trigger: 'manual',
      status: 'ok',
      started_at: at,
      finished_at: at,
    })
    .execute();
  await ctx.db
    .insertInto('fetched_pages')
    .values({
      url: 'https://bbs.example.org/list',
      source_id: source.id,
      role: 'list',
      etag: '"a1"',
      status: 200,
      fetched_at: at,
    })
    .execute();
  await ctx.db
    .insertInto('fetch_hosts')
    .values({
      host: 'bbs.example.org',
      next_at: at,
      robots_txt: 'User-agent: *\nDisallow: /admin',
      robots_status: 200,
      robots_fetched_at: at,
    })
    .execute();
  const period = await ctx.db
    .insertInto('watch_periods')
    .values({
      name: '镇人代会',
      kind: 'meeting',
      starts_on: '2026-03-01',
      ends_on: '2026-03-03',
      created_by: userId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('watch_period_sources')
    .values({ period_id: period.id, source_id: source.id })
    .execute();
  await ctx.db
    .insertInto('watch_duties')
    .values({
      period_id: period.id,
      user_id: userId,
      starts_at: at,
      ends_at: new Date(at.getTime() + 8 * 3_600_000),
    })
    .execute();
  const post = await ctx.db
    .insertInto('posts')
    .values({
      source: '网络问政',
      source_key: 'board',
      posted_at: at,
      title: '青石村路面',
      body: '路面破损',
      contact: '13800000000',
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('board_messages')
    .values({
      post_id: post.id,
      lookup_code: 'QS7K2M',
      address_hash: 'f'.repeat(64),
      created_at: at,
    })
    .execute();
}

/**
 * Analysis tables (0009–0011, 0015): a retraining run, a topic (from the ingest above) with a topic
 * merged into it, a rule, an alert.
 */
async function analysisRows(ctx: AppContext, userId: number, at: Date): Promise<void> {
  await ctx.db
    .insertInto('category_models')
    .values({
      status: 'failed',
      trigger: 'manual',
      requested_by: userId,
      requested_at: at,
      started_at: at,
      finished_at: at,
      counts: JSON.stringify({ 城乡建设: 1 }),
      error: '已确认分类的信息只有 1 条',
    })
    .execute();
  const rule = await ctx.db
    .insertInto('alert_rules')
    .values({
      name: '路灯',
      expression: '路灯 AND (坏 OR 不亮)',
      level: 'yellow',
      window_minutes: 60,
      created_by: userId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const post = await ctx.db.selectFrom('posts').select('id').limit(1).executeTakeFirstOrThrow();
  const topic = await ctx.db.selectFrom('topics').select('id').limit(1).executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('topic_merges')
    .values({ absorbed_id: Number(topic.id) + 1000, survivor_id: topic.id, merged_at: at })
    .execute();
  await ctx.db
    .insertInto('alerts')
    .values({
      rule_id: rule.id,
      level: 'yellow',
      window_start: at,
      window_end: at,
      matched_count: 1,
      peak_count: 1,
      sample_post_ids: [post.id],
      first_triggered_at: at,
      last_triggered_at: at,
    })
    .execute();
}

/** Incidents (0012) through their use cases, and a stored daily report (0013). */
async function incidentAndReportRows(
  ctx: AppContext,
  leading: Actor,
  admin: Actor,
  caseId: number,
): Promise<void> {
  const posts = await ctx.db.selectFrom('posts').select('id').orderBy('id').execute();
  const [casePost, ...others] = posts.map((p) => p.id);
  if (casePost === undefined || others.length === 0) throw new Error('posts missing');
  if (leading.id === null) throw new Error('the leader is a user');
  const id = await openIncident({
    ctx,
    actor: leading,
    input: { title: '青石村路灯', level: 'general', ownerId: leading.id, postIds: others },
  });
  await recordAssessment({
    ctx,
    actor: leading,
    id,
    input: { judgement: '关注度低，影响有限', trend: 'stable', riskLevel: 'general' },
  });
  await recordMeasure({
    ctx,
    actor: leading,
    id,
    input: {
      kind: 'official_reply',
      description: '城建办答复维修时间',
      takenAt: ctx.clock.now().toISOString(),
      ownerUnit: '城建办',
    },
  });
  await sendImmediateReport({ ctx, actor: leading, id, text: '青石村路灯不亮，已交城建办。' });
  await addCases({ ctx, actor: leading, id, caseIds: [caseId] });
  await dismissSuggestions({ ctx, actor: leading, id, postIds: [casePost] });
  await closeIncident({ ctx, actor: leading, id, closingReport: '路灯已修复，处置结束。' });
  await generateReport({ ctx, actor: admin, input: { kind: 'daily' }, deliver: false });
}

/** 信息报送 (0014): a submitted brief with an outcome, a quota and a handover note. */
async function infoReportRows(ctx: AppContext, userId: number, unitId: number): Promise<void> {
  const at = ctx.clock.now();
  const brief = await ctx.db
    .insertInto('info_briefs')
    .values({
      title: '青石村路灯',
      body: '青石村村口路灯不亮，已交城建办维修。',
      author_id: userId,
      unit_id: unitId,
      status: 'submitted',
      submitted_at: at,
      submitted_to: '县委网信办',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('info_brief_outcomes')
    .values({
      brief_id: brief.id,
      kind: 'adopted',
      by_whom: '县委网信办',
      level: '县级',
      recorded_by: userId,
      recorded_at: at,
    })
    .execute();
  await ctx.db
    .insertInto('info_quotas')
    .values({ month: '2026-11', unit_id: unitId, quota: 4, updated_at: at })
    .execute();
  await ctx.db
    .insertInto('watch_handovers')
    .values({ from_user: userId, note: '夜班无新增信息。', at })
    .execute();
}
