/**
 * Post pipeline figures, on PGlite and on the PostgreSQL server, each in a fresh database:
 *  - ingest throughput through the whole pipeline (normalise, dedup, relevance, segmentation,
 *    full-text index) in batches of 1,000 (BENCH_BATCH): the 4,326 real TipDM messages, then messages resampled
 *    from their sentences, up to BENCH_INGEST posts;
 *  - search latency p50/p95 of the 舆情信息 search (searchPosts, as the API calls it) for one- and
 *    two-word queries, after the table is grown to BENCH_POSTS posts by set-based copies of the
 *    ingested rows (not through the pipeline);
 *  - the 舆情态势 dashboard (situation, as GET /api/analysis/situation computes it) over the last
 *    30, 90 and 365 days before the newest post: its aggregates scan the whole period;
 *  - 舆情报告 of every kind (generateReport) for a day late in the posts: the daily report
 *    counts by collection time (posts.created_at) and its 研判 figures read every earlier post
 *    still waiting. The posts are collected minutes to hours after being posted.
 * Prints one figure per line; never fails on time. The messages are read at run time and never
 * copied into the repository.
 *   BENCH_DB=pglite|postgres|both (default both)
 *   BENCH_INGEST (default 20000)   BENCH_POSTS (default 1000000; 0 skips this whole benchmark)
 *   BENCH_POSTS_PGLITE (default BENCH_POSTS): the size for PGlite alone
 *   BENCH_SEARCH_RUNS (default 200): runs per query kind
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, a bench database is made)
 *   BENCH_KEEP_DB=1 keeps the PostgreSQL bench database (BENCH_PG_NAME, default yuqing_bench_posts)
 *     for EXPLAIN afterwards; with BENCH_REUSE=1 a kept database that already holds posts is used
 *     as it is (no ingest, no growth), to time the dashboard again in seconds instead of minutes
 *   BENCH_PGLITE_DIR: keep the PGlite data in this folder rather than a temporary one; when it
 *     already holds posts they are used as they are (no ingest, no growth)
 *   BENCH_ONLY=search|dashboard|reports: only those figures
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { ingestPosts, type IncomingPost, type IngestReport } from '../src/ingest/ingest-posts.js';
import { readPostsJsonl } from '../src/ingest/read-jsonl.js';
import { localDate } from '../src/lib/calendar.js';
import { ManualClock } from '../src/lib/clock.js';
import { systemActor } from '../src/modules/access/actor.js';
import { situation } from '../src/modules/analysis/situation/situation.js';
import { generateReport } from '../src/modules/reports/generate-report.js';
import { reportFigures } from '../src/modules/reports/report-figures.js';
import { atLocalTime, type ReportKind } from '../src/modules/reports/report-period.js';
import { searchPosts } from '../src/modules/posts/posts.queries.js';
import type { AppContext } from '../src/server/context.js';
import { benchContext } from './context.js';

const HOT_MESSAGES = resolve('../shared/data/tipdm2020c-hot-messages/data.jsonl');
const INGEST = Number(process.env.BENCH_INGEST ?? 20_000);
const POSTS = Number(process.env.BENCH_POSTS ?? 1_000_000);
const POSTS_PGLITE = Number(process.env.BENCH_POSTS_PGLITE ?? POSTS);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 200);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const HANDOVER = 5000;
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const QUERIES = {
  'one-word': ['噪音', '物业', '停车', '学校'],
  'two-word': ['噪音 扰民', '小区 停车', '物业 收费', '道路 施工'],
} as const;

const print = (line: string) => process.stdout.write(line + '\n');

/** A small seeded generator, so every run resamples the same posts. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The real messages, then new ones made of a real title and two to five sentences drawn from any
 * messages: mostly new to the pipeline (different text, hash and SimHash), as a monitored source
 * brings them, with now and then a near-duplicate.
 */
function resample(messages: readonly IncomingPost[], n: number): IncomingPost[] {
  const sentences = messages.flatMap((m) =>
    m.body
      .split(/(?<=[。！？!?；;\n])/)
      .map((s) => s.trim())
      .filter((s) => s.length >= 4),
  );
  const next = random(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const out: IncomingPost[] = messages.slice(0, n);
  for (let i = out.length; i < n; i++) {
    const m = pick(messages);
    const parts: string[] = [];
    for (let k = 2 + Math.floor(next() * 4); k > 0; k--) parts.push(pick(sentences));
    out.push({
      externalId: `bench-${i}`,
      title: m.title ?? null,
      body: parts.join(''),
      postedAt: m.postedAt ?? null,
      author: m.author ?? null,
      likes: m.likes ?? null,
      dislikes: m.dislikes ?? null,
    });
  }
  return out;
}

async function ingest(kind: string, ctx: AppContext, posts: readonly IncomingPost[]) {
  const total: IngestReport = {
    new: 0,
    duplicateUrl: 0,
    duplicateText: 0,
    nearDuplicate: 0,
    empty: 0,
    completed: 0,
  };
  const t0 = performance.now();
  // As a source run or an import hands them over: thousands at a time, stored in batches of 1,000.
  for (let start = 0; start < posts.length; start += HANDOVER) {
    const report = await ingestPosts(ctx, posts.slice(start, start + HANDOVER), {
      sourceKey: 'bench:tipdm',
      sourceName: 'TipDM 热点留言（基准）',
      batchSize: BATCH,
    });
    for (const key of Object.keys(total) as (keyof IngestReport)[]) total[key] += report[key];
  }
  const ms = performance.now() - t0;
  print(
    `${kind} ingest through the pipeline: ${Math.round((posts.length / ms) * 1000)} posts/s ` +
      `(${posts.length} posts in batches of ${BATCH}, ${Math.round(ms)} ms; ${total.new} new, ` +
      `${total.nearDuplicate} near-duplicate, ${total.duplicateText + total.duplicateUrl} duplicate, ` +
      `${total.empty} empty)`,
  );
}

const countPosts = async (database: Database) =>
  Number(
    (
      await database.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * Copies the ingested posts (segmented text and tsvector included) with new ids, hashes and times
 * until there are `target` posts, in statements of about 100,000 rows. The copies carry no SimHash
 * (they would all be near-duplicates of their originals) and no URL.
 */
async function grow(database: Database, target: number): Promise<void> {
  const db = database.db;
  const base = await sql<{ n: number; max: number }>`
    select count(*)::int as n, coalesce(max(id), 0)::bigint as max from posts`.execute(db);
  const baseCount = Number(base.rows[0]?.n ?? 0);
  const baseMax = Number(base.rows[0]?.max ?? 0);
  if (baseCount === 0) return;
  const perRound = Math.max(1, Math.floor(100_000 / baseCount));
  let have = baseCount;
  for (let g = 1; have < target; g += perRound) {
    const want = Math.min(target - have, perRound * baseCount);
    await sql`
      insert into posts (source, source_key, external_id, url, canonical_url, author, posted_at,
        title, body, contact, created_at, content_hash, simhash, simhash_bands, duplicate_of,
        duplicate_kind, relevant, relevance_terms, segmented, search, likes, dislikes)
      select p.source, 'bench:copy', null, null, null, p.author, p.posted_at - g * interval '7 hours',
        p.title, p.body, null, p.created_at - g * interval '7 hours', p.content_hash || ':' || g,
        null, null, null,
        null, p.relevant, p.relevance_terms, p.segmented, p.search, p.likes, p.dislikes
      from generate_series(${g}::int, ${g + perRound - 1}::int) g
      cross join posts p
      where p.id <= ${baseMax}
      limit ${want}`.execute(db);
    have += want;
  }
  await sql`vacuum analyze posts`.execute(db);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function search(kind: string, database: Database, size: number): Promise<void> {
  for (const [label, queries] of Object.entries(QUERIES)) {
    // Warm the cache and the segmenter once per query.
    for (const q of queries) await searchPosts(database.db, { q });
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < RUNS; i++) {
      const q = queries[i % queries.length] ?? '';
      const t0 = performance.now();
      const page = await searchPosts(database.db, { q });
      times.push(performance.now() - t0);
      hits += page.total;
    }
    times.sort((a, b) => a - b);
    print(
      `${kind} search ${label} (${queries.join(', ')}; first page of 20, ${size} posts): ` +
        `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms ` +
        `(${RUNS} runs, ${Math.round(hits / RUNS)} matches on average)`,
    );
  }
}

/**
 * 舆情态势 over periods ending on the newest post's day: median of 5 runs after one to warm. On
 * PGlite the database runs in this process, so its CPU time is given too: on a busy machine it
 * moves far less than the wall time.
 */
async function dashboard(kind: string, database: Database): Promise<void> {
  const newest = await sql<{ at: Date }>`select max(posted_at) as at from posts`.execute(
    database.db,
  );
  const now = new Date(newest.rows[0]?.at ?? Date.now());
  const to = now.toISOString().slice(0, 10);
  for (const days of [30, 90, 365]) {
    const from = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    const run = () =>
      situation({
        db: database.db,
        actor: systemActor(),
        query: { from, to },
        now,
        timeZone: 'Asia/Shanghai',
      });
    const first = await run();
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const inProcess =
      database.kind === 'pglite' ? `, CPU median ${percentile(cpu, 50).toFixed(0)} ms` : '';
    print(
      `${kind} 舆情态势 over ${days} days (${first.totals.posts} relevant posts): ` +
        `median ${percentile(times, 50).toFixed(0)} ms, max ${percentile(times, 100).toFixed(0)} ms` +
        inProcess,
    );
  }
}

/**
 * 舆情报告 of every kind (generateReport: figures, .docx and .xlsx, stored, not delivered) for the
 * day by which 90% of the posts were collected, the clock at 23:00 that day: the daily report counts the
 * posts collected since the previous working day's report time (and the earlier ones still
 * waiting for 研判), the others the posts posted in their week, month, quarter and year. Median of
 * 3 runs after one to warm, and the figures alone (reportFigures, the SQL) beside it.
 */
async function reports(kind: string, database: Database): Promise<void> {
  // Not the newest day, which holds the last few posts of the messages, but one as busy as most.
  const busy = await sql<{ at: Date }>`
    select percentile_disc(0.9) within group (order by created_at) as at from posts`.execute(
    database.db,
  );
  const ctx = benchContext(database);
  const timeZone = ctx.config.deadlines.timeZone;
  const day = localDate(new Date(busy.rows[0]?.at ?? Date.now()), timeZone);
  const clock = new ManualClock(atLocalTime(day, '23:00', timeZone));
  const at = { ...ctx, clock };
  for (const report of ['daily', 'weekly', 'monthly', 'quarterly', 'annual'] as ReportKind[]) {
    const run = () =>
      generateReport({ ctx: at, actor: null, input: { kind: report, date: day }, deliver: false });
    const { id } = await run();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const row = await database.db
      .selectFrom('reports')
      .select('figures')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const figures = (
      typeof row.figures === 'string' ? JSON.parse(row.figures) : row.figures
    ) as Awaited<ReturnType<typeof reportFigures>>;
    const range = { from: figures.from, to: figures.to };
    const span = figures.span && {
      start: new Date(figures.span.start),
      end: new Date(figures.span.end),
      name: figures.span.name,
    };
    const f0 = performance.now();
    await reportFigures(at, report, range, clock.now(), span);
    const figuresMs = performance.now() - f0;
    const review = figures.review
      ? `; 研判 pending ${figures.review.pending}, pending earlier ${figures.review.pendingEarlier}`
      : '';
    print(
      `${kind} ${report} report ${figures.span?.name ?? `${range.from}..${range.to}`} ` +
        `(${figures.posts.total} posts${review}): median ${percentile(times, 50).toFixed(0)} ms, ` +
        `max ${percentile(times, 100).toFixed(0)} ms; figures alone ${figuresMs.toFixed(0)} ms`,
    );
  }
}

async function benchOne(
  kind: 'pglite' | 'postgres',
  database: Database,
  size: number,
  reuse: boolean,
) {
  await migrate(database.db);
  if (reuse && (await countPosts(database)) > 0) {
    const have = await countPosts(database);
    print(`${kind} reused a bench database of ${have} posts`);
    await figures(kind, database, have);
    return;
  }
  // The masked place names of the TipDM data stand for the jurisdiction, as in the tests.
  const now = new Date();
  await database.db
    .insertInto('jurisdiction_terms')
    .values(
      ['A市', 'A3区', 'A7县'].map((term) => ({ term, kind: 'place' as const, created_at: now })),
    )
    .execute();
  const ctx = benchContext(database);
  const messages: IncomingPost[] = [];
  for await (const chunk of readPostsJsonl(HOT_MESSAGES)) messages.push(...chunk);
  await ingest(kind, ctx, resample(messages, INGEST));
  // Collected minutes to hours after being posted, as a monitored source brings them (the ingest
  // ran now): a daily report counts its posts by when they were collected.
  await sql`update posts
    set created_at = coalesce(posted_at, created_at) + (id % 240) * interval '1 minute'`.execute(
    database.db,
  );
  const t0 = performance.now();
  await grow(database, size);
  const have = await countPosts(database);
  print(
    `${kind} grew posts to ${have} by set-based copies (not the pipeline) and vacuum analyze: ` +
      `${Math.round(performance.now() - t0)} ms`,
  );
  await figures(kind, database, have);
}

/** BENCH_ONLY=search|dashboard|reports: one kind of figure; else all three. */
async function figures(kind: string, database: Database, size: number): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'search') await search(kind, database, size);
  if (!only || only === 'dashboard') await dashboard(kind, database);
  if (!only || only === 'reports') await reports(kind, database);
}

export async function benchPosts(): Promise<void> {
  if (POSTS <= 0) {
    print('posts: skipped (BENCH_POSTS=0)');
    return;
  }
  const which = process.env.BENCH_DB ?? 'both';
  if (which === 'pglite' || which === 'both') {
    const kept = process.env.BENCH_PGLITE_DIR;
    const dir = kept ? resolve(kept) : mkdtempSync(join(tmpdir(), 'yq-bench-posts-'));
    const database = await openDatabase({ dataDir: dir, databaseUrl: undefined });
    try {
      await benchOne('pglite', database, POSTS_PGLITE, Boolean(kept));
    } finally {
      await database.close();
      if (!kept) rmSync(dir, { recursive: true, force: true });
    }
  }
  if (which === 'postgres' || which === 'both') {
    const name = process.env.BENCH_PG_NAME ?? 'yuqing_bench_posts';
    if (!/^[a-z_][a-z0-9_]*$/.test(name))
      throw new Error(`BENCH_PG_NAME: not a plain name: ${name}`);
    const reuse = process.env.BENCH_REUSE === '1';
    const admin = new pg.Client({ connectionString: SERVER_URL });
    try {
      await admin.connect();
    } catch (err) {
      print(`postgres posts: skipped, server not reachable (${(err as Error).message})`);
      return;
    }
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (!reuse || exists.rowCount === 0) {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.query(
          `create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
        );
      }
      const url = new URL(SERVER_URL);
      url.pathname = `/${name}`;
      const database = await openDatabase({ dataDir: '', databaseUrl: url.toString() });
      try {
        await benchOne('postgres', database, POSTS, reuse);
      } finally {
        await database.close();
      }
    } finally {
      if (process.env.BENCH_KEEP_DB === '1' || reuse)
        print(`postgres posts: kept database ${name}`);
      else await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}

// `npm run bench:posts` runs this file alone; `npm run bench` calls benchPosts after its figures.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await benchPosts();
}
