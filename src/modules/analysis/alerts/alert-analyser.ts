import type { PostAnalyser } from '../../../ingest/analysis-hook.js';
import { evaluateAlertRules } from './evaluate-alert-rules.js';

/**
 * Runs on every stored batch, after sentiment and topics: the rules a new post concerns, unless
 * they have an open alert, are evaluated at once, so an alert is raised when its threshold is
 * crossed, not at the next five-minute evaluation (which still runs, updating open alerts and
 * judging windows that move on without new posts).
 */
export const alertAnalyser: PostAnalyser = {
  id: 'analysis.alerts',
  async analyse(ctx, posts) {
    await evaluateAlertRules(ctx, { newPosts: posts });
  },
};
