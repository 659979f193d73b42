import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { ingestAgo, topicOver } from '../../../tests/helpers/incidents.js';
import type { BuiltApp } from '../../server/app.js';
import { AppError } from '../../server/errors.js';
import type { IncidentDetail, LinkedPost, SuggestedPost } from './incidents.schemas.js';
import { listOwners } from './incidents.queries.js';
import { openIncident } from './open-incident.js';

const HOUR = 3_600_000;
let t: TestContext;
let built: BuiltApp;
let monitorUser: BuiltUser;
let leaderA: BuiltUser;
let monitor: ApiClient;
let viewer: ApiClient;

// Invented messages about an invented estate; long enough that a copy with a word added is a
// near-duplicate (SimHash distance <= 3), not a new post.
const PARKING =
  '翠湖花园开发商要求业主买房时必须同时购买车位，车位价格比周边小区高出一倍，不买车位就不给签购房合同，' +
  '售楼处工作人员说这是公司规定。我们认为这是捆绑销售，侵害了购房者的合法权益。小区业主已经向售楼处反映多次，' +
  '一直没有答复，希望住建部门和市场监管部门尽快调查处理，责令开发商停止捆绑销售车位的做法，维护业主权益。';

const GARAGE =
  '翠湖花园地下车库入口的坡道太陡，雨天经常有车辆打滑，上周还发生了两车剐蹭。物业说坡道是开发商设计的，' +
  '他们没有办法改。车库里照明也不够，很多灯管坏了没人换，晚上取车要打手电。业主多次向物业反映，物业只是' +
  '口头答应，一直没有整改。希望主管部门督促物业和开发商尽快加装防滑设施、修好照明，消除安全隐患。';

const detail = async (id: number) =>
  (await monitor.request('GET', `/api/incidents/${id}`)).json<IncidentDetail>();

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  monitorUser = await buildUser(t.ctx, { roles: ['monitor'], name: '王敏' });
  leaderA = await buildUser(t.ctx, { roles: ['leader'], name: '李建国' });
  const viewerUser = await buildUser(t.ctx, { roles: ['viewer'] });
  monitor = await loginAs(built, monitorUser.username, monitorUser.password);
  viewer = await loginAs(built, viewerUser.username, viewerUser.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

describe('opening an incident', () => {
  it('opens from posts, links their cases, and writes the timeline and the audit row', async () => {
    const [a, b] = await ingestAgo(t, [
      { title: '新街社区夜间施工噪音扰民', body: '新街社区东侧工地连续多晚施工到凌晨，噪音扰民。' },
      { title: '又是新街工地夜间施工', body: '工地凌晨还在施工，噪音太大，居民无法休息。' },
    ]);
    if (a === undefined || b === undefined) throw new Error('not stored');
    const now = t.clock.now();
    const kase = await t.ctx.db
      .insertInto('cases')
      .values({
        post_id: a,
        state: 'registered',
        registered_at: now,
        reply_due_at: new Date(now.getTime() + 72 * HOUR),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const input = {
      title: '新街工地夜间施工扰民',
      level: 'major',
      ownerId: leaderA.id,
      postIds: [a, b],
    };
    expect((await viewer.request('POST', '/api/incidents', input)).statusCode).toBe(403);
    const res = await monitor.request('POST', '/api/incidents', input);
    expect(res.statusCode).toBe(201);
    const incident = res.json<IncidentDetail>();
    expect(incident).toMatchObject({
      title: '新街工地夜间施工扰民',
      level: 'major',
      status: 'open',
      ownerName: '李建国',
      openedByName: '王敏',
      postCount: 2,
      caseCount: 1,
      version: 1,
      topic: null,
    });
    expect(incident.cases.map((c) => c.id)).toEqual([kase.id]);
    expect(incident.keywords.length).toBeGreaterThan(0);
    expect(incident.events).toHaveLength(1);
    expect(incident.events[0]?.text).toBe(
      '开启舆情事件，级别较大，负责人李建国，关联信息 2 条、办件 1 件',
    );
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_type', '=', 'incident')
      .where('entity_id', '=', String(incident.id))
      .execute();
    expect(audit).toEqual([{ action: 'incident.open', actor_id: monitorUser.id }]);
    // The owner is told.
    const told = await t.ctx.db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('user_id', '=', leaderA.id)
      .execute();
    expect(told).toContainEqual({ kind: 'incident.owner', link: `/incidents/${incident.id}` });
  });

  it('opens from a hot topic with all its posts and its keywords', async () => {
    const ids = await ingestAgo(t, [
      { title: '翠湖花园捆绑销售车位', body: PARKING, hoursAgo: 30 },
      {
        title: '投诉翠湖花园强制买车位',
        body: '翠湖花园开发商强制业主捆绑购买车位。',
        hoursAgo: 20,
      },
      { title: '翠湖花园车位捆绑合法吗', body: '买房必须买车位，这合法吗？', hoursAgo: 10 },
    ]);
    const topicId = await topicOver(t, ids, '翠湖花园捆绑销售车位', ['翠湖', '车位', '捆绑']);
    const res = await monitor.request('POST', '/api/incidents', {
      title: '翠湖花园捆绑销售车位',
      level: 'general',
      ownerId: monitorUser.id,
      topicId,
    });
    expect(res.statusCode).toBe(201);
    const incident = res.json<IncidentDetail>();
    expect(incident.topic).toEqual({ id: topicId, label: '翠湖花园捆绑销售车位' });
    expect(incident.keywords).toEqual(['翠湖', '车位', '捆绑']);
    expect(incident.postCount).toBe(3);
    const posts = (await monitor.request('GET', `/api/incidents/${incident.id}/posts`)).json<{
      items: LinkedPost[];
    }>();
    expect(posts.items.map((p) => p.id).sort()).toEqual([...ids].sort());
    expect(posts.items.every((p) => p.how === 'opened')).toBe(true);
    // A post joining the topic later is suggested for it.
    t.clock.advance(HOUR);
    const [later] = await ingestAgo(t, [
      { title: '开发商回应了吗', body: '售楼处至今没有说法，业主还在等。', hoursAgo: 0 },
    ]);
    await t.ctx.db
      .updateTable('posts')
      .set({ topic_id: topicId })
      .where('id', '=', later ?? 0)
      .execute();
    const suggested = (
      await monitor.request('GET', `/api/incidents/${incident.id}/suggestions`)
    ).json<{ items: SuggestedPost[] }>();
    expect(suggested.items.map((i) => [i.id, i.reasons])).toEqual([[later, ['topic']]]);
    // A second open incident on the same topic is refused.
    const again = await monitor.request('POST', '/api/incidents', {
      title: '重复',
      level: 'general',
      ownerId: monitorUser.id,
      topicId,
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('suggested posts', () => {
  it('suggests new posts of the topic, matching the key words, or near-duplicates', async () => {
    const [first] = await ingestAgo(t, [
      { title: '翠湖花园车库安全隐患', body: GARAGE, hoursAgo: 50 },
    ]);
    if (first === undefined) throw new Error('not stored');
    // An older post with the same words, from before the incident opened: not suggested.
    await ingestAgo(t, [{ title: '翠湖花园车库太暗', body: '翠湖花园车库灯坏了。', hoursAgo: 40 }]);
    const id = await openIncident({
      ctx: t.ctx,
      actor: actorFor(monitorUser),
      input: {
        title: '翠湖花园车库安全隐患',
        level: 'general',
        ownerId: monitorUser.id,
        postIds: [first],
        keywords: ['翠湖花园', '车库'],
      },
    });
    t.clock.advance(HOUR);
    const [byWords, unrelated, oneWord, copy] = await ingestAgo(t, [
      { title: '翠湖花园车库又有车打滑', body: '今天下雨，车库坡道又有车打滑。', hoursAgo: 0 },
      { title: '柳塘村垃圾清运不及时', body: '垃圾池满了好几天没人清运。', hoursAgo: 0 },
      { title: '翠湖花园绿化不好', body: '小区绿化太少。', hoursAgo: 0 },
      { title: '翠湖花园车库安全隐患', body: `${GARAGE}谢谢`, hoursAgo: 0 },
    ]);
    const copyRow = await t.ctx.db
      .selectFrom('posts')
      .select('duplicate_of')
      .where('id', '=', copy ?? 0)
      .executeTakeFirstOrThrow();
    expect(copyRow.duplicate_of).toBe(first);

    const res = await monitor.request('GET', `/api/incidents/${id}/suggestions`);
    expect(res.statusCode).toBe(200);
    const { items } = res.json<{ items: SuggestedPost[] }>();
    const reasons = new Map(items.map((i) => [i.id, i.reasons]));
    expect(reasons.get(byWords ?? 0)).toEqual(['keywords']);
    expect(reasons.get(copy ?? 0)).toContain('duplicate');
    expect(reasons.has(unrelated ?? 0)).toBe(false);
    expect(reasons.has(oneWord ?? 0)).toBe(false);
    expect(items.every((i) => i.id !== first)).toBe(true);

    let version = (await detail(id)).version;
    const accepted = await monitor.request('POST', `/api/incidents/${id}/suggestions/accept`, {
      version,
      postIds: [byWords],
    });
    expect(accepted.statusCode).toBe(200);
    version = accepted.json<IncidentDetail>().version;
    const dismissed = await monitor.request('POST', `/api/incidents/${id}/suggestions/dismiss`, {
      version,
      postIds: [copy],
    });
    expect(dismissed.statusCode).toBe(200);
    const after = (await monitor.request('GET', `/api/incidents/${id}/suggestions`)).json<{
      items: SuggestedPost[];
    }>();
    expect(after.items.map((i) => i.id)).not.toContain(byWords);
    expect(after.items.map((i) => i.id)).not.toContain(copy);
    const linked = await t.ctx.db
      .selectFrom('incident_posts')
      .select(['post_id', 'how'])
      .where('incident_id', '=', id)
      .orderBy('post_id')
      .execute();
    expect(linked).toEqual([
      { post_id: first, how: 'opened' },
      { post_id: byWords, how: 'suggested-accepted' },
    ]);
    const kinds = dismissed.json<IncidentDetail>().events.map((e) => e.kind);
    expect(kinds).toEqual(['opened', 'suggestions_accepted', 'suggestions_dismissed']);
  });
});

describe('suggested posts written just before the opening', () => {
  it('suggests a post of the same matter from minutes before, not one from days before', async () => {
    const [fire, justBefore, daysBefore] = await ingestAgo(t, [
      { title: '柳塘村仓库着火', body: '柳塘村粮站仓库着火了，浓烟滚滚。', hoursAgo: 0.5 },
      { title: '仓库里有人被困', body: '柳塘村粮站仓库里还有人被困，火太大。', hoursAgo: 0.3 },
      { title: '柳塘村粮站仓库漏雨', body: '柳塘村粮站仓库屋顶漏雨好久了。', hoursAgo: 72 },
    ]);
    t.clock.advance(5 * 60_000); // the duty leader opens the incident five minutes later
    const id = await openIncident({
      ctx: t.ctx,
      actor: actorFor(monitorUser),
      input: {
        title: '柳塘村粮站仓库火灾',
        level: 'serious',
        ownerId: monitorUser.id,
        postIds: [fire ?? 0],
        keywords: ['柳塘村', '粮站', '仓库'],
      },
    });
    const { items } = (await monitor.request('GET', `/api/incidents/${id}/suggestions`)).json<{
      items: SuggestedPost[];
    }>();
    expect(items.map((i) => i.id)).toContain(justBefore);
    expect(items.map((i) => i.id)).not.toContain(daysBefore);
  });
});

describe('openIncident', () => {
  it('needs posts or a topic, and an owner who may work incidents', async () => {
    const actor = actorFor(monitorUser);
    await expect(
      openIncident({
        ctx: t.ctx,
        actor,
        input: { title: '空', level: 'general', ownerId: monitorUser.id },
      }),
    ).rejects.toBeInstanceOf(AppError);
    const [p] = await ingestAgo(t, [{ title: '测试', body: '测试信息' }]);
    const viewerUser = await buildUser(t.ctx, { roles: ['viewer'] });
    await expect(
      openIncident({
        ctx: t.ctx,
        actor,
        input: { title: '测试', level: 'general', ownerId: viewerUser.id, postIds: [p ?? 0] },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('lets the office open one at night and own it, as the 党政办 on duty reports emergencies', async () => {
    const officeUser = await buildUser(t.ctx, { roles: ['office'], name: '赵丽' });
    const [p] = await ingestAgo(t, [{ title: '夜间起火', body: '村里仓库起火了，有人被困' }]);
    const id = await openIncident({
      ctx: t.ctx,
      actor: actorFor(officeUser),
      input: { title: '仓库起火', level: 'major', ownerId: officeUser.id, postIds: [p ?? 0] },
    });
    const owners = (await listOwners(t.ctx.db)).map((o) => o.id);
    expect(owners).toEqual(expect.arrayContaining([officeUser.id, monitorUser.id, leaderA.id]));
    const row = await t.ctx.db
      .selectFrom('incidents')
      .select('owner_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.owner_id).toBe(officeUser.id);
  });
});
