/**
 * The time to generate a monthly report (figures, .docx with charts, .xlsx) over a database of
 * BENCH_REPORT_POSTS monitored posts (default 100,000, spread over last month) and
 * BENCH_REPORT_CASES cases (default 10,000, seeded as bench/seed-cases.ts does), on PGlite and on
 * the PostgreSQL server. Prints one figure per line; never fails on time.
 *   BENCH_DB=pglite|postgres|both (default both)
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, a bench database is made)
 * Runs alone with `node --import tsx bench/reports.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { localDate } from '../src/lib/calendar.js';
import { systemClock } from '../src/lib/clock.js';
import { seedDemo } from '../src/modules/demo/seed-demo.js';
import { generateReport } from '../src/modules/reports/generate-report.js';
import { previousPeriod } from '../src/modules/reports/report-period.js';
import type { AppContext } from '../src/server/context.js';
import { seedCases } from './seed-cases.js';

const POSTS = Number(process.env.BENCH_REPORT_POSTS ?? 100_000);
const CASES = Number(process.env.BENCH_REPORT_CASES ?? 10_000);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const print = (line: string) => process.stdout.write(line + '\n');

type Target = { dataDir: string; databaseUrl: string | undefined };

/** Schema, the demo township's units and users, then the cases (seed-cases.ts opens its own). */
async function prepare(target: Target): Promise<void> {
  const database = await openDatabase(target);
  try {
    await migrate(database.db);
    await seedDemo(database.db, systemClock, 'Bench@2026');
  } finally {
    await database.close();
  }
  await seedCases(target, CASES);
}

/**
 * Posts over last month in one statement, with what the report groups by: five sources, the
 * categories, sentiments, likes, one in fifty urgent, one in twenty on one of ten topics.
 */
async function seedPosts(ctx: AppContext, from: string, to: string): Promise<void> {
  const tz = ctx.config.deadlines.timeZone;
  const now = new Date();
  for (let i = 1; i <= 10; i++) {
    await ctx.db
      .insertInto('topics')
      .values({
        label: `基准话题 ${i}`,
        keywords: ['基准', `话题${i}`],
        heat_rank: i,
        first_at: now,
        last_at: now,
        centroid: '{}',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await sql`
    insert into posts (source, source_key, url, author, posted_at, title, body, contact, created_at,
      category_id, sentiment, likes, urgent, topic_id)
    select s.name, 'bench:' || s.name, null, '网友' || g,
      (${from}::date + (g % ((${to}::date - ${from}::date) + 1)) + (g % 86400) * interval '1 second')
        at time zone ${tz},
      '基准信息 ' || g, '用于报告性能测试的信息 ' || g, null, now(),
      (select array_agg(id order by id) from categories)[1 + g % 8],
      (array['negative','neutral','neutral','positive'])[1 + g % 4],
      (g * 7919) % 500, g % 50 = 0,
      case when g % 20 = 0 then (select array_agg(id order by id) from topics)[1 + g % 10] end
    from generate_series(1, ${POSTS}::int) g
    cross join lateral (select (array['云溪论坛','县长信箱','网络问政平台','微博','本地新闻'])[1 + g % 5] as name) s
  `.execute(ctx.db);
  await sql`analyze`.execute(ctx.db);
}

async function benchOne(kind: 'pglite' | 'postgres', target: Target): Promise<void> {
  await prepare(target);
  const database = await openDatabase(target);
  try {
    const ctx: AppContext = {
      db: database.db,
      dbKind: database.kind,
      clock: systemClock,
      config: loadConfig({}),
      version: 'bench',
    };
    const month = previousPeriod('monthly', localDate(new Date(), ctx.config.deadlines.timeZone));
    await seedPosts(ctx, month.from, month.to);
    for (const run of ['first', 'second']) {
      const t0 = performance.now();
      const { id } = await generateReport({
        ctx,
        actor: null,
        input: { kind: 'monthly', date: month.from },
        deliver: false,
      });
      const ms = performance.now() - t0;
      const row = await ctx.db
        .selectFrom('reports')
        .select([
          sql<number>`octet_length(docx)`.as('docx'),
          sql<number>`octet_length(xlsx)`.as('xlsx'),
          sql<number>`(figures -> 'posts' ->> 'total')::int`.as('posts'),
        ])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      print(
        `${kind} monthly report (${run} run): ${Math.round(ms)} ms over ${Number(row.posts)} posts ` +
          `of ${month.from.slice(0, 7)} and ${CASES} cases (.docx ${Math.round(Number(row.docx) / 1024)} KB, ` +
          `.xlsx ${Math.round(Number(row.xlsx) / 1024)} KB)`,
      );
    }
  } finally {
    await database.close();
  }
}

export async function benchReports(): Promise<void> {
  const which = process.env.BENCH_DB ?? 'both';
  if (which === 'pglite' || which === 'both') {
    const dir = mkdtempSync(join(tmpdir(), 'yq-bench-reports-'));
    try {
      await benchOne('pglite', { dataDir: dir, databaseUrl: undefined });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (which === 'postgres' || which === 'both') {
    const name = 'yuqing_bench_reports';
    const admin = new pg.Client({ connectionString: SERVER_URL });
    try {
      await admin.connect();
    } catch (err) {
      print(`postgres reports: skipped, server not reachable (${(err as Error).message})`);
      return;
    }
    try {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(
        `create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
      );
      const url = new URL(SERVER_URL);
      url.pathname = `/${name}`;
      await benchOne('postgres', { dataDir: '', databaseUrl: url.toString() });
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await benchReports();
}
