import type { JobQueue } from '../../src/jobs/job.js';

/** A queue that records what a job handler enqueues, for tests that call handlers directly. */
export function recordingQueue(): {
  queue: JobQueue;
  sent: { id: string; data: object; singletonKey?: string }[];
} {
  const sent: { id: string; data: object; singletonKey?: string }[] = [];
  return {
    sent,
    queue: {
      send(id, data, options) {
        sent.push({
          id,
          data,
          ...(options?.singletonKey ? { singletonKey: options.singletonKey } : {}),
        });
        return Promise.resolve(String(sent.length));
      },
    },
  };
}
