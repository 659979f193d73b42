import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  buildUnit,
  buildUser,
  type BuiltUser,
} from '../../../../tests/factories/index.js';
import { buildTestApp, loginAs } from '../../../../tests/helpers/api.js';
import { createTestContext, TEST_START, type TestContext } from '../../../../tests/helpers/db.js';
import type { AlertLevel, AlertStatus } from '../../../db/schema-alerts.js';
import type { Sentiment } from '../../../db/schema.js';
import type { BuiltApp } from '../../../server/app.js';
import type { Actor } from '../../access/actor.js';
import { assignCase, closeCase } from '../../cases/assign-case.js';
import { registerCase } from '../../cases/register-case.js';
import { situation } from './situation.js';
import type { Situation } from './situation.schemas.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date(TEST_START).getTime(); // 2026-11-26 10:00 in Shanghai
const TZ = 'Asia/Shanghai';

let t: TestContext;
let built: BuiltApp;
let viewer: BuiltUser;
let leaderActor: Actor;
let forumKey: string;
let categoryIds: Map<string, number>;
const unitIds: Record<string, number> = {};
const topicIds: Record<string, number> = {};

async function post(p: {
  at: Date;
  sourceKey: string;
  source?: string;
  category?: string;
  sentiment?: Sentiment;
  urgent?: boolean;
  terms?: string[];
  segmented: string;
  relevant?: boolean;
  duplicateOf?: number;
}): Promise<number> {
  const row = await t.ctx.db
    .insertInto('posts')
    .values({
      source: p.source ?? p.sourceKey,
      source_key: p.sourceKey,
      posted_at: p.at,
      title: null,
      body: p.segmented.replace(/ /g, ''),
      created_at: p.at,
      url: null,
      author: null,
      contact: null,
      relevant: p.relevant ?? true,
      relevance_terms: p.terms ?? [],
      segmented: p.segmented,
      category_id: p.category ? (categoryIds.get(p.category) ?? null) : null,
      sentiment: p.sentiment ?? null,
      urgent: p.urgent ?? false,
      duplicate_of: p.duplicateOf ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Registered `hoursAgo`, assigned if given units; its post names no place, so is not relevant. */
async function caseOf(monitor: Actor, hoursAgo: number, lead?: string, co: string[] = []) {
  t.clock.set(new Date(T0 - hoursAgo * HOUR));
  const { id } = await registerCase({
    ctx: t.ctx,
    actor: monitor,
    input: {
      post: {
        source: '县长信箱',
        postedAt: new Date(T0 - hoursAgo * HOUR - 2 * HOUR).toISOString(),
        body: `办件留言 ${hoursAgo}`,
      },
    },
  });
  if (lead) {
    await assignCase({
      ctx: t.ctx,
      actor: leaderActor,
      id,
      input: {
        instruction: '请核实处理。',
        leadUnitId: unitIds[lead] ?? 0,
        coUnitIds: co.map((c) => unitIds[c] ?? 0),
      },
    });
  }
  t.clock.set(new Date(T0));
  return id;
}

beforeAll(async () => {
  t = await createTestContext();
  const now = t.clock.now();
  categoryIds = new Map(
    (await t.ctx.db.selectFrom('categories').select(['id', 'name']).execute()).map((c) => [
      c.name,
      c.id,
    ]),
  );
  await t.ctx.db
    .insertInto('jurisdiction_terms')
    .values([
      { term: '青石村', kind: 'place', created_at: now },
      { term: '柳塘村', kind: 'place', created_at: now },
      { term: '城建办', kind: 'unit', created_at: now },
    ])
    .execute();
  const forum = await t.ctx.db
    .insertInto('sources')
    .values({ name: '云溪论坛', kind: 'manual', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  forumKey = `source:${forum.id}`;

  // In the last 30 days: two on 2026-11-26 in Shanghai (one of them 11-25 in UTC), one on 11-23.
  const p1 = await post({
    at: new Date(T0),
    sourceKey: forumKey,
    category: '城乡建设',
    sentiment: 'negative',
    urgent: true,
    terms: ['青石村', '城建办'],
    segmented: '青石村 积水 严重 希望 尽快 解决 路 2026',
  });
  await post({
    at: new Date('2026-11-25T16:30:00Z'),
    sourceKey: forumKey,
    category: '城乡建设',
    sentiment: 'neutral',
    terms: ['青石村'],
    segmented: '青石村 积水 排水沟 积水',
  });
  await post({
    at: new Date('2026-11-23T03:00:00Z'),
    sourceKey: 'import:tipdm',
    source: '导入',
    category: '环境保护',
    sentiment: 'negative',
    terms: ['柳塘村'],
    segmented: '柳塘村 垃圾 积水 问题',
  });
  // Left out: before the period, not relevant, a near-duplicate.
  await post({ at: new Date(T0 - 40 * DAY), sourceKey: forumKey, segmented: '旧帖 积水' });
  await post({ at: new Date(T0), sourceKey: forumKey, relevant: false, segmented: '无关 积水' });
  await post({ at: new Date(T0), sourceKey: forumKey, duplicateOf: p1, segmented: '积水 转帖' });

  for (const key of ['a', 'b', 'c']) unitIds[key] = (await buildUnit(t.ctx)).id;
  const monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
  leaderActor = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));
  viewer = await buildUser(t.ctx, { roles: ['viewer'] });
  // Open: one fresh slip to a (co b), one to a 20 days old and overdue, one not yet assigned.
  await caseOf(monitor, 1, 'a', ['b']);
  await caseOf(monitor, 20 * 24, 'a');
  await caseOf(monitor, 2);
  // Not open: closed without a reply; given a unit afterwards, which must not count either.
  const closed = await caseOf(monitor, 3);
  await closeCase({ ctx: t.ctx, actor: leaderActor, id: closed, reason: '重复' });
  await t.ctx.db
    .insertInto('case_units')
    .values({ case_id: closed, unit_id: unitIds.c ?? 0, role: 'lead' })
    .execute();
  // Topics: one hot and bursting in the period, one cooler, one of last year, one too small.
  const topic = (label: string, size: number, lastAt: Date, rank: number, burstAt?: Date) =>
    t.ctx.db
      .insertInto('topics')
      .values({
        label,
        keywords: [label],
        size,
        heat_rank: rank,
        first_at: new Date(lastAt.getTime() - DAY),
        last_at: lastAt,
        burst_at: burstAt ?? null,
        centroid: '{}',
        representative_vector: '{}',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const rankNow = T0 / (3 * DAY);
  topicIds.hot = (await topic('青石村积水', 5, new Date(T0), rankNow + 3, new Date(T0 - HOUR))).id;
  topicIds.cool = (await topic('柳塘村垃圾', 2, new Date(T0 - 3 * DAY), rankNow + 1)).id;
  await topic('去年的事', 9, new Date(T0 - 365 * DAY), rankNow + 9);
  await topic('单帖', 1, new Date(T0), rankNow + 5);
  // Alerts: two active (red newest), one acknowledged and one closed, which are not counted.
  const alert = async (name: string, level: AlertLevel, status: AlertStatus, hoursAgo: number) => {
    const rule = await t.ctx.db
      .insertInto('alert_rules')
      .values({
        name,
        expression: name,
        level,
        window_minutes: 60,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const at = new Date(T0 - hoursAgo * HOUR);
    await t.ctx.db
      .insertInto('alerts')
      .values({
        rule_id: rule.id,
        level,
        status,
        window_start: at,
        window_end: at,
        matched_count: 4,
        peak_count: 4,
        first_triggered_at: at,
        last_triggered_at: at,
        closed_at: status === 'closed' ? now : null,
      })
      .execute();
  };
  await alert('火灾', 'red', 'active', 1);
  await alert('积水', 'blue', 'active', 5);
  await alert('噪音', 'blue', 'acknowledged', 2);
  await alert('垃圾', 'yellow', 'closed', 3);
  built = await buildTestApp(t.ctx);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

const compute = (query: { from?: string; to?: string } = {}) =>
  situation({ db: t.ctx.db, actor: leaderActor, query, now: t.clock.now(), timeZone: TZ });

describe('situation', () => {
  it('counts the last 30 days by local day, source, category and sentiment', async () => {
    const s = await compute();
    expect(s.from).toBe('2026-10-28');
    expect(s.to).toBe('2026-11-26');
    expect(s.days).toHaveLength(30);
    expect(s.totals).toMatchObject({ posts: 3, negative: 2, urgent: 1 });
    const last = s.days.length - 1;
    const on23 = s.days.indexOf('2026-11-23');
    expect(s.bySource.map((x) => [x.key, x.name, x.total])).toEqual([
      [forumKey, '云溪论坛', 2],
      ['import:tipdm', '导入', 1],
    ]);
    expect(s.bySource[0]?.counts[last]).toBe(2);
    expect(s.bySource[1]?.counts[on23]).toBe(1);
    expect(s.bySource[0]?.counts.reduce((a, b) => a + b)).toBe(2);
    expect(s.byCategory.map((x) => [x.name, x.total])).toEqual([
      ['城乡建设', 2],
      ['环境保护', 1],
    ]);
    expect(s.byCategory[0]?.key).toBe(String(categoryIds.get('城乡建设')));
    expect(s.bySentiment.map((x) => [x.key, x.name, x.total])).toEqual([
      ['negative', '负面', 2],
      ['neutral', '中性', 1],
      ['positive', '正面', 0],
    ]);
  });

  it('finds key words in posts, without stop words, single characters, numbers or places', async () => {
    const s = await compute();
    expect(s.keywords.slice(0, 2)).toEqual([
      { word: '积水', count: 3 },
      { word: '垃圾', count: 1 },
    ]);
    const words = s.keywords.map((k) => k.word);
    expect(words).toEqual(expect.arrayContaining(['排水沟', '垃圾']));
    for (const w of ['希望', '尽快', '解决', '问题', '严重', '路', '2026', '旧帖', '无关', '转帖'])
      expect(words).not.toContain(w);
    // The jurisdiction's places are counted in 涉及地点, beside them.
    expect(words).not.toContain('青石村');
    expect(words).not.toContain('柳塘村');
    expect(s.places.map((p) => p.place)).toEqual(expect.arrayContaining(['青石村', '柳塘村']));
  });

  it('counts posts by place, not by unit or keyword terms', async () => {
    const s = await compute();
    expect(s.places).toEqual([
      { place: '青石村', count: 2 },
      { place: '柳塘村', count: 1 },
    ]);
  });

  it('counts open cases by unit and the overdue ones as the case list does', async () => {
    const s = await compute();
    expect(s.totals.openCases).toBe(3);
    expect(s.openCasesByUnit.map((u) => [u.unitId, u.count])).toEqual([
      [unitIds.a, 2],
      [unitIds.b, 1],
    ]);
    expect(s.totals.overdueCases).toBe(1);
  });

  it('lists the hottest topics active in the period, as the topics list does', async () => {
    const s = await compute();
    // The cases registered above got topics of their own from the pipeline; these two are seeded.
    const seeded = s.hotTopics.filter((h) => h.id === topicIds.hot || h.id === topicIds.cool);
    expect(seeded.map((h) => [h.id, h.label, h.size, h.burst])).toEqual([
      [topicIds.hot, '青石村积水', 5, true],
      [topicIds.cool, '柳塘村垃圾', 2, false],
    ]);
    const [hot, cool] = seeded;
    expect(hot?.heat).toBeGreaterThan(cool?.heat ?? Infinity);
  });

  it('names the key of hand-registered posts, and a key without a source by its posts', async () => {
    await post({
      at: new Date('2026-09-10T02:00:00Z'),
      sourceKey: 'manual',
      source: '县长信箱',
      segmented: '路灯',
    });
    await post({
      at: new Date('2026-09-11T02:00:00Z'),
      sourceKey: 'import:x',
      source: '旧系统',
      segmented: '路灯',
    });
    const s = await compute({ from: '2026-09-01', to: '2026-09-30' });
    const byKey = [...s.bySource].sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey.map((x) => [x.key, x.name, x.total])).toEqual([
      ['import:x', '旧系统', 1],
      ['manual', '受理登记', 1],
    ]);
  });

  it('leaves out a place name with Latin letters, which segmentation writes in lower case', async () => {
    await t.ctx.db
      .insertInto('jurisdiction_terms')
      .values({ term: 'A3区', kind: 'place', created_at: t.clock.now() })
      .execute();
    await post({
      at: new Date('2026-08-10T02:00:00Z'),
      sourceKey: forumKey,
      terms: ['A3区'],
      segmented: 'a3区 路灯 不亮',
    });
    const s = await compute({ from: '2026-08-01', to: '2026-08-31' });
    expect(s.keywords.map((k) => k.word).sort()).toEqual(['不亮', '路灯'].sort());
    expect(s.places).toEqual([{ place: 'A3区', count: 1 }]);
  });

  it('counts the active alerts by level and lists the newest', async () => {
    const s = await compute();
    expect(s.totals.activeAlerts).toBe(2);
    expect(s.alerts.byLevel).toEqual([
      { level: 'red', count: 1 },
      { level: 'orange', count: 0 },
      { level: 'yellow', count: 0 },
      { level: 'blue', count: 1 },
    ]);
    expect(s.alerts.newest.map((a) => [a.ruleName, a.level, a.matchedCount])).toEqual([
      ['火灾', 'red', 4],
      ['积水', 'blue', 4],
    ]);
  });

  it('limits the figures to the dates asked for', async () => {
    const s = await compute({ from: '2026-11-20', to: '2026-11-24' });
    expect(s.days).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24']);
    expect(s.totals.posts).toBe(1);
    expect(s.places).toEqual([{ place: '柳塘村', count: 1 }]);
    expect(s.keywords.map((k) => k.word).sort()).toEqual(['垃圾', '积水'].sort());
  });
});

describe('GET /api/analysis/situation', () => {
  it('answers a reader of posts, and refuses a reversed or too long range in Chinese', async () => {
    const api = await loginAs(built, viewer.username, viewer.password);
    const ok = await api.request('GET', '/api/analysis/situation?from=2026-11-01&to=2026-11-26');
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Situation>().totals.posts).toBe(3);
    const reversed = await api.request(
      'GET',
      '/api/analysis/situation?from=2026-11-26&to=2026-11-01',
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json<{ error: { message: string } }>().error.message).toContain('开始日期');
    const long = await api.request('GET', '/api/analysis/situation?from=2025-01-01&to=2026-11-26');
    expect(long.statusCode).toBe(400);
    expect(long.json<{ error: { message: string } }>().error.message).toContain('366');
    const bad = await api.request('GET', '/api/analysis/situation?from=yesterday');
    expect(bad.statusCode).toBe(400);
  });
});
