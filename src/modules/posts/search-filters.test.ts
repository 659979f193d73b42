import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { Sentiment } from '../../db/schema.js';
import { ingestPosts } from '../../ingest/ingest-posts.js';
import { postCategoryOptions, searchPosts } from './posts.queries.js';

let t: TestContext;
let categories: Map<string, number>;
const HOUR = 3_600_000;

/** The analysis of each post, as the pipeline would have stored it. */
const ANALYSED: { title: string; category: string; sentiment: Sentiment; urgent: boolean }[] = [
  { title: '青石村积水', category: '城乡建设', sentiment: 'negative', urgent: false },
  { title: '柳塘村垃圾', category: '环境保护', sentiment: 'negative', urgent: true },
  { title: '青石村新路', category: '城乡建设', sentiment: 'positive', urgent: false },
  { title: '河口村学校', category: '教育文体', sentiment: 'neutral', urgent: false },
];

beforeAll(async () => {
  t = await createTestContext();
  const now = t.clock.now();
  await t.ctx.db
    .insertInto('jurisdiction_terms')
    .values(
      ['青石村', '柳塘村', '河口村'].map((term) => ({
        term,
        kind: 'place' as const,
        created_at: now,
      })),
    )
    .execute();
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  await ingestPosts(
    t.ctx,
    [
      { title: '青石村积水', body: '青石村主路下雨积水，孩子上学要绕行', postedAt: at(4) },
      { title: '柳塘村垃圾', body: '柳塘村垃圾池满了没人清运，气味很大', postedAt: at(3) },
      { title: '青石村新路', body: '青石村新修的水泥路很平整，感谢', postedAt: at(2) },
      { title: '河口村学校', body: '河口村小学开学时间请问是哪天', postedAt: at(1) },
    ],
    { sourceKey: 'test:filters', analysers: [] },
  );
  categories = new Map(
    (await postCategoryOptions(t.ctx.db)).map((c) => [c.name, c.id] as [string, number]),
  );
  for (const a of ANALYSED) {
    await t.ctx.db
      .updateTable('posts')
      .set({
        category_id: categories.get(a.category) ?? null,
        sentiment: a.sentiment,
        urgent: a.urgent,
      })
      .where('title', '=', a.title)
      .execute();
  }
});
afterAll(async () => {
  await t.close();
});

const titles = async (query: Parameters<typeof searchPosts>[1]) =>
  (await searchPosts(t.ctx.db, query)).items.map((p) => p.title).sort();

describe('searchPosts filters for the situation charts', () => {
  it('filters by category', async () => {
    expect(await titles({ category: categories.get('城乡建设') })).toEqual(
      ['青石村积水', '青石村新路'].sort(),
    );
  });

  it('filters by sentiment, and by urgency', async () => {
    expect(await titles({ sentiment: 'negative' })).toEqual(['柳塘村垃圾', '青石村积水'].sort());
    expect(await titles({ urgent: true })).toEqual(['柳塘村垃圾']);
    expect(await titles({ urgent: false })).toHaveLength(3);
  });

  it('filters by a place among the terms that made a post relevant', async () => {
    expect(await titles({ place: '青石村' })).toEqual(['青石村积水', '青石村新路'].sort());
    expect(await titles({ place: '青石' })).toEqual([]);
  });

  it('combines the filters with each other and with a query', async () => {
    expect(
      await titles({
        category: categories.get('城乡建设'),
        sentiment: 'positive',
        place: '青石村',
      }),
    ).toEqual(['青石村新路']);
    expect(await titles({ q: '积水', place: '柳塘村' })).toEqual([]);
  });

  it('filters by hot topic', async () => {
    const now = t.clock.now();
    const topic = await t.ctx.db
      .insertInto('topics')
      .values({
        label: '青石村',
        heat_rank: 1,
        first_at: now,
        last_at: now,
        centroid: '{}',
        representative_vector: '{}',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .updateTable('posts')
      .set({ topic_id: topic.id })
      .where('title', 'in', ['青石村积水', '青石村新路'])
      .execute();
    expect(await titles({ topic: topic.id })).toEqual(['青石村积水', '青石村新路'].sort());
    expect(await titles({ topic: topic.id, sentiment: 'negative' })).toEqual(['青石村积水']);
  });

  it('filters by when a post was collected, as a daily report counts them', async () => {
    const now = t.clock.now();
    // Posted hours ago, collected late: the daily report of its collection reports it.
    await t.ctx.db
      .updateTable('posts')
      .set({ created_at: new Date(now.getTime() + 2 * HOUR) })
      .where('title', '=', '青石村积水')
      .execute();
    const later = {
      collectedFrom: new Date(now.getTime() + HOUR).toISOString(),
      collectedTo: new Date(now.getTime() + 3 * HOUR).toISOString(),
    };
    expect(await titles(later)).toEqual(['青石村积水']);
    expect(await titles({ collectedTo: later.collectedFrom })).toHaveLength(3);
    // Its posting time stays what the posting-time range filters on.
    expect(
      await titles({ ...later, from: new Date(now.getTime() - 2.5 * HOUR).toISOString() }),
    ).toEqual([]);
  });

  it('lists the categories to choose from, in the admins order', async () => {
    const options = await postCategoryOptions(t.ctx.db);
    expect(options[0]).toMatchObject({ name: '城乡建设', active: true });
    expect(options.at(-1)?.name).toBe('其他');
  });
});
