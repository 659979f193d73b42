import type { JobDefinition } from '../../jobs/job.js';
import { purgeChallenges } from './proof-of-work.js';

export const purgeChallengesJob: JobDefinition = {
  id: 'board.purge-challenges',
  schedule: '23 * * * *',
  retryLimit: 2,
  async handler(ctx) {
    await purgeChallenges(ctx.db, ctx.clock.now());
  },
};
