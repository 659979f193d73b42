import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** How often a job process says it is alive. */
export const HEARTBEAT_SECONDS = 15;
/**
 * Silent this long, a process is taken for dead and its jobs are failed (and so retried). Well
 * above the longest the event loop may be held by one piece of work (PGlite's nightly VACUUM
 * takes about 14 s), since a live process taken for dead would see its job run twice.
 */
export const DEAD_AFTER_SECONDS = 180;

export interface ClaimedJob {
  jobId: string;
  queue: string;
}

/** A job process's row in job_workers, made when it starts working. */
export async function registerWorker(db: Kysely<DB>): Promise<string> {
  const id = randomUUID();
  await sql`
    insert into job_workers (id, host, pid, started_at, seen_at)
    values (${id}, ${hostname()}, ${process.pid}, now(), now())`.execute(db);
  return id;
}

/**
 * The database's clock, not the process's, so that processes on machines whose clocks differ
 * judge each other alike. Answers false when the row was gone: this process had been taken for
 * dead (held up past DEAD_AFTER_SECONDS) and its jobs handed on; it is registered again.
 */
export async function heartbeat(db: Kysely<DB>, workerId: string): Promise<boolean> {
  const { rows } = await sql<{ existed: boolean }>`
    insert into job_workers as w (id, host, pid, started_at, seen_at)
    values (${workerId}, ${hostname()}, ${process.pid}, now(), now())
    on conflict (id) do update set seen_at = now()
    returning (xmax <> 0) as existed`.execute(db);
  return rows[0]?.existed ?? false;
}

export async function claimJob(db: Kysely<DB>, workerId: string, job: ClaimedJob): Promise<void> {
  await sql`
    insert into job_claims (job_id, queue, worker_id, started_at)
    values (${job.jobId}, ${job.queue}, ${workerId}, now())
    on conflict (job_id) do update
      set worker_id = excluded.worker_id, started_at = excluded.started_at`.execute(db);
}

export async function releaseJob(db: Kysely<DB>, workerId: string, jobId: string): Promise<void> {
  await sql`delete from job_claims where job_id = ${jobId} and worker_id = ${workerId}`.execute(db);
}

/** A process that stops on purpose leaves nothing behind to recover. */
export async function unregisterWorker(db: Kysely<DB>, workerId: string): Promise<void> {
  await sql`
    with gone as (delete from job_workers where id = ${workerId} returning id)
    delete from job_claims where worker_id = ${workerId}`.execute(db);
}

/**
 * Removes the processes silent for `deadAfterSeconds` (0: every other process, as when the
 * embedded database's only process starts) and answers the jobs they had taken. One statement:
 * of two processes recovering at once, each dead process is recovered by one.
 */
export async function takeDeadWorkersJobs(
  db: Kysely<DB>,
  deadAfterSeconds: number,
  exceptWorkerId: string,
): Promise<ClaimedJob[]> {
  const { rows } = await sql<{ job_id: string; queue: string }>`
    with dead as (
      delete from job_workers
      where id <> ${exceptWorkerId}
        and seen_at <= now() - make_interval(secs => ${deadAfterSeconds})
      returning id
    )
    delete from job_claims c using dead where c.worker_id = dead.id
    returning c.job_id, c.queue`.execute(db);
  return rows.map((r) => ({ jobId: r.job_id, queue: r.queue }));
}
