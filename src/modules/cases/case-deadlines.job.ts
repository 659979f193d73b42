import type { JobDefinition } from '../../jobs/job.js';
import { remindDue, warnStageOverdue } from './remind-due.js';
import { urgeOverdue } from './urge-case.js';

/**
 * Every five minutes: remind before due times, urge units after them, and tell leaders or the
 * monitor of a case past due while it waits on them. Both are idempotent (a unique
 * row per reminder and per urging), so a second run, or a second worker, changes nothing.
 */
export const caseDeadlinesJob: JobDefinition = {
  id: 'case.deadlines',
  schedule: '*/5 * * * *',
  retryLimit: 2,
  async handler(ctx) {
    await remindDue(ctx);
    await urgeOverdue(ctx);
    await warnStageOverdue(ctx);
  },
};
