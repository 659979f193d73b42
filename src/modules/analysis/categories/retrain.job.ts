import type { JobDefinition } from '../../../jobs/job.js';
import { retrainIfConfirmed, runQueuedRetrain } from './retrain.js';

/** Every minute: a run an admin queued with 重新训练. */
export const retrainQueuedJob: JobDefinition = {
  id: 'analysis.retrain-queued',
  schedule: '* * * * *',
  retryLimit: 0,
  expireInSeconds: 1800,
  async handler(ctx) {
    await runQueuedRetrain(ctx);
  },
};

/** Sundays at 03:00, when staff confirmed categories since the last model. */
export const retrainWeeklyJob: JobDefinition = {
  id: 'analysis.retrain-weekly',
  schedule: '0 3 * * 0',
  retryLimit: 0,
  expireInSeconds: 1800,
  async handler(ctx) {
    await retrainIfConfirmed(ctx);
  },
};
