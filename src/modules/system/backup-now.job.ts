import type { JobDefinition } from '../../jobs/job.js';
import { runQueuedBackup } from './backup-runs.js';

/** Every minute: a backup an admin asked for with 立即备份. */
export const backupNowJob: JobDefinition = {
  id: 'system.backup-now',
  schedule: '* * * * *',
  policy: 'stately',
  retryLimit: 0,
  expireInSeconds: 3000,
  async handler(ctx) {
    await runQueuedBackup(ctx);
  },
};
