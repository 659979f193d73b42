import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { ingestPosts } from '../../ingest/ingest-posts.js';
import type { BuiltApp } from '../../server/app.js';
import type { CaseDetail, CaseSummary } from '../cases/cases.schemas.js';
import type { PostDetail, PostSummary } from './posts.schemas.js';

// DESIGN §7: a citizen's contact details are whole only for the roles handling cases.
let t: TestContext;
let built: BuiltApp;
const clients: Record<'monitor' | 'leader' | 'office' | 'viewer' | 'admin', ApiClient> =
  {} as never;
let postId: number;

const TITLE = '路灯坏了请联系13812345678';
const BODY = '幸福村路灯坏了一个月，我的电话13812345678，邮箱zhangsan@example.com，请尽快修';

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  const login = (u: BuiltUser) => loginAs(built, u.username, u.password);
  for (const role of ['monitor', 'leader', 'office', 'viewer', 'admin'] as const)
    clients[role] = await login(await buildUser(t.ctx, { roles: [role] }));
  await ingestPosts(t.ctx, [{ title: TITLE, body: BODY, postedAt: t.clock.now() }], {
    sourceKey: 'test:contacts',
  });
  const page = await clients.monitor.request('GET', '/api/posts?relevant=all');
  postId = page.json<{ items: PostSummary[] }>().items[0]!.id;
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

const search = async (role: keyof typeof clients, q: string) => {
  const res = await clients[role].request(
    'GET',
    `/api/posts?relevant=all&q=${encodeURIComponent(q)}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: PostSummary[] }>().items;
};

describe('contact details in 舆情信息', () => {
  it.each(['viewer', 'office', 'admin'] as const)(
    'are masked for %s in the list, its highlights and the detail',
    async (role) => {
      const [hit] = await search(role, '路灯');
      expect(hit?.title).toBe('路灯坏了请联系138****5678');
      expect(hit?.excerpt).toContain('我的电话138****5678，邮箱z***@example.com');
      expect(hit?.excerpt).not.toContain('13812345678');
      // The marks still sit around the word searched for, in the masked text.
      expect(hit?.highlight).toContain('<mark>路灯</mark>');
      expect(hit?.highlight).toContain('138****5678');
      expect(hit?.highlight).not.toContain('12345678');
      const detail = await clients[role].request('GET', `/api/posts/${postId}`);
      const post = detail.json<PostDetail>();
      expect(post.body).toContain('我的电话138****5678');
      expect(post.title).toBe('路灯坏了请联系138****5678');
      expect(detail.body).not.toContain('13812345678');
      expect(detail.body).not.toContain('zhangsan');
    },
  );

  it('still finds the post by its number, without showing it', async () => {
    const [hit] = await search('viewer', '13812345678');
    expect(hit?.id).toBe(postId);
    expect(JSON.stringify(hit)).not.toContain('13812345678');
  });

  it.each(['monitor', 'leader'] as const)('are whole for %s, who handle cases', async (role) => {
    const [hit] = await search(role, '路灯');
    expect(hit?.highlight).toContain('13812345678');
    const post = (await clients[role].request('GET', `/api/posts/${postId}`)).json<PostDetail>();
    expect(post.body).toBe(BODY);
    expect(post.title).toBe(TITLE);
  });

  it('are masked in the case list titles, whole on the case page for its handlers', async () => {
    const res = await clients.monitor.request('POST', '/api/cases', {
      post: { source: '论坛', postedAt: t.clock.now().toISOString(), body: BODY },
    });
    const caseId = res.json<CaseDetail>().id;
    const list = await clients.office.request('GET', '/api/cases');
    const row = list.json<{ items: CaseSummary[] }>().items.find((c) => c.id === caseId);
    expect(row?.title).toContain('138****5678');
    const officeView = await clients.office.request('GET', `/api/cases/${caseId}`);
    expect(officeView.body).not.toContain('13812345678');
    const mine = await clients.monitor.request('GET', `/api/cases/${caseId}`);
    expect(mine.json<CaseDetail>().post.body).toBe(BODY);
  });
});
