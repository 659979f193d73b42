import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildPost, buildUser } from '../../../tests/factories/index.js';
import { createTestContext, testConfig, type TestContext } from '../../../tests/helpers/db.js';
import { docxText } from '../../../tests/helpers/docx.js';
import type { Actor } from '../access/actor.js';
import { registerCase } from '../cases/register-case.js';
import { reviewPosts } from '../posts/review-posts.js';
import { generateReport } from './generate-report.js';
import { reportFigures } from './report-figures.js';
import { dailySpan } from './report-period.js';
import { REPORT_SETTINGS_KEY } from './report-settings.js';
import type { ReportFigures } from './report.schemas.js';
import { SHEETS } from './documents/report-xlsx.js';

/** An instant from a Shanghai wall-clock time (the configured time zone). */
const at = (local: string) => new Date(`${local}+08:00`);

let t: TestContext;
let monitor: Actor;
const id: Record<string, number> = {};

async function mark(review: 'read' | 'dismissed', ...names: string[]) {
  await reviewPosts({
    ctx: t.ctx,
    actor: monitor,
    input: { ids: names.map((n) => id[n] ?? 0), review },
  });
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(at('2026-11-25T09:00:00'));
  monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
  await t.ctx.db
    .insertInto('settings')
    .values([
      { key: 'org.name', value: JSON.stringify('云溪镇'), updated_at: t.clock.now() },
      {
        key: REPORT_SETTINGS_KEY,
        value: JSON.stringify({ dailyTime: '16:30', periodicEnabled: false }),
        updated_at: t.clock.now(),
      },
    ])
    .execute();
  // Thursday 2026-11-26's report covers Wednesday 16:30 to Thursday 16:30 (Shanghai), by when
  // each post was collected.
  const posts: [string, string, { urgent?: boolean; relevant?: boolean }?][] = [
    ['昨日积压', '2026-11-25T10:00:00'],
    ['昨日已阅', '2026-11-25T11:00:00'],
    ['时段起点', '2026-11-25T16:30:00'],
    ['已阅一', '2026-11-25T20:00:00'],
    ['不予处理', '2026-11-26T08:00:00'],
    ['登记办件', '2026-11-26T09:00:00'],
    ['紧急待研判', '2026-11-26T10:00:00', { urgent: true }],
    ['午后才阅', '2026-11-26T11:00:00', { urgent: true }],
    ['外县信息', '2026-11-26T12:00:00', { relevant: false }],
    ['时段终点', '2026-11-26T16:30:00'],
  ];
  for (const [title, collected, o] of posts) {
    const p = await buildPost(t.ctx, {
      title,
      postedAt: at(collected),
      collectedAt: at(collected),
      ...o,
    });
    id[title] = p.id;
  }
  // A near-duplicate of a counted post is not counted again, marked or not.
  id['重复'] = (
    await buildPost(t.ctx, {
      title: '重复',
      collectedAt: at('2026-11-26T13:00:00'),
      duplicateOf: id['时段起点'] ?? null,
    })
  ).id;

  t.clock.set(at('2026-11-25T12:00:00'));
  await mark('read', '昨日已阅');
  t.clock.set(at('2026-11-26T09:30:00'));
  await mark('read', '已阅一', '时段起点');
  await mark('dismissed', '不予处理', '外县信息');
  // Marked 已阅 first, then registered: the case is its mark.
  await mark('read', '登记办件');
  await registerCase({ ctx: t.ctx, actor: monitor, input: { postId: id['登记办件'] ?? 0 } });
  await mark('read', '时段起点');
});
afterAll(() => t.close());

describe('the daily report’s 研判 figures', () => {
  it('counts the span’s posts by their 研判 at the report’s time, in the configured time zone', async () => {
    // Made at 16:31; 午后才阅 is marked at 17:00, after the report's time.
    t.clock.set(at('2026-11-26T17:00:00'));
    await mark('read', '午后才阅');
    const span = dailySpan('2026-11-26', '16:30', 'Asia/Shanghai');
    const figures = await reportFigures(
      t.ctx,
      'daily',
      { from: '2026-11-26', to: '2026-11-26' },
      at('2026-11-26T16:31:00'),
      span,
    );
    expect(figures.review).toEqual({
      // 时段起点 .. 午后才阅: 16:30 Wednesday is in, 16:30 Thursday is the next report's.
      collected: 6,
      read: 2,
      dismissed: 1,
      registered: 1,
      pending: 2,
      urgentPending: 2,
      pendingEarlier: 1,
    });
    expect(figures.review?.collected).toBe(figures.posts.total);

    // Made again after 17:00, the late mark counts.
    const later = await reportFigures(
      t.ctx,
      'daily',
      { from: '2026-11-26', to: '2026-11-26' },
      at('2026-11-26T17:01:00'),
      span,
    );
    expect(later.review).toMatchObject({ read: 3, pending: 1, urgentPending: 1 });
  });

  it('writes them into the stored report, its Word document, its ledger and the leaders’ message', async () => {
    await buildUser(t.ctx, { roles: ['leader'] });
    t.clock.set(at('2026-11-26T17:05:00'));
    const made = await generateReport({ ctx: t.ctx, actor: null, input: { kind: 'daily' } });
    const row = await t.ctx.db
      .selectFrom('reports')
      .select(['figures', 'docx', 'xlsx'])
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow();
    const figures = (
      typeof row.figures === 'string' ? JSON.parse(row.figures) : row.figures
    ) as ReportFigures;
    expect(figures.review).toEqual({
      collected: 6,
      read: 3,
      dismissed: 1,
      registered: 1,
      pending: 1,
      urgentPending: 1,
      pendingEarlier: 1,
    });

    const text = docxText(row.docx);
    expect(text).toContain('二、信息研判情况');
    expect(text).toContain(
      '本时段采集本辖区相关信息6条，截至报告生成时已研判5条：已阅3条，不予处理1条，登记为办件1条；' +
        '待研判1条（其中含紧急信号的1条，请优先研判）。另有此前采集、尚未研判的信息1条。',
    );
    expect(text).toContain('三、热点话题');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(row.xlsx as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet(SHEETS.overview);
    const values = new Map<string, unknown>();
    sheet?.eachRow((r) => values.set(r.getCell(1).text, r.getCell(2).value));
    expect(values.get('相关信息（条）')).toBe(6);
    expect(values.get('其中已阅（条）')).toBe(3);
    expect(values.get('其中不予处理（条）')).toBe(1);
    expect(values.get('其中登记办件（条）')).toBe(1);
    expect(values.get('其中待研判（条）')).toBe(1);
    expect(values.get('待研判中含紧急信号（条）')).toBe(1);
    expect(values.get('此前采集仍待研判（条）')).toBe(1);

    const message = await t.ctx.db
      .selectFrom('notifications')
      .select('body')
      .where('kind', '=', 'report.daily')
      .executeTakeFirstOrThrow();
    expect(message.body).toContain(
      '研判：已阅3条、不予处理1条、登记办件1条，待研判1条（其中紧急1条），此前待研判1条。',
    );
  });

  it('leaves them out of the other reports', async () => {
    const weekly = await reportFigures(t.ctx, 'weekly', { from: '2026-11-23', to: '2026-11-29' });
    expect(weekly.review).toBeNull();
  });
});

describe('the 研判 figures in another configured time zone', () => {
  it('bound the day at the report time of that zone, not of Shanghai or the machine', async () => {
    const base = testConfig();
    const berlin = await createTestContext({
      deadlines: { ...base.deadlines, timeZone: 'Europe/Berlin' },
    });
    try {
      const local = (s: string) => new Date(`${s}+01:00`);
      berlin.clock.set(local('2026-11-26T09:00:00'));
      const actor = actorFor(await buildUser(berlin.ctx, { roles: ['monitor'] }));
      const inSpan = await buildPost(berlin.ctx, { collectedAt: local('2026-11-26T16:29:00') });
      // 16:31 in Berlin: tomorrow's report; in Shanghai it would be long past today's 16:30.
      await buildPost(berlin.ctx, { collectedAt: local('2026-11-26T16:31:00') });
      // 16:00 on Wednesday in Berlin: before the span (Wednesday 16:30), still waiting.
      await buildPost(berlin.ctx, { collectedAt: local('2026-11-25T16:00:00') });
      berlin.clock.set(local('2026-11-26T12:00:00'));
      await reviewPosts({
        ctx: berlin.ctx,
        actor,
        input: { ids: [inSpan.id], review: 'dismissed' },
      });
      berlin.clock.set(local('2026-11-26T16:45:00'));
      const made = await generateReport({
        ctx: berlin.ctx,
        actor: null,
        input: { kind: 'daily' },
        deliver: false,
      });
      const row = await berlin.ctx.db
        .selectFrom('reports')
        .select('figures')
        .where('id', '=', made.id)
        .executeTakeFirstOrThrow();
      const figures = (
        typeof row.figures === 'string' ? JSON.parse(row.figures) : row.figures
      ) as ReportFigures;
      expect(figures.span?.name).toBe('2026年11月25日16:30至11月26日16:30');
      expect(figures.review).toEqual({
        collected: 1,
        read: 0,
        dismissed: 1,
        registered: 0,
        pending: 0,
        urgentPending: 0,
        pendingEarlier: 1,
      });
    } finally {
      await berlin.close();
    }
  });
});

describe('此前待研判', () => {
  it('counts the earlier counted posts neither marked nor registered by the report’s time', async () => {
    const e = await createTestContext();
    try {
      e.clock.set(at('2026-11-20T09:00:00'));
      const actor = actorFor(await buildUser(e.ctx, { roles: ['monitor'] }));
      const post = async (o: { relevant?: boolean; duplicateOf?: number } = {}) =>
        (await buildPost(e.ctx, { collectedAt: at('2026-11-24T10:00:00'), ...o })).id;
      const waiting = await post();
      const read = await post();
      const dismissed = await post();
      const markedLate = await post();
      const registered = await post();
      const registeredLate = await post();
      const readThenCleared = await post();
      // A mark with no time (none is written so, but a restore may bring one): still waiting.
      const markedUntimed = await post();
      await e.ctx.db
        .updateTable('posts')
        .set({ review: 'read', reviewed_at: null })
        .where('id', '=', markedUntimed)
        .execute();
      await post({ relevant: false });
      await post({ duplicateOf: waiting });
      // In the span, not earlier.
      await buildPost(e.ctx, { collectedAt: at('2026-11-25T17:00:00') });
      const review = (ids: number[], r: 'read' | 'dismissed' | 'pending') =>
        reviewPosts({ ctx: e.ctx, actor, input: { ids, review: r } });
      e.clock.set(at('2026-11-25T09:00:00'));
      await review([read, readThenCleared], 'read');
      await review([dismissed], 'dismissed');
      await review([readThenCleared], 'pending');
      await registerCase({ ctx: e.ctx, actor, input: { postId: registered } });
      // After the report's time (16:31 on the 26th).
      e.clock.set(at('2026-11-26T18:00:00'));
      await review([markedLate], 'read');
      await registerCase({ ctx: e.ctx, actor, input: { postId: registeredLate } });

      const figures = (now: string) =>
        reportFigures(
          e.ctx,
          'daily',
          { from: '2026-11-26', to: '2026-11-26' },
          at(now),
          dailySpan('2026-11-26', '16:30', 'Asia/Shanghai'),
        );
      // waiting, markedLate, registeredLate, readThenCleared, markedUntimed.
      expect((await figures('2026-11-26T16:31:00')).review?.pendingEarlier).toBe(5);
      expect((await figures('2026-11-26T18:01:00')).review?.pendingEarlier).toBe(3);
      // Before any mark: every earlier counted post.
      expect((await figures('2026-11-24T12:00:00')).review?.pendingEarlier).toBe(8);
    } finally {
      await e.close();
    }
  });
});
