import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB, type TestContext } from '../../tests/helpers/db.js';
import { openDatabase } from './connection.js';
import { loadMigrations, migrate } from './migrate.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

function migrationDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'yq-mig-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

describe('migrations', () => {
  it('applies each numbered file once and reports the schema current afterwards', async () => {
    expect(t.testDb.database.kind).toBe(TEST_DB);
    const again = await migrate(t.ctx.db);
    expect(again.applied).toHaveLength(0);
    expect(again.current).toBe(loadMigrations().length);
  });

  it('refuses a gap, a duplicate number or a badly named file', () => {
    expect(() => loadMigrations(migrationDir({ '0001_a.sql': '', '0003_c.sql': '' }))).toThrow(
      /0002/,
    );
    expect(() => loadMigrations(migrationDir({ '0001_a.sql': '', '0001_b.sql': '' }))).toThrow(
      /0002/,
    );
    expect(() => loadMigrations(migrationDir({ '0001_a.sql': '', 'two.sql': '' }))).toThrow(
      /0001_name/,
    );
  });

  it('rolls back a failing migration whole', async () => {
    const dir = migrationDir({
      '0001_ok.sql': 'create table mig_probe (id int);',
      '0002_bad.sql': 'insert into mig_probe values (1); select no_such_function();',
    });
    const t2 = await createTestContext();
    await sql`drop table schema_migrations`.execute(t2.ctx.db);
    await expect(migrate(t2.ctx.db, loadMigrations(dir))).rejects.toThrow();
    const exists = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_tables where tablename = 'mig_probe'`.execute(t2.ctx.db);
    expect(exists.rows[0]?.n).toBe(0);
    await t2.close();
  });
});

describe('connection', () => {
  it('returns bigint columns and counts as numbers on both database kinds', async () => {
    const r = await sql<{
      big: unknown;
      n: unknown;
    }>`select 9007199254740991::bigint as big, count(*) as n from units`.execute(t.ctx.db);
    expect(r.rows[0]).toEqual({ big: 9007199254740991, n: 0 });
  });

  it('keeps concurrent transactions apart (PGlite has one backend)', async () => {
    const now = new Date();
    const insert = (name: string, fail: boolean) =>
      t.ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('settings')
          .values({ key: name, value: JSON.stringify(1), updated_at: now })
          .execute();
        await new Promise((r) => setTimeout(r, 20));
        if (fail) throw new Error('roll back');
      });
    const results = await Promise.allSettled([
      insert('tx.a', true),
      insert('tx.b', false),
      insert('tx.c', true),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected']);
    const keys = await t.ctx.db
      .selectFrom('settings')
      .select('key')
      .where('key', 'like', 'tx.%')
      .execute();
    expect(keys.map((k) => k.key)).toEqual(['tx.b']);
  });

  it('stores Chinese text and jsonb round trip', async () => {
    const now = new Date();
    await t.ctx.db
      .insertInto('settings')
      .values({
        key: '中文键',
        value: JSON.stringify({ 名称: '云溪镇', 列表: [1, '二'] }),
        updated_at: now,
      })
      .execute();
    const row = await t.ctx.db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', '中文键')
      .executeTakeFirstOrThrow();
    expect(row.value).toEqual({ 名称: '云溪镇', 列表: [1, '二'] });
    expect(row.updated_at.getTime()).toBe(now.getTime());
  });
});

describe.runIf(TEST_DB === 'pglite')('an in-memory PGlite started from a dump', () => {
  it('holds what the dumped one held, and each copy changes on its own', async () => {
    const source = t.testDb.database;
    await source.executeSql(`create table marks (name text); insert into marks values ('原件')`);
    const dump = await source.dump?.();
    expect(dump).toBeInstanceOf(Blob);

    const [a, b] = await Promise.all([
      openDatabase({ dataDir: 'memory://', pgliteDump: dump }),
      openDatabase({ dataDir: 'memory://', pgliteDump: dump }),
    ]);
    try {
      await a.executeSql(`insert into marks values ('甲')`);
      expect((await a.executeSql('select name from marks order by name')).rows).toEqual([
        { name: '原件' },
        { name: '甲' },
      ]);
      expect((await b.executeSql('select name from marks')).rows).toEqual([{ name: '原件' }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 30_000);

  it('is refused for a data directory on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yq-dump-'));
    await expect(openDatabase({ dataDir: dir, pgliteDump: new Blob([]) })).rejects.toThrow(
      /in-memory/,
    );
  });
});
