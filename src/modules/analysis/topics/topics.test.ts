import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../../tests/helpers/db.js';
import { ingestPosts, type IncomingPost } from '../../../ingest/ingest-posts.js';
import type { BuiltApp } from '../../../server/app.js';
import { topicAnalyser } from './assign-topics.js';
import type { TopicDetail, TopicSummary } from './topics.schemas.js';

const HOUR = 3_600_000;
let t: TestContext;
let built: BuiltApp;
let monitor: ApiClient;
let now: number;

const QUARTER = 90 * 24;
const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
const ingest = (posts: IncomingPost[]) =>
  ingestPosts(t.ctx, posts, {
    sourceKey: 'test:topics',
    analysers: [topicAnalyser],
    outcomes: true,
  });

const SCHOOL_BODY =
  '请问本市今年小学一年级新生入学报名从什么时候开始？需要准备户口簿、房产证和预防接种证明吗？' +
  '学区划片范围会不会调整？我家住在东城街道幸福小区，孩子今年满六周岁，想提前了解清楚。';

/** posts.topic_id of posts by their external id. */
async function topicsOf(externalIds: string[]): Promise<Map<string, number | null>> {
  const rows = await t.ctx.db
    .selectFrom('posts')
    .select(['external_id', 'topic_id'])
    .where('external_id', 'in', externalIds)
    .execute();
  return new Map(rows.map((r) => [r.external_id as string, r.topic_id]));
}

beforeAll(async () => {
  t = await createTestContext();
  now = t.clock.now().getTime();
  built = await buildTestApp(t.ctx);
  const user = await buildUser(t.ctx, { roles: ['monitor'] });
  monitor = await loginAs(built, user.username, user.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

describe('the topics analyser', () => {
  it('groups a batch by matter and gives every stored post a topic', async () => {
    await ingest([
      {
        externalId: 'p1',
        title: '翠湖花园开发商捆绑销售车位',
        body: '翠湖花园买房必须同时购买车位，捆绑销售，业主不同意就不给签合同。',
        postedAt: at(72),
        likes: 5,
      },
      {
        externalId: 'p2',
        title: '投诉翠湖花园强制捆绑车位',
        body: '翠湖花园开发商强制业主买房时捆绑购买车位，请住建部门查处。',
        postedAt: at(48),
      },
      {
        externalId: 'p3',
        title: '翠湖花园捆绑销售车位合法吗',
        body: '翠湖花园要求购房者捆绑购买车位，否则不卖房，这合法吗？',
        postedAt: at(47),
      },
      {
        externalId: 'n1',
        title: '建设路夜间施工噪音扰民',
        body: '建设路工地每天夜里施工到凌晨两点，噪音很大，居民无法休息。',
        postedAt: at(30),
      },
      {
        externalId: 'n2',
        title: '建设路工地夜间施工噪音太大',
        body: '建设路工地晚上一直施工，噪音扰民，孩子没法睡觉。',
        postedAt: at(26),
      },
      {
        externalId: 's1',
        title: '咨询小学一年级入学报名',
        body: SCHOOL_BODY,
        postedAt: at(40 * 24),
      },
    ]);
    const topics = await topicsOf(['p1', 'p2', 'p3', 'n1', 'n2', 's1']);
    expect(new Set(['p1', 'p2', 'p3'].map((id) => topics.get(id))).size).toBe(1);
    expect(topics.get('n1')).toBe(topics.get('n2'));
    expect(new Set(topics.values()).size).toBe(3);
    expect([...topics.values()].every((id) => typeof id === 'number')).toBe(true);
    const parking = await t.ctx.db
      .selectFrom('topics')
      .selectAll()
      .where('id', '=', topics.get('p1') as number)
      .executeTakeFirstOrThrow();
    expect(parking).toMatchObject({ size: 3, likes: 5, burst_at: null });
    expect(parking.keywords).toEqual(expect.arrayContaining(['车位', '捆绑']));
    expect(parking.label).toMatch(/翠湖花园/);
    expect(parking.first_at.toISOString()).toBe(at(72));
    expect(parking.last_at.toISOString()).toBe(at(47));
    expect(Object.keys(parking.centroid).length).toBeLessThanOrEqual(40);
  });

  it('extends a stored topic from a later batch, and joins a near-duplicate to its original', async () => {
    const before = await topicsOf(['p1', 's1']);
    // The school question was 40 days ago: past any window, only the duplicate link joins it.
    await ingest([
      {
        externalId: 'p4',
        title: '翠湖花园车位捆绑销售谁来管',
        body: '翠湖花园开发商继续捆绑销售车位，业主投诉无门。',
        postedAt: at(1),
      },
      {
        externalId: 's2',
        title: '咨询小学一年级入学报名',
        body: SCHOOL_BODY.replace('六周岁', '6周岁'),
        postedAt: at(2),
      },
    ]);
    const after = await topicsOf(['p4', 's2']);
    expect(after.get('p4')).toBe(before.get('p1'));
    const dup = await t.ctx.db
      .selectFrom('posts')
      .select(['duplicate_of'])
      .where('external_id', '=', 's2')
      .executeTakeFirstOrThrow();
    expect(dup.duplicate_of).not.toBeNull();
    expect(after.get('s2')).toBe(before.get('s1'));
    const school = await t.ctx.db
      .selectFrom('topics')
      .select(['size', 'last_at'])
      .where('id', '=', before.get('s1') as number)
      .executeTakeFirstOrThrow();
    expect(school.size).toBe(2);
    expect(school.last_at.toISOString()).toBe(at(2));
  });

  it('marks a topic that appears out of nowhere with many posts in a day as a burst', async () => {
    await ingest(
      [20, 15, 10, 6, 3, 0.5].map((h, i) => ({
        externalId: `l${i}`,
        title: `滨江路路灯全部不亮${i + 1}`,
        body: `滨江路一段的路灯晚上全部不亮，行人和电动车都很危险，请尽快维修。第${i + 1}次反映。`,
        postedAt: at(h),
      })),
    );
    const ids = await topicsOf(['l0', 'l5']);
    expect(ids.get('l0')).toBe(ids.get('l5'));
    const lamp = await t.ctx.db
      .selectFrom('topics')
      .select(['size', 'burst_at', 'burst_ratio'])
      .where('id', '=', ids.get('l0') as number)
      .executeTakeFirstOrThrow();
    expect(lamp.size).toBe(6);
    expect(lamp.burst_at?.toISOString()).toBe(at(0.5));
    // Six in a day against a smoothed one in the week before: 6 / (1/7).
    expect(lamp.burst_ratio).toBe(42);
  });

  it('makes one topic when two ingests of the same matter run at once', async () => {
    const bus = (id: string, h: number): IncomingPost => ({
      externalId: id,
      title: '805路公交车改道后站点太远',
      body: `805路公交车改道走木莲中路后，原来的站点取消了，居民要多走一公里。编号${id}`,
      postedAt: at(h),
    });
    await Promise.all([ingest([bus('b1', 5), bus('b2', 4)]), ingest([bus('b3', 3), bus('b4', 2)])]);
    const ids = await topicsOf(['b1', 'b2', 'b3', 'b4']);
    expect(new Set(ids.values()).size).toBe(1);
    const unassigned = await t.ctx.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('topic_id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(unassigned.n)).toBe(0);
  });
});

describe('merging stored topics', () => {
  it('moves the posts, incidents and briefs of a topic absorbed by another and deletes it', async () => {
    const vendor = (id: string, days: number): IncomingPost => ({
      externalId: id,
      title: `东湖公园门口占道经营${id}`,
      body: `东湖公园南门门口每天晚上都有流动摊贩占道经营，堵塞人行道，垃圾遍地，请城管处理。${id}`,
      postedAt: at(days * 24),
    });
    // Twelve days apart: two topics, each stored.
    await ingest([vendor('v1', 30)]);
    await ingest([vendor('v2', 18)]);
    const apart = await topicsOf(['v1', 'v2']);
    expect(apart.get('v1')).not.toBe(apart.get('v2'));
    // An incident opened and a brief written from each topic.
    const owner = await buildUser(t.ctx, { roles: ['monitor'] });
    const made = t.clock.now();
    const topicIds = [apart.get('v1') as number, apart.get('v2') as number];
    const incidents = await t.ctx.db
      .insertInto('incidents')
      .values(
        topicIds.map((topicId, n) => ({
          title: `东湖公园占道经营${n}`,
          level: 'general' as const,
          owner_id: owner.id,
          opened_at: made,
          updated_at: made,
          topic_id: topicId,
        })),
      )
      .returning('id')
      .execute();
    const briefs = await t.ctx.db
      .insertInto('info_briefs')
      .values(
        topicIds.map((topicId, n) => ({
          title: `东湖公园占道经营${n}`,
          body: '东湖公园南门晚间占道经营，群众反映较多。',
          source_kind: 'topic' as const,
          source_id: topicId,
          author_id: owner.id,
          created_at: made,
          updated_at: made,
        })),
      )
      .returning('id')
      .execute();
    // A topic merged away earlier into what will be absorbed now: its link must follow along.
    const absorbedEarlier = 900_000 + (topicIds[1] as number);
    await t.ctx.db
      .insertInto('topic_merges')
      .values(
        topicIds.map((topicId, n) => ({
          absorbed_id: absorbedEarlier + n,
          survivor_id: topicId,
          merged_at: made,
        })),
      )
      .execute();
    // A post between them joins one and brings the other close enough to merge.
    await ingest([vendor('v3', 24)]);
    const merged = await topicsOf(['v1', 'v2', 'v3']);
    expect(new Set(merged.values()).size).toBe(1);
    const survivor = merged.get('v1') as number;
    const rows = await t.ctx.db
      .selectFrom('topics')
      .select(['id', 'size'])
      .where('id', 'in', [apart.get('v1') as number, apart.get('v2') as number])
      .execute();
    expect(rows).toEqual([{ id: survivor, size: 3 }]);
    const linked = await t.ctx.db
      .selectFrom('incidents')
      .select('topic_id')
      .where(
        'id',
        'in',
        incidents.map((i) => i.id),
      )
      .execute();
    expect(linked.map((r) => r.topic_id)).toEqual([survivor, survivor]);
    const sources = await t.ctx.db
      .selectFrom('info_briefs')
      .select('source_id')
      .where(
        'id',
        'in',
        briefs.map((b) => b.id),
      )
      .execute();
    expect(sources.map((r) => r.source_id)).toEqual([survivor, survivor]);
    // Links to the absorbed topic, and to those merged into it before, lead to the survivor.
    const absorbed = topicIds.find((id) => id !== survivor) as number;
    const merges = await t.ctx.db
      .selectFrom('topic_merges')
      .select(['absorbed_id', 'survivor_id'])
      .orderBy('absorbed_id')
      .execute();
    expect(merges.map((m) => [Number(m.absorbed_id), Number(m.survivor_id)])).toEqual(
      [absorbed, absorbedEarlier, absorbedEarlier + 1]
        .sort((a, b) => a - b)
        .map((id) => [id, survivor]),
    );
    for (const id of [absorbed, absorbedEarlier + topicIds.indexOf(absorbed)]) {
      const res = await monitor.request('GET', `/api/topics/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'TOPIC_MERGED', mergedInto: survivor } });
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(
        /^该话题已并入话题「东湖公园门口占道经营v\d」$/,
      );
    }
    const gone = await monitor.request('GET', `/api/topics/${absorbedEarlier + 5}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toEqual({ error: { code: 'NOT_FOUND', message: '话题不存在' } });
  });
});

describe('GET /api/topics', () => {
  it('lists topics of two posts or more, hottest now first', async () => {
    const res = await monitor.request('GET', '/api/topics');
    expect(res.statusCode).toBe(200);
    const page = res.json<{ items: TopicSummary[]; total: number }>();
    expect(page.total).toBe(6);
    expect(page.items.every((i) => i.size >= 2)).toBe(true);
    const heats = page.items.map((i) => i.heat);
    expect([...heats].sort((a, b) => b - a)).toEqual(heats);
    // Six posts of the last day outweigh four of the last three days.
    expect(page.items[0]?.label).toMatch(/滨江路/);
    const big = await monitor.request('GET', '/api/topics?minSize=4&pageSize=2&page=2');
    expect(big.json<{ total: number; items: TopicSummary[] }>()).toMatchObject({ total: 3 });
    expect(big.json<{ items: TopicSummary[] }>().items).toHaveLength(1);
  });

  it('filters by time range and bursts', async () => {
    const recent = (
      await monitor.request('GET', `/api/topics?from=${encodeURIComponent(at(12))}`)
    ).json<{ items: TopicSummary[] }>();
    // Parking (a post an hour ago), lamps, buses and the revived school question.
    expect(recent.items).toHaveLength(4);
    expect(recent.items.some((i) => /建设路/.test(i.label))).toBe(false);
    const bursts = (await monitor.request('GET', '/api/topics?burst=true')).json<{
      items: TopicSummary[];
    }>();
    expect(bursts.items).toHaveLength(1);
    expect(bursts.items[0]).toMatchObject({ burstRatio: 42, size: 6 });
    const none = (
      await monitor.request('GET', `/api/topics?burst=true&to=${encodeURIComponent(at(24))}`)
    ).json<{ items: unknown[] }>();
    expect(none.items).toHaveLength(0);
  });

  it('shows a topic with its volume per day and its posts, newest first', async () => {
    const list = (await monitor.request('GET', '/api/topics')).json<{ items: TopicSummary[] }>();
    const parking = list.items.find((i) => /翠湖花园/.test(i.label));
    if (!parking) throw new Error('no parking topic');
    const res = await monitor.request('GET', `/api/topics/${parking.id}?pageSize=3`);
    expect(res.statusCode).toBe(200);
    const detail = res.json<TopicDetail>();
    expect(detail).toMatchObject({ size: 4, likes: 5 });
    expect(detail.keywords).toEqual(expect.arrayContaining(['车位']));
    // 72 h ago to 1 h ago, in Shanghai days: every day present, the counts adding up.
    expect(detail.volume.map((v) => v.day)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
    ]);
    expect(detail.volume.reduce((s, v) => s + v.posts, 0)).toBe(4);
    expect(detail.posts.total).toBe(4);
    expect(detail.posts.items).toHaveLength(3);
    const times = detail.posts.items.map((p) => p.postedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(detail.representativePostId).not.toBeNull();
    expect((await monitor.request('GET', '/api/topics/999999')).statusCode).toBe(404);
  });

  it('is not for liaisons', async () => {
    const user = await buildUser(t.ctx, { roles: ['liaison'] });
    const liaison = await loginAs(built, user.username, user.password);
    expect((await liaison.request('GET', '/api/topics')).statusCode).toBe(403);
  });
});

// After the listing tests, which count the topics of the batches above.
describe('topics in a township', () => {
  it('keeps apart different matters in one village of the jurisdiction', async () => {
    await t.ctx.db
      .insertInto('jurisdiction_terms')
      .values({ term: '桂花社区', kind: 'place', created_at: t.clock.now() })
      .execute();
    // A quarter ago: no topic of the tests above is active then (the one on 建设路's noise took
    // these posts in on some runs).
    await ingest([
      {
        externalId: 'gh1',
        title: '桂花社区工地夜里施工太吵',
        body: '桂花社区东边的工地每天晚上十一点以后还在打桩，噪音扰民，老人孩子都睡不好。',
        postedAt: at(QUARTER + 30),
      },
      {
        externalId: 'gh2',
        title: '桂花社区停水没有提前通知',
        body: '今天上午桂花社区突然停水，也没看到任何通知，希望以后停水能提前说一声。',
        postedAt: at(QUARTER + 28),
      },
      {
        externalId: 'gh3',
        title: '桂花社区流浪狗伤人',
        body: '桂花社区小广场附近有几条流浪狗，前天有小孩被追咬，请有关部门尽快处理。',
        postedAt: at(QUARTER + 26),
      },
      {
        externalId: 'gh4',
        title: '桂花社区夜间施工噪音扰民',
        body: '桂花社区东侧工地连续多晚施工到凌晨，老人孩子休息不好，请相关部门管一管。',
        postedAt: at(QUARTER + 24),
      },
    ]);
    const ids = await topicsOf(['gh1', 'gh2', 'gh3', 'gh4']);
    // The village's name, in every title, used to outweigh what each post is about.
    expect(ids.get('gh4')).toBe(ids.get('gh1'));
    expect(new Set([ids.get('gh1'), ids.get('gh2'), ids.get('gh3')]).size).toBe(3);
  });
});

describe('a sudden event in the township', () => {
  // Half a year ago: no topic of the tests above is active then. 23:00 on the township's clock.
  const NIGHT = 2 * QUARTER + 24;
  const minutes = (m: number) => new Date(now - NIGHT * HOUR + m * 60_000).toISOString();
  const fire = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11'];
  const live = async (posts: [id: string, minute: number, body: string][]) => {
    // As a live source brings them: one post at a time, in the order they were written.
    for (const [externalId, minute, body] of posts)
      await ingest([{ externalId, title: null, body, postedAt: minutes(minute) }]);
  };

  it('puts the short posts on one fire in one topic, apart from other matters that night', async () => {
    await t.ctx.db
      .insertInto('jurisdiction_terms')
      .values(
        ['青石村', '柳塘村'].map((term) => ({ term, kind: 'place', created_at: t.clock.now() })),
      )
      .execute();
    await live([
      ['w1', -130, '青石村停水一整天了，到现在也没来水，什么时候能恢复供水？'],
      ['f1', 31, '青石村菜市场着火了，浓烟很大'],
      ['f2', 32, '集市那边起火了有人被困吗'],
      ['f3', 33, '消防车来了三辆 http://img.example.cn/p/1.jpg'],
      ['f4', 35, '菜市场的火好大，浓烟飘到学校那边了 http://img.example.cn/p/2.jpg'],
      ['f5', 36, '青石村菜市场起火，二楼还有人被困，赶紧打119'],
      ['f6', 39, '路过青石村，市场那边全是烟，消防在灭火'],
      ['w2', 41, '青石村还是停水，晚上做饭洗澡都没水，供水站电话也打不通'],
      ['w3', 42, '青石村菜市场旁边的小区也停水了，晚上没法洗澡'],
      ['f7', 44, '现场视频 http://v.example.cn/v/88 菜市场大火'],
      ['f8', 50, '消防员在救人，被困的人救出来两个了'],
      ['f9', 58, '菜市场东头的摊位都烧毁了'],
      ['f10', 70, '火势控制住了，青石村菜市场还在冒烟'],
      ['f11', 80, '听说菜市场起火是电线老化引起的'],
      // Another fire, in another village, the same night.
      ['g1', 130, '柳塘村养殖场着火了，火很大'],
      ['g2', 133, '柳塘村那边也起火了，是养猪场，浓烟很大'],
      ['g3', 138, '又一处着火，柳塘村养殖场，消防车正在赶过去'],
    ]);
    const ids = await topicsOf(['w1', 'w2', 'w3', 'g1', 'g2', 'g3', ...fire]);
    const market = ids.get('f1');
    expect(fire.map((id) => [id, ids.get(id)])).toEqual(fire.map((id) => [id, market]));
    // The water cut in the same village that evening is no part of it, even next to the market.
    for (const w of ['w1', 'w2', 'w3']) expect([w, ids.get(w)]).not.toEqual([w, market]);
    // So is the fire in 柳塘村, whose posts read much like the market's.
    expect(ids.get('g2')).toBe(ids.get('g1'));
    expect(ids.get('g3')).toBe(ids.get('g1'));
    expect(ids.get('g1')).not.toBe(market);
    expect(['w1', 'w2', 'w3'].map((w) => ids.get(w))).not.toContain(ids.get('g1'));
    const topic = await t.ctx.db
      .selectFrom('topics')
      .select(['size', 'keywords'])
      .where('id', '=', market as number)
      .executeTakeFirstOrThrow();
    expect(topic.size).toBe(fire.length);
    expect(topic.keywords).toEqual(expect.arrayContaining(['菜市场']));
  });
});
