import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/connection.js';
import type { AppContext } from '../server/context.js';
import type { JobDefinition, JobQueue } from './job.js';
import { JOBS } from './registry.js';
import {
  claimJob,
  DEAD_AFTER_SECONDS,
  heartbeat,
  HEARTBEAT_SECONDS,
  registerWorker,
  releaseJob,
  takeDeadWorkersJobs,
  unregisterWorker,
} from './worker-liveness.js';

/**
 * Two processes starting at once on a new database both create pg-boss's queue tables, and
 * PostgreSQL may resolve that as a deadlock (40P01): the loser waits a moment and tries again.
 */
export async function retryOnDeadlock<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if ((err as { code?: unknown }).code !== '40P01' || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

export interface JobRunner {
  send: JobQueue['send'];
  stop(): Promise<void>;
  /** This process's row in job_workers; null when it only sends. */
  workerId: string | null;
}

export interface StartJobsOptions {
  work: boolean;
  jobs?: JobDefinition[];
  pollingIntervalSeconds?: number;
  heartbeatSeconds?: number;
  deadAfterSeconds?: number;
}

/**
 * pg-boss keeps jobs in the database (schema `pgboss`), locks them with SKIP LOCKED and so hands
 * each job to one worker, however many processes run. It talks to the database through our own
 * connection, which on PGlite is the only one there is.
 *
 * pg-boss alone notices a process that died with a job in hand only when the job's expiry passes
 * (up to half an hour), and a stately queue takes no other job meanwhile. So each working process
 * beats in job_workers and records the jobs it takes in job_claims; the others fail the jobs of a
 * process silent for DEAD_AFTER_SECONDS, which pg-boss then retries by the queue's retry policy.
 * With PGlite the starting process is the only one there can be: what an earlier one held is
 * failed at once.
 */
export async function startJobs(
  database: Database,
  ctx: AppContext,
  log: FastifyBaseLogger,
  options: StartJobsOptions = { work: true },
): Promise<JobRunner> {
  const definitions = options.jobs ?? JOBS;
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => database.executeSql(text, values) },
    schema: 'pgboss',
    supervise: options.work,
    schedule: options.work,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await retryOnDeadlock(() => boss.start());
  const queue: JobQueue = {
    send: (id, data, sendOptions) =>
      boss.send(
        id,
        data,
        sendOptions?.singletonKey ? { singletonKey: sendOptions.singletonKey } : {},
      ),
  };
  const workerId = options.work ? await registerWorker(ctx.db) : null;
  const deadAfter = options.deadAfterSeconds ?? DEAD_AFTER_SECONDS;
  const recover = async (silentSeconds: number) => {
    if (!workerId) return;
    const orphans = await takeDeadWorkersJobs(ctx.db, silentSeconds, workerId);
    for (const { queue: name, jobId } of orphans) {
      log.warn({ job: name, jobId }, 'job of a job process that stopped is failed, for a retry');
      await boss.fail(name, jobId, {
        message: '处理该任务的进程已停止（没有心跳），交由其他进程重试',
      });
    }
  };
  let beating = false;
  const beat = async () => {
    if (!workerId || beating) return;
    beating = true;
    try {
      if (!(await heartbeat(ctx.db, workerId)))
        log.warn({ workerId }, 'this job process was taken for dead; its jobs may run twice');
      await recover(deadAfter);
    } catch (err) {
      log.error({ err }, 'job heartbeat failed');
    } finally {
      beating = false;
    }
  };
  if (workerId) await recover(database.kind === 'pglite' ? 0 : deadAfter);
  const timer = workerId
    ? setInterval(() => void beat(), (options.heartbeatSeconds ?? HEARTBEAT_SECONDS) * 1000)
    : null;
  timer?.unref();
  for (const job of definitions) {
    const queueOptions = {
      name: job.id,
      policy: job.policy ?? 'standard',
      retryLimit: job.retryLimit ?? 3,
      retryDelay: job.retryDelaySeconds ?? 30,
      retryBackoff: true,
      expireInSeconds: job.expireInSeconds ?? 15 * 60,
    };
    await retryOnDeadlock(() => boss.createQueue(job.id, queueOptions));
    // createQueue leaves an existing queue as it was: bring a changed policy or retry setting in.
    await retryOnDeadlock(() => boss.updateQueue(job.id, queueOptions));
    if (!options.work) continue;
    // pg-boss reads cron in UTC unless told: '30 2 * * *' would be 10:30 in Beijing, mid-morning.
    if (job.schedule)
      await boss.schedule(job.id, job.schedule, undefined, { tz: ctx.config.deadlines.timeZone });
    await boss.work<object>(
      job.id,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (items) => {
        for (const item of items) {
          log.info({ job: job.id, jobId: item.id }, 'job started');
          if (workerId) await claimJob(ctx.db, workerId, { jobId: item.id, queue: job.id });
          try {
            await job.handler(ctx, item.data ?? {}, queue);
          } finally {
            if (workerId)
              await releaseJob(ctx.db, workerId, item.id).catch((err: unknown) =>
                log.error({ err }, 'job claim not released'),
              );
          }
        }
      },
    );
  }
  return {
    send: (id, data, sendOptions) => queue.send(id, data, sendOptions),
    workerId,
    async stop() {
      if (timer) clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, close: false });
      if (workerId) await unregisterWorker(ctx.db, workerId);
    },
  };
}
