import { BUILTIN_HOLIDAYS, localDate, type HolidayCalendar } from '../../lib/calendar.js';
import type { AppContext } from '../../server/context.js';
import { generateReport, type GenerateReportResult } from './generate-report.js';
import {
  addDate,
  firstWorkingDayAfter,
  localTime,
  PERIODIC_KINDS,
  previousPeriod,
  type ReportKind,
} from './report-period.js';
import { loadReportSettings } from './report-settings.js';

/** A period missed (the server was down) is still reported this many days after its due day. */
const CATCH_UP_DAYS = 2;

/**
 * The reports due now: on a working day (statutory holidays off, 调休 weekends on) once the
 * configured time has passed, today's daily report, and the weekly, monthly, quarterly and
 * annual report of a period whose first working day after it has come.
 */
export function dueReports(
  now: Date,
  timeZone: string,
  settings: { dailyEnabled: boolean; dailyTime: string; periodicEnabled: boolean },
  calendar: HolidayCalendar = BUILTIN_HOLIDAYS,
): { kind: ReportKind; date: string }[] {
  const today = localDate(now, timeZone);
  if (!calendar.isWorkingDay(today) || localTime(now, timeZone) < settings.dailyTime) return [];
  const due: { kind: ReportKind; date: string }[] = [];
  if (settings.dailyEnabled) due.push({ kind: 'daily', date: today });
  if (settings.periodicEnabled) {
    for (const kind of PERIODIC_KINDS) {
      const previous = previousPeriod(kind, today);
      const dueOn = firstWorkingDayAfter(previous.to, calendar);
      if (dueOn <= today && today <= addDate(dueOn, CATCH_UP_DAYS)) {
        due.push({ kind, date: previous.from });
      }
    }
  }
  return due;
}

/**
 * What the `reports.daily` job does every few minutes: generates and delivers each due report
 * not delivered yet. A report already delivered is left alone, so running again does nothing.
 */
export async function runScheduledReports(ctx: AppContext): Promise<GenerateReportResult[]> {
  const settings = await loadReportSettings(ctx.db);
  const { timeZone, holidays } = ctx.config.deadlines;
  const due = dueReports(ctx.clock.now(), timeZone, settings, holidays);
  const done: GenerateReportResult[] = [];
  for (const { kind, date } of due) {
    const delivered = await ctx.db
      .selectFrom('reports')
      .select('id')
      .where('kind', '=', kind)
      .where('period_start', '<=', date)
      .where('period_end', '>=', date)
      .where('delivered_at', 'is not', null)
      .executeTakeFirst();
    if (delivered) continue;
    done.push(await generateReport({ ctx, actor: null, input: { kind, date } }));
  }
  return done;
}
