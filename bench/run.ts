/**
 * `npm run bench`: cold start and API throughput, on PGlite and on the PostgreSQL server.
 * Prints one figure per line; never fails on time. Needs a build (npm install makes one).
 *   BENCH_DB=pglite|postgres|both (default both)   BENCH_SECONDS (default 10)
 *   BENCH_CASES (default 100000): cases in the database for the case list and supervision figures
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, a bench database is made)
 * Then the post pipeline figures of bench/posts.ts (ingest, search and 舆情态势 at scale; BENCH_POSTS=0 skips),
 * classification and topic-assignment throughput (bench/analysis.ts) and the time to generate a
 * monthly report over 100,000 posts and 10,000 cases (bench/reports.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchAnalysis } from './analysis.js';
import { benchPosts } from './posts.js';
import { benchReports } from './reports.js';
import { seedCases } from './seed-cases.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 100;
const PORT = 3917;
const ADMIN_PASSWORD = 'Bench@2026';
const DEMO_PASSWORD = 'Demo@2026';
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const print = (line: string) => process.stdout.write(line + '\n');

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['bin/yuqing.js', 'start'], {
    env: { ...process.env, ...env, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitHealthy(started: number, timeoutMs = 60_000): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/health`);
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) throw new Error('server did not become healthy');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function login(username = 'admin', password = ADMIN_PASSWORD): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${PORT}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('yq_session='));
  if (res.status !== 200 || !cookie) throw new Error(`login failed: ${res.status}`);
  return cookie.split(';')[0] ?? '';
}

async function load(
  label: string,
  path: string,
  headers: Record<string, string> = {},
  connections = CONNECTIONS,
): Promise<void> {
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}${path}`,
    connections,
    duration: SECONDS,
    headers,
  });
  const non2xx = result.non2xx + result.errors;
  print(
    `${label}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms (${connections} connections, ${SECONDS} s${non2xx ? `, ${non2xx} errors` : ''})`,
  );
}

async function bench(kind: 'pglite' | 'postgres', env: NodeJS.ProcessEnv): Promise<void> {
  // First start creates the schema and the demo township; the cold starts measured are later ones.
  const first = startServer(env);
  const firstMs = await waitHealthy(performance.now());
  await stop(first);
  print(`${kind} first start (empty database, migrations and demo): ${Math.round(firstMs)} ms`);
  const colds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const child = startServer(env);
    colds.push(await waitHealthy(t0));
    await stop(child);
  }
  colds.sort((a, b) => a - b);
  print(
    `${kind} cold start to first 200 (existing data, median of 3): ${Math.round(colds[1] ?? 0)} ms`,
  );

  const server = startServer(env);
  try {
    await waitHealthy(performance.now());
    await load(`${kind} GET /api/health`, '/api/health');
    const cookie = await login();
    await load(`${kind} GET /api/users (signed in, page of 20)`, '/api/users?pageSize=20', {
      cookie,
    });
  } finally {
    await stop(server);
  }

  const t0 = performance.now();
  await seedCases(
    { dataDir: env.YUQING_DATA_DIR ?? '', databaseUrl: env.DATABASE_URL || undefined },
    CASES,
  );
  print(`${kind} seeded ${CASES} cases in ${Math.round(performance.now() - t0)} ms`);
  const withCases = startServer(env);
  try {
    await waitHealthy(performance.now());
    const cookie = await login('leader', DEMO_PASSWORD);
    const unit = await firstUnit(cookie);
    for (const connections of [10, CONNECTIONS]) {
      await load(
        `${kind} GET /api/cases (state=handling, unit, first page of 20; ${CASES} cases)`,
        `/api/cases?state=handling&unitId=${unit}&pageSize=20`,
        { cookie },
        connections,
      );
      await load(
        `${kind} GET /api/supervision (first page of 50; ${CASES} cases)`,
        '/api/supervision?pageSize=50',
        { cookie },
        connections,
      );
    }
  } finally {
    await stop(withCases);
  }
}

async function firstUnit(cookie: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${PORT}/api/units`, { headers: { cookie } });
  const body = (await res.json()) as { items: { id: number; name: string }[] };
  return body.items.find((u) => u.name === '城建办')?.id ?? body.items[0]?.id ?? 1;
}

async function main(): Promise<void> {
  const which = process.env.BENCH_DB ?? 'both';
  print(`node ${process.version}, autocannon ${CONNECTIONS} connections`);
  if (which === 'pglite' || which === 'both') {
    const dir = mkdtempSync(join(tmpdir(), 'yq-bench-'));
    try {
      await bench('pglite', {
        YUQING_DATA_DIR: dir,
        YUQING_ADMIN_PASSWORD: ADMIN_PASSWORD,
        DATABASE_URL: '',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (which === 'postgres' || which === 'both') {
    const name = 'yuqing_bench';
    const admin = new pg.Client({ connectionString: SERVER_URL });
    try {
      await admin.connect();
    } catch (err) {
      print(`postgres: skipped, server not reachable (${(err as Error).message})`);
      return;
    }
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(
      `create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
    );
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    try {
      await bench('postgres', {
        DATABASE_URL: url.toString(),
        YUQING_ADMIN_PASSWORD: ADMIN_PASSWORD,
      });
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}

await main();
await benchPosts();
await benchAnalysis();
await benchReports();
