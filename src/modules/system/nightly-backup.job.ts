import type { JobDefinition } from '../../jobs/job.js';
import { BACKUP_MINUTE, nightlyBackup } from './nightly-backup.js';

/** Every hour: the day's backup once it is past 03:00 local time and none was made today. */
export const nightlyBackupJob: JobDefinition = {
  id: 'system.backup',
  schedule: `${BACKUP_MINUTE} * * * *`,
  policy: 'stately',
  retryLimit: 0,
  expireInSeconds: 3000,
  async handler(ctx) {
    await nightlyBackup(ctx);
  },
};
