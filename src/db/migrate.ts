import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { migrationsDir } from '../lib/paths.js';
import type { DB } from './schema.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads NNNN_name.sql files; a gap, a duplicate number or a stray file is an error, not a skip. */
export function loadMigrations(dir = migrationsDir): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort();
  return files.map((file, index) => {
    const match = FILE.exec(file);
    if (!match) throw new Error(`migration file name must look like 0001_name.sql: ${file}`);
    const version = Number(match[1]);
    if (version !== index + 1) {
      throw new Error(`migration ${file} should be number ${String(index + 1).padStart(4, '0')}`);
    }
    return { version, name: match[2] ?? '', sql: readFileSync(join(dir, file), 'utf8') };
  });
}

// Several processes may start at once against one server: one applies, the others wait.
const MIGRATION_LOCK = 7_120_001;

export async function migrate(
  db: Kysely<DB>,
  migrations = loadMigrations(),
): Promise<{ applied: Migration[]; current: number }> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const done = await trx.selectFrom('schema_migrations').select('version').execute();
    const doneSet = new Set(done.map((r) => r.version));
    const applied: Migration[] = [];
    for (const m of migrations) {
      if (doneSet.has(m.version)) continue;
      await sql.raw(m.sql).execute(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ version: m.version, name: m.name, applied_at: new Date() })
        .execute();
      applied.push(m);
    }
    const newest = done.reduce((max, r) => Math.max(max, r.version), 0);
    const known = migrations.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new Error(`database schema version ${newest} is newer than this program (${known})`);
    }
    return { applied, current: Math.max(newest, known) };
  });
}
