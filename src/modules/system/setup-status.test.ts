import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import { updateWorkingGroup } from '../org/working-group.js';
import { createSource } from '../sources/save-source.js';
import { addTerm } from '../posts/dictionary.js';
import { formatMessage } from '../../../web/src/app/i18n/format-message.js';
import { en } from '../../../web/src/app/i18n/en.js';
import { zh } from '../../../web/src/app/i18n/zh.js';
import { stepDetail, type StepKey } from '../../../web/src/features/home/setup-detail.js';
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
/** The card on 工作台 words each step from its figures: in Chinese exactly as the server does. */
const inLanguage = (s: SetupStatus, dictionary: Record<keyof typeof zh, string>) =>
  s.steps.map((x) =>
    stepDetail({ ...x, key: x.key as StepKey }, (key, vars) =>
      formatMessage(dictionary[key], vars),
    ),
  );
const inChinese = (s: SetupStatus) => inLanguage(s, zh);
const inEnglish = (s: SetupStatus) => inLanguage(s, en);
const CJK = /[\u4e00-\u9fff]/;

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
      'dictionary',
    ]);
    expect(detail(s, 'orgName')).toBe('未填写：抄告单、通报和报告将没有落款');
    expect(inChinese(s)).toEqual(s.steps.map((x) => x.detail));
    expect(inEnglish(s).filter((d) => CJK.test(d))).toEqual([]);

    const chengjian = await buildUnit(t.ctx, { name: '城建办' });
    const zongzhi = await buildUnit(t.ctx, { name: '综治办' });
    await buildUser(t.ctx, { roles: ['liaison'], unitId: chengjian.id });
    const leader = await buildUser(t.ctx, { roles: ['leader'] });
    await buildUser(t.ctx, { roles: ['monitor'] });
    s = await status();
    expect(undone(s)).toEqual([
      'orgName',
      'liaisons',
      'office',
      'workingGroup',
      'sources',
      'dictionary',
    ]);
    expect(detail(s, 'liaisons')).toBe('综治办 没有联络员：抄告单无人签收');
    expect(detail(s, 'units')).toBe('2 个单位');
    expect(inChinese(s)).toEqual(s.steps.map((x) => x.detail));
    expect(inEnglish(s)).toContain('综治办 without a liaison: nobody signs for their slips');
    // The figures and names behind the Chinese details, for the English interface to word.
    const step = (key: string) => s.steps.find((x) => x.key === key);
    expect(step('units')).toMatchObject({ count: 2, names: [] });
    expect(step('liaisons')).toMatchObject({ count: 2, names: ['综治办'] });
    expect(step('leader')).toMatchObject({ done: true, count: 1 });
    expect(step('office')).toMatchObject({ done: false, count: 0 });

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
    await addTerm({ ctx: t.ctx, actor: adminActor, input: { term: '清溪老街', kind: 'place' } });
    s = await status();
    expect(undone(s)).toEqual([]);
    expect(s.done).toBe(true);
    expect(detail(s, 'orgName')).toBe('清溪镇');
    expect(inChinese(s)).toEqual(s.steps.map((x) => x.detail));
    expect(s.steps.find((x) => x.key === 'orgName')?.names).toEqual(['清溪镇']);
    expect(s.steps.find((x) => x.key === 'sources')?.count).toBe(1);
    expect(detail(s, 'dictionary')).toBe('1 个地名或关键词');
  });

  it('asks for the dictionary until it has a place or keyword: unit names alone judge nearly every post unrelated', async () => {
    const dictionary = async () => {
      const s = await status();
      return {
        step: s.steps.find((x) => x.key === 'dictionary'),
        chinese: inChinese(s),
        details: s.steps.map((x) => x.detail),
        english: inEnglish(s)[s.steps.findIndex((x) => x.key === 'dictionary')],
      };
    };
    await t.ctx.db.deleteFrom('jurisdiction_terms').execute();
    let d = await dictionary();
    // Empty: nothing is judged, so posts about other towns fill 舆情信息.
    expect(d.step).toMatchObject({
      done: false,
      count: 0,
      names: [],
      detail: '未填写：不判断相关性，外地的帖子也进入舆情信息',
    });
    expect(d.chinese).toEqual(d.details);
    expect(d.english).not.toMatch(CJK);

    // A unit name typed in turns judging on, but citizens seldom write 城建办.
    await addTerm({ ctx: t.ctx, actor: adminActor, input: { term: '城建办', kind: 'unit' } });
    d = await dictionary();
    expect(d.step).toMatchObject({
      done: false,
      count: 0,
      names: ['城建办'],
      detail: '只有单位名：市民很少写单位名，多数帖子将被判为无关',
    });
    expect(d.chinese).toEqual(d.details);
    expect(d.english).not.toMatch(CJK);

    await addTerm({ ctx: t.ctx, actor: adminActor, input: { term: '清溪大桥', kind: 'place' } });
    await addTerm({ ctx: t.ctx, actor: adminActor, input: { term: '拆迁', kind: 'keyword' } });
    d = await dictionary();
    expect(d.step).toMatchObject({ done: true, count: 2, detail: '2 个地名或关键词' });
    expect(d.chinese).toEqual(d.details);
    expect(d.english).toBe('2 place name(s) or keyword(s)');
  });

  it('asks for the demo accounts to go while they still take the published password', async () => {
    const demoLeader = await buildUser(t.ctx, { username: 'leader', roles: ['leader'] });
    await buildUser(t.ctx, { username: 'monitor', roles: ['monitor'] });
    let s = await status();
    expect(undone(s)).toEqual(['demoAccounts']);
    expect(detail(s, 'demoAccounts')).toBe(
      'leader、monitor 仍使用公开的演示密码：正式使用前请停用或修改密码',
    );
    expect(inChinese(s)).toEqual(s.steps.map((x) => x.detail));
    expect(inEnglish(s)).toContain(
      'leader, monitor still use the published demo password: disable them or change their passwords before going live',
    );
    // One changed its password, the other was disabled.
    await t.ctx.db
      .updateTable('users')
      .set({ password_changed_at: t.clock.now() })
      .where('id', '=', demoLeader.id)
      .execute();
    await t.ctx.db
      .updateTable('users')
      .set({ active: false })
      .where('username', '=', 'monitor')
      .execute();
    s = await status();
    expect(undone(s)).toEqual([]);
    expect(detail(s, 'demoAccounts')).toBe('没有使用演示密码的账号');
  });

  it('is for admins only', async () => {
    const monitor = await buildUser(t.ctx, { roles: ['monitor'] });
    const client = await loginAs(built, monitor.username, monitor.password);
    expect((await client.request('GET', '/api/system/setup')).statusCode).toBe(403);
  });
});
