import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/db/migrate.js';
import type { DB } from '../../src/db/schema.js';
import { rejudgeChunk, rejudgeProgress } from '../../src/ingest/rejudge-posts.js';
import { ManualClock } from '../../src/lib/clock.js';
import { searchPosts } from '../../src/modules/posts/posts.queries.js';
import { backupTo, restoreFrom } from '../../src/modules/system/backup.js';
import type { AppContext } from '../../src/server/context.js';
import { createTestDatabase, TEST_START, testConfig, type TestDatabase } from '../helpers/db.js';

/**
 * An installation is set up once and upgraded later: these start from a database at the schema of
 * an earlier release, filled as that release wrote it, and migrate it to the latest, checking the
 * migrations that transform data (0005 posts, 0016 urges, 0017 re-indexing, 0019 reminders, 0022
 * words) and that nothing a township recorded changes. The whole upgrade was also walked by hand
 * on both database kinds (2026-11-28: releases 51a0ae2 and b77a73a, demo plus activity).
 */

let testDb: TestDatabase | undefined;
// The worker's migrated copy is made once (initdb and every migration): not a test's own time.
beforeAll(async () => {
  await (await createTestDatabase({ migrated: true })).drop();
}, 120_000);
afterEach(async () => {
  await testDb?.drop();
  testDb = undefined;
});

async function atRelease(version: number): Promise<{ db: Kysely<DB>; ctx: AppContext }> {
  // The worker's migrated copy, emptied, is much faster to get than a new cluster (initdb).
  testDb = await createTestDatabase({ migrated: true });
  const db = testDb.database.db;
  await sql`drop schema public cascade; create schema public`.execute(db);
  await migrate(db, loadMigrations().slice(0, version));
  const ctx: AppContext = {
    db,
    dbKind: testDb.database.kind,
    clock: new ManualClock(TEST_START),
    config: testConfig(),
    version: 'test',
  };
  return { db, ctx };
}

/** What the first release (migrations 1-4) stored for a township: units, a leader, two cases. */
async function fillFirstRelease(db: Kysely<DB>): Promise<void> {
  await sql`
    insert into units (id, name, type, created_at, updated_at) values
      (1, '城建办', 'department', now(), now()), (2, '青石村委会', 'community', now(), now());
    insert into users (id, username, name, roles, password_hash, created_at, updated_at) values
      (1, 'leader', '李建国', '{leader}', 'x', now(), now());
    insert into posts (id, source, url, posted_at, title, body, contact, created_at) values
      (1, '云溪论坛', 'https://example.org/t/1', '2026-11-25T01:00:00Z', '路灯不亮',
       '青石村三组的路灯坏了两个星期，晚上出行很不方便。', '13812345678', now()),
      (2, '云溪论坛', null, '2026-11-25T02:00:00Z', null, '城建办门口的垃圾没人清运。', null, now());
    insert into cases (id, post_id, state, registered_at, reply_due_at, slip_year, slip_seq, slip_no,
        instruction, assigned_by, assigned_at, lead_unit_id, handling_due_at, created_at, updated_at)
      values
      (1, 1, 'handling', '2026-11-25T01:30:00Z', '2026-11-28T01:00:00Z', 2026, 1, '2026-0001',
       '请城建办核实处理', 1, '2026-11-25T02:00:00Z', 1, '2026-11-28T02:00:00Z', now(), now()),
      (2, 2, 'registered', '2026-11-25T02:30:00Z', '2026-11-28T02:00:00Z', null, null, null,
       null, null, null, null, null, now(), now());
    insert into case_units (case_id, unit_id, role) values (1, 1, 'lead'), (1, 2, 'co');
    insert into case_urges (case_id, unit_id, kind, due_at, urged_at) values
      (1, 2, 'handling', '2026-11-28T02:00:00Z', '2026-11-28T03:00:00Z');
    insert into slip_counters (year, last) values (2026, 1);
  `.execute(db);
}

const caseColumns = sql`select id, state, version, slip_no, slip_seq, lead_unit_id, reply_due_at,
  handling_due_at, registered_at, assigned_at from cases order by id`;

async function judgeEverything(ctx: AppContext): Promise<void> {
  for (let i = 0; i < 10 && (await rejudgeChunk(ctx)); i++);
  expect(await rejudgeProgress(ctx.db)).toMatchObject({ pending: false });
}

describe('upgrading a database filled by an earlier release', () => {
  it('from the first release: cases keep their state, slip and deadlines, old posts stay relevant and become searchable', async () => {
    const { db, ctx } = await atRelease(4);
    await fillFirstRelease(db);
    const before = (await caseColumns.execute(db)).rows;

    const { applied } = await migrate(db);
    expect(applied.map((m) => m.version)[0]).toBe(5);
    expect((await caseColumns.execute(db)).rows).toEqual(before);

    // 0017 sets the re-indexing going for posts that exist.
    expect(await rejudgeProgress(db)).toMatchObject({ pending: true });
    await judgeEverything(ctx);
    const posts = await db
      .selectFrom('posts')
      .select(['id', 'relevant', 'relevance_terms', 'segmented', 'words', 'contact'])
      .orderBy('id')
      .execute();
    // The dictionary holds only the unit names, 青石村委会 also as citizens write it (青石村): the
    // terms each post names are recorded, and a case's post stays relevant in any case.
    expect(posts.map((p) => [p.id, p.relevant, p.relevance_terms])).toEqual([
      [1, true, ['青石村']],
      [2, true, ['城建办']],
    ]);
    expect(posts[0]?.contact).toBe('13812345678');
    expect(posts[0]?.segmented).not.toBe('');
    expect(posts[0]?.words).toContain('路灯');
    const found = await searchPosts(db, { q: '路灯' });
    expect(found.items.map((p) => p.id)).toEqual([1]);
    expect((await searchPosts(db, { q: '清运' })).items.map((p) => p.id)).toEqual([2]);

    // 0016: the office may urge by hand where the job already urged; 0019: the overdue reminder.
    await sql`insert into case_urges (case_id, unit_id, kind, due_at, urged_at, urged_by) values
      (1, 2, 'handling', '2026-11-28T02:00:00Z', '2026-11-28T04:00:00Z', 1),
      (1, 2, 'handling', '2026-11-28T02:00:00Z', '2026-11-28T05:00:00Z', 1)`.execute(db);
    await expect(
      sql`insert into case_urges (case_id, unit_id, kind, due_at, urged_at) values
        (1, 2, 'handling', '2026-11-28T02:00:00Z', '2026-11-28T06:00:00Z')`.execute(db),
    ).rejects.toThrow();
    await sql`insert into case_reminders (case_id, kind, due_at, sent_at) values
      (2, 'overdue', '2026-11-28T02:00:00Z', '2026-11-28T03:00:00Z')`.execute(db);
  });

  it('from the release of 2026-11-27 morning: posts indexed by words only are found inside longer words, relevance unchanged', async () => {
    const { db, ctx } = await atRelease(15);
    await sql`
      insert into jurisdiction_terms (term, kind, created_at) values
        ('青石村', 'place', now()), ('中心学校', 'place', now());
      insert into posts (id, source, source_key, posted_at, title, body, created_at, relevant,
          relevance_terms, segmented, search) values
        (1, '云溪论坛', 'import:forum', '2026-11-25T01:00:00Z', '中心学校门口拥堵',
         '中心学校门口接送车辆乱停', now(), true, '{中心学校}',
         '中心学校 门口 拥堵 中心学校 门口 接送 车辆 乱停',
         to_tsvector('simple', '中心学校 门口 拥堵 中心学校 门口 接送 车辆 乱停')),
        (2, '省城论坛', 'import:forum', '2026-11-25T02:00:00Z', '地铁', '省城地铁什么时候通车',
         now(), false, '{}', '省城 地铁 什么 时候 通车', to_tsvector('simple', '省城 地铁 什么 时候 通车'));
    `.execute(db);
    // Before the upgrade 学校 inside 中心学校 is not found: the index held whole words only.
    expect((await searchPosts(db, { q: '学校', relevant: 'all' })).items).toHaveLength(0);

    await migrate(db);
    expect(await rejudgeProgress(db)).toMatchObject({ pending: true });
    await judgeEverything(ctx);
    const posts = await db
      .selectFrom('posts')
      .select(['id', 'relevant', 'relevance_terms', 'words'])
      .orderBy('id')
      .execute();
    expect(posts.map((p) => [p.id, p.relevant, p.relevance_terms])).toEqual([
      [1, true, ['中心学校']],
      [2, false, []],
    ]);
    expect(posts[1]?.words).toContain('地铁');
    expect((await searchPosts(db, { q: '学校' })).items.map((p) => p.id)).toEqual([1]);
  });

  it('from the release with 研判 (0023): posts collected before it count as 已阅, later ones still wait', async () => {
    const { db } = await atRelease(23);
    await sql`
      insert into posts (id, source, posted_at, title, body, created_at, review, reviewed_at)
      select v.id, '云溪论坛', m.applied_at - interval '2 days', v.title, v.title,
             m.applied_at + v.collected, v.review, v.reviewed_at
      from schema_migrations m,
        (values (1, '升级前采集', interval '-1 day', null::text, null::timestamptz),
                (2, '升级前已标不予处理', interval '-1 day', 'dismissed', now()),
                (3, '升级后采集', interval '1 minute', null, null)) as v(id, title, collected, review, reviewed_at)
      where m.version = 23`.execute(db);
    const applied = await db
      .selectFrom('schema_migrations')
      .select('applied_at')
      .where('version', '=', 23)
      .executeTakeFirstOrThrow();

    await migrate(db);
    const posts = await db
      .selectFrom('posts')
      .select(['id', 'review', 'reviewed_by', 'reviewed_at'])
      .orderBy('id')
      .execute();
    expect(posts.map((p) => [p.id, p.review, p.reviewed_by])).toEqual([
      [1, 'read', null],
      [2, 'dismissed', null],
      [3, null, null],
    ]);
    expect(new Date(posts[0]!.reviewed_at!)).toEqual(new Date(applied.applied_at));
  });

  it("a backup made by the first release restores into today's program and is migrated forward", async () => {
    const { db } = await atRelease(4);
    await fillFirstRelease(db);
    const before = (await caseColumns.execute(db)).rows;
    const file = join(mkdtempSync(join(tmpdir(), 'yq-upgrade-')), 'old.jsonl.gz');
    await backupTo(db, file, 'pglite');
    await testDb?.drop();

    testDb = await createTestDatabase({ migrated: true });
    const target = testDb.database.db;
    // Already at the latest version: the older backup cannot go into it without --force.
    await expect(restoreFrom(target, file)).rejects.toMatchObject({ code: 'CONFLICT' });
    const result = await restoreFrom(target, file, { force: true });
    expect(result.migrated).toBe(loadMigrations().length - 4);
    expect((await caseColumns.execute(target)).rows).toEqual(before);
    expect(await rejudgeProgress(target)).toMatchObject({ pending: true });
    const urges = await target.selectFrom('case_urges').select(['case_id', 'unit_id']).execute();
    expect(urges).toEqual([{ case_id: 1, unit_id: 2 }]);
  });
});
