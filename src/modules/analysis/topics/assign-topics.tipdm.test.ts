import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/db.js';
import {
  HOT_MESSAGES,
  hotMessagesPresent,
  PARKING_BUNDLE,
  UNRELATED,
} from '../../../../tests/helpers/tipdm-topics.js';
import { ingestPosts, type IncomingPost } from '../../../ingest/ingest-posts.js';
import { readPostsJsonl } from '../../../ingest/read-jsonl.js';
import { topicAnalyser } from './assign-topics.js';

if (!hotMessagesPresent) console.warn(`跳过：没有 ${HOT_MESSAGES}（TipDM 热点留言数据）`);

describe.skipIf(!hotMessagesPresent)('the topics analyser on two months of TipDM messages', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('groups one matter across batches that arrive out of time order', async () => {
    const messages: IncomingPost[] = [];
    for await (const chunk of readPostsJsonl(HOT_MESSAGES)) {
      for (const m of chunk) {
        const time = String(m.postedAt);
        if (time >= '2019-07-10' && time < '2019-09-10') messages.push(m);
      }
    }
    expect(messages.length).toBeGreaterThan(700);
    // File order, which is not time order: each batch has posts from all over the two months.
    await ingestPosts(t.ctx, messages, {
      sourceKey: 'import:tipdm',
      analysers: [topicAnalyser],
      batchSize: 100,
    });
    const rows = await t.ctx.db.selectFrom('posts').select(['external_id', 'topic_id']).execute();
    expect(rows.every((r) => r.topic_id !== null)).toBe(true);
    const topicOf = new Map(rows.map((r) => [Number(r.external_id), r.topic_id]));
    const parking = new Set(PARKING_BUNDLE.map((id) => topicOf.get(id)));
    expect(parking.size).toBe(1);
    const [topic] = parking;
    for (const id of UNRELATED) if (topicOf.has(id)) expect(topicOf.get(id)).not.toBe(topic);
    const row = await t.ctx.db
      .selectFrom('topics')
      .select(['size', 'keywords', 'burst_at'])
      .where('id', '=', topic as number)
      .executeTakeFirstOrThrow();
    expect(row.size).toBeGreaterThanOrEqual(PARKING_BUNDLE.length);
    expect(row.keywords).toEqual(expect.arrayContaining(['车位']));
    // Dozens of complaints within days of each other, out of a quiet start.
    expect(row.burst_at).not.toBeNull();
  }, 120_000);
});
