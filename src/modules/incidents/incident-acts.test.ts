import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { docxText } from '../../../tests/helpers/docx.js';
import { ingestAgo } from '../../../tests/helpers/incidents.js';
import type { BuiltApp } from '../../server/app.js';
import { analysePosts } from '../analysis/post-analysis/analyse-posts.js';
import { closeIncident } from './close-incident.js';
import type { IncidentDetail } from './incidents.schemas.js';
import { openIncident } from './open-incident.js';

const HOUR = 3_600_000;
let t: TestContext;
let built: BuiltApp;
let monitorUser: BuiltUser;
let leaderA: BuiltUser;
let leaderB: BuiltUser;
let monitor: ApiClient;
let viewer: ApiClient;

const detail = async (id: number) =>
  (await monitor.request('GET', `/api/incidents/${id}`)).json<IncidentDetail>();

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  monitorUser = await buildUser(t.ctx, { roles: ['monitor'], name: '王敏' });
  leaderA = await buildUser(t.ctx, { roles: ['leader'], name: '李建国' });
  leaderB = await buildUser(t.ctx, { roles: ['leader'], name: '孙强' });
  const viewerUser = await buildUser(t.ctx, { roles: ['viewer'] });
  monitor = await loginAs(built, monitorUser.username, monitorUser.password);
  viewer = await loginAs(built, viewerUser.username, viewerUser.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

describe('reports, assessments, measures and closing', () => {
  let id: number;
  let postIds: number[];

  beforeAll(async () => {
    postIds = await ingestAgo(t, [
      { title: '河口村老桥护栏断了', body: '河口村老桥西侧护栏断了一截，很危险。', hoursAgo: 49 },
      { title: '河口村桥面护栏损坏', body: '桥面护栏损坏，晚上路过危险。', hoursAgo: 26 },
      { title: '河口老桥护栏何时修', body: '护栏坏了好几天了，何时修复？', hoursAgo: 25 },
      { title: '老桥护栏有人修了吗', body: '今天路过看到护栏还是坏的。', hoursAgo: 2 },
    ]);
    await t.ctx.db
      .updateTable('posts')
      .set({ source: '县长信箱' })
      .where('id', '=', postIds[1] ?? 0)
      .execute();
    await t.ctx.db
      .updateTable('posts')
      .set({ sentiment: 'negative' })
      .where('id', 'in', postIds.slice(0, 3))
      .execute();
    id = await openIncident({
      ctx: t.ctx,
      actor: actorFor(monitorUser),
      input: { title: '河口村老桥护栏损坏', level: 'general', ownerId: monitorUser.id, postIds },
    });
  });

  it('sends the immediate report to every leader and records whom', async () => {
    const draft = await monitor.request('GET', `/api/incidents/${id}/report-draft?kind=immediate`);
    expect(draft.statusCode).toBe(200);
    const text = draft.json<{ text: string }>().text;
    expect(text).toContain('关于「河口村老桥护栏损坏」舆情的第一时间报告');
    expect(text).toContain('共监测到相关信息 4 条，分布在 2 个来源');
    expect(text).toContain('事件级别：一般');

    const { version } = await detail(id);
    const res = await monitor.request('POST', `/api/incidents/${id}/immediate-report`, {
      version,
      text,
    });
    expect(res.statusCode).toBe(200);
    const incident = res.json<IncidentDetail>();
    expect(incident.reports).toHaveLength(1);
    expect(incident.reports[0]).toMatchObject({ kind: 'immediate', text, sentByName: '王敏' });
    expect(incident.reports[0]?.recipients.map((r) => r.id).sort()).toEqual(
      [leaderA.id, leaderB.id].sort(),
    );
    for (const leader of [leaderA, leaderB]) {
      const inbox = await t.ctx.db
        .selectFrom('notifications')
        .select(['title', 'body', 'link'])
        .where('user_id', '=', leader.id)
        .where('kind', '=', 'incident.immediate-report')
        .execute();
      expect(inbox).toEqual([
        {
          title: '第一时间报告：河口村老桥护栏损坏（一般）',
          body: text,
          link: `/incidents/${id}`,
        },
      ]);
    }
    expect(incident.events.at(-1)?.kind).toBe('immediate_report');
  });

  it('stores an assessment with the figures of the linked posts at that time', async () => {
    const { version } = await detail(id);
    const res = await monitor.request('POST', `/api/incidents/${id}/assessments`, {
      version,
      judgement: '关注度上升，需尽快修复并公开回应。',
      trend: 'rising',
      riskLevel: 'major',
    });
    expect(res.statusCode).toBe(200);
    const snapshot = res.json<IncidentDetail>().assessments[0]?.snapshot;
    // TEST_START is 2026-11-26 10:00 in Shanghai: 49 h, 26 h, 25 h and 2 h before it.
    expect(snapshot).toEqual({
      posts: 4,
      volume: [
        { day: '2026-11-24', posts: 1 },
        { day: '2026-11-25', posts: 2 },
        { day: '2026-11-26', posts: 1 },
      ],
      sources: [
        { source: '云溪论坛', posts: 3 },
        { source: '县长信箱', posts: 1 },
      ],
      sentiment: { negative: 3, neutral: 0, positive: 0, unknown: 1 },
      cases: 0,
      firstPostAt: new Date(t.clock.now().getTime() - 49 * HOUR).toISOString(),
      lastPostAt: new Date(t.clock.now().getTime() - 2 * HOUR).toISOString(),
      // 11-26 is the day of the assessment: its count so far, until 10:00.
      lastDayUntil: '10:00',
      // 1 post in the last 24 h, 2 in the 24 before: too few to call a fall.
      last24h: 1,
      previous24h: 2,
      suggestedTrend: 'stable',
    });
  });

  it('records a measure with its time and owner', async () => {
    const { version } = await detail(id);
    const takenAt = new Date(t.clock.now().getTime() - HOUR).toISOString();
    const res = await monitor.request('POST', `/api/incidents/${id}/measures`, {
      version,
      kind: 'official_reply',
      description: '在县长信箱回复：已设置警示，三日内修复。',
      takenAt,
      ownerUnit: '城建办',
      url: 'https://example.org/reply/1',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<IncidentDetail>().measures).toEqual([
      expect.objectContaining({ kind: 'official_reply', takenAt, ownerName: '城建办' }),
    ]);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const { version } = await detail(id);
    const res = await monitor.request('POST', `/api/incidents/${id}/measures`, {
      version: version - 1,
      kind: 'meeting',
      description: '召开协调会',
      takenAt: t.clock.now().toISOString(),
      ownerUserId: monitorUser.id,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('CONFLICT');
    expect((await detail(id)).measures).toHaveLength(1);
  });

  it('lets a viewer read but not act', async () => {
    expect((await viewer.request('GET', `/api/incidents/${id}`)).statusCode).toBe(200);
    const { version } = await detail(id);
    const res = await viewer.request('POST', `/api/incidents/${id}/close`, {
      version,
      closingReport: '已处置完毕',
    });
    expect(res.statusCode).toBe(403);
    const viewerUser = await buildUser(t.ctx, { roles: ['viewer'] });
    await expect(
      closeIncident({ ctx: t.ctx, actor: actorFor(viewerUser), id, closingReport: '已处置' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await detail(id)).status).toBe('open');
  });

  it('closes only with a closing report, sends it to the leaders, then refuses changes', async () => {
    const { version } = await detail(id);
    const empty = await monitor.request('POST', `/api/incidents/${id}/close`, {
      version,
      closingReport: '   ',
    });
    expect(empty.statusCode).toBe(400);
    expect((await detail(id)).status).toBe('open');

    // The draft as composed ends with 八、处置结果： and nothing under it: refused, nothing sent.
    const draft = (
      await monitor.request('GET', `/api/incidents/${id}/report-draft?kind=closing`)
    ).json<{ text: string }>().text;
    expect(draft.trimEnd().endsWith('八、处置结果：')).toBe(true);
    for (const blank of [draft, `${draft}  \n\n`]) {
      const res = await monitor.request('POST', `/api/incidents/${id}/close`, {
        version,
        closingReport: blank,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toBe(
        '处置结束报告须写明“八、处置结果”：处置结果不能为空',
      );
    }
    expect((await detail(id)).status).toBe('open');
    const sentEarly = await t.ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('kind', '=', 'incident.closing-report')
      .execute();
    expect(sentEarly).toEqual([]);

    // Sent without the draft's title line (the Word file makes one) and with the result written.
    const report = `${draft.split('\n').slice(1).join('\n').trim()}护栏已于11月26日修复，县长信箱已公开回复，网民未再反映。`;
    const res = await monitor.request('POST', `/api/incidents/${id}/close`, {
      version,
      closingReport: report,
    });
    expect(res.statusCode).toBe(200);
    const closed = res.json<IncidentDetail>();
    expect(closed).toMatchObject({ status: 'closed', closingReport: report, closedByName: '王敏' });
    expect(closed.reports.map((r) => r.kind)).toEqual(['immediate', 'closing']);
    expect(closed.events.at(-1)?.kind).toBe('closed');
    const inbox = await t.ctx.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'incident.closing-report')
      .where('link', '=', `/incidents/${id}`)
      .execute();
    expect(inbox.map((n) => n.user_id).sort()).toEqual([leaderA.id, leaderB.id].sort());

    const late = await monitor.request('POST', `/api/incidents/${id}/assessments`, {
      version: closed.version,
      judgement: '再研判',
      trend: 'falling',
      riskLevel: 'general',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json<{ error: { code: string } }>().error.code).toBe('INVALID_TRANSITION');
    const actions = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'incident')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'incident.open',
      'incident.report.immediate',
      'incident.assess',
      'incident.measure',
      'incident.close',
    ]);
  });

  it('gives each report as sent as a Word file, to those who may read incidents', async () => {
    const { reports } = await detail(id);
    const [immediate, closing] = reports;
    if (!immediate || !closing) throw new Error('two reports expected');
    const first = await viewer.request('GET', `/api/incidents/${id}/reports/${immediate.id}.docx`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-disposition']).toContain(
      encodeURIComponent('第一时间报告-河口村老桥护栏损坏.docx'),
    );
    const text = docxText(first.rawPayload);
    // The report's own first line is the title, not repeated in the body.
    expect(text.split('关于「河口村老桥护栏损坏」舆情的第一时间报告')).toHaveLength(2);
    expect(text).toContain('共监测到相关信息 4 条，分布在 2 个来源');
    expect(text).toContain('网络舆情工作小组');
    expect(text).toContain('2026年11月26日');
    expect(text).toMatch(/报送：(李建国、孙强|孙强、李建国)；报送人：王敏/);

    // The closing report was typed without a title: one is made from the incident's name.
    const last = docxText(
      (await viewer.request('GET', `/api/incidents/${id}/reports/${closing.id}.docx`)).rawPayload,
    );
    expect(last).toContain('关于「河口村老桥护栏损坏」舆情的处置结束报告');
    expect(last).toContain('护栏已于11月26日修复');

    expect(
      (await viewer.request('GET', `/api/incidents/${id}/reports/${closing.id + 100}.docx`))
        .statusCode,
    ).toBe(404);
    expect(
      (await viewer.request('GET', `/api/incidents/${id + 100}/reports/${closing.id}.docx`))
        .statusCode,
    ).toBe(404);
  });
});

describe('changing an open incident', () => {
  it('raises the level, unlinks a post (never the last) and a case, all on the timeline', async () => {
    const [p1, p2] = await ingestAgo(t, [
      { title: '柳塘村垃圾清运不及时', body: '垃圾池满了好几天没人清运。' },
      { title: '柳塘村垃圾池气味很大', body: '天热，垃圾池气味很大。' },
    ]);
    const now = t.clock.now();
    const kase = await t.ctx.db
      .insertInto('cases')
      .values({
        post_id: p2 ?? 0,
        state: 'registered',
        registered_at: now,
        reply_due_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = await openIncident({
      ctx: t.ctx,
      actor: actorFor(monitorUser),
      input: {
        title: '柳塘村垃圾清运',
        level: 'general',
        ownerId: monitorUser.id,
        postIds: [p1 ?? 0],
      },
    });
    let incident = await detail(id);
    const raised = await monitor.request('PATCH', `/api/incidents/${id}`, {
      version: incident.version,
      level: 'serious',
      ownerId: leaderA.id,
    });
    expect(raised.statusCode).toBe(200);
    incident = raised.json<IncidentDetail>();
    expect(incident).toMatchObject({ level: 'serious', ownerName: '李建国' });
    expect(incident.events.at(-1)).toMatchObject({
      kind: 'level_changed',
      text: `级别由一般调整为重大；负责人由${monitorUser.name}改为李建国`,
    });

    const added = await monitor.request('POST', `/api/incidents/${id}/posts`, {
      version: incident.version,
      postIds: [p2],
    });
    incident = added.json<IncidentDetail>();
    expect(incident.cases.map((c) => c.id)).toEqual([kase.id]);

    const removed = await monitor.request('POST', `/api/incidents/${id}/posts/remove`, {
      version: incident.version,
      postIds: [p2],
      reason: '不是同一事项',
    });
    expect(removed.statusCode).toBe(200);
    incident = removed.json<IncidentDetail>();
    expect(incident.postCount).toBe(1);
    expect(incident.events.at(-1)?.text).toBe('移除关联信息 1 条：不是同一事项');
    // The post itself stays.
    expect(
      await t.ctx.db
        .selectFrom('posts')
        .select('id')
        .where('id', '=', p2 ?? 0)
        .execute(),
    ).toHaveLength(1);
    const last = await monitor.request('POST', `/api/incidents/${id}/posts/remove`, {
      version: incident.version,
      postIds: [p1],
    });
    expect(last.statusCode).toBe(400);

    const unlinked = await monitor.request('POST', `/api/incidents/${id}/cases/remove`, {
      version: incident.version,
      caseIds: [kase.id],
    });
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.json<IncidentDetail>().cases).toEqual([]);
  });
});

describe('a fire at night: the first report and its follow-up', () => {
  it('states the casualties the posts tell of, and the 续报 opens with what is new since the 首报', async () => {
    t.clock.set('2026-11-27T15:40:00.000Z'); // 23:40 in Asia/Shanghai
    // Signed in on duty that night: a session of the day before has ended.
    const duty = await loginAs(built, monitorUser.username, monitorUser.password);
    const detailNow = async (id: number) =>
      (await duty.request('GET', `/api/incidents/${id}`)).json<IncidentDetail>();
    const analysed = async (ids: number[]) => {
      const rows = await t.ctx.db
        .selectFrom('posts')
        .select(['id', 'title', 'body', 'posted_at as postedAt'])
        .where('id', 'in', ids)
        .execute();
      await analysePosts(t.ctx, rows);
      return ids;
    };
    const postIds = await analysed(
      await ingestAgo(t, [
        { title: '农贸市场着火了', body: '青石村农贸市场东区着火了，浓烟滚滚。', hoursAgo: 0.5 },
        { title: '市场里有人被困', body: '农贸市场二楼还有人被困，火太大进不去。', hoursAgo: 0.4 },
      ]),
    );
    const id = await openIncident({
      ctx: t.ctx,
      actor: actorFor(monitorUser),
      input: { title: '青石村农贸市场火灾', level: 'serious', ownerId: monitorUser.id, postIds },
    });
    const draft = async () =>
      (await duty.request('GET', `/api/incidents/${id}/report-draft?kind=immediate`)).json<{
        text: string;
      }>().text;
    // 重大: the 首报 is due in writing within the hour, past midnight; ten minutes on, 50 remain.
    t.clock.advance(10 * 60_000);
    expect((await detailNow(id)).firstReportClock).toEqual({
      dueAt: '2026-11-27T16:40:00.000Z',
      level: 'red',
      text: '剩余 50 分钟',
    });
    const first = await draft();
    expect(first).toContain('关于「青石村农贸市场火灾」舆情的第一时间报告');
    expect(first).toContain(
      '四、人员伤亡：网民信息中有 1 条提及人员伤亡或被困（被困），具体情况正在核实。',
    );
    const sent = await duty.request('POST', `/api/incidents/${id}/immediate-report`, {
      version: (await detailNow(id)).version,
      text: first,
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json<IncidentDetail>().firstReportClock).toBeNull();

    t.clock.advance(9 * HOUR); // 08:40 the next morning
    const later = await analysed(
      await ingestAgo(t, [
        {
          title: '市场大火有人遇难',
          body: '听说昨晚农贸市场大火有两人遇难，三人烧伤。',
          hoursAgo: 1,
        },
      ]),
    );
    const added = await duty.request('POST', `/api/incidents/${id}/posts`, {
      version: (await detailNow(id)).version,
      postIds: later,
    });
    expect(added.statusCode).toBe(200);
    const followUp = await draft();
    expect(followUp.split('\n')[0]).toBe('关于「青石村农贸市场火灾」舆情的续报');
    expect(followUp).toContain(
      '接 2026-11-27 23:50 首报，现第 1 次续报如下。自首报以来，新增相关信息 1 条（其中 1 条提及人员伤亡或被困），新采取措施 0 项。',
    );
    expect(followUp).toContain('网民信息中有 2 条提及人员伤亡或被困');
  });
});
