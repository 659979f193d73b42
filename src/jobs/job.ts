import type { AppContext } from '../server/context.js';

/** A job declares its own id, schedule and retry policy; the runner does the rest. */
export interface JobDefinition<Data extends object = object> {
  /** Dotted: `session.purge-expired`. */
  id: string;
  /** Cron expression (server time zone) for recurring jobs. */
  schedule?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  handler(ctx: AppContext, data: Data): Promise<void>;
}
