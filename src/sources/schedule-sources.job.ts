import type { JobDefinition } from '../jobs/job.js';
import { scheduleSources } from './schedule-sources.js';

/** Every minute: enqueue a fetch of each source that is due (see scheduleSources). */
export const scheduleSourcesJob: JobDefinition = {
  id: 'source.schedule',
  schedule: '* * * * *',
  retryLimit: 1,
  async handler(ctx, _data, queue) {
    await scheduleSources(ctx, queue);
  },
};
