import { sql, type Kysely } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../tests/factories/index.js';
import { createTestContext, TEST_DB, type TestContext } from '../../tests/helpers/db.js';
import { openDatabase, type Database } from '../db/connection.js';
import type { DB } from '../db/schema.js';
import { createSession } from '../modules/auth/sessions.js';
import type { AppContext } from '../server/context.js';
import type { JobDefinition } from './job.js';
import { JOBS } from './registry.js';
import { startJobs, type JobRunner, type StartJobsOptions } from './runner.js';
import { recordingQueue } from '../../tests/helpers/jobs.js';

const log = pino({ level: 'silent' });
const POLL = 0.5;

let t: TestContext;
let database: Database;
const runners: JobRunner[] = [];
const extraDatabases: Database[] = [];

/** Starts a runner and remembers it, so that afterAll stops it even when a test fails. */
async function start(
  db: Database,
  ctx: AppContext,
  jobs: JobDefinition[] | undefined,
  liveness: Pick<StartJobsOptions, 'heartbeatSeconds' | 'deadAfterSeconds'> = {},
): Promise<JobRunner> {
  const runner = await startJobs(db, ctx, log, {
    work: true,
    ...(jobs ? { jobs } : {}),
    pollingIntervalSeconds: POLL,
    ...liveness,
  });
  runners.push(runner);
  return runner;
}

async function stop(runner: JobRunner): Promise<void> {
  runners.splice(runners.indexOf(runner), 1);
  await runner.stop();
}

beforeAll(async () => {
  t = await createTestContext();
  database = t.testDb.database;
  // A scratch table with no unique key, so that a job run twice would show as two rows.
  await sql`create table job_runs (
    id bigint generated always as identity primary key,
    queue text not null,
    n integer not null,
    note text,
    runner text not null
  )`.execute(t.ctx.db);
});

afterAll(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
  for (const db of extraDatabases.splice(0)) await db.close();
  await t.close();
});

interface RunData {
  n: number;
  note?: string;
}

function recordingJob(
  id: string,
  runner: string,
  extra: Partial<JobDefinition> = {},
): JobDefinition {
  const job: JobDefinition<RunData> = {
    id,
    retryLimit: 0,
    ...extra,
    async handler(ctx, data) {
      await sql`insert into job_runs (queue, n, note, runner)
        values (${id}, ${data.n}, ${data.note ?? null}, ${runner})`.execute(ctx.db);
    },
  };
  return job;
}

async function runsOf(db: Kysely<DB>, queue: string) {
  const r = await sql<{ n: number; note: string | null; runner: string }>`
    select n, note, runner from job_runs where queue = ${queue} order by id`.execute(db);
  return r.rows;
}

async function jobRow(id: string) {
  const r = await sql<{ state: string; retry_count: number; data: unknown }>`
    select state, retry_count, data from pgboss.job where id = ${id}`.execute(t.ctx.db);
  return r.rows[0];
}

/** Polls until `done` holds; the queue is asynchronous, so tests wait for a state, not a time. */
async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForState(id: string, state: string): Promise<void> {
  await waitFor(`job ${id} to be ${state}`, async () => (await jobRow(id))?.state === state);
}

describe('startJobs', () => {
  it('runs a sent job once, with its data, and its effect is in the database', async () => {
    const queue = 'test.record-once';
    const runner = await start(database, t.ctx, [recordingJob(queue, 'a')]);
    try {
      const id = await runner.send(queue, { n: 7, note: '七号任务' });
      expect(id).toEqual(expect.any(String));
      await waitForState(id ?? '', 'completed');
      // Another polling round or two: a second run would show up as a second row.
      await new Promise((r) => setTimeout(r, POLL * 2500));
      expect(await runsOf(t.ctx.db, queue)).toEqual([{ n: 7, note: '七号任务', runner: 'a' }]);
      expect(await jobRow(id ?? '')).toMatchObject({ retry_count: 0, data: { n: 7 } });
    } finally {
      await stop(runner);
    }
  });

  it('retries a job that throws and then lets it succeed', async () => {
    const queue = 'test.flaky';
    const attempts = new Map<number, number>();
    const flaky: JobDefinition<RunData> = {
      id: queue,
      retryLimit: 2,
      retryDelaySeconds: 0,
      async handler(ctx, data) {
        const attempt = (attempts.get(data.n) ?? 0) + 1;
        attempts.set(data.n, attempt);
        await sql`insert into job_runs (queue, n, note, runner)
          values (${queue}, ${data.n}, ${`attempt ${attempt}`}, 'a')`.execute(ctx.db);
        if (attempt === 1) throw new Error('first attempt fails');
      },
    };
    const runner = await start(database, t.ctx, [flaky]);
    try {
      const id = (await runner.send(queue, { n: 1 })) ?? '';
      await waitForState(id, 'completed');
      expect(await jobRow(id)).toMatchObject({ state: 'completed', retry_count: 1 });
      expect((await runsOf(t.ctx.db, queue)).map((r) => r.note)).toEqual([
        'attempt 1',
        'attempt 2',
      ]);
    } finally {
      await stop(runner);
    }
  });

  it('gives up after retryLimit retries and marks the job failed', async () => {
    const queue = 'test.always-fails';
    let calls = 0;
    const broken: JobDefinition = {
      id: queue,
      retryLimit: 1,
      retryDelaySeconds: 0,
      handler() {
        calls += 1;
        return Promise.reject(new Error('always fails'));
      },
    };
    const runner = await start(database, t.ctx, [broken]);
    try {
      const id = (await runner.send(queue, {})) ?? '';
      await waitForState(id, 'failed');
      expect(await jobRow(id)).toMatchObject({ state: 'failed', retry_count: 1 });
      expect(calls).toBe(2);
    } finally {
      await stop(runner);
    }
  });

  it('a stately queue takes one waiting job per singleton key', async () => {
    const runner = await start(database, t.ctx, [
      recordingJob('test.stately', 'a', { policy: 'stately' }),
    ]);
    await stop(runner);
    // Not working: the first job waits, so a second send with the same key is dropped.
    const idle = await startJobs(database, t.ctx, log, {
      work: false,
      jobs: [recordingJob('test.stately', 'a', { policy: 'stately' })],
    });
    runners.push(idle);
    const first = await idle.send('test.stately', { n: 1 }, { singletonKey: 'source:1' });
    const second = await idle.send('test.stately', { n: 2 }, { singletonKey: 'source:1' });
    const other = await idle.send('test.stately', { n: 3 }, { singletonKey: 'source:2' });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect(other).not.toBeNull();
  });

  it('creates a queue and a schedule for every registry job', async () => {
    const runner = await start(database, t.ctx, undefined);
    try {
      const queues = await sql<{ name: string }>`select name from pgboss.queue`.execute(t.ctx.db);
      const schedules = await sql<{ name: string; cron: string; timezone: string }>`
        select name, cron, timezone from pgboss.schedule order by name`.execute(t.ctx.db);
      expect(queues.rows.map((q) => q.name)).toEqual(expect.arrayContaining(JOBS.map((j) => j.id)));
      // 03:40 means 03:40 where the township is, not in UTC.
      expect(t.ctx.config.deadlines.timeZone).toBe('Asia/Shanghai');
      expect(schedules.rows).toEqual(
        JOBS.filter((j) => j.schedule)
          .map((j) => ({ name: j.id, cron: j.schedule, timezone: 'Asia/Shanghai' }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
    } finally {
      await stop(runner);
    }
  });
});

describe('the job registry', () => {
  it('has unique dotted ids and a handler for each job', () => {
    const ids = JOBS.map((j) => j.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    for (const job of JOBS) {
      expect(job.id).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/);
      expect(typeof job.handler).toBe('function');
    }
  });

  it('session.purge-expired deletes expired sessions only', async () => {
    const job = JOBS.find((j) => j.id === 'session.purge-expired');
    expect(job).toBeDefined();
    const user = await buildUser(t.ctx);
    const base = { userId: user.id, now: t.clock.now(), ip: null, userAgent: null };
    await createSession(t.ctx.db, { ...base, hours: 1 });
    await createSession(t.ctx.db, { ...base, hours: 2 });
    const long = await createSession(t.ctx.db, { ...base, hours: 3 });
    const remaining = async () =>
      (
        await t.ctx.db
          .selectFrom('sessions')
          .select('expires_at')
          .where('user_id', '=', user.id)
          .orderBy('expires_at')
          .execute()
      ).map((s) => s.expires_at.toISOString());

    await job?.handler(t.ctx, {}, recordingQueue().queue);
    expect(await remaining()).toHaveLength(3);

    t.clock.advance(2 * 3_600_000);
    await job?.handler(t.ctx, {}, recordingQueue().queue);
    // The one that expired an hour ago and the one expiring this instant go; the other stays.
    expect(await remaining()).toEqual([long.expiresAt.toISOString()]);
  });
});

describe('several runners on one queue', () => {
  it.runIf(TEST_DB === 'postgres')(
    'two runners on separate pools process every job exactly once',
    async () => {
      const queue = 'test.shared';
      const second = await openDatabase({ dataDir: '', databaseUrl: t.testDb.url });
      extraDatabases.push(second);
      const secondCtx: AppContext = { ...t.ctx, db: second.db };
      const [a, b] = await Promise.all([
        start(database, t.ctx, [recordingJob(queue, 'a')]),
        start(second, secondCtx, [recordingJob(queue, 'b')]),
      ]);
      try {
        const N = 40;
        const ids = await Promise.all(
          Array.from({ length: N }, (_, n) => (n % 2 === 0 ? a : b).send(queue, { n })),
        );
        expect(ids.every((id) => typeof id === 'string')).toBe(true);
        await waitFor(
          'all jobs completed',
          async () => {
            const r = await sql<{ done: number }>`
              select count(*)::int as done from pgboss.job
              where name = ${queue} and state = 'completed'`.execute(t.ctx.db);
            return r.rows[0]?.done === N;
          },
          25_000,
        );
        const runs = await runsOf(t.ctx.db, queue);
        expect(runs).toHaveLength(N);
        expect(runs.map((r) => r.n).sort((x, y) => x - y)).toEqual(
          Array.from({ length: N }, (_, n) => n),
        );
        // Both runners took part: the queue really was shared.
        expect(runs.some((r) => r.runner === 'a')).toBe(true);
        expect(runs.some((r) => r.runner === 'b')).toBe(true);
        const retried = await sql<{ n: number }>`
          select count(*)::int as n from pgboss.job
          where name = ${queue} and retry_count > 0`.execute(t.ctx.db);
        expect(retried.rows[0]?.n).toBe(0);
      } finally {
        await Promise.all([stop(a), stop(b)]);
      }
    },
    30_000,
  );
});

describe('a job process that dies with a job in hand', () => {
  /** A job that records each start, then waits until the test lets it go (or never, if dead). */
  function heldJob(id: string, runner: string, gate: Promise<void>): JobDefinition<RunData> {
    return {
      id,
      policy: 'stately',
      retryLimit: 1,
      retryDelaySeconds: 0,
      async handler(ctx, data) {
        await sql`insert into job_runs (queue, n, note, runner)
          values (${id}, ${data.n}, 'started', ${runner})`.execute(ctx.db);
        if (runner === 'dead') await gate;
      },
    };
  }

  it('has its job failed and retried by another process, and its stately queue unblocked', async () => {
    const queue = 'test.crash';
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Stands for a process killed mid-job: it took the job, then neither beats nor finishes.
    const dead = await start(database, t.ctx, [heldJob(queue, 'dead', gate)], {
      heartbeatSeconds: 3600,
    });
    try {
      const first = (await dead.send(queue, { n: 1 }, { singletonKey: 'source:1' })) ?? '';
      await waitForState(first, 'active');
      await waitFor('the claim', async () => {
        const r = await t.ctx.db.selectFrom('job_claims').select('worker_id').execute();
        return r.some((c) => c.worker_id === dead.workerId);
      });
      // The same source queued again: behind the dead one, as pg-boss's stately queue has it.
      const second = (await dead.send(queue, { n: 2 }, { singletonKey: 'source:1' })) ?? '';
      expect(second).not.toBe('');
      const alive = await start(database, t.ctx, [heldJob(queue, 'alive', gate)], {
        heartbeatSeconds: 0.2,
        deadAfterSeconds: 1,
      });
      // Without the heartbeat this waits for the job's expiry (15 minutes by default).
      await waitForState(first, 'completed');
      await waitForState(second, 'completed');
      expect(await jobRow(first)).toMatchObject({ retry_count: 1 });
      // Each ran once where it could finish: the retry and the waiting job, in either order.
      const runs = (await runsOf(t.ctx.db, queue)).map((r) => `${r.n} ${r.runner}`);
      expect(runs[0]).toBe('1 dead');
      expect(runs.slice(1).sort()).toEqual(['1 alive', '2 alive']);
      const workers = await t.ctx.db.selectFrom('job_workers').select('id').execute();
      expect(workers.map((w) => w.id)).toEqual([alive.workerId]);
      await stop(alive);
    } finally {
      release();
      await stop(dead);
    }
  });

  it.runIf(TEST_DB === 'postgres')(
    "leaves a live process's long job alone",
    async () => {
      const queue = 'test.long';
      const slow: JobDefinition<RunData> = {
        id: queue,
        retryLimit: 1,
        retryDelaySeconds: 0,
        async handler(ctx, data) {
          await new Promise((r) => setTimeout(r, 2500));
          await sql`insert into job_runs (queue, n, note, runner)
            values (${queue}, ${data.n}, 'done', 'a')`.execute(ctx.db);
        },
      };
      const second = await openDatabase({ dataDir: '', databaseUrl: t.testDb.url });
      extraDatabases.push(second);
      const a = await start(database, t.ctx, [slow], { heartbeatSeconds: 0.2 });
      const b = await start(second, { ...t.ctx, db: second.db }, [], {
        heartbeatSeconds: 0.2,
        deadAfterSeconds: 1,
      });
      try {
        const id = (await a.send(queue, { n: 1 })) ?? '';
        await waitForState(id, 'completed');
        expect(await jobRow(id)).toMatchObject({ retry_count: 0 });
        expect(await runsOf(t.ctx.db, queue)).toEqual([{ n: 1, note: 'done', runner: 'a' }]);
      } finally {
        await Promise.all([stop(a), stop(b)]);
      }
    },
    30_000,
  );
});
