import type { JobDefinition } from '../jobs/job.js';
import { rejudgeChunk } from './rejudge-posts.js';

/** Every minute, after a dictionary change: judge chunks for up to 45 s, the next run goes on. */
export const rejudgePostsJob: JobDefinition = {
  id: 'posts.rejudge',
  schedule: '* * * * *',
  retryLimit: 1,
  async handler(ctx) {
    const until = Date.now() + 45_000;
    for (let more = true; more && Date.now() < until;) more = await rejudgeChunk(ctx);
  },
};
