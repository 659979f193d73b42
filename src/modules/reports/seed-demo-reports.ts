import { localDate } from '../../lib/calendar.js';
import type { AppContext } from '../../server/context.js';
import { ORG_NAME_KEY } from '../cases/documents/case-record.js';
import { startOfLocalDay } from '../cases/stats/period.js';
import { demoActor } from '../demo/seed-demo-cases.js';
import { DEMO_TOWNSHIP } from '../demo/seed-demo.js';
import { generateReport } from './generate-report.js';
import { addDate } from './report-period.js';
import { loadReportSettings } from './report-settings.js';

const DAILY_REPORTS = 3;

/**
 * Demo content: the daily reports of the last few working days, each generated and delivered to
 * the leaders as the schedule would have at the configured time of its day, and this month's
 * report so far as the office (办公室) would make it on demand: the schedule only makes a month's
 * report after the month, so one made before must not be listed as 定时生成; it is not sent.
 * The documents carry the demo township's name. Does nothing when any report exists; call it
 * after the demo posts and cases.
 */
export async function seedDemoReports(ctx: AppContext): Promise<number> {
  if (await ctx.db.selectFrom('reports').select('id').limit(1).executeTakeFirst()) return 0;
  const timeZone = ctx.config.deadlines.timeZone;
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('settings')
    .values({ key: ORG_NAME_KEY, value: JSON.stringify(DEMO_TOWNSHIP), updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const { dailyTime } = await loadReportSettings(ctx.db);
  const minutes = Number(dailyTime.slice(0, 2)) * 60 + Number(dailyTime.slice(3));
  /** The configured time of a past day, as the schedule would have run then. */
  const as = (date: string): AppContext => {
    const then = new Date(startOfLocalDay(date, timeZone).getTime() + minutes * 60_000);
    return { ...ctx, clock: { now: () => then } };
  };

  const today = localDate(now, timeZone);
  const days: string[] = [];
  for (let d = addDate(today, -1); days.length < DAILY_REPORTS; d = addDate(d, -1)) {
    if (ctx.config.deadlines.holidays.isWorkingDay(d)) days.unshift(d);
  }
  for (const day of days) {
    await generateReport({ ctx: as(day), actor: null, input: { kind: 'daily', date: day } });
  }
  const office = await demoActor(ctx.db, 'office');
  await generateReport({ ctx, actor: office, input: { kind: 'monthly' } });
  return days.length + 1;
}
