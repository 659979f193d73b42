import type { JobDefinition } from '../../jobs/job.js';
import { runScheduledReports } from './scheduled-reports.js';

/**
 * Every five minutes: once the configured time of a working day has passed, today's daily report
 * (and a weekly to annual report falling due) is generated and delivered, once per period.
 */
export const reportsDailyJob: JobDefinition = {
  id: 'reports.daily',
  schedule: '*/5 * * * *',
  policy: 'stately',
  retryLimit: 2,
  expireInSeconds: 600,
  async handler(ctx) {
    await runScheduledReports(ctx);
  },
};
