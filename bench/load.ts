/**
 * `npm run bench:load`: a township's office machine under its working day. Simulated staff use
 * the demo township at once through the same API calls the web pages make (each page's calls
 * are sent together, as the browser does), with a think time between pages:
 *   monitors   工作台, 舆情信息 searches and opened posts, 办件 list and case pages
 *   leaders    工作台, 舆情态势 (30 days), 督办, case pages
 *   liaisons   工作台 / 我的待办, case pages
 *   office     报表, 单位台账, 督办, 归档, 通报
 * and writers that each take their own cases through register → assign → sign → reply → approve
 * (a 409 there is a conflict nobody else caused). The background jobs run as usual.
 * Prints per-route latency p50 / p95 / max and errors, a 1-second /api/health probe (the queue
 * wait every request sees), and the server's memory. Never fails by time.
 *   LOAD_USERS (default 20)  LOAD_WRITERS (default 2)  LOAD_SECONDS (default 180)
 *   LOAD_THINK_MS (default 3000: mean pause between a user's pages, ±50%)
 *   LOAD_URL: an already running server (its demo users' passwords Demo@2026); otherwise a
 *   fresh PGlite server is started on port 3918 (needs a build), its log's warnings counted.
 *   LOAD_CASES (default 0): cases added to the fresh server's demo township first, as a township
 *   some years in (bench/seed-cases.ts: 5% of them open, over every unit).
 *   LOAD_PID: the running server's pid, to sample its memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { seedCases } from './seed-cases.js';

const USERS = Number(process.env.LOAD_USERS ?? 20);
const WRITERS = Number(process.env.LOAD_WRITERS ?? 2);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 180);
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 3000);
const CASES = Number(process.env.LOAD_CASES ?? 0);
const PORT = 3918;
const DEMO_PASSWORD = 'Demo@2026';
const TIMEOUT_MS = 30_000;

const print = (line: string) => process.stdout.write(line + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
const think = () => sleep(THINK_MS * (0.5 + Math.random()));
const localDate = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

let base = process.env.LOAD_URL ?? `http://127.0.0.1:${PORT}`;
let serverPid = process.env.LOAD_PID ? Number(process.env.LOAD_PID) : undefined;

// ---- measurement ----------------------------------------------------------------------------

interface RouteStats {
  ms: number[];
  errors: Map<string, number>;
}
const stats = new Map<string, RouteStats>();
const probe: number[] = [];
let stopping = false;

/** `/api/cases/12/analysis?x=1&y=2` → `GET /api/cases/:id/analysis?x&y`. */
function routeKey(method: string, path: string): string {
  const [p, q] = path.split('?');
  const shape = (p ?? '').replace(/\/\d+(?=\/|$)/g, '/:id');
  const keys = q
    ? [...new URLSearchParams(q).keys()].filter((k) => k !== 'page' && k !== 'pageSize')
    : [];
  return `${method} ${shape}${keys.length ? '?' + keys.join('&') : ''}`;
}

function record(key: string, ms: number, error?: string): void {
  let s = stats.get(key);
  if (!s) stats.set(key, (s = { ms: [], errors: new Map() }));
  s.ms.push(ms);
  if (error) s.errors.set(error, (s.errors.get(error) ?? 0) + 1);
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) : 0;

// ---- a signed-in session ------------------------------------------------------------------

class Session {
  constructor(
    readonly username: string,
    private cookie: string,
    private csrf: string,
    readonly unitId: number | null,
  ) {}

  static async signIn(username: string, password: string): Promise<Session> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('yq_session='));
    if (res.status !== 200 || !cookie) throw new Error(`${username}: sign-in ${res.status}`);
    const s = new Session(username, cookie.split(';')[0] ?? '', '', null);
    const me = (await s.call('GET', '/api/auth/me')) as {
      user: { unitId: number | null };
      csrfToken: string;
    };
    return new Session(username, s.cookie, me.csrfToken, me.user.unitId);
  }

  /** One request, timed under its route; answers the parsed body, or undefined on any failure. */
  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const key = routeKey(method, path);
    const started = performance.now();
    try {
      const headers: Record<string, string> = { cookie: this.cookie };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
      const res = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.text();
      const ms = performance.now() - started;
      if (res.status >= 400) {
        let code = '';
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '';
        } catch {
          // not JSON
        }
        record(key, ms, `${res.status}${code ? ' ' + code : ''}`);
        return undefined;
      }
      record(key, ms);
      if (process.env.LOAD_TRACE && ms > 800)
        print(
          `slow ${new Date().toISOString().slice(11, 23)} ${Math.round(ms)} ms ${method} ${path}`,
        );
      return text ? (JSON.parse(text) as unknown) : null;
    } catch (e) {
      const name = (e as Error).name === 'TimeoutError' ? 'timeout' : (e as Error).message;
      record(key, performance.now() - started, name);
      return undefined;
    }
  }

  /** A page: its calls at once, as the browser sends them, plus what every page asks. */
  page(paths: string[]): Promise<unknown[]> {
    return Promise.all(
      ['/api/auth/me', '/api/inbox/unread-count', ...paths].map((p) => this.call('GET', p)),
    ).then((r) => r.slice(2));
  }
}

// ---- what each kind of user does ------------------------------------------------------------

interface CaseRow {
  id: number;
  version: number;
  state: string;
}
interface List<T> {
  items: T[];
}
const WORDS = ['道路', '路灯', '学校', '垃圾', '噪音', '停车', '积水', '补贴', '环境', '青石村'];

function today(): string {
  return `/api/analysis/situation?from=${localDate(new Date())}&to=${localDate(new Date())}`;
}

async function casePage(s: Session, id: number): Promise<void> {
  await s.page([`/api/cases/${id}`, `/api/cases/${id}/analysis`, '/api/categories']);
}

async function someCase(s: Session, query = ''): Promise<number | undefined> {
  const [list] = (await s.page([`/api/cases?page=1&pageSize=20${query}`, '/api/units'])) as [
    List<CaseRow> | undefined,
  ];
  return list?.items.length ? pick(list.items).id : undefined;
}

async function monitor(s: Session): Promise<void> {
  const r = Math.random();
  if (r < 0.15) {
    await s.page([today(), '/api/cases?state=approved&pageSize=100', '/api/watch/today']);
  } else if (r < 0.75) {
    const q = encodeURIComponent(pick(WORDS));
    const [posts] = (await s.page([
      `/api/posts?q=${q}&page=1&pageSize=20`,
      '/api/posts/categories',
      '/api/posts/sources',
    ])) as [List<{ id: number }> | undefined];
    if (posts?.items.length && Math.random() < 0.6) {
      await think();
      await s.page([`/api/posts/${pick(posts.items).id}`]);
    }
  } else {
    const id = await someCase(s);
    if (id) {
      await think();
      await casePage(s, id);
    }
  }
}

async function leader(s: Session): Promise<void> {
  const r = Math.random();
  if (r < 0.25) {
    await s.page([
      today(),
      '/api/watch/today',
      ...['registered', 'assigned', 'handling', 'reviewing'].map(
        (st) => `/api/cases?state=${st}&pageSize=100`,
      ),
    ]);
  } else if (r < 0.5) {
    const from = localDate(new Date(Date.now() - 29 * 86_400_000));
    await s.page([`/api/analysis/situation?from=${from}&to=${localDate(new Date())}`]);
  } else if (r < 0.7) {
    await s.page(['/api/supervision?page=1&pageSize=200', '/api/units']);
  } else {
    const id = await someCase(s);
    if (id) {
      await think();
      await casePage(s, id);
    }
  }
}

async function liaison(s: Session): Promise<void> {
  // 工作台 and 我的待办 ask the same: the unit's waiting cases, one list per state.
  const lists = (await s.page(
    ['approved', 'assigned', 'handling', 'reviewing'].map(
      (st) => `/api/cases?state=${st}&pageSize=100`,
    ),
  )) as (List<CaseRow> | undefined)[];
  const ids = lists.flatMap((l) => l?.items.map((c) => c.id) ?? []);
  if (ids.length && Math.random() < 0.6) {
    await think();
    await casePage(s, pick(ids));
  }
}

async function office(s: Session): Promise<void> {
  const r = Math.random();
  const monthStart = localDate(new Date()).slice(0, 8) + '01';
  if (r < 0.2) await s.page(['/api/reports/settings', '/api/reports?page=1&pageSize=20']);
  else if (r < 0.45)
    await s.page([`/api/stats/units?from=${monthStart}&to=${localDate(new Date())}`]);
  else if (r < 0.7) await s.page(['/api/supervision?page=1&pageSize=200', '/api/units']);
  else if (r < 0.85) {
    const id = await someCase(s, '&state=archived');
    if (id) {
      await think();
      await casePage(s, id);
    }
  } else await s.page(['/api/notices?page=1&pageSize=20']);
}

/** One writer: its own new case through the whole workflow, each act on the version it read. */
async function writer(n: number, who: Record<string, Session>, wrong: string[]): Promise<void> {
  const m = who.monitor!;
  const l = who.leader!;
  const u = who.liaison!;
  let i = 0;
  while (!stopping) {
    i += 1;
    const created = (await m.call('POST', '/api/cases', {
      post: {
        source: '县长信箱',
        postedAt: new Date(Date.now() - 3_600_000).toISOString(),
        title: `负载测试留言 ${n}-${i}`,
        body: `青石村道路第 ${n}-${i} 段路灯不亮，晚上出行不便，请有关部门尽快维修。`,
      },
    })) as CaseRow | undefined;
    if (!created) {
      await think();
      continue;
    }
    let version = created.version;
    const steps: [Session, string, Record<string, unknown>][] = [
      [l, 'assign', { instruction: '请城建办核实办理。', leadUnitId: u.unitId }],
      [u, 'sign', {}],
      [u, 'reply', { text: '经核实，路灯线路老化，已于今日更换，恢复照明。感谢您的监督。' }],
      [l, 'approve', { comment: '同意。' }],
    ];
    for (const [s, act, body] of steps) {
      if (stopping) return;
      await think();
      const path = `/api/cases/${created.id}/${act}`;
      const before = stats.get(routeKey('POST', path))?.errors.get('409 conflict') ?? 0;
      const after = (await s.call('POST', path, { ...body, version })) as CaseRow | undefined;
      if (!after) {
        const now = stats.get(routeKey('POST', path))?.errors.get('409 conflict') ?? 0;
        if (now > before) wrong.push(`case ${created.id} ${act} at version ${version}`);
        break;
      }
      version = after.version;
    }
  }
}

// ---- the server -----------------------------------------------------------------------------

const logCounts = new Map<string, number>();

function startServer(dataDir: string): ChildProcess {
  const child = spawn(process.execPath, ['bin/yuqing.js', 'start'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      YUQING_DATA_DIR: dataDir,
      YUQING_ADMIN_PASSWORD: 'Bench@2026',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      let level = 0;
      let msg = line;
      try {
        const j = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
        level = j.level ?? 0;
        msg = j.err?.message ?? j.msg ?? line;
      } catch {
        level = /error|warn/i.test(line) ? 40 : 0;
      }
      if (level >= 40) {
        const key = `${level >= 50 ? 'error' : 'warn'}: ${msg.slice(0, 120)}`;
        logCounts.set(key, (logCounts.get(key) ?? 0) + 1);
      }
    });
  }
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function waitHealthy(): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) throw new Error('server did not become healthy');
    await sleep(200);
  }
}

function rssMb(): number | undefined {
  if (!serverPid) return undefined;
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${serverPid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

// ---- main -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  if (!process.env.LOAD_URL) {
    dataDir = mkdtempSync(join(tmpdir(), 'yuqing-load-'));
    base = `http://127.0.0.1:${PORT}`;
    if (CASES > 0) {
      // The demo township first, then its years of cases, then the server that is measured.
      const first = startServer(dataDir);
      await waitHealthy();
      await stopServer(first);
      await seedCases({ dataDir, databaseUrl: undefined }, CASES);
      logCounts.clear();
    }
    child = startServer(dataDir);
    serverPid = child.pid;
  }
  try {
    await waitHealthy();
    // Sign each demo user in once (argon2 is slow on purpose), then share the sessions.
    const who: Record<string, Session> = {};
    for (const name of ['monitor', 'leader', 'deputy', 'liaison', 'office']) {
      who[name] = await Session.signIn(name, DEMO_PASSWORD);
    }
    stats.clear();
    const roles: [string, (s: Session) => Promise<void>, Session][] = [
      ['monitor', monitor, who.monitor!],
      ['leader', leader, who.leader!],
      ['deputy', leader, who.deputy!],
      ['liaison', liaison, who.liaison!],
      ['office', office, who.office!],
    ];
    // 30% monitors, 25% leaders, 30% liaisons, 15% office.
    const mix = [0, 0, 0, 1, 2, 1, 3, 3, 3, 4, 0, 0, 0, 1, 2, 3, 3, 3, 4, 4];
    const rss: number[] = [];
    const rss0 = rssMb();
    const deadline = Date.now() + SECONDS * 1000;
    const wrong: string[] = [];
    print(
      `load: ${USERS} users + ${WRITERS} writers for ${SECONDS} s, think ${THINK_MS} ms, ${base}`,
    );

    const user = async (k: number) => {
      const [, act, s] = roles[mix[k % mix.length]!]!;
      await sleep(Math.random() * THINK_MS);
      while (Date.now() < deadline) {
        await act(s);
        await think();
      }
    };
    const sampler = (async () => {
      while (Date.now() < deadline) {
        const t = performance.now();
        try {
          await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
          probe.push(performance.now() - t);
        } catch {
          probe.push(TIMEOUT_MS);
        }
        const r = rssMb();
        if (r !== undefined) rss.push(r);
        await sleep(1000);
      }
    })();
    const writers = Array.from({ length: WRITERS }, (_, n) => writer(n + 1, who, wrong));
    await Promise.all([...Array.from({ length: USERS }, (_, k) => user(k)), sampler]);
    stopping = true;
    await Promise.all(writers);

    let total = 0;
    let failed = 0;
    const rows = [...stats.entries()].sort((a, b) => b[1].ms.length - a[1].ms.length);
    print('route\tn\tp50 ms\tp95 ms\tmax ms\terrors');
    for (const [key, s] of rows) {
      const sorted = [...s.ms].sort((a, b) => a - b);
      const errs = [...s.errors.entries()].map(([e, n]) => `${n}×${e}`).join(', ');
      total += s.ms.length;
      failed += [...s.errors.values()].reduce((a, b) => a + b, 0);
      print(
        `${key}\t${s.ms.length}\t${quantile(sorted, 0.5).toFixed(0)}\t${quantile(sorted, 0.95).toFixed(0)}\t${(sorted.at(-1) ?? 0).toFixed(0)}\t${errs || '-'}`,
      );
    }
    const p = [...probe].sort((a, b) => a - b);
    print(`requests: ${total} (${(total / SECONDS).toFixed(1)}/s), failed: ${failed}`);
    print(
      `health probe (queue wait): p50 ${quantile(p, 0.5).toFixed(0)} ms, p95 ${quantile(p, 0.95).toFixed(0)} ms, max ${(p.at(-1) ?? 0).toFixed(0)} ms`,
    );
    print(`conflicts nobody caused (409 on a writer's own case): ${wrong.length}`);
    for (const w of wrong.slice(0, 10)) print(`  ${w}`);
    if (rss.length && rss0 !== undefined) {
      print(
        `server memory (RSS): ${rss0.toFixed(0)} MB at start, ${Math.max(...rss).toFixed(0)} MB max, ${rss.at(-1)!.toFixed(0)} MB at end`,
      );
    }
    if (child) {
      print(`server log warnings / errors: ${[...logCounts.values()].reduce((a, b) => a + b, 0)}`);
      for (const [k, n] of logCounts) print(`  ${n}× ${k}`);
    }
  } finally {
    if (child) await stopServer(child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
