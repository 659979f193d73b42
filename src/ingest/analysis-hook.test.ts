import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../tests/helpers/db.js';
import type { PostAnalyser, StoredPost } from './analysis-hook.js';
import { ingestPosts } from './ingest-posts.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.close();
});

function recorder(): { analyser: PostAnalyser; batches: StoredPost[][] } {
  const batches: StoredPost[][] = [];
  return {
    batches,
    analyser: {
      id: 'test.recorder',
      analyse(_ctx, posts) {
        batches.push([...posts]);
        return Promise.resolve();
      },
    },
  };
}

const NOISE = '新街社区工地每天晚上十一点以后还在打桩，噪音扰民，老人孩子都睡不好，请尽快处理';

describe('the analysis hook', () => {
  it('gets every stored post of each batch with its id and words, near-duplicates linked', async () => {
    const { analyser, batches } = recorder();
    await ingestPosts(
      t.ctx,
      [
        { title: '工地噪音', body: NOISE },
        { title: '工地噪音', body: `${NOISE}！` },
        { title: '路灯不亮', body: '青石村口路灯坏了' },
      ],
      { sourceKey: 'test:hook', analysers: [analyser], batchSize: 2 },
    );
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    const [original, near, lamp] = batches.flat();
    expect(near?.duplicateOf).toBe(original?.id);
    expect(lamp?.words).toContain('路灯');
    const stored = await t.ctx.db
      .selectFrom('posts')
      .select(['id', 'title'])
      .where('source_key', '=', 'test:hook')
      .orderBy('id')
      .execute();
    expect(stored.map((p) => p.id)).toEqual([original?.id, near?.id, lamp?.id]);
  });

  it('never sees an exact duplicate, and a failing analyser loses no post', async () => {
    const { analyser, batches } = recorder();
    await ingestPosts(t.ctx, [{ title: '路灯不亮', body: '青石村口路灯坏了' }], {
      sourceKey: 'test:hook',
      analysers: [analyser],
    });
    expect(batches).toEqual([]);
    const failing: PostAnalyser = {
      id: 'test.failing',
      analyse: () => Promise.reject(new Error('模型文件缺失')),
    };
    await expect(
      ingestPosts(t.ctx, [{ title: '河口村停水', body: '河口村二组停水两天了' }], {
        sourceKey: 'test:hook',
        analysers: [failing],
      }),
    ).rejects.toThrow('模型文件缺失');
    const kept = await t.ctx.db
      .selectFrom('posts')
      .select('id')
      .where('title', '=', '河口村停水')
      .execute();
    expect(kept).toHaveLength(1);
  });
});
