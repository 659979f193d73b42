import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { Mutex } from '../lib/mutex.js';
import { lockDataDir } from './data-dir-lock.js';
import type { DB } from './schema.js';

export type DbKind = 'pglite' | 'postgres';

/** The minimal client that both Kysely's PostgresDialect and pg-boss need. */
export interface SqlClient {
  query(
    text: string,
    values?: readonly unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null; command?: string }>;
  release(): void;
}

export interface SqlPool {
  connect(): Promise<SqlClient>;
  end(): Promise<void>;
}

export interface Database {
  kind: DbKind;
  db: Kysely<DB>;
  /** Runs one statement (or, without values, a script) outside Kysely: for pg-boss and migrations. */
  executeSql(
    text: string,
    values?: readonly unknown[],
  ): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
  /** PGlite only: the whole cluster as an uncompressed tarball, to start another from (pgliteDump). */
  dump?(): Promise<Blob>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /**
   * For an in-memory PGlite (`memory://`): a Database.dump() to start from instead of a new
   * cluster. The tests start each database from one migrated dump: 1.2 s instead of 3.1 s for
   * initdb, plus the migrations.
   */
  pgliteDump?: Blob | undefined;
}

const INT8 = 20;
const DATE = 1082;

/** bigint ids and counts stay far below 2^53, so both drivers return them as numbers. */
pg.types.setTypeParser(INT8, (v) => Number(v));
// bigint[] (ids of sample posts …) likewise; PGlite already returns numbers.
// Not among pg-types' named builtins (scalar types only), hence the cast.
const INT8_ARRAY = 1016 as unknown as Parameters<typeof pg.types.setTypeParser>[0];
const parseInt8Array = pg.types.getTypeParser(INT8_ARRAY) as (v: string) => (string | null)[];
pg.types.setTypeParser(INT8_ARRAY, (v: string) =>
  parseInt8Array(v).map((x) => (x === null ? null : Number(x))),
);
pg.types.setTypeParser(DATE, (v) => v);

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir, options.pgliteDump);
}

function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString, max: Number(process.env.YUQING_DB_POOL ?? 10) });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async executeSql(text, values) {
      const result = await pool.query(text, values ? [...values] : undefined);
      // A multi-statement script returns an array of results; callers want the last.
      const last = Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
      return { rows: last.rows as Record<string, unknown>[] };
    },
    close: () => db.destroy(),
  };
}

async function openPglite(dataDir: string, dump?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (dump && !inMemory) throw new Error('a PGlite dump can only start an in-memory database');
  // The data folder holds password hashes, channel secrets and citizens' contact details, and
  // PGlite writes its files world-readable (some world-writable): only the owner may enter it.
  if (!inMemory) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir, {
      // Writes go to the data directory before a query returns, so a 200 survives kill -9.
      relaxedDurability: false,
      ...(dump ? { loadDataDir: dump } : {}),
      parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
    });
  } catch (err) {
    unlock();
    throw err;
  }
  const mutex = new Mutex();

  async function run(text: string, values?: readonly unknown[]) {
    if (values && values.length > 0) {
      const r = await pglite.query<Record<string, unknown>>(text, [...values]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    }
    // Without parameters, use the simple protocol so scripts of several statements work.
    const results = await pglite.exec(text);
    const last = results.at(-1);
    return {
      rows: (last?.rows ?? []) as Record<string, unknown>[],
      rowCount: last?.affectedRows ?? last?.rows.length ?? 0,
    };
  }

  const pool: SqlPool = {
    async connect() {
      const release = await mutex.acquire();
      let released = false;
      return {
        async query(text, values) {
          const result = await run(text, values);
          return { ...result, command: commandOf(text) };
        },
        release() {
          if (!released) {
            released = true;
            release();
          }
        },
      };
    },
    end: () => pglite.close(),
  };
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }),
  });
  return {
    kind: 'pglite',
    db,
    executeSql: (text, values) => mutex.run(() => run(text, values)),
    dump: () => mutex.run(() => pglite.dumpDataDir('none')),
    async close() {
      await db.destroy();
      unlock();
    },
  };
}

/** Kysely reads the command tag to count affected rows; PGlite does not report it, the SQL does. */
function commandOf(text: string): string | undefined {
  const word = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase();
  return word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE'
    ? word
    : undefined;
}
