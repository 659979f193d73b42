import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit } from '../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../tests/helpers/db.js';
import { ORG_NAME_KEY } from '../modules/cases/documents/case-record.js';
import { loadDictionary } from './dictionary.js';
import { relevance } from './relevance.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.close();
});

describe('the jurisdiction dictionary', () => {
  it('knows a village by the name citizens write and the township by its own name', async () => {
    // A township imports its units under their official names (柳塘村村委会) and names itself
    // 青山镇 under 工作小组; once the dictionary held a keyword, a post about 柳塘村 or 青山镇
    // named no term and was judged unrelated, though the page says unit names count.
    const now = t.clock.now();
    await buildUnit(t.ctx, { name: '柳塘村村委会', type: 'community' });
    await buildUnit(t.ctx, { name: '新河社区居委会', type: 'community' });
    await t.ctx.db
      .insertInto('settings')
      .values({ key: ORG_NAME_KEY, value: JSON.stringify('青山镇'), updated_at: now })
      .execute();
    await t.ctx.db
      .insertInto('jurisdiction_terms')
      .values({ term: '农贸市场', kind: 'keyword', created_at: now })
      .execute();

    const dictionary = await loadDictionary(t.ctx.db);
    const judged = (text: string) => relevance(text, dictionary.terms, dictionary.judges).relevant;
    expect(judged('柳塘村的路灯坏了半个月')).toBe(true);
    expect(judged('新河社区的高龄补贴还没到账')).toBe(true);
    expect(judged('青山镇政府门口的路面塌了')).toBe(true);
    expect(judged('隔壁县的高速又堵车了')).toBe(false);
    expect(dictionary.userWords).toContain('柳塘村');
  });
});
