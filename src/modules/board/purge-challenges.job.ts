import type { JobDefinition } from '../../jobs/job.js';
import { purgeRateLimits } from '../../server/rate-limit-store.js';
import { purgeLoginFailures } from '../auth/login.js';
import { purgeChallenges } from './proof-of-work.js';

/**
 * Hourly: expired challenges, the rate-limit counters of the board and login gone stale, and
 * failed sign-ins under unknown names a day old.
 */
export const purgeChallengesJob: JobDefinition = {
  id: 'board.purge-challenges',
  schedule: '23 * * * *',
  retryLimit: 2,
  async handler(ctx) {
    await purgeChallenges(ctx.db, ctx.clock.now());
    await purgeRateLimits(ctx);
    await purgeLoginFailures(ctx);
  },
};
