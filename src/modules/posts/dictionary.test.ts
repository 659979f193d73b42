import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import type { JurisdictionTerm } from './dictionary.js';
import type { PostSummary } from './posts.schemas.js';

let t: TestContext;
let built: BuiltApp;
let monitor: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  const m = await buildUser(t.ctx, { roles: ['monitor'] });
  const a = await buildUser(t.ctx, { roles: ['admin'] });
  monitor = await loginAs(built, m.username, m.password);
  admin = await loginAs(built, a.username, a.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

/** How many times the dictionary changed, as the posts.rejudge job counts it. */
const dictionaryVersion = async () => {
  const row = await t.ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'posts.rejudge')
    .executeTakeFirst();
  const value: unknown = typeof row?.value === 'string' ? JSON.parse(row.value) : row?.value;
  return (value as { version?: number } | undefined)?.version ?? 0;
};

describe('管辖词典', () => {
  it('adds, lists and removes terms, each audited', async () => {
    const added = await monitor.request('POST', '/api/jurisdiction-terms', {
      term: ' 金鼎村 ',
      kind: 'place',
    });
    expect(added.statusCode, added.body).toBe(201);
    const term = added.json<JurisdictionTerm>();
    expect(term).toMatchObject({ term: '金鼎村', kind: 'place' });
    await admin.request('POST', '/api/jurisdiction-terms', { term: '噪音', kind: 'keyword' });

    const list = await admin.request('GET', '/api/jurisdiction-terms');
    expect(list.json<{ items: JurisdictionTerm[] }>().items.map((i) => i.term)).toEqual([
      '噪音',
      '金鼎村',
    ]);

    const removed = await monitor.request('DELETE', `/api/jurisdiction-terms/${term.id}`);
    expect(removed.statusCode).toBe(204);
    const again = await monitor.request('DELETE', `/api/jurisdiction-terms/${term.id}`);
    expect(again.statusCode).toBe(404);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_type', '=', 'jurisdiction_term')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'jurisdiction_term.create',
      'jurisdiction_term.create',
      'jurisdiction_term.delete',
    ]);
    expect(audit[0]?.summary).toContain('金鼎村');
  });

  it('refuses a duplicate term with 409 and a Chinese message, and bad input with 400', async () => {
    await monitor.request('POST', '/api/jurisdiction-terms', { term: '城建办', kind: 'unit' });
    const dup = await monitor.request('POST', '/api/jurisdiction-terms', {
      term: '城建办',
      kind: 'keyword',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<{ error: { message: string } }>().error.message).toContain('已在管辖词典中');

    for (const body of [
      { term: '', kind: 'place' },
      { term: '长'.repeat(31), kind: 'place' },
      { term: '某地', kind: 'street' },
      { term: '   ', kind: 'place' },
      // One letter or a symbol would make any post that has it relevant.
      { term: 'a', kind: 'place' },
      { term: '村', kind: 'place' },
      { term: '😀😀', kind: 'keyword' },
      { term: '——', kind: 'keyword' },
    ]) {
      const res = await monitor.request('POST', '/api/jurisdiction-terms', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('refuses a pasted list as one term: no post would ever contain it', async () => {
    // A clerk pasting the township's villages typed 柳塘村、石桥村、青山村 into 词条: stored as one
    // term, it matched nothing, and once it was the only term every post was judged irrelevant.
    for (const term of [
      '柳塘村、石桥村',
      '柳塘村,石桥村',
      '柳塘村，石桥村',
      '柳塘村；石桥村',
      '柳塘村 石桥村',
    ]) {
      const res = await monitor.request('POST', '/api/jurisdiction-terms', { term, kind: 'place' });
      expect(res.statusCode, term).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toContain('一个词条');
    }
    const stored = await t.ctx.db
      .selectFrom('jurisdiction_terms')
      .select('term')
      .where('term', 'like', '柳塘村%')
      .execute();
    expect(stored).toEqual([]);
  });

  it('deletes several terms in one request, audited once with their names', async () => {
    const ids: number[] = [];
    for (const term of ['白沙村', '黄泥岗', '渡口路']) {
      const res = await monitor.request('POST', '/api/jurisdiction-terms', { term, kind: 'place' });
      ids.push(res.json<JurisdictionTerm>().id);
    }
    const kept = await monitor.request('POST', '/api/jurisdiction-terms', {
      term: '石门村',
      kind: 'place',
    });
    const keptId = kept.json<JurisdictionTerm>().id;
    const versionBefore = await dictionaryVersion();

    const res = await monitor.request('POST', '/api/jurisdiction-terms/bulk-delete', {
      ids: [ids[0], ids[1], ids[2], ids[0]],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ deleted: number }>()).toEqual({ deleted: 3 });

    const left = await t.ctx.db.selectFrom('jurisdiction_terms').select('id').execute();
    expect(left.map((r) => r.id)).not.toEqual(expect.arrayContaining([ids[0]]));
    expect(left.map((r) => r.id)).toContain(keptId);
    expect(left.filter((r) => ids.includes(r.id))).toEqual([]);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'before'])
      .where('action', '=', 'jurisdiction_term.bulk-delete')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.summary).toBe('管辖词典批量删除 3 个词条：白沙村、黄泥岗、渡口路');
    // The posts already stored are judged again, once for the whole batch.
    expect(await dictionaryVersion()).toBe(versionBefore + 1);
  });

  it('refuses an empty list, too many ids and unknown ids with a Chinese 4xx, deleting nothing', async () => {
    const a = await monitor.request('POST', '/api/jurisdiction-terms', {
      term: '桃花坞',
      kind: 'place',
    });
    const known = a.json<JurisdictionTerm>().id;
    const message = (res: { json: <T>() => T }) =>
      res.json<{ error: { code: string; message: string } }>().error;

    const empty = await monitor.request('POST', '/api/jurisdiction-terms/bulk-delete', { ids: [] });
    expect(empty.statusCode).toBe(400);
    expect(message(empty).message).toBe('请选择要删除的词条');

    const tooMany = await monitor.request('POST', '/api/jurisdiction-terms/bulk-delete', {
      ids: Array.from({ length: 501 }, (_, i) => i + 1),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(message(tooMany).message).toBe('一次最多删除 500 个词条，请分批删除');

    const unknown = await monitor.request('POST', '/api/jurisdiction-terms/bulk-delete', {
      ids: [known, 987654],
    });
    expect(unknown.statusCode).toBe(404);
    expect(message(unknown).message).toBe(
      '有 1 个词条不存在（可能已被他人删除），未删除任何词条，请刷新后重试',
    );
    const still = await t.ctx.db
      .selectFrom('jurisdiction_terms')
      .select('id')
      .where('id', '=', known)
      .execute();
    expect(still).toHaveLength(1);

    for (const body of [{}, { ids: ['x'] }, { ids: [0] }, { ids: [known], extra: 1 }]) {
      const res = await monitor.request('POST', '/api/jurisdiction-terms/bulk-delete', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(message(res).message).toMatch(/[\u4e00-\u9fff]/);
    }
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'jurisdiction_term.bulk-delete')
      .where('summary', 'like', '%桃花坞%')
      .execute();
    expect(audit).toEqual([]);
  });

  it('makes a post registered by hand searchable and judged against the dictionary', async () => {
    await monitor.request('POST', '/api/jurisdiction-terms', { term: '青石镇', kind: 'place' });
    const res = await monitor.request('POST', '/api/cases', {
      post: {
        source: '县长信箱',
        postedAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
        title: '青石镇夜间施工噪音扰民',
        body: '工地每晚施工到凌晨，噪音很大，请尽快处理。',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const found = await monitor.request('GET', '/api/posts?q=噪音');
    const items = found.json<{ items: PostSummary[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      title: '青石镇夜间施工噪音扰民',
      relevant: true,
      relevanceTerms: expect.arrayContaining(['青石镇']) as string[],
      caseId: res.json<{ id: number }>().id,
      sourceKey: 'manual',
    });
    expect(items[0]?.highlight).toContain('<mark>噪音</mark>');
  });
});

// Last: the terms it adds leave audit entries that the tests above count.
describe('管辖词典 order', () => {
  it('lists each kind in pinyin order, as a Chinese list is read (not by code point)', async () => {
    const made: number[] = [];
    for (const term of ['柳塘村', '金鼎坪', '白沙村']) {
      const res = await admin.request('POST', '/api/jurisdiction-terms', { term, kind: 'place' });
      expect(res.statusCode, res.body).toBe(201);
      made.push(res.json<JurisdictionTerm>().id);
    }
    const list = await admin.request('GET', '/api/jurisdiction-terms');
    const places = list
      .json<{ items: JurisdictionTerm[] }>()
      .items.filter((i) => made.includes(i.id))
      .map((i) => i.term);
    expect(places).toEqual(['白沙村', '金鼎坪', '柳塘村']);
    const gone = await admin.request('POST', '/api/jurisdiction-terms/bulk-delete', { ids: made });
    expect(gone.statusCode, gone.body).toBeLessThan(300);
  });
});
