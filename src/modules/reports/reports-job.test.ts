import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { docxText } from '../../../tests/helpers/docx.js';
import { recordingQueue } from '../../../tests/helpers/jobs.js';
import type { Sentiment } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { assignCase } from '../cases/assign-case.js';
import { signCase, submitReply } from '../cases/handle-case.js';
import { acknowledgeCase } from '../cases/publish-reply.js';
import { registerCase } from '../cases/register-case.js';
import { unitStats } from '../cases/stats/unit-stats.js';
import { buildReportDocx } from './documents/report-docx.js';
import { deliveryBody, generateReport } from './generate-report.js';
import { reportFigures } from './report-figures.js';
import { dailySpan } from './report-period.js';
import { REPORT_SETTINGS_KEY } from './report-settings.js';
import type { ReportFigures } from './report.schemas.js';
import { reportsDailyJob } from './reports-daily.job.js';

/** An instant from a Shanghai wall-clock time. */
const at = (local: string) => new Date(`${local}+08:00`);

let t: TestContext;
let leaders: BuiltUser[];
let monitor: Actor;
let leader: Actor;
let liaison: Actor;
let unitId: number;

async function post(p: {
  at: string;
  source?: string;
  categoryId?: number | null;
  sentiment?: Sentiment | null;
  urgent?: boolean;
  likes?: number | null;
  relevant?: boolean;
  duplicateOf?: number | null;
  /** When it was collected, if not when it was posted. */
  collectedAt?: string;
}): Promise<number> {
  const source = p.source ?? '云溪论坛';
  const row = await t.ctx.db
    .insertInto('posts')
    .values({
      source,
      source_key: `test:${source}`,
      posted_at: at(p.at),
      title: `测试信息 ${p.at}`,
      body: '正文',
      url: null,
      author: null,
      contact: null,
      created_at: at(p.collectedAt ?? p.at),
      category_id: p.categoryId ?? null,
      sentiment: p.sentiment ?? null,
      urgent: p.urgent ?? false,
      likes: p.likes ?? null,
      relevant: p.relevant ?? true,
      duplicate_of: p.duplicateOf ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Runs the job's handler at a Shanghai wall-clock time. */
async function runJobAt(local: string) {
  t.clock.set(at(local));
  await reportsDailyJob.handler(t.ctx, {}, recordingQueue().queue);
}

const reports = () =>
  t.ctx.db
    .selectFrom('reports')
    .select(['id', 'kind', 'period_start', 'period_end', 'seq', 'delivered_at', 'figures'])
    .orderBy('id')
    .execute();

const notifications = () =>
  t.ctx.db
    .selectFrom('notifications')
    .select(['user_id', 'kind', 'link', 'title'])
    .where('kind', 'like', 'report.%')
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(at('2026-11-20T09:00:00'));
  const unit = await buildUnit(t.ctx, { name: '城建办' });
  unitId = unit.id;
  leaders = [
    await buildUser(t.ctx, { roles: ['leader'] }),
    await buildUser(t.ctx, { roles: ['leader'] }),
  ];
  leader = actorFor(leaders[0] as BuiltUser);
  monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
  const liaisonUser = await buildUser(t.ctx, { roles: ['liaison'], unitId });
  liaison = actorFor(liaisonUser);
  await t.ctx.db
    .insertInto('settings')
    .values({ key: 'org.name', value: JSON.stringify('云溪镇'), updated_at: t.clock.now() })
    .execute();
  // Only the daily report here: the periodic ones are dueReports' business (report-period.test.ts).
  await t.ctx.db
    .insertInto('settings')
    .values({
      key: REPORT_SETTINGS_KEY,
      value: JSON.stringify({ dailyTime: '16:30', periodicEnabled: false }),
      updated_at: t.clock.now(),
    })
    .execute();
});
afterAll(async () => {
  await t.close();
});

describe('the daily report job', () => {
  it('waits for the configured time, then generates and delivers the day’s report once', async () => {
    // Thursday 2026-11-26.
    await runJobAt('2026-11-26T16:29:00');
    expect(await reports()).toEqual([]);

    await runJobAt('2026-11-26T16:31:00');
    const [daily, ...others] = await reports();
    expect(others).toEqual([]);
    expect(daily).toMatchObject({
      kind: 'daily',
      period_start: '2026-11-26',
      period_end: '2026-11-26',
      seq: 1,
    });
    expect(daily?.delivered_at?.toISOString()).toBe(at('2026-11-26T16:31:00').toISOString());
    const sent = await notifications();
    expect(sent.map((n) => n.user_id).sort()).toEqual(leaders.map((l) => l.id).sort());
    expect(sent[0]).toMatchObject({
      kind: 'report.daily',
      link: `/reports/${daily?.id}`,
      title: '云溪镇网络舆情日报 第1期（2026年11月25日16:30至11月26日16:30）已生成',
    });

    // Every five minutes after: nothing new, nobody notified twice.
    await runJobAt('2026-11-26T16:36:00');
    await runJobAt('2026-11-26T23:55:00');
    expect((await reports()).map((r) => r.id)).toEqual([daily?.id]);
    expect(await notifications()).toHaveLength(2);

    // The next working day has its own report, numbered on.
    await runJobAt('2026-11-27T16:30:00');
    const friday = (await reports()).find((r) => r.period_start === '2026-11-27');
    expect(friday?.seq).toBe(2);
    expect(await notifications()).toHaveLength(4);
  });

  it('makes none on a weekend or a statutory holiday', async () => {
    const before = (await reports()).length;
    await runJobAt('2026-11-28T17:00:00'); // Saturday
    await runJobAt('2026-10-01T17:00:00'); // National Day
    await runJobAt('2026-10-05T17:00:00'); // Monday, still the holiday
    expect(await reports()).toHaveLength(before);
  });

  it('reports on Monday everything collected since Friday’s report, the weekend included', async () => {
    // Before Friday's report (11-27 16:30, the first test) and at its very end: not Monday's.
    await post({ at: '2026-11-27T16:29:00' });
    await post({ at: '2026-11-27T15:00:00', collectedAt: '2026-11-30T16:30:00' });
    // Friday evening, the weekend, Monday morning, and a post of Thursday collected on Sunday.
    await post({ at: '2026-11-27T16:30:00' });
    await post({ at: '2026-11-27T21:00:00' });
    await post({ at: '2026-11-28T10:00:00', sentiment: 'negative' });
    await post({ at: '2026-11-29T22:00:00' });
    await post({ at: '2026-11-30T09:00:00' });
    await post({ at: '2026-11-26T11:00:00', collectedAt: '2026-11-29T08:00:00' });

    await runJobAt('2026-11-30T16:30:00');
    const monday = (await reports()).find((r) => r.period_start === '2026-11-30');
    const f = monday?.figures as ReportFigures;
    expect(f.span).toEqual({
      start: at('2026-11-27T16:30:00').toISOString(),
      end: at('2026-11-30T16:30:00').toISOString(),
      name: '2026年11月27日16:30至11月30日16:30',
    });
    expect(f.posts.total).toBe(6);
    expect(f.posts.negative).toBe(1);
    expect(f.posts.byDay).toEqual([
      { date: '2026-11-27', count: 2 },
      { date: '2026-11-28', count: 1 },
      { date: '2026-11-29', count: 2 },
      { date: '2026-11-30', count: 1 },
    ]);
    const sent = (await notifications()).filter((n) => n.link === `/reports/${monday?.id}`);
    expect(sent[0]?.title).toBe(
      '云溪镇网络舆情日报 第3期（2026年11月27日16:30至11月30日16:30）已生成',
    );
    const file = await t.ctx.db
      .selectFrom('reports')
      .select('docx')
      .where('id', '=', monday?.id ?? 0)
      .executeTakeFirstOrThrow();
    expect(docxText(file.docx)).toContain('2026年11月27日16:30至11月30日16:30');
  });

  it('lets the office make a daily report on demand: the day’s span so far, or a day off', async () => {
    const office = actorFor(await buildUser(t.ctx, { roles: ['office'] }));
    // Tuesday 12-01 at 10:00: since Monday's report, up to now, and the file says so.
    t.clock.set(at('2026-12-01T10:00:00'));
    await post({ at: '2026-11-30T18:00:00', source: '按需测试' });
    const early = await generateReport({ ctx: t.ctx, actor: office, input: { kind: 'daily' } });
    expect(early.title).toBe('云溪镇网络舆情日报 第4期（2026年11月30日16:30至12月1日16:30）');
    expect(early.delivered).toBe(false);
    const row = await t.ctx.db
      .selectFrom('reports')
      .select(['figures', 'docx'])
      .where('id', '=', early.id)
      .executeTakeFirstOrThrow();
    const f = row.figures as ReportFigures;
    expect(f.posts.bySource.find((s) => s.name === '按需测试')?.count).toBe(1);
    expect(docxText(row.docx)).toContain('2026年11月30日16:30至12月1日16:30（截至10:00）');

    // Saturday 11-28, asked for afterwards: that calendar day, by when posts came in.
    const saturday = await generateReport({
      ctx: t.ctx,
      actor: office,
      input: { kind: 'daily', date: '2026-11-28' },
    });
    expect(saturday.title).toBe('云溪镇网络舆情日报 第5期（2026年11月28日）');
    const sat = await t.ctx.db
      .selectFrom('reports')
      .select('figures')
      .where('id', '=', saturday.id)
      .executeTakeFirstOrThrow();
    expect((sat.figures as ReportFigures).posts.total).toBe(1);
  });

  it('catches up a working day whose report was never made in the next one', async () => {
    // Thursday 12-10's report is missed (the server was down); Friday's covers since Wednesday's.
    await runJobAt('2026-12-09T16:30:00');
    await post({ at: '2026-12-10T12:00:00', source: '漏报测试' });
    await runJobAt('2026-12-11T16:30:00');
    const friday = (await reports()).find((r) => r.period_start === '2026-12-11');
    const f = friday?.figures as ReportFigures;
    expect(f.span?.name).toBe('2026年12月9日16:30至12月11日16:30');
    expect(f.posts.bySource.find((s) => s.name === '漏报测试')?.count).toBe(1);
  });

  it('makes one on a 调休 working Saturday', async () => {
    await runJobAt('2026-10-10T16:45:00');
    const saturday = (await reports()).filter((r) => r.period_start === '2026-10-10');
    expect(saturday).toHaveLength(1);
    expect(saturday[0]?.delivered_at).not.toBeNull();
  });
});

describe('the daily report’s figures', () => {
  it('equal what the database says for its span, by when posts were collected', async () => {
    const day = '2026-12-02'; // Wednesday
    t.clock.set(at(`${day}T08:00:00`));
    const categories = await t.ctx.db.selectFrom('categories').select(['id', 'name']).execute();
    const [c1, c2] = categories;
    // The jurisdiction's one place name, which the case's post below does not name.
    await t.ctx.db
      .insertInto('jurisdiction_terms')
      .values({ term: '青石村', kind: 'place', created_at: t.clock.now() })
      .execute();
    // The span is Tuesday 16:30 to Wednesday 16:30. Its posts: 3 from 云溪论坛, 2 from 县长信箱 (one
    // posted on Monday but collected late); one more irrelevant, one duplicate, and posts
    // collected just before the span and at its end, which are not its.
    const first = await post({
      at: `${day}T00:10:00`,
      categoryId: c1?.id,
      sentiment: 'negative',
      likes: 40,
      urgent: true,
    });
    await post({ at: `${day}T09:00:00`, categoryId: c1?.id, sentiment: 'neutral', likes: 3 });
    await post({ at: `${day}T12:00:00`, categoryId: c2?.id, sentiment: 'positive' });
    await post({ at: `${day}T13:00:00`, source: '县长信箱', sentiment: 'negative', likes: 90 });
    await post({ at: '2026-11-30T20:00:00', collectedAt: `${day}T14:00:00`, source: '县长信箱' });
    await post({ at: `${day}T10:00:00`, relevant: false, sentiment: 'negative' });
    await post({ at: `${day}T10:30:00`, duplicateOf: first, sentiment: 'negative' });
    await post({ at: '2026-12-01T16:29:00', sentiment: 'negative' });
    await post({ at: `${day}T16:30:00`, sentiment: 'negative' });

    // A case on a post of 07:00, registered at 08:00, acknowledged at 08:30: first response 90 min.
    const { id } = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: {
        post: { source: '网络问政', postedAt: at(`${day}T07:00:00`).toISOString(), body: '留言' },
      },
    });
    t.clock.set(at(`${day}T08:30:00`));
    await acknowledgeCase({ ctx: t.ctx, actor: monitor, id });
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '请核实办理。', leadUnitId: unitId },
    });
    t.clock.set(at(`${day}T11:00:00`));
    await signCase({ ctx: t.ctx, actor: liaison, id });
    await submitReply({ ctx: t.ctx, actor: liaison, id, text: '已办理。' });

    await runJobAt(`${day}T16:30:00`);
    const row = (await reports()).find((r) => r.period_start === day);
    const f = row?.figures as ReportFigures;

    // The posts as SQL counts them, independently of the report's code.
    const span = dailySpan(day, '16:30', 'Asia/Shanghai');
    const period = { from: day, to: day, start: span.start, end: span.end };
    const { rows } = await sql<{ source: string; n: number }>`
      select source, count(*)::int as n from posts
      where created_at >= ${period.start} and created_at < ${period.end}
        and relevant and duplicate_of is null
      group by source order by source`.execute(t.ctx.db);
    expect(rows).toEqual([
      { source: '云溪论坛', n: 3 },
      { source: '县长信箱', n: 2 },
    ]);
    // (The case's own post is not relevant: it names no place of the jurisdiction.)
    expect(f.posts.total).toBe(5);
    expect(Object.fromEntries(f.posts.bySource.map((s) => [s.name, s.count]))).toEqual({
      云溪论坛: 3,
      县长信箱: 2,
    });
    expect(f.posts.negative).toBe(2);
    expect(f.posts.urgent).toBe(1);
    expect(f.posts.bySentiment.map((s) => [s.key, s.count])).toEqual([
      ['negative', 2],
      ['neutral', 1],
      ['positive', 1],
      ['unknown', 1],
    ]);
    const byCategory = Object.fromEntries(f.posts.byCategory.map((c) => [c.name, c.count]));
    expect(byCategory).toEqual({ [c1?.name ?? '']: 2, [c2?.name ?? '']: 1, 未分类: 2 });
    expect(f.notable.mostLiked.map((p) => p.likes)).toEqual([90, 40, 3]);
    expect(f.notable.urgent.map((p) => p.id)).toEqual([first]);

    expect(f.cases.registered).toBe(1);
    expect(f.cases.firstResponse).toEqual({ count: 1, medianMinutes: 90, averageMinutes: 90 });
    const stats = await unitStats(t.ctx.db, period, at(`${day}T16:30:00`));
    expect(f.cases.slips).toEqual(stats.totals);
    expect(f.cases.slips).toMatchObject({ received: 1, onTime: 1, late: 0 });
    expect(f.units).toEqual([
      expect.objectContaining({ rank: 1, unitId, received: 1, onTime: 1, onTimeRate: 100 }),
    ]);
    // 0012_incidents exists: the figure is there, with nothing opened.
    expect(f.incidents?.opened).toBe(0);
    expect(f.duty).toEqual({ shifts: [] });
  });

  it('count a period not over yet up to the day it was made, and say 截至 in the Word file', async () => {
    t.clock.set(at('2026-12-09T15:00:00')); // Wednesday
    const f = await reportFigures(t.ctx, 'weekly', { from: '2026-12-07', to: '2026-12-13' });
    expect(f.posts.byDay.map((d) => d.date)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09']);
    const text = docxText(await buildReportDocx(f, 1));
    expect(text).toContain('2026年12月7日至12月13日（截至2026年12月9日）');
    // Made after the period, a report says nothing of the kind.
    t.clock.set(at('2026-12-14T09:00:00'));
    const done = await reportFigures(t.ctx, 'weekly', { from: '2026-12-07', to: '2026-12-13' });
    expect(done.posts.byDay).toHaveLength(7);
    expect(docxText(await buildReportDocx(done, 1))).not.toContain('截至');
  });

  it('compare a week with the one before (环比), with the same days of it while not over', async () => {
    // The week before: 4 posts, 3 of them by Wednesday 15:00.
    await post({ at: '2027-01-04T10:00:00', sentiment: 'negative' });
    await post({ at: '2027-01-05T10:00:00' });
    await post({ at: '2027-01-06T14:00:00', sentiment: 'negative' });
    await post({ at: '2027-01-10T23:30:00' });
    // This week by Wednesday 15:00: 4 posts.
    for (const day of ['11', '12', '13', '13']) await post({ at: `2027-01-${day}T09:00:00` });
    const week = { from: '2027-01-11', to: '2027-01-17' };

    t.clock.set(at('2027-01-13T15:00:00'));
    const early = await reportFigures(t.ctx, 'weekly', week);
    expect(early.previous).toEqual({
      from: '2027-01-04',
      to: '2027-01-06',
      partial: true,
      posts: 3,
      negative: 2,
      registered: 0,
    });
    expect(docxText(await buildReportDocx(early, 1))).toContain(
      '共监测到本辖区相关网络信息4条，较上周同期增加1条（增长33.3%），其中负面信息',
    );

    await post({ at: '2027-01-15T09:00:00' });
    await post({ at: '2027-01-17T23:00:00' });
    t.clock.set(at('2027-01-18T09:00:00'));
    const done = await reportFigures(t.ctx, 'weekly', week);
    expect(done.previous).toMatchObject({ from: '2027-01-04', to: '2027-01-10', partial: false });
    expect(done.previous?.posts).toBe(4);
    expect(docxText(await buildReportDocx(done, 1))).toContain(
      '共监测到本辖区相关网络信息6条，较上周增加2条（增长50.0%），其中负面信息',
    );
    expect(deliveryBody(done)).toContain('监测到相关信息6条，较上周增加2条（增长50.0%），其中负面');
    // A daily report has its own span and compares with nothing.
    expect(
      (await reportFigures(t.ctx, 'daily', { from: '2027-01-18', to: '2027-01-18' })).previous,
    ).toBeNull();
  });

  it('name the incidents opened or closed in the period, not only count them', async () => {
    const incident = (title: string, level: string, opened: string, closed: string | null) =>
      t.ctx.db
        .insertInto('incidents')
        .values({
          title,
          level: level as 'general',
          owner_id: (leaders[0] as BuiltUser).id,
          opened_by: (leaders[0] as BuiltUser).id,
          opened_at: at(opened),
          closed_at: closed ? at(closed) : null,
          status: closed ? 'closed' : 'open',
          closing_report: closed ? '已处置完毕。' : null,
          updated_at: at(opened),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    // Opened the week before and closed in this one; opened and still open; opened after.
    const before = await incident(
      '青石村积水事件',
      'general',
      '2027-02-26T10:00:00',
      '2027-03-02T09:00:00',
    );
    const open = await incident('工地欠薪事件', 'major', '2027-03-03T08:00:00', null);
    await incident('下周的事件', 'general', '2027-03-09T08:00:00', null);
    t.clock.set(at('2027-03-08T09:00:00'));
    const f = await reportFigures(t.ctx, 'weekly', { from: '2027-03-01', to: '2027-03-07' });
    expect(f.incidents?.list).toEqual([
      {
        id: before.id,
        title: '青石村积水事件',
        level: 'general',
        openedAt: at('2027-02-26T10:00:00').toISOString(),
        closedAt: at('2027-03-02T09:00:00').toISOString(),
      },
      {
        id: open.id,
        title: '工地欠薪事件',
        level: 'major',
        openedAt: at('2027-03-03T08:00:00').toISOString(),
        closedAt: null,
      },
    ]);
    const text = docxText(await buildReportDocx(f, 1));
    expect(text).toContain('本期启动舆情事件1起（较大1起），处置完毕1起。');
    expect(text).toMatch(/青石村积水事件\n?一般\n?02-26 10:00\n?03-02 09:00处置完毕/);
    expect(text).toMatch(/工地欠薪事件\n?较大\n?03-03 08:00\n?处置中/);
  });

  it('count cases registered by hand under the source the monitor named', async () => {
    const day = '2026-12-09';
    t.clock.set(at(`${day}T10:00:00`));
    await post({ at: `${day}T07:00:00`, source: '县长信箱' });
    for (const [source, hour] of [
      ['县长信箱', '07'],
      ['12345热线', '08'],
      ['12345热线', '09'],
    ] as const) {
      const { id } = await registerCase({
        ctx: t.ctx,
        actor: monitor,
        input: {
          post: { source, postedAt: at(`${day}T${hour}:00:00`).toISOString(), body: '留言' },
        },
      });
      // The test jurisdiction has no dictionary: made relevant by hand, as a local name would.
      await t.ctx.db
        .updateTable('posts')
        .set({ relevant: true })
        .where(
          'id',
          '=',
          (
            await t.ctx.db
              .selectFrom('cases')
              .select('post_id')
              .where('id', '=', id)
              .executeTakeFirstOrThrow()
          ).post_id,
        )
        .execute();
    }
    const f = await reportFigures(t.ctx, 'daily', { from: day, to: day });
    expect(f.posts.bySource.map((s) => [s.name, s.count])).toEqual([
      ['12345热线', 2],
      ['县长信箱', 2],
    ]);
  });
});
