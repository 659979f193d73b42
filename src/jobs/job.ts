import type { AppContext } from '../server/context.js';

/** What a job may enqueue: more jobs, one per singleton key at a time when a key is given. */
export interface JobQueue {
  send(id: string, data: object, options?: { singletonKey?: string }): Promise<string | null>;
}

/** A job declares its own id, schedule and retry policy; the runner does the rest. */
export interface JobDefinition<Data extends object = object> {
  /** Dotted: `session.purge-expired`. */
  id: string;
  /** Cron expression for recurring jobs, in the installation's time zone (YUQING_TIME_ZONE). */
  schedule?: string;
  /**
   * pg-boss queue policy. 'stately': per singleton key, at most one job waiting and one running,
   * so a second send while one waits is dropped (send returns null). Default 'standard'.
   */
  policy?: 'standard' | 'stately';
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  handler(ctx: AppContext, data: Data, queue: JobQueue): Promise<void>;
}
