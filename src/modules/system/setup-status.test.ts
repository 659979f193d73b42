import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import { updateWorkingGroup } from '../org/working-group.js';
import { createSource } from '../sources/save-source.js';
import type { SetupStatus } from './setup-status.js';

let t: TestContext;
let built: BuiltApp;
let admin: ApiClient;
let adminActor: ReturnType<typeof actorFor>;

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  const user = await buildUser(t.ctx, { roles: ['admin'] });
  adminActor = actorFor(user);
  admin = await loginAs(built, user.username, user.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

const status = async () => {
  const res = await admin.request('GET', '/api/system/setup');
  expect(res.statusCode).toBe(200);
  return res.json<SetupStatus>();
};
const undone = (s: SetupStatus) => s.steps.filter((x) => !x.done).map((x) => x.key);
const detail = (s: SetupStatus, key: string) => s.steps.find((x) => x.key === key)?.detail;

describe('上线准备', () => {
  it('lists what a new installation lacks, and empties as the admin sets it up', async () => {
    let s = await status();
    expect(s.done).toBe(false);
    expect(undone(s)).toEqual([
      'orgName',
      'units',
      'liaisons',
      'monitor',
      'leader',
      'office',
      'workingGroup',
      'sources',
    ]);
    expect(detail(s, 'orgName')).toBe('未填写：抄告单、通报和报告将没有落款');

    const chengjian = await buildUnit(t.ctx, { name: '城建办' });
    const zongzhi = await buildUnit(t.ctx, { name: '综治办' });
    await buildUser(t.ctx, { roles: ['liaison'], unitId: chengjian.id });
    const leader = await buildUser(t.ctx, { roles: ['leader'] });
    await buildUser(t.ctx, { roles: ['monitor'] });
    s = await status();
    expect(undone(s)).toEqual(['orgName', 'liaisons', 'office', 'workingGroup', 'sources']);
    expect(detail(s, 'liaisons')).toBe('综治办 没有联络员：抄告单无人签收');
    expect(detail(s, 'units')).toBe('2 个单位');

    await buildUser(t.ctx, { roles: ['liaison'], unitId: zongzhi.id });
    await buildUser(t.ctx, { roles: ['office'] });
    await updateWorkingGroup({
      ctx: t.ctx,
      actor: adminActor,
      input: { leaderIds: [leader.id], deputyIds: [], unitIds: [], orgName: '清溪镇' },
    });
    await createSource({
      ctx: t.ctx,
      actor: adminActor,
      input: { name: '清溪论坛', kind: 'rss', url: 'https://bbs.example.gov.cn/feed.xml' },
    });
    s = await status();
    expect(undone(s)).toEqual([]);
    expect(s.done).toBe(true);
    expect(detail(s, 'orgName')).toBe('清溪镇');
  });

  it('is for admins only', async () => {
    const monitor = await buildUser(t.ctx, { roles: ['monitor'] });
    const client = await loginAs(built, monitor.username, monitor.password);
    expect((await client.request('GET', '/api/system/setup')).statusCode).toBe(403);
  });
});
