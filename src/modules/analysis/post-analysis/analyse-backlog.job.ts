import type { JobDefinition } from '../../../jobs/job.js';
import { analyseBacklogChunk } from './analyse-stored.js';

/** Every minute: posts not analysed yet, in chunks for up to 45 s; the next run goes on. */
export const analyseBacklogJob: JobDefinition = {
  id: 'analysis.backlog',
  schedule: '* * * * *',
  retryLimit: 1,
  async handler(ctx) {
    const until = Date.now() + 45_000;
    for (let more = true; more && Date.now() < until;) more = await analyseBacklogChunk(ctx);
  },
};
