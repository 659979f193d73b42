import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { ingestPosts } from '../../ingest/ingest-posts.js';
import { searchPosts } from '../posts/posts.queries.js';
import type { Actor } from '../access/actor.js';
import { assignCase } from '../cases/assign-case.js';
import { registerCase } from '../cases/register-case.js';
import { caseAnalysis } from './case-analysis.js';
import { requestRetrain } from './categories/category-models.js';
import {
  confirmPostCategory,
  createCategory,
  listCategories,
  updateCategory,
} from './categories/categories.js';
import { queueRetrain, runQueuedRetrain } from './categories/retrain.js';
import { analyseBacklogChunk } from './post-analysis/analyse-stored.js';

let t: TestContext;
let admin: Actor;
let monitor: Actor;
let leader: Actor;
let liaison: Actor;
let construction: { id: number; name: string };
let qingshi: { id: number; name: string };

beforeAll(async () => {
  t = await createTestContext();
  construction = await buildUnit(t.ctx, { name: '城建办' });
  qingshi = await buildUnit(t.ctx, { name: '青石村委会', type: 'community' });
  const other = await buildUnit(t.ctx, { name: '社会事务办' });
  admin = actorFor(await buildUser(t.ctx, { roles: ['admin'] }));
  monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
  leader = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));
  liaison = actorFor(await buildUser(t.ctx, { roles: ['liaison'], unitId: other.id }), [other.id]);
});
afterAll(() => t.close());

const post = (id: number) =>
  t.ctx.db
    .selectFrom('posts as p')
    .leftJoin('categories as c', 'c.id', 'p.category_id')
    .select([
      'c.name as category',
      'p.category_confidence',
      'p.urgent',
      'p.urgency',
      'p.analysed_at',
      'p.sentiment',
    ])
    .where('p.id', '=', id)
    .executeTakeFirstOrThrow();

async function ingest(title: string, body: string): Promise<number> {
  const report = await ingestPosts(t.ctx, [{ title, body }], {
    sourceKey: 'test:analysis',
    outcomes: true,
  });
  const outcome = report.outcomes?.[0];
  if (!outcome || !('postId' in outcome)) throw new Error(`not stored: ${JSON.stringify(outcome)}`);
  return outcome.postId;
}

describe('analysis in the pipeline', () => {
  it('gives every stored post a category with its confidence, and urgency with its words', async () => {
    const school = await ingest(
      '学校收费',
      '中心学校以补课名义向学生收取资料费，每学期五百元，家长意见很大，请教育部门查处',
    );
    const fire = await ingest(
      '仓库起火',
      '河口村一处废品仓库起火了，浓烟很大，旁边就是民房，请马上派人',
    );
    const s = await post(school);
    expect(s.category).toBe('教育文体');
    expect(s.category_confidence).toBeGreaterThan(0.35);
    expect(s.urgent).toBe(false);
    expect(s.analysed_at).not.toBeNull();
    expect(s.sentiment).toBe('negative');
    const f = await post(fire);
    expect(f.urgent).toBe(true);
    const signals = (typeof f.urgency === 'string' ? JSON.parse(f.urgency) : f.urgency) as {
      kind: string;
      words: string[];
    }[];
    expect(signals.find((x) => x.kind === 'fire')?.words).toContain('起火');
  });

  it('shows each post with its analysis in 舆情信息, the urgency words included', async () => {
    const id = await ingest(
      '工地拖欠工资，快过年了',
      '我们在工业园工地干了五个月，包工头一直拖欠工资不给。马上过年了，家里等着钱用，请镇里帮帮我们',
    );
    const { items } = await searchPosts(t.ctx.db, { relevant: 'all', pageSize: 100 });
    const shown = items.find((p) => p.id === id);
    expect(shown).toMatchObject({
      category: '劳动和社会保障',
      sentiment: 'negative',
      urgent: true,
      signals: [{ label: '欠薪', urgent: true }],
    });
    expect(shown?.signals[0]?.words).toEqual(expect.arrayContaining(['拖欠工资', '快过年']));
    const school = items.find((p) => p.title === '学校收费');
    expect(school).toMatchObject({ category: '教育文体', urgent: false, signals: [] });
  });

  it('analyses posts stored before analysis existed, in chunks', async () => {
    const row = await t.ctx.db
      .insertInto('posts')
      .values({
        source: '旧数据',
        posted_at: t.clock.now(),
        title: '路面塌陷',
        body: '新街主路路面塌陷出一个大坑，车辆绕行',
        created_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await post(row.id)).analysed_at).toBeNull();
    while (await analyseBacklogChunk(t.ctx));
    const p = await post(row.id);
    expect(p.analysed_at).not.toBeNull();
    expect(p.category).not.toBeNull();
  });
});

describe('categories', () => {
  it('can be renamed, keeping the posts the model gives them, and 其他 cannot be turned off', async () => {
    const cats = await listCategories(t.ctx);
    const edu = cats.find((c) => c.name === '教育文体');
    const other = cats.find((c) => c.name === '其他');
    if (!edu || !other) throw new Error('seeded categories missing');
    await updateCategory(t.ctx, admin, edu.id, { name: '教育体育' });
    const id = await ingest(
      '学校食堂',
      '中心学校食堂饭菜不卫生，学生吃了拉肚子，请教育部门检查学校食堂',
    );
    expect((await post(id)).category).toBe('教育体育');
    await expect(updateCategory(t.ctx, admin, other.id, { active: false })).rejects.toThrow(
      '不能停用',
    );
    await expect(createCategory(t.ctx, admin, { name: '教育体育' })).rejects.toThrow('已有名为');
    await expect(createCategory(t.ctx, monitor, { name: '农业农村' })).rejects.toThrow();
    await updateCategory(t.ctx, admin, edu.id, { name: '教育文体' });
  });

  it('retrains on confirmed labels: a new category is learnt, the run is queued once', async () => {
    const farm = await createCategory(t.ctx, admin, { name: '农业农村' });
    const texts = [
      '村里水稻田灌溉渠堵塞，秧苗缺水，请农业站派人疏通灌溉渠',
      '玉米种子发芽率很低，怀疑种子质量有问题，请农业部门检测种子',
      '果园柑橘树大面积黄叶病，请农技站派技术员指导防治',
      '养殖场生猪补贴迟迟没有发放，请畜牧站核实补贴',
      '农机购置补贴申请三个月没有结果，请农业农村部门答复',
      '水稻病虫害严重，农药喷洒无效，希望农技站下乡指导',
      '茶园采茶季缺少采茶工，希望农业部门帮助联系劳务',
      '村里的鱼塘因为上游排水死鱼，请农业部门来看看渔业损失',
      '高标准农田建设后田埂垮塌，灌溉沟渠不通水',
      '蔬菜大棚被大风吹坏，请农业保险尽快理赔',
      '小麦收割机进不了田，机耕路太窄，请修整机耕路',
      '耕地抛荒严重，希望村里组织流转土地种粮',
    ];
    for (const [i, body] of texts.entries()) {
      const id = await ingest(`农业${i}`, body);
      await confirmPostCategory(t.ctx, monitor, id, farm.id);
    }
    expect((await listCategories(t.ctx)).find((c) => c.id === farm.id)?.confirmed).toBe(12);
    const run = await requestRetrain(t.ctx, admin);
    expect(run.status).toBe('queued');
    await expect(requestRetrain(t.ctx, admin)).rejects.toThrow('排队或进行中');
    expect(await queueRetrain(t.ctx, 'schedule', null)).toBeNull();
    const result = await runQueuedRetrain(t.ctx);
    expect(result).toMatchObject({ status: 'ok', samples: 12 });
    const probe = await ingest('农技指导', '请农技站派人来指导水稻病虫害防治，灌溉渠也要疏通');
    expect((await post(probe)).category).toBe('农业农村');
    expect(await runQueuedRetrain(t.ctx)).toBeNull();
  });

  it('refuses to change the category of an archived case, and records nothing', async () => {
    const [category] = await listCategories(t.ctx);
    const { id: caseId } = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: {
        post: { source: '县长信箱', postedAt: t.clock.now().toISOString(), body: '归档前' },
      },
    });
    const { post_id: postId } = await t.ctx.db
      .selectFrom('cases')
      .select('post_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    // The workflow to the archive is tested elsewhere; here only the state matters.
    await t.ctx.db
      .updateTable('cases')
      .set({ state: 'archived' })
      .where('id', '=', caseId)
      .execute();
    const audits = () =>
      t.ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'post.category')
        .where('entity_id', '=', String(postId))
        .execute();
    const before = (await audits()).length;
    await expect(confirmPostCategory(t.ctx, monitor, postId, category!.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已归档') as unknown,
    });
    expect(await audits()).toHaveLength(before);
    const row = await t.ctx.db
      .selectFrom('posts')
      .select('category_confirmed_by')
      .where('id', '=', postId)
      .executeTakeFirstOrThrow();
    expect(row.category_confirmed_by).toBeNull();
  });

  it('refuses a retraining with too few confirmed posts, recording why', async () => {
    const t2 = await createTestContext();
    try {
      const admin2 = actorFor(await buildUser(t2.ctx, { roles: ['admin'] }));
      await expect(requestRetrain(t2.ctx, admin2)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('只有 0 条，至少需要 10 条') as unknown,
      });
      expect(
        await t2.ctx.db.selectFrom('category_models').select('id').where('id', '>', 0).execute(),
      ).toHaveLength(0);
      const id = await queueRetrain(t2.ctx, 'manual', null);
      expect(id).not.toBeNull();
      const result = await runQueuedRetrain(t2.ctx);
      expect(result?.status).toBe('failed');
      expect(result?.error).toContain('至少需要 10 条');
    } finally {
      await t2.close();
    }
  });
});

describe('routing suggestions and urgency on a case', () => {
  it('suggests the village named in the text and the unit of similar past cases, with reasons', async () => {
    const register = async (title: string, body: string) =>
      (
        await registerCase({
          ctx: t.ctx,
          actor: monitor,
          input: {
            post: { source: '县长信箱', postedAt: t.clock.now().toISOString(), title, body },
          },
        })
      ).id;
    const past = await register('路灯不亮', '新街路口路灯坏了一个月，晚上漆黑一片，行人摔倒');
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id: past,
      input: {
        instruction: '请城建办核实维修',
        leadUnitId: construction.id,
        coUnitIds: [],
        version: 1,
      },
    });
    const current = await register(
      '路灯坏了',
      '青石村村口的路灯坏了好几天，晚上出行很不安全，请修一下路灯',
    );
    const a = await caseAnalysis(t.ctx, leader, current);
    const names = a.suggestions.map((s) => s.unitName);
    expect(names).toContain('青石村委会');
    expect(names).toContain('城建办');
    expect(a.suggestions.find((s) => s.unitName === '青石村委会')?.reasons.join()).toContain(
      '青石村',
    );
    expect(a.suggestions.find((s) => s.unitName === '城建办')?.reasons.join()).toContain(
      '相似办件',
    );
    expect(a.category?.name).toBeTruthy();
    expect(qingshi.id).toBe(a.suggestions.find((s) => s.unitName === '青石村委会')?.unitId);

    const monitorView = await caseAnalysis(t.ctx, monitor, current);
    expect(monitorView.suggestions).toEqual([]);
    await expect(caseAnalysis(t.ctx, liaison, current)).rejects.toThrow('不存在');
  });

  it('proposes 紧急 for a post with an urgent signal', async () => {
    const { id } = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: {
        post: {
          source: '县长信箱',
          postedAt: t.clock.now().toISOString(),
          title: '煤气泄漏',
          body: '柳塘村一户人家煤气泄漏，闻到很大的气味，老人还在屋里',
        },
      },
    });
    const a = await caseAnalysis(t.ctx, leader, id);
    expect(a.urgent).toBe(true);
    expect(a.signals.some((s) => s.urgent && s.words.length > 0)).toBe(true);
  });
});

describe('urgent posts', () => {
  const notices = () =>
    t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'body', 'link'])
      .where('kind', '=', 'post.urgent')
      .orderBy('id')
      .execute();

  it('are told at once to the monitors and leaders, with their words, when new and about the jurisdiction', async () => {
    await t.ctx.db
      .insertInto('jurisdiction_terms')
      .values({ term: '柳溪村', kind: 'place', created_at: t.clock.now() })
      .execute();
    const now = t.clock.now().getTime();
    const before = (await notices()).length;
    await ingestPosts(
      t.ctx,
      [
        {
          title: '柳溪村仓库起火',
          body: '柳溪村东头一处废品仓库起火了，浓烟很大，旁边就是民房，请马上派人。',
          postedAt: new Date(now - 3_600_000).toISOString(),
        },
        { title: '柳溪村路灯不亮', body: '柳溪村村口的路灯坏了一个星期了。' },
        { title: '外地仓库起火', body: '外省某地一处仓库起火了，浓烟很大。' },
        {
          title: '柳溪村去年的火灾',
          body: '柳溪村去年冬天有一处柴房起火，浓烟很大，现在想问问赔偿的事。',
          postedAt: new Date(now - 10 * 24 * 3_600_000).toISOString(),
        },
      ],
      { sourceKey: 'test:urgent' },
    );
    const told = (await notices()).slice(before);
    expect(told.map((n) => n.user_id).sort()).toEqual([monitor.id, leader.id].sort());
    for (const n of told) {
      expect(n.title).toBe('【紧急信号·火灾】柳溪村仓库起火');
      expect(n.body).toContain('触发词：起火、浓烟');
      // The hot topic of the post, where the others about it gather and an incident is opened.
      expect(n.link).toMatch(/^\/monitoring\/topics\/\d+$/);
    }

    // The same fire reported again is a near-duplicate: its original already told.
    await ingestPosts(
      t.ctx,
      [
        {
          title: '柳溪村仓库起火了',
          body: '柳溪村东头一处废品仓库起火了，浓烟很大，旁边就是民房，请马上派人！',
        },
      ],
      { sourceKey: 'test:urgent-again' },
    );
    expect(await notices()).toHaveLength(before + 2);
  });

  it('tell at most five matters of a batch one by one, and the rest in one more message', async () => {
    const before = (await notices()).length;
    await ingestPosts(
      t.ctx,
      [
        ['柳溪村化工厂爆炸', '柳溪村西边化工厂刚才爆炸了，窗户都震碎了。'],
        ['柳溪村小区燃气泄漏', '柳溪村幸福小区三栋燃气泄漏，整栋楼都是味道。'],
        ['柳溪村石桥坍塌', '柳溪村村口的石桥坍塌了，有辆货车掉下去了。'],
        ['柳溪村有人要跳楼', '柳溪村有个工人爬上塔吊说不想活了要跳楼。'],
        ['柳溪村后山山洪', '柳溪村后山突发山洪，河水暴涨冲到路上。'],
        ['柳溪村学生溺水', '柳溪村水库有两个学生溺水了，正在打捞。'],
        ['柳溪村村民堵路', '柳溪村几十个村民集体堵路上访，要求征地补偿。'],
      ].map(([title, body]) => ({ title, body: body ?? '' })),
      { sourceKey: 'test:urgent-many' },
    );
    const told = (await notices()).slice(before).filter((n) => n.user_id === monitor.id);
    expect(told).toHaveLength(6);
    expect(told[5]?.title).toBe('【紧急信号】另有 2 个事项的新信息含紧急信号');
  });

  it('reach whoever the duty roster has on watch at night, office staff included, and name them', async () => {
    // 23:40 in Asia/Shanghai: the night shift (20:00–08:00) is on, the day shift is not.
    t.clock.set('2026-11-27T15:40:00.000Z');
    const night = await buildUser(t.ctx, { roles: ['office'], name: '夜班赵丽' });
    const day = await buildUser(t.ctx, { roles: ['office'], name: '白班钱进' });
    const now = t.clock.now();
    const period = await t.ctx.db
      .insertInto('watch_periods')
      .values({
        name: '会期值班',
        kind: 'meeting',
        starts_on: '2026-11-27',
        ends_on: '2026-11-28',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('watch_duties')
      .values([
        {
          period_id: period.id,
          user_id: night.id,
          starts_at: new Date('2026-11-27T12:00:00.000Z'),
          ends_at: new Date('2026-11-28T00:00:00.000Z'),
        },
        {
          period_id: period.id,
          user_id: day.id,
          starts_at: new Date('2026-11-28T00:00:00.000Z'),
          ends_at: new Date('2026-11-28T12:00:00.000Z'),
        },
      ])
      .execute();
    const before = (await notices()).length;
    await ingestPosts(
      t.ctx,
      [{ title: '柳溪村砖厂着火', body: '柳溪村砖厂的工棚着火了，火光冲天，工人宿舍就在旁边。' }],
      { sourceKey: 'test:urgent-night' },
    );
    const told = (await notices()).slice(before);
    expect(told.map((n) => n.user_id).sort()).toEqual([monitor.id, leader.id, night.id].sort());
    expect(told[0]?.body).toContain('当前值班：夜班赵丽');
  });

  it('make one message per matter: a batch on one fire is one, and later posts only for a new signal', async () => {
    t.clock.set('2026-11-27T15:50:00.000Z');
    const before = (await notices()).length;
    const told = async () =>
      (await notices()).slice(before).filter((n) => n.user_id === monitor.id);
    const first = await ingestPosts(
      t.ctx,
      [
        { title: '柳溪村农贸市场着火了', body: '柳溪村农贸市场东区着火了，浓烟滚滚，消防车刚到。' },
        {
          title: '农贸市场起火',
          body: '柳溪村农贸市场东区起火，浓烟滚滚，好多人在围观，消防车来了。',
        },
        { title: '市场火灾', body: '柳溪村农贸市场东区的摊位着火，浓烟滚滚，消防车已经到了。' },
      ],
      { sourceKey: 'test:urgent-market', outcomes: true },
    );
    const ids = (first.outcomes ?? []).flatMap((o) => ('postId' in o ? [o.postId] : []));
    const topics = await t.ctx.db
      .selectFrom('posts')
      .select('topic_id')
      .where('id', 'in', ids)
      .execute();
    expect(new Set(topics.map((r) => r.topic_id)).size).toBe(1);
    expect(await told()).toHaveLength(1);
    expect((await told())[0]?.body).toContain('同一事项本次新收集 3 条');
    expect((await told())[0]?.body).toContain('同一事项：农贸市场起火');
    expect((await told())[0]?.link).toBe(`/monitoring/topics/${topics[0]?.topic_id}`);

    t.clock.advance(10 * 60_000);
    await ingestPosts(
      t.ctx,
      [{ title: '农贸市场大火', body: '柳溪村农贸市场东区大火还在烧，浓烟滚滚，消防车在灭火。' }],
      { sourceKey: 'test:urgent-market-2' },
    );
    expect(await told()).toHaveLength(1);

    t.clock.advance(10 * 60_000);
    await ingestPosts(
      t.ctx,
      [
        {
          title: '农贸市场有人被困',
          body: '柳溪村农贸市场东区着火，浓烟滚滚，二楼还有人被困，消防在救。',
        },
      ],
      { sourceKey: 'test:urgent-market-3' },
    );
    const after = await told();
    expect(after).toHaveLength(2);
    expect(after[1]?.body).toContain('新出现：');

    // The brick works that burnt ten minutes before in the same village is another fire: its own
    // topic, its own notice (the market's did not go untold for it, nor it for the market's).
    const bricks = await t.ctx.db
      .selectFrom('posts')
      .select('topic_id')
      .where('title', '=', '柳溪村砖厂着火')
      .executeTakeFirstOrThrow();
    expect(bricks.topic_id).not.toBe(topics[0]?.topic_id);
    const all = await notices();
    expect(all.filter((n) => n.link === `/monitoring/topics/${bricks.topic_id}`)).not.toEqual([]);
  });

  it('page once per sudden event however few words its short posts share, and count the later ones in the notice', async () => {
    // Half past midnight: a third fire in 柳溪村 that night, at a third site.
    t.clock.set('2026-11-27T16:30:00.000Z');
    const before = (await notices()).length;
    const told = async () =>
      (await notices()).slice(before).filter((n) => n.user_id === monitor.id);
    const live = async (title: string, body: string) => {
      await ingestPosts(t.ctx, [{ title, body }], { sourceKey: `test:urgent-estate-${title}` });
      t.clock.advance(60_000);
    };
    await live('幸福小区着火', '柳溪村幸福小区着火了，火很大');
    expect(await told()).toHaveLength(1);
    await live('又着火了', '柳溪村那边又起火了，浓烟好大');
    await live('小区里', '柳溪村小区楼下全是烟，着火了');
    await live('三栋', '柳溪村幸福小区三栋起火了，火光冲天');
    const estate = await t.ctx.db
      .selectFrom('posts')
      .select('topic_id')
      .where('source', 'like', 'test:urgent-estate-%')
      .execute();
    expect(estate).toHaveLength(4);
    expect(new Set(estate.map((p) => p.topic_id)).size).toBe(1);
    const after = await told();
    expect(after).toHaveLength(1);
    expect(after[0]?.title).toBe('【紧急信号·火灾】幸福小区着火');
    // Nothing lost: the notice says how many more came, and its link lists them all.
    // First, where the inbox shows it of the body; written once, not once per post counted.
    expect(after[0]?.body.split('\n').slice(0, 2)).toEqual([
      '此后又收集到同一事件的紧急信息 3 条，最近一条 2026-11-28 00:33。',
      '柳溪村幸福小区着火了，火很大',
    ]);
    expect(after[0]?.body.match(/此后又收集/g)).toHaveLength(1);
    expect(after[0]?.link).toBe(`/monitoring/topics/${estate[0]?.topic_id}`);
  });
});
