import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser } from '../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../tests/helpers/db.js';
import { recordingQueue } from '../../tests/helpers/jobs.js';
import type { Actor } from '../modules/access/actor.js';
import { addTerm, removeTerm } from '../modules/posts/dictionary.js';
import { searchPosts } from '../modules/posts/posts.queries.js';
import { loadMigrations } from '../db/migrate.js';
import { ingestPosts } from './ingest-posts.js';
import { rejudgeChunk, rejudgeProgress } from './rejudge-posts.js';
import { rejudgePostsJob } from './rejudge-posts.job.js';

let t: TestContext;
let admin: Actor;

beforeAll(async () => {
  t = await createTestContext();
  admin = actorFor(await buildUser(t.ctx, { roles: ['admin'] }));
  const now = t.clock.now();
  const board = await t.ctx.db
    .insertInto('sources')
    .values({ name: '网络问政', kind: 'board', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  // With an empty dictionary every post is relevant.
  await ingestPosts(
    t.ctx,
    [
      { title: '金鼎村停水', body: '金鼎村二组停水三天了' },
      { title: '城里地铁', body: '省城地铁什么时候通车' },
    ],
    { sourceKey: 'test:rejudge' },
  );
  await ingestPosts(t.ctx, [{ title: '路面破损', body: '门口的路坏了' }], {
    sourceKey: `source:${board.id}`,
  });
});
afterAll(async () => {
  await t.close();
});

async function relevanceByTitle() {
  const rows = await t.ctx.db
    .selectFrom('posts')
    .select(['title', 'relevant', 'relevance_terms', 'segmented'])
    .orderBy('id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.title ?? '', r]));
}

describe('judging stored posts again after a dictionary change', () => {
  it('does nothing while the dictionary has not changed', async () => {
    expect(await rejudgeChunk(t.ctx)).toBe(false);
    expect(await rejudgeProgress(t.ctx.db)).toMatchObject({ pending: false });
  });

  it('a new place name makes old posts relevant or not, one word in the index, and findable', async () => {
    const before = await searchPosts(t.ctx.db, { q: '金鼎村', relevant: 'all' });
    await addTerm({ ctx: t.ctx, actor: admin, input: { term: '金鼎村', kind: 'place' } });
    expect(await rejudgeProgress(t.ctx.db)).toMatchObject({ pending: true });
    await rejudgePostsJob.handler(t.ctx, {}, recordingQueue().queue);
    expect(await rejudgeProgress(t.ctx.db)).toMatchObject({ pending: false });
    const posts = await relevanceByTitle();
    expect(posts['金鼎村停水']).toMatchObject({ relevant: true, relevance_terms: ['金鼎村'] });
    expect(posts['金鼎村停水']?.segmented.split(' ')).toContain('金鼎村');
    expect(posts['城里地铁']).toMatchObject({ relevant: false, relevance_terms: [] });
    // The board's message stays relevant: it was written to the township.
    expect(posts['路面破损']?.relevant).toBe(true);
    const after = await searchPosts(t.ctx.db, { q: '金鼎村' });
    expect(after.items.map((p) => p.title)).toEqual(['金鼎村停水']);
    expect(before.total).toBeLessThanOrEqual(after.total);
  });

  it('removing the term judges them again', async () => {
    const term = await t.ctx.db
      .selectFrom('jurisdiction_terms')
      .select('id')
      .where('term', '=', '金鼎村')
      .executeTakeFirstOrThrow();
    await removeTerm({ ctx: t.ctx, actor: admin, id: term.id });
    expect(await rejudgeChunk(t.ctx)).toBe(false);
    const posts = await relevanceByTitle();
    expect(posts['城里地铁']).toMatchObject({ relevant: true });
    expect(posts['金鼎村停水']).toMatchObject({ relevant: true, relevance_terms: [] });
  });
});

describe('migrations 0017 and 0022: posts stored before them', () => {
  it('sets the job going where there are posts, which indexes them again, board messages too', async () => {
    // As stored before 0017: the words only.
    await sql`update posts set search = to_tsvector('simple', segmented)`.execute(t.ctx.db);
    const stale = await searchPosts(t.ctx.db, { q: '面破', relevant: 'all' });
    expect(stale.total).toBe(0);
    const file = loadMigrations().find((m) => m.version === 17);
    await sql.raw(file?.sql ?? '').execute(t.ctx.db);
    expect(await rejudgeProgress(t.ctx.db)).toMatchObject({ pending: true });
    await rejudgePostsJob.handler(t.ctx, {}, recordingQueue().queue);
    expect(await rejudgeProgress(t.ctx.db)).toMatchObject({ pending: false });
    const found = await searchPosts(t.ctx.db, { q: '面破', relevant: 'all' });
    expect(found.items.map((p) => p.title)).toEqual(['路面破损']);
    // The board's message kept its relevance.
    expect((await relevanceByTitle())['路面破损']?.relevant).toBe(true);
  });

  it('0022 sets it going too, which gives the posts stored before it their key-word candidates', async () => {
    // As stored before 0022: no words. The migration's last statement sets the job going.
    await sql`update posts set words = null`.execute(t.ctx.db);
    const file = loadMigrations().find((m) => m.version === 22)?.sql ?? '';
    await sql.raw(file.slice(file.indexOf('insert into settings'))).execute(t.ctx.db);
    expect(await rejudgeProgress(t.ctx.db)).toMatchObject({ pending: true });
    await rejudgePostsJob.handler(t.ctx, {}, recordingQueue().queue);
    expect(await rejudgeProgress(t.ctx.db)).toMatchObject({ pending: false });
    const rows = await t.ctx.db.selectFrom('posts').select(['title', 'words']).execute();
    expect(rows.filter((r) => r.words === null)).toEqual([]);
    expect(rows.find((r) => r.title === '路面破损')?.words).toEqual(
      expect.arrayContaining(['路面', '破损']),
    );
  });

  it('leaves a database without posts with nothing to do', async () => {
    const fresh = await createTestContext();
    try {
      expect(await rejudgeProgress(fresh.ctx.db)).toMatchObject({ pending: false });
    } finally {
      await fresh.close();
    }
  });
});

describe('a township with units but no place names yet', () => {
  let u: TestContext;
  let uAdmin: Actor;

  beforeAll(async () => {
    u = await createTestContext();
    uAdmin = actorFor(await buildUser(u.ctx, { roles: ['admin'] }));
    await buildUnit(u.ctx, { name: '城建办' });
  });
  afterAll(async () => {
    await u.close();
  });

  const judged = async () =>
    Object.fromEntries(
      (
        await u.ctx.db
          .selectFrom('posts')
          .select(['title', 'relevant', 'relevance_terms'])
          .execute()
      ).map((r) => [r.title ?? '', { relevant: r.relevant, terms: r.relevance_terms }]),
    );

  it('keeps every post, as an empty dictionary does, recording the unit names found', async () => {
    await ingestPosts(
      u.ctx,
      [
        { title: '青石村停水', body: '青石村二组停水三天了' },
        { title: '城建办量房', body: '城建办的人来量过房子，后来没消息' },
        { title: '省城地铁', body: '省城地铁什么时候通车' },
      ],
      { sourceKey: 'test:units-only' },
    );
    expect(await judged()).toEqual({
      青石村停水: { relevant: true, terms: [] },
      城建办量房: { relevant: true, terms: ['城建办'] },
      省城地铁: { relevant: true, terms: [] },
    });
  });

  it('judges once a place name is entered', async () => {
    await addTerm({ ctx: u.ctx, actor: uAdmin, input: { term: '青石村', kind: 'place' } });
    await rejudgePostsJob.handler(u.ctx, {}, recordingQueue().queue);
    expect(await judged()).toEqual({
      青石村停水: { relevant: true, terms: ['青石村'] },
      城建办量房: { relevant: true, terms: ['城建办'] },
      省城地铁: { relevant: false, terms: [] },
    });
    await ingestPosts(u.ctx, [{ title: '外省新闻', body: '外省某地的一条新闻' }], {
      sourceKey: 'test:units-only',
    });
    expect((await judged())['外省新闻']).toEqual({ relevant: false, terms: [] });
  });
});
