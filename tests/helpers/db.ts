import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/connection.js';
import { loadMigrations, migrate } from '../../src/db/migrate.js';
import { ManualClock } from '../../src/lib/clock.js';
import type { AppContext } from '../../src/server/context.js';

export const TEST_DB = process.env.YUQING_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  database: Database;
  /** A connection string when the test database is on the server (for a second process or pool). */
  url: string | undefined;
  drop(): Promise<void>;
}

// One migrated PGlite cluster per test worker (isolate: false keeps it from file to file), dumped:
// each test database starts from it instead of running initdb and the migrations again.
let dump: Promise<Blob> | undefined;

function migratedDump(): Promise<Blob> {
  dump ??= (async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrate(database.db);
      if (!database.dump) throw new Error('PGlite cannot dump');
      return await database.dump();
    } finally {
      await database.close();
    }
  })();
  return dump;
}

const createUtf8 = (name: string) =>
  `create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`;

function serverUrl(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

let template: Promise<string> | undefined;

/**
 * On the server, a migrated template database that test databases are copied from (0.2 s instead
 * of about 1 s with the migrations). Its name carries a hash of the migrations, so it is built once
 * per schema and kept between runs; templates of other schemas are dropped when a new one is built.
 * The two test workers take an advisory lock, so only one builds it; it gets its name only when
 * migrated, so an interrupted build is never used.
 */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const hash = createHash('sha256')
      .update(JSON.stringify(loadMigrations()))
      .digest('hex')
      .slice(0, 12);
    const name = `yq_template_${hash}`;
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    try {
      await admin.query('select pg_advisory_lock(hashtext($1))', ['yq_template']);
      const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount === 0) {
        const stale = await admin.query<{ datname: string }>(
          `select datname from pg_database where datname like 'yq\\_template\\_%'`,
        );
        for (const { datname } of stale.rows)
          await admin.query(`drop database if exists ${datname} with (force)`);
        const building = `${name}_new`;
        await admin.query(createUtf8(building));
        const database = await openDatabase({ dataDir: '', databaseUrl: serverUrl(building) });
        try {
          await migrate(database.db);
        } finally {
          await database.close();
        }
        await admin.query(`alter database ${building} rename to ${name}`);
      }
    } finally {
      await admin.end();
    }
    return name;
  })();
  return template;
}

/**
 * A fresh, empty database per test file: in-memory PGlite, or a new database on the server made
 * with a UTF-8 ctype (pg_trgm and Chinese text need it). `migrated`: started from the migrated
 * dump or template (the caller still runs migrate, which then finds nothing to do).
 */
export async function createTestDatabase({
  migrated = false,
}: { migrated?: boolean } = {}): Promise<TestDatabase> {
  if (TEST_DB === 'pglite') {
    const database = await openDatabase({
      dataDir: 'memory://',
      databaseUrl: undefined,
      pgliteDump: migrated ? await migratedDump() : undefined,
    });
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `yq_test_${randomBytes(6).toString('hex')}`;
  const template = migrated ? await migratedTemplate() : undefined;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(template ? `create database ${name} template ${template}` : createUtf8(name));
  } finally {
    await admin.end();
  }
  const url = serverUrl(name);
  const database = await openDatabase({ dataDir: '', databaseUrl: url });
  return {
    database,
    url,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export const TEST_START = '2026-11-26T02:00:00.000Z';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    demo: false,
    workers: false,
    logLevel: 'silent',
    adminPassword: 'Kp7@Yunxi-2026',
    loginRatePerMinute: 10_000,
    ...overrides,
  };
}

export interface TestContext {
  ctx: AppContext;
  clock: ManualClock;
  testDb: TestDatabase;
  close(): Promise<void>;
}

/** A migrated database with a manual clock: what every integration test starts from. */
export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const testDb = await createTestDatabase({ migrated: true });
  await migrate(testDb.database.db);
  const clock = new ManualClock(TEST_START);
  const ctx: AppContext = {
    db: testDb.database.db,
    dbKind: testDb.database.kind,
    clock,
    config: testConfig(overrides),
    version: 'test',
  };
  return { ctx, clock, testDb, close: () => testDb.drop() };
}
