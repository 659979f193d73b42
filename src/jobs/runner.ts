import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/connection.js';
import type { AppContext } from '../server/context.js';
import type { JobDefinition, JobQueue } from './job.js';
import { JOBS } from './registry.js';

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
}

/**
 * pg-boss keeps jobs in the database (schema `pgboss`), locks them with SKIP LOCKED and so hands
 * each job to one worker, however many processes run. It talks to the database through our own
 * connection, which on PGlite is the only one there is.
 */
export async function startJobs(
  database: Database,
  ctx: AppContext,
  log: FastifyBaseLogger,
  options: { work: boolean; jobs?: JobDefinition[]; pollingIntervalSeconds?: number } = {
    work: true,
  },
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
          await job.handler(ctx, item.data ?? {}, queue);
        }
      },
    );
  }
  return {
    send: (id, data, sendOptions) => queue.send(id, data, sendOptions),
    stop: () => boss.stop({ graceful: true, wait: true, close: false }),
  };
}
