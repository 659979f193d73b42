import { BUILTIN_HOLIDAYS, localDate, type HolidayCalendar } from '../../lib/calendar.js';
import { startOfLocalDay, type Period } from '../cases/stats/period.js';
import type { ReportKind } from '../../db/schema-reports.js';

export type { ReportKind };

export const REPORT_KINDS = ['daily', 'weekly', 'monthly', 'quarterly', 'annual'] as const;

export const KIND_LABELS: Record<ReportKind, string> = {
  daily: '日报',
  weekly: '周报',
  monthly: '月报',
  quarterly: '季报',
  annual: '年报',
};

/** The periods the schedule reports on after they end; the daily report is made the same day. */
export const PERIODIC_KINDS = ['weekly', 'monthly', 'quarterly', 'annual'] as const;

const DAY = 86_400_000;

/** A YYYY-MM-DD date `days` later (or earlier), counted in UTC so no time zone shifts it. */
export function addDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(last)}`;
}

/** The report period of the kind that holds the date: Monday to Sunday for a week. */
export function reportPeriod(kind: ReportKind, date: string): { from: string; to: string } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (kind) {
    case 'daily':
      return { from: date, to: date };
    case 'weekly': {
      const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
      const from = addDate(date, -weekday);
      return { from, to: addDate(from, 6) };
    }
    case 'monthly':
      return { from: `${year}-${pad(month)}-01`, to: lastDayOfMonth(year, month) };
    case 'quarterly': {
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      return { from: `${year}-${pad(first)}-01`, to: lastDayOfMonth(year, first + 2) };
    }
    case 'annual':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
  }
}

/** The period of the kind that ended last before the one holding the date. */
export function previousPeriod(kind: ReportKind, date: string): { from: string; to: string } {
  return reportPeriod(kind, addDate(reportPeriod(kind, date).from, -1));
}

/** The first working day after a date (statutory holidays off, 调休 weekends on). */
export function firstWorkingDayAfter(
  date: string,
  calendar: HolidayCalendar = BUILTIN_HOLIDAYS,
): string {
  let day = addDate(date, 1);
  while (!calendar.isWorkingDay(day)) day = addDate(day, 1);
  return day;
}

/** The last working day before a date. */
export function lastWorkingDayBefore(
  date: string,
  calendar: HolidayCalendar = BUILTIN_HOLIDAYS,
): string {
  let day = addDate(date, -1);
  while (!calendar.isWorkingDay(day)) day = addDate(day, -1);
  return day;
}

/** HH:mm of an instant in the time zone. */
export function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** The instant of a local date at HH:mm. */
export function atLocalTime(date: string, time: string, timeZone: string): Date {
  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return new Date(startOfLocalDay(date, timeZone).getTime() + minutes * 60_000);
}

/** The span a daily report covers, and how its title names it. */
export interface DailySpan {
  start: Date;
  end: Date;
  /** 2026年11月27日16:30至11月30日16:30, or 2026年11月28日 for a whole day. */
  name: string;
}

/**
 * The span of the daily report of a date. On a working day, as the schedule makes it at the
 * configured time: everything since the previous working day's report, so Monday's covers Friday
 * evening and the weekend, and the day after a holiday covers the holiday. On a day off (the
 * office asked for it) the calendar day itself.
 */
export function dailySpan(
  date: string,
  dailyTime: string,
  timeZone: string,
  /**
   * Where the last daily report ended, if earlier than the usual start: a day whose
   * report was never made (the server was down) is then in the next one, not in none.
   */
  since: Date | null = null,
  calendar: HolidayCalendar = BUILTIN_HOLIDAYS,
): DailySpan {
  if (!calendar.isWorkingDay(date)) {
    return {
      start: startOfLocalDay(date, timeZone),
      end: startOfLocalDay(addDate(date, 1), timeZone),
      name: chineseDay(date),
    };
  }
  const usual = atLocalTime(lastWorkingDayBefore(date, calendar), dailyTime, timeZone);
  const start = since && since < usual ? since : usual;
  const end = atLocalTime(date, dailyTime, timeZone);
  const startDay = localDate(start, timeZone);
  const endDay = chineseDay(date);
  const endName = startDay.slice(0, 4) === date.slice(0, 4) ? endDay.slice(5) : endDay;
  return {
    start,
    end,
    name: `${chineseDay(startDay)}${localTime(start, timeZone)}至${endName}${localTime(end, timeZone)}`,
  };
}

/** The instants of a period of local dates: the start of `from` to the start of the day after `to`. */
export function instantsOf(range: { from: string; to: string }, timeZone: string): Period {
  return {
    from: range.from,
    to: range.to,
    start: startOfLocalDay(range.from, timeZone),
    end: startOfLocalDay(addDate(range.to, 1), timeZone),
  };
}

/** 2026年11月26日 */
export function chineseDay(date: string): string {
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

const QUARTERS = ['一', '二', '三', '四'];

/** How a period is named in a title: 2026年11月26日, 2026年11月23日至11月29日, 2026年第四季度 … */
export function periodName(
  kind: ReportKind,
  range: { from: string; to: string; span?: { name: string } | null | undefined },
): string {
  const year = range.from.slice(0, 4);
  const month = Number(range.from.slice(5, 7));
  switch (kind) {
    case 'daily':
      return range.span?.name ?? chineseDay(range.from);
    case 'weekly': {
      const to =
        range.to.slice(0, 4) === year ? chineseDay(range.to).slice(5) : chineseDay(range.to);
      return `${chineseDay(range.from)}至${to}`;
    }
    case 'monthly':
      return `${year}年${month}月`;
    case 'quarterly':
      return `${year}年第${QUARTERS[Math.floor((month - 1) / 3)] ?? ''}季度`;
    case 'annual':
      return `${year}年`;
  }
}

/** The masthead's name: 网络舆情日报, 网络舆情周报 … */
export function mastheadName(kind: ReportKind): string {
  return `网络舆情${KIND_LABELS[kind]}`;
}

/** 云溪镇网络舆情日报 第12期（2026年11月26日） */
export function reportTitle(r: {
  orgName: string | null;
  kind: ReportKind;
  seq: number;
  from: string;
  to: string;
  /** A daily report's span (dailySpan), when it has one: reports made before it had none. */
  span?: { name: string } | null | undefined;
}): string {
  return `${r.orgName ?? ''}${mastheadName(r.kind)} 第${r.seq}期（${periodName(r.kind, r)}）`;
}
