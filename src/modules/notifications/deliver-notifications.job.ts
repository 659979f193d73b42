import type { JobDefinition } from '../../jobs/job.js';
import { deliverPending } from './deliver-notifications.js';

/**
 * Every minute, sends what the outbox holds. The outbox keeps its own attempts and backoff per
 * message, so the job itself is not retried: the next minute's run picks up where this one left.
 */
export const deliverNotificationsJob: JobDefinition = {
  id: 'notification.deliver',
  schedule: '* * * * *',
  retryLimit: 0,
  expireInSeconds: 5 * 60,
  async handler(ctx) {
    await deliverPending(ctx);
  },
};
