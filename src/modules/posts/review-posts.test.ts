import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUser } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { ingestPosts } from '../../ingest/ingest-posts.js';
import type { Actor } from '../access/actor.js';
import { registerCase } from '../cases/register-case.js';
import { searchPosts } from './posts.queries.js';
import { reviewPosts } from './review-posts.js';

let t: TestContext;
let monitor: Actor;
let leader: Actor;
const ids = new Map<string, number>();

beforeAll(async () => {
  t = await createTestContext();
  monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
  leader = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));
  const now = t.clock.now();
  await ingestPosts(
    t.ctx,
    ['青石村积水', '柳塘村垃圾', '河口村广告', '外县噪音', '新街停水'].map((title, i) => ({
      title,
      body: `${title}：第 ${i + 1} 条留言的正文，内容各不相同 ${'甲乙丙丁戊'.charAt(i)}`,
      postedAt: new Date(now.getTime() - (i + 1) * 60_000),
    })),
    { sourceKey: 'test:review', analysers: [] },
  );
  for (const r of await t.ctx.db.selectFrom('posts').select(['id', 'title']).execute()) {
    ids.set(r.title ?? '', r.id);
  }
});
afterAll(() => t.close());

const id = (title: string) => ids.get(title) ?? 0;
const titles = async (review: 'pending' | 'read' | 'dismissed') =>
  (await searchPosts(t.ctx.db, { relevant: 'all', review })).items.map((p) => p.title).sort();

describe('研判 in batches', () => {
  it('marks posts 已阅 and 不予处理, leaves the rest 待研判, and keeps every post listed', async () => {
    expect(await titles('pending')).toHaveLength(5);
    const read = await reviewPosts({
      ctx: t.ctx,
      actor: monitor,
      input: { ids: [id('青石村积水'), id('新街停水')], review: 'read' },
    });
    expect(read.updated).toBe(2);
    await reviewPosts({
      ctx: t.ctx,
      actor: monitor,
      input: { ids: [id('河口村广告'), id('外县噪音')], review: 'dismissed' },
    });
    // A post registered as a case has been looked at too.
    await registerCase({ ctx: t.ctx, actor: monitor, input: { postId: id('柳塘村垃圾') } });

    expect(await titles('pending')).toEqual([]);
    expect(await titles('read')).toEqual(['新街停水', '青石村积水']);
    expect(await titles('dismissed')).toEqual(['外县噪音', '河口村广告']);
    const all = await searchPosts(t.ctx.db, { relevant: 'all' });
    expect(all.total).toBe(5);
    expect(all.items.find((p) => p.title === '外县噪音')?.review).toBe('dismissed');

    const row = await t.ctx.db
      .selectFrom('posts')
      .select(['reviewed_by', 'reviewed_at'])
      .where('id', '=', id('青石村积水'))
      .executeTakeFirstOrThrow();
    expect(row.reviewed_by).toBe(monitor.id);
    expect(row.reviewed_at?.toISOString()).toBe(t.clock.now().toISOString());
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['summary', 'actor_id'])
      .where('action', '=', 'post.review')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual(['标为已阅：2 条帖子', '标为不予处理：2 条帖子']);
  });

  it('changes only what differs, and puts a post back to 待研判', async () => {
    const again = await reviewPosts({
      ctx: t.ctx,
      actor: monitor,
      input: { ids: [id('青石村积水'), id('河口村广告')], review: 'read' },
    });
    expect(again.updated).toBe(1);
    const back = await reviewPosts({
      ctx: t.ctx,
      actor: monitor,
      input: { ids: [id('河口村广告'), 999_999], review: 'pending' },
    });
    expect(back.updated).toBe(1);
    expect(await titles('pending')).toEqual(['河口村广告']);
  });

  it('is the monitor’s to do', async () => {
    await expect(
      reviewPosts({ ctx: t.ctx, actor: leader, input: { ids: [id('新街停水')], review: 'read' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
