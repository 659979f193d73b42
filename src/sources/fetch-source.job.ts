import type { JobDefinition } from '../jobs/job.js';
import { refreshDemoReports } from '../modules/reports/seed-demo-reports.js';
import { runSource, type RunTrigger } from './run-source.js';

import { FETCH_JOB, type FetchJobData } from './schedule-sources.js';

const TRIGGERS: readonly RunTrigger[] = ['schedule', 'watch', 'manual'];

/**
 * One fetch of one source. runSource retries pages itself and records failures in the source's
 * health; the job is retried once, for a run cut off by its process dying (the runner fails the
 * jobs of a process that stopped beating) or an internal error. One per source at a time: the
 * queue is 'stately' and each job's singletonKey is 'source:<id>', so a source already waiting is
 * not queued again.
 */
export const fetchSourceJob: JobDefinition<FetchJobData> = {
  id: FETCH_JOB,
  policy: 'stately',
  retryLimit: 1,
  expireInSeconds: 30 * 60,
  async handler(ctx, data) {
    const trigger = TRIGGERS.find((t) => t === data.trigger) ?? 'schedule';
    if (!Number.isInteger(data.sourceId)) return;
    const source = await ctx.db
      .selectFrom('sources')
      .select('id')
      .where('id', '=', data.sourceId)
      .executeTakeFirst();
    // Deleted since it was enqueued: nothing to do.
    if (!source) return;
    await runSource(ctx, data.sourceId, trigger);
    // The demo's first start: its reports were made before its sources were read.
    await refreshDemoReports(ctx);
  },
};
