import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_START, type TestContext } from '../../../../tests/helpers/db.js';
import type { Sentiment } from '../../../db/schema.js';
import { STOPWORDS } from '../../../nlp/keywords.js';
import { keywordCounts, placeCounts, volumeRows, type PostScope } from './situation.queries.js';

/**
 * The dashboard's figures read stored per-post words (posts.words, kept by a trigger) and an
 * index that covers what they count (0022). These compare them, on a few hundred posts of every
 * kind, with the straightforward computation over the posts' own text and columns.
 */

const DAY = 86_400_000;
const T0 = new Date(TEST_START).getTime();
const TZ = 'Asia/Shanghai';
const PLACES = ['青石村', '柳塘村', '新街社区'];
// Key words and what must never be one: stop words, single characters, numbers, punctuation, places.
const VOCABULARY = [
  ...['积水', '垃圾', '噪音', '路灯', '停车', '物业', '排水沟', '施工', '学校', '油烟', 'wifi'],
  ...STOPWORDS.slice(0, 8),
  ...['路', '水', '2026', '3.5', '！？', '……', '12345'],
  ...PLACES,
];

let t: TestContext;
let scope: PostScope;

/** A small seeded generator, so that a failure can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  t = await createTestContext();
  const now = t.clock.now();
  await t.ctx.db
    .insertInto('jurisdiction_terms')
    .values([
      ...PLACES.map((term) => ({ term, kind: 'place' as const, created_at: now })),
      { term: '城建办', kind: 'unit', created_at: now },
    ])
    .execute();
  const next = random(19);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const sentiments: (Sentiment | null)[] = ['negative', 'neutral', 'positive', null];
  const rows = [];
  for (let i = 0; i < 400; i++) {
    // Words repeat within a post (counted once), and some posts have no words at all.
    const words = Array.from({ length: Math.floor(next() * 12) }, () => pick(VOCABULARY));
    rows.push({
      source: pick(['云溪论坛', '导入', '县长信箱']),
      source_key: pick(['source:1', 'import:x', 'manual', null]),
      // Over 40 days, so that some fall before the 30 days counted.
      posted_at: new Date(T0 - Math.floor(next() * 40 * DAY)),
      title: null,
      body: words.join(''),
      created_at: now,
      url: null,
      author: null,
      contact: null,
      relevant: next() > 0.15,
      relevance_terms: PLACES.filter(() => next() > 0.6).concat(next() > 0.7 ? ['城建办'] : []),
      segmented: words.join(' '),
      sentiment: pick(sentiments),
      urgent: next() > 0.9,
    });
  }
  await t.ctx.db.insertInto('posts').values(rows).execute();
  // Some originals have near-duplicates, which are not counted.
  await sql`update posts set duplicate_of = (select min(id) from posts) where id % 11 = 0`.execute(
    t.ctx.db,
  );
  // Posts stored before 0022 have no words until they are segmented again.
  await sql`update posts set words = null where id % 3 = 0`.execute(t.ctx.db);
  scope = { start: new Date(T0 - 30 * DAY), end: new Date(T0 + DAY) };
});
afterAll(async () => {
  await t.close();
});

describe('the stored words', () => {
  it('are the distinct words of two characters or more that are not only digits and marks', async () => {
    // Counted as keywordCounts did before 0022, word by word.
    const { rows } = await sql<{ words: string[]; expected: string[] }>`
      select p.words, array(
        select distinct w from unnest(string_to_array(p.segmented, ' ')) as w
        where char_length(w) >= 2 and w !~ '^[0-9[:punct:]]+$') as expected
      from posts p where p.words is not null`.execute(t.ctx.db);
    expect(rows.length).toBeGreaterThan(200);
    const sorted = (list: string[]) => [...list].sort();
    for (const r of rows) expect(sorted(r.words)).toEqual(sorted(r.expected));
    expect(rows.some((r) => r.expected.length > 3)).toBe(true);
    const all = new Set(rows.flatMap((r) => r.words));
    for (const w of ['路', '2026', '3.5', '……']) expect(all).not.toContain(w);
    expect(all).toContain('积水');
  });

  it('follow the segmented text when it is written again, as re-judging does', async () => {
    const { id } = await t.ctx.db
      .selectFrom('posts')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .updateTable('posts')
      .set({ segmented: '路灯 不亮 路灯 2026 路' })
      .where('id', '=', id)
      .execute();
    const row = await t.ctx.db
      .selectFrom('posts')
      .select('words')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.words).toEqual(['不亮', '路灯']);
  });
});

describe('the figures of a period', () => {
  it('count key words as counting every word of every newest post would', async () => {
    // The straightforward computation, as keywordCounts did it before posts.words.
    for (const scan of [10, 50, 1000]) {
      const { rows } = await sql<{ word: string; count: number }>`
        with newest as (
          select p.id, p.segmented from posts p
          where p.posted_at >= ${scope.start} and p.posted_at < ${scope.end}
            and p.relevant and p.duplicate_of is null
          order by p.posted_at desc, p.id desc
          limit ${scan}
        )
        select w.word, count(distinct n.id)::int as count
        from newest n cross join lateral unnest(string_to_array(n.segmented, ' ')) as w(word)
        where char_length(w.word) >= 2
          and w.word !~ '^[0-9[:punct:]]+$'
          and w.word not in (${sql.join(STOPWORDS)})
          and w.word not in (select j.term from jurisdiction_terms j where j.kind = 'place')
        group by w.word
        order by count(distinct n.id) desc, w.word`.execute(t.ctx.db);
      expect(rows.length).toBeGreaterThan(3);
      expect(await keywordCounts(t.ctx.db, scope, { scan, limit: 100 })).toEqual(rows);
      expect(await keywordCounts(t.ctx.db, scope, { scan, limit: 3 })).toEqual(rows.slice(0, 3));
    }
  });

  it('count places and volumes as counting the posts in JavaScript would', async () => {
    const posts = (
      await t.ctx.db
        .selectFrom('posts')
        .select([
          'posted_at',
          'relevant',
          'duplicate_of',
          'relevance_terms',
          'source_key',
          'category_id',
          'sentiment',
          'urgent',
        ])
        .execute()
    ).filter(
      (p) =>
        p.relevant &&
        p.duplicate_of === null &&
        p.posted_at >= scope.start &&
        p.posted_at < scope.end,
    );
    const places = new Map<string, number>();
    for (const p of posts)
      for (const term of p.relevance_terms)
        if (PLACES.includes(term)) places.set(term, (places.get(term) ?? 0) + 1);
    const expectedPlaces = [...places]
      .map(([place, count]) => ({ place, count }))
      .sort((a, b) => b.count - a.count || (a.place < b.place ? -1 : 1));
    expect(expectedPlaces).toHaveLength(3);
    expect(await placeCounts(t.ctx.db, scope, 20)).toEqual(expectedPlaces);

    const rows = await volumeRows(t.ctx.db, scope, TZ);
    expect(rows.reduce((n, r) => n + r.posts, 0)).toBe(posts.length);
    expect(rows.reduce((n, r) => n + r.urgent, 0)).toBe(posts.filter((p) => p.urgent).length);
    for (const s of ['negative', 'neutral', 'positive', null] as const) {
      expect(rows.filter((r) => r.sentiment === s).reduce((n, r) => n + r.posts, 0)).toBe(
        posts.filter((p) => p.sentiment === s).length,
      );
    }
  });
});
