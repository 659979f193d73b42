import type { JobDefinition } from '../../../jobs/job.js';
import { evaluateAlertRules } from './evaluate-alert-rules.js';

/**
 * Every five minutes each enabled alert rule looks at its window of posts: new posts are judged on
 * arrival (alertAnalyser), this catches what time alone changes, such as a window moving on.
 */
export const evaluateAlertsJob: JobDefinition = {
  id: 'alerts.evaluate',
  schedule: '*/5 * * * *',
  policy: 'stately',
  retryLimit: 0,
  expireInSeconds: 240,
  async handler(ctx) {
    await evaluateAlertRules(ctx);
  },
};
