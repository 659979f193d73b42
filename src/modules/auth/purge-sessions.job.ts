import type { JobDefinition } from '../../jobs/job.js';
import { purgeExpiredSessions } from './sessions.js';

export const purgeSessionsJob: JobDefinition = {
  id: 'session.purge-expired',
  schedule: '17 * * * *',
  retryLimit: 2,
  async handler(ctx) {
    await purgeExpiredSessions(ctx.db, ctx.clock.now());
  },
};
