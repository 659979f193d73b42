import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, testConfig, type TestContext } from '../../../tests/helpers/db.js';
import { builtinArrangement, type Festival } from '../../lib/calendar.js';
import type { AppContext } from '../../server/context.js';
import type { BuiltApp } from '../../server/app.js';
import { assignCase } from '../cases/assign-case.js';
import { handlingDue } from '../cases/deadlines.js';
import { decideExtension, requestExtension } from '../cases/extension.js';
import { registerCase } from '../cases/register-case.js';
import { dueReports } from '../reports/scheduled-reports.js';
import type { HolidayOverview } from './holiday-arrangements.js';
import { checkArrangement, syncHolidays } from './holiday-arrangements.js';

const at = (local: string) => new Date(`${local}+08:00`);

/**
 * A 2027 arrangement made up for the test (the State Council had not published 2027's when this
 * was written, and the built-in data ends with 2026): 春节 Fri 5 – Sat 13 February off, Sunday
 * 31 January and Saturday 20 February worked.
 */
const SPRING_2027: Festival = {
  name: '春节',
  from: '2027-02-05',
  to: '2027-02-13',
  workdays: ['2027-01-31', '2027-02-20'],
};

let t: TestContext;
let built: BuiltApp;
let office: ApiClient;
let viewer: ApiClient;

beforeAll(async () => {
  t = await createTestContext({ deadlines: { ...testConfig().deadlines, counting: 'working' } });
  built = await buildTestApp(t.ctx);
  const o = await buildUser(t.ctx, { roles: ['office'] });
  const v = await buildUser(t.ctx, { roles: ['viewer'] });
  office = await loginAs(built, o.username, o.password);
  viewer = await loginAs(built, v.username, v.password);
});

afterAll(async () => {
  await built.app.close();
  await t.close();
});

beforeEach(async () => {
  await t.ctx.db.deleteFrom('settings').where('key', 'like', 'holidays.%').execute();
  await syncHolidays(t.ctx);
  t.clock.set(at('2026-11-26T10:00:00'));
});

const put = (year: number, festivals: Festival[]) =>
  office.request('PUT', `/api/holidays/${year}`, { festivals });

describe('节假日安排', () => {
  it('warns from November that next year is missing, and names the year', async () => {
    const res = await viewer.request('GET', '/api/holidays');
    expect(res.statusCode).toBe(200);
    const overview = res.json<HolidayOverview>();
    expect(overview.missingYear).toBe(2027);
    expect(overview.warning).toContain('2027 年节假日安排尚未录入');
    expect(overview.years.map((y) => [y.year, y.source])).toEqual([
      [2027, 'none'],
      [2026, 'builtin'],
      [2025, 'builtin'],
    ]);
    const y2026 = overview.years.find((y) => y.year === 2026);
    expect(y2026?.festivals.map((f) => f.name)).toEqual([
      '元旦',
      '春节',
      '清明节',
      '劳动节',
      '端午节',
      '中秋节',
      '国庆节',
    ]);
    // 2026 changes 19 weekdays to days off (元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1,
    // 国庆 5) and 6 weekend days to working days.
    expect(y2026).toMatchObject({ weekdaysOff: 19, weekendsWorked: 6 });

    t.clock.set(at('2026-10-31T10:00:00'));
    expect(
      (await viewer.request('GET', '/api/holidays')).json<HolidayOverview>().warning,
    ).toBeNull();
  });

  it('moves a working-day deadline past a holiday once the year is entered', async () => {
    const slip = at('2027-02-04T10:00:00');
    // Not entered: only weekends are known, so 春节 counts as working days.
    expect(handlingDue(t.ctx.config.deadlines, slip, false)).toEqual(at('2027-02-09T10:00:00'));

    const res = await put(2027, [SPRING_2027]);
    expect(res.statusCode).toBe(200);
    const overview = res.json<HolidayOverview>();
    expect(overview.warning).toBeNull();
    expect(overview.years.find((y) => y.year === 2027)).toMatchObject({
      source: 'custom',
      festivals: [SPRING_2027],
      weekdaysOff: 6,
      weekendsWorked: 2,
    });
    // 5–13 February off, Sunday 14th off: Monday 15th, Tuesday 16th, Wednesday 17th.
    expect(handlingDue(t.ctx.config.deadlines, slip, false)).toEqual(at('2027-02-17T10:00:00'));
    // A 调休 Sunday counts: slip on Friday 29 January, 3 working days → Sun 31, Mon 1, Tue 2.
    expect(handlingDue(t.ctx.config.deadlines, at('2027-01-29T09:00:00'), false)).toEqual(
      at('2027-02-02T09:00:00'),
    );

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_id', '=', 'holidays.2027')
      .execute();
    expect(audit).toEqual([{ action: 'holidays.update', summary: '录入 2027 年节假日安排：春节' }]);
  });

  it('reaches another process on the same database when it reloads', async () => {
    const other: AppContext = {
      ...t.ctx,
      config: testConfig({ deadlines: { ...testConfig().deadlines, counting: 'working' } }),
    };
    expect(await put(2027, [SPRING_2027]).then((r) => r.statusCode)).toBe(200);
    const slip = at('2027-02-04T10:00:00');
    expect(handlingDue(other.config.deadlines, slip, false)).toEqual(at('2027-02-09T10:00:00'));
    await syncHolidays(other);
    expect(handlingDue(other.config.deadlines, slip, false)).toEqual(at('2027-02-17T10:00:00'));
  });

  it('replaces the built-in data of a year it is entered for, and withdrawing restores it', async () => {
    // 2026 as built in: 国庆 1–7 October. Entered with 1–8 October instead.
    const national = {
      name: '国庆节',
      from: '2026-10-01',
      to: '2026-10-08',
      workdays: ['2026-09-27'],
    };
    expect(await put(2026, [national]).then((r) => r.statusCode)).toBe(200);
    const calendar = t.ctx.config.deadlines.holidays;
    expect(calendar.isWorkingDay('2026-10-08')).toBe(false);
    expect(calendar.isWorkingDay('2026-09-27')).toBe(true);
    // What was not entered for 2026 is now an ordinary day: the entry replaces the year.
    expect(calendar.isWorkingDay('2026-02-16')).toBe(true);

    const res = await office.request('DELETE', '/api/holidays/2026');
    expect(res.statusCode).toBe(200);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false);
    const again = await office.request('DELETE', '/api/holidays/2026');
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('keeps the daily report off an entered holiday and on an entered 调休 Sunday', async () => {
    await put(2027, [SPRING_2027]);
    const settings = { dailyEnabled: true, dailyTime: '16:30', periodicEnabled: false };
    const { timeZone, holidays } = t.ctx.config.deadlines;
    expect(dueReports(at('2027-02-08T17:00:00'), timeZone, settings, holidays)).toEqual([]);
    expect(dueReports(at('2027-01-31T17:00:00'), timeZone, settings, holidays)).toEqual([
      { kind: 'daily', date: '2027-01-31' },
    ]);
  });

  it.each([
    [[{ ...SPRING_2027, to: '2027-02-01' }], '第 1 项「春节」：放假结束日早于开始日'],
    [
      [{ ...SPRING_2027, workdays: ['2027-02-01'] }],
      '第 1 项「春节」：调休上班日 2027-02-01 不是周六或周日',
    ],
    [[{ ...SPRING_2027, workdays: ['2027-02-06'] }], '第 1 项「春节」：2027-02-06 既放假又上班'],
    [
      [{ ...SPRING_2027, from: '2027-02-30' }],
      '第 1 项「春节」：放假开始日 2027-02-30 不是有效日期',
    ],
    [[{ ...SPRING_2027, to: '2027-03-01' }], '第 1 项「春节」：放假超过 15 天，请检查日期'],
    [
      [{ ...SPRING_2027, from: '2028-02-05', to: '2028-02-06' }],
      '第 1 项「春节」：放假开始日 2028-02-05 不在 2027 年的安排之内',
    ],
    [
      [SPRING_2027, { name: '元宵', from: '2027-02-13', to: '2027-02-13', workdays: [] }],
      '第 2 项「元宵」：2027-02-13 已在「春节」中放假',
    ],
    [[{ ...SPRING_2027, name: '  ' }], '第 1 项：请填写节日名称'],
  ])('refuses a mistaken arrangement with where it is (%#)', async (festivals, message) => {
    const res = await put(2027, festivals);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', message } });
    expect(t.ctx.config.deadlines.holidays.source(2027)).toBe('none');
  });

  it('refuses a year out of range, an empty list and a viewer', async () => {
    expect((await put(1999, [SPRING_2027])).statusCode).toBe(400);
    expect((await put(2027, [])).statusCode).toBe(400);
    const res = await viewer.request('PUT', '/api/holidays/2027', { festivals: [SPRING_2027] });
    expect(res.statusCode).toBe(403);
  });

  it('accepts every built-in year as it is shown, so 修改 starts from something that saves', () => {
    for (let year = 2010; year <= 2026; year++) {
      const { festivals } = builtinArrangement(year);
      expect(checkArrangement(year, festivals), String(year)).toHaveLength(festivals.length);
    }
  });
});

describe("open cases' due times when a year is entered", () => {
  it('puts running due times later over the new days off, never earlier, and leaves granted extensions', async () => {
    const unit = await buildUnit(t.ctx);
    const monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
    const leader = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));
    const liaisonUser = await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id });
    const liaison = actorFor(liaisonUser, [unit.id]);
    const open = async (body: string) => {
      t.clock.set(at('2027-02-03T09:30:00'));
      const { id } = await registerCase({
        ctx: t.ctx,
        actor: monitor,
        input: {
          post: { source: '网站', postedAt: at('2027-02-03T09:00:00').toISOString(), body },
        },
      });
      t.clock.set(at('2027-02-04T10:00:00'));
      await assignCase({
        ctx: t.ctx,
        actor: leader,
        id,
        input: { instruction: '请办理', leadUnitId: unit.id },
      });
      return id;
    };
    const counted = await open('菜市场门口路灯不亮');
    // An urgent slip a leader limited to 4 hours: no count of days, nothing to put later.
    t.clock.set(at('2027-02-03T09:30:00'));
    const { id: limited } = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: {
        post: {
          source: '网站',
          postedAt: at('2027-02-03T09:00:00').toISOString(),
          body: '菜市场着火',
        },
      },
    });
    t.clock.set(at('2027-02-04T10:00:00'));
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id: limited,
      input: { instruction: '立即核实', leadUnitId: unit.id, urgent: true, withinHours: 4 },
    });
    const extended = await open('小区门口积水');
    await requestExtension({
      ctx: t.ctx,
      actor: liaison,
      id: extended,
      reason: '需现场勘查',
      until: at('2027-02-10T09:00:00'),
    });
    await decideExtension({ ctx: t.ctx, actor: leader, id: extended, granted: true });
    // One posted in January: its due times passed before the holidays were entered.
    t.clock.set(at('2027-01-04T09:00:00'));
    const { id: passed } = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: {
        post: {
          source: '网站',
          postedAt: at('2027-01-04T09:00:00').toISOString(),
          body: '噪音扰民',
        },
      },
    });
    const due = (id: number) =>
      t.ctx.db
        .selectFrom('cases')
        .select(['reply_due_at', 'handling_due_at', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    // Counted with weekends only: 4, 5, 8 February for the reply; 5, 8, 9 for the slip.
    const before = await due(counted);
    expect(before).toMatchObject({
      reply_due_at: at('2027-02-08T09:00:00'),
      handling_due_at: at('2027-02-09T10:00:00'),
    });
    const passedBefore = await due(passed);

    t.clock.set(at('2027-02-05T08:00:00'));
    const o = await buildUser(t.ctx, { roles: ['office'] });
    const lateOffice = await loginAs(built, o.username, o.password);
    const res = await lateOffice.request('PUT', '/api/holidays/2027', { festivals: [SPRING_2027] });
    expect(res.statusCode).toBe(200);
    // Two cases: the one counted by the rule, and the limited one's public reply (not its slip).
    expect(res.json<HolidayOverview>().postponed).toBe(2);
    // 5–14 February off: the reply is due on the second working day after, the slip on the third.
    expect(await due(counted)).toMatchObject({
      reply_due_at: at('2027-02-16T09:00:00'),
      handling_due_at: at('2027-02-17T10:00:00'),
      version: before.version + 1,
    });
    expect(await due(extended)).toMatchObject({
      reply_due_at: at('2027-02-10T09:00:00'),
      handling_due_at: at('2027-02-10T09:00:00'),
    });
    expect(await due(passed)).toEqual(passedBefore);
    expect(await due(limited)).toMatchObject({
      handling_due_at: at('2027-02-04T14:00:00'),
      reply_due_at: at('2027-02-16T09:00:00'),
    });

    const events = await t.ctx.db
      .selectFrom('case_events')
      .select(['action', 'comment'])
      .where('case_id', '=', counted)
      .where('action', '=', 'deadline.holidays')
      .execute();
    expect(events).toEqual([
      {
        action: 'deadline.holidays',
        comment:
          '录入 2027 年节假日安排后按工作日重新计算，期限顺延：书面回复期限 2027-02-09 10:00 → 2027-02-17 10:00；公开答复期限 2027-02-08 09:00 → 2027-02-16 09:00',
      },
    ]);
    const told = await t.ctx.db
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('user_id', '=', liaisonUser.id)
      .where('kind', '=', 'case.postponed')
      .execute();
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain('请于 2027-02-17 10:00 前提交书面回复');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'in', ['holidays.update', 'case.postpone-for-holidays'])
      .where('at', '>=', at('2027-02-05T08:00:00'))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'case.postpone-for-holidays',
      'case.postpone-for-holidays',
      'holidays.update',
    ]);
    expect(audit[2]?.summary).toBe('录入 2027 年节假日安排：春节；2 件办件的期限随之顺延');

    // Withdrawing the entry would count 春节 as working days again: nothing is brought forward.
    const withdrawn = await lateOffice.request('DELETE', '/api/holidays/2027');
    expect(withdrawn.json<HolidayOverview>().postponed).toBe(0);
    expect(await due(counted)).toMatchObject({
      reply_due_at: at('2027-02-16T09:00:00'),
      handling_due_at: at('2027-02-17T10:00:00'),
    });
  });
});
