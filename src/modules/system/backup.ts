import { createWriteStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { AppError } from '../../server/errors.js';
import { encryptingStream, openBackupFile } from './backup-cipher.js';

/**
 * A logical backup: every application table as JSON lines, gzipped. The same file restores into
 * PGlite or a PostgreSQL server, whichever kind it came from. Sessions, the message board's
 * proof-of-work challenges, the rate-limit counters, failed sign-ins under unknown names, the job queue and the backup runs' queue are not kept: they are
 * transient, and a restored system starts with everyone signed out.
 */
export const BACKUP_FORMAT = 'yuqing-backup';
const SKIP = new Set([
  'schema_migrations',
  'sessions',
  'board_challenges',
  'rate_limits',
  'login_failures',
  'job_workers',
  'job_claims',
  'backup_runs',
]);
const PAGE = 1000;

interface Header {
  format: typeof BACKUP_FORMAT;
  version: 1;
  schemaVersion: number;
  createdAt: string;
  source: string;
}

type Line =
  Header | { table: string; columns: string[] } | { row: unknown[] } | { end: true; rows: number };

interface TableInfo {
  name: string;
  columns: { name: string; type: string }[];
  key: string[];
}

async function tables(db: Kysely<DB>): Promise<TableInfo[]> {
  const cols = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select c.table_name, c.column_name, c.data_type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string }>`
    select k.table_name, k.column_name
    from information_schema.table_constraints tc
    join information_schema.key_column_usage k
      on k.constraint_name = tc.constraint_name and k.table_schema = tc.table_schema
    where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'
    order by k.table_name, k.ordinal_position`.execute(db);
  const byName = new Map<string, TableInfo>();
  for (const c of cols.rows) {
    if (SKIP.has(c.table_name)) continue;
    const t = byName.get(c.table_name) ?? { name: c.table_name, columns: [], key: [] };
    t.columns.push({ name: c.column_name, type: c.data_type });
    byName.set(c.table_name, t);
  }
  for (const k of keys.rows) byName.get(k.table_name)?.key.push(k.column_name);
  return [...byName.values()];
}

async function schemaVersion(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

function encode(value: unknown, type: string): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  // bigint columns are read as text: ids stay JSON numbers, a value past 2^53 (a post's 64-bit
  // SimHash) stays a string, which PostgreSQL reads back whole. As numbers, their last digits
  // were lost and a restored post's near-duplicates were no longer recognised.
  if (type === 'bigint' && typeof value === 'string') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  return value;
}

function decode(value: unknown, type: string): unknown {
  if (value === null) return null;
  if (type === 'jsonb' || type === 'json') return JSON.stringify(value);
  if (type === 'bytea' && typeof value === 'string') return Buffer.from(value, 'base64');
  return value;
}

async function* backupLines(
  db: Kysely<DB>,
  source: string,
  createdAt: Date,
): AsyncGenerator<string> {
  const header: Header = {
    format: BACKUP_FORMAT,
    version: 1,
    schemaVersion: await schemaVersion(db),
    createdAt: createdAt.toISOString(),
    source,
  };
  yield JSON.stringify(header) + '\n';
  let total = 0;
  for (const t of await tables(db)) {
    yield (
      JSON.stringify({ table: t.name, columns: t.columns.map((c) => c.name) } satisfies Line) + '\n'
    );
    // Qualified: the table's own columns (and their index), not the text the select makes of them.
    const order = sql.join(
      (t.key.length > 0 ? t.key : t.columns.map((c) => c.name)).map((k) =>
        sql.ref(`${t.name}.${k}`),
      ),
    );
    const columnsOf = sql.join(
      t.columns.map((c) =>
        c.type === 'bigint' ? sql`${sql.ref(c.name)}::text as ${sql.ref(c.name)}` : sql.ref(c.name),
      ),
    );
    for (let offset = 0; ; offset += PAGE) {
      const page = await sql<Record<string, unknown>>`
        select ${columnsOf} from ${sql.table(t.name)} order by ${order}
        limit ${PAGE} offset ${offset}`.execute(db);
      for (const r of page.rows) {
        yield JSON.stringify({ row: t.columns.map((c) => encode(r[c.name], c.type)) }) + '\n';
      }
      total += page.rows.length;
      if (page.rows.length < PAGE) break;
    }
  }
  yield JSON.stringify({ end: true, rows: total } satisfies Line) + '\n';
}

/**
 * Writes the backup. Read in one repeatable-read transaction, so every table is as of one moment
 * while the server goes on working (on the embedded database its other work waits meanwhile).
 * With `key` (YUQING_BACKUP_KEY) the file is encrypted (backup-cipher.ts).
 */
export async function backupTo(
  db: Kysely<DB>,
  file: string,
  source: string,
  createdAt: Date = new Date(),
  key?: string,
): Promise<void> {
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const lines = Readable.from(backupLines(trx, source, createdAt));
      // The owner's alone: it holds password hashes, channel secrets and contact details.
      const out = createWriteStream(file, { mode: 0o600 });
      if (key) await pipeline(lines, createGzip(), encryptingStream(key), out);
      else await pipeline(lines, createGzip(), out);
    });
}

export interface RestoreResult {
  tables: number;
  rows: number;
  /** Migrations applied after the rows, for a backup made by an earlier release. */
  migrated: number;
}

/** Tables whose rows the migrations insert: a freshly migrated database has them. */
const SEEDED_BY_MIGRATIONS = ['categories'];

/**
 * Restores into an empty database; `force` first wipes the application schema. An encrypted
 * backup needs the `key` it was made with.
 */
export async function restoreFrom(
  db: Kysely<DB>,
  file: string,
  options: { force?: boolean; key?: string } = {},
): Promise<RestoreResult> {
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `备份文件 ${file} 不存在`);
  const gunzip = createGunzip();
  // pipe() does not pass a read error on; without this the error would escape unhandled.
  const input = (await openBackupFile(file, options.key))
    .on('error', (err) => gunzip.destroy(err))
    .pipe(gunzip);
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const iterator = {
    next: (): Promise<IteratorResult<string, undefined>> => lines.next().catch(unreadable),
  };
  const first = await iterator.next();
  const header = parseLine(first.value) as Partial<Header>;
  if (header.format !== BACKUP_FORMAT)
    throw new AppError('VALIDATION_FAILED', '不是 yuqing 备份文件');

  if (options.force) {
    // A damaged file is refused before the data it was to replace is wiped: read it whole first.
    await pipeline(
      await openBackupFile(file, options.key),
      createGunzip(),
      new Writable({ write: (_chunk, _encoding, done) => done() }),
    ).catch(unreadable);
    await sql`drop schema if exists pgboss cascade`.execute(db);
    await sql`drop schema public cascade`.execute(db);
    await sql`create schema public`.execute(db);
  }
  // A backup made by an earlier release restores at its own schema version, and the migrations
  // since then carry its rows forward, as they would have upgraded that installation: the daily
  // backups taken before an upgrade stay usable after it.
  const migrations = loadMigrations();
  const backupVersion = Number(header.schemaVersion);
  if (!Number.isInteger(backupVersion) || backupVersion < 1 || backupVersion > migrations.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `备份的数据库版本（${String(header.schemaVersion)}）比本程序（${migrations.length}）新，请使用不低于备份时版本的程序恢复`,
    );
  }
  const at = await existingVersion(db);
  if (at > backupVersion) {
    throw new AppError(
      'CONFLICT',
      `目标数据库的版本（${at}）比备份（${backupVersion}）新；请使用新的数据目录，或加 --force 清空后恢复`,
    );
  }
  await migrate(db, migrations.slice(0, backupVersion));
  const info = new Map((await tables(db)).map((t) => [t.name, t]));
  const restored = await db.transaction().execute(async (trx) => {
    for (const t of info.values()) {
      if (SEEDED_BY_MIGRATIONS.includes(t.name)) continue;
      const any = await sql`select 1 from ${sql.table(t.name)} limit 1`.execute(trx);
      if (any.rows.length > 0) {
        throw new AppError(
          'CONFLICT',
          `目标数据库不为空（表 ${t.name} 已有数据）；请使用新的数据目录，或加 --force 清空后恢复`,
        );
      }
    }
    // Rows the migrations insert (the shipped categories) are the backup's to give.
    for (const name of SEEDED_BY_MIGRATIONS) {
      if (info.has(name)) await sql`delete from ${sql.table(name)}`.execute(trx);
    }
    await sql`set constraints all deferred`.execute(trx);
    let table: TableInfo | undefined;
    let columns: string[] = [];
    let batch: unknown[][] = [];
    let rows = 0;
    let tablesSeen = 0;
    let ended = false;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const t = table;
      const types = columns.map((c) => t.columns.find((x) => x.name === c)?.type ?? 'text');
      const values = batch.map(
        (r) => sql`(${sql.join(r.map((v, i) => decode(v, types[i] ?? 'text')))})`,
      );
      await sql`insert into ${sql.table(t.name)} (${sql.join(columns.map((c) => sql.ref(c)))})
        values ${sql.join(values)}`.execute(trx);
      rows += batch.length;
      batch = [];
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const line = parseLine(next.value);
      if ('table' in line) {
        await flush();
        table = info.get(line.table);
        if (!table)
          throw new AppError('VALIDATION_FAILED', `备份中的表 ${line.table} 在本程序中不存在`);
        columns = line.columns;
        tablesSeen += 1;
      } else if ('row' in line) {
        batch.push(line.row);
        if (batch.length >= 200) await flush();
      } else if ('end' in line) {
        await flush();
        if (line.rows !== rows)
          throw new AppError('VALIDATION_FAILED', '备份文件不完整（行数不符）');
        ended = true;
      }
    }
    if (!ended) throw new AppError('VALIDATION_FAILED', '备份文件不完整（缺少结束标记）');
    for (const t of info.values()) {
      if (!t.columns.some((c) => c.name === 'id') || t.key.join() !== 'id') continue;
      await sql`select setval(pg_get_serial_sequence(${t.name}, 'id'),
        greatest((select max(id) from ${sql.table(t.name)}), 1))`.execute(trx);
    }
    return { tables: tablesSeen, rows };
  });
  const { applied } = await migrate(db, migrations);
  return { ...restored, migrated: applied.length };
}

/** The schema version a database is at, 0 when it has never been migrated. */
async function existingVersion(db: Kysely<DB>): Promise<number> {
  const exists = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename = 'schema_migrations'`.execute(
    db,
  );
  return (exists.rows[0]?.n ?? 0) > 0 ? schemaVersion(db) : 0;
}

/** zlib reports a cut-off or non-gzip file in English (Z_BUF_ERROR, Z_DATA_ERROR): say it in Chinese. */
function unreadable(err: unknown): never {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    throw new AppError('VALIDATION_FAILED', '备份文件损坏或不完整（无法解压），无法读取');
  }
  throw err;
}

function parseLine(text: string | undefined): Line {
  try {
    return JSON.parse(text ?? '') as Line;
  } catch {
    throw new AppError('VALIDATION_FAILED', '备份文件损坏，无法读取');
  }
}
