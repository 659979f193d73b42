/**
 * Day counting for case deadlines (DESIGN §2): calendar days, or working days under the Chinese
 * statutory holiday calendar including 调休 make-up working days.
 *
 * The holiday data is the JSON file that the `chinese-days` package publishes for this purpose
 * (documented in its README), not its functions: those parse 'YYYY-MM-DD' as UTC midnight but read
 * it back with local getters, so in a process time zone west of UTC every date is shifted by a day.
 * Here every date is a plain 'YYYY-MM-DD' string and weekdays are computed in UTC, so nothing
 * depends on the process time zone.
 */
import holidayData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export type DayCounting = 'calendar' | 'working';
export type DeadlineLevel = 'green' | 'amber' | 'red' | 'overdue';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface HolidayCalendar {
  /** Dates off work, weekdays and weekends alike, e.g. '2026-02-16': 'Spring Festival,春节,4'. */
  holidays: Readonly<Record<string, string>>;
  /** 调休: weekend dates that are working days. */
  workdays: Readonly<Record<string, string>>;
}

const calendarData: HolidayCalendar = holidayData;

const DATA_YEARS: ReadonlySet<number> = new Set(
  [...Object.keys(calendarData.holidays), ...Object.keys(calendarData.workdays)].map((date) =>
    Number(date.slice(0, 4)),
  ),
);

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch of a 'YYYY-MM-DD' date; throws on anything that is not a real date. */
function epochDay(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const ms = Date.UTC(y, m - 1, d);
    if (new Date(ms).toISOString().slice(0, 10) === date) return ms / DAY;
  }
  throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
}

function dateOfEpochDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function assertValidDate(at: Date, name: string): void {
  if (Number.isNaN(at.getTime())) throw new RangeError(`${name} is an invalid Date`);
}

// Formatters are costly to build; one per time zone, reused. They hold no state that affects results.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  date: string;
  /** Milliseconds since local midnight. */
  msOfDay: number;
}

function wallClock(at: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const field = (type: string): number => Number(parts[type]);
  const ms = ((at.getTime() % 1000) + 1000) % 1000;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    msOfDay: field('hour') * HOUR + field('minute') * MINUTE + field('second') * 1000 + ms,
  };
}

/** How far the time zone's wall clock is ahead of UTC at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const { date, msOfDay } = wallClock(new Date(instant), timeZone);
  return epochDay(date) * DAY + msOfDay - instant;
}

/** The instant at which the time zone's wall clock shows `msOfDay` on `date`. */
function instantOfWallClock(date: string, msOfDay: number, timeZone: string): Date {
  const asIfUtc = epochDay(date) * DAY + msOfDay;
  const firstGuess = asIfUtc - offsetAt(asIfUtc, timeZone);
  // Near a DST change the offset at the guess can differ; one correction settles it.
  const offset = offsetAt(firstGuess, timeZone);
  return new Date(asIfUtc - offset);
}

/** The calendar date (YYYY-MM-DD) of an instant in the time zone. */
export function localDate(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  assertValidDate(at, 'at');
  return wallClock(at, timeZone).date;
}

/** Whether that local date is a working day: Mon–Fri unless a statutory holiday, plus 调休 working weekends. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(epochDay(date) * DAY).getUTCDay();
  if (Object.hasOwn(calendarData.workdays, date)) return true;
  if (Object.hasOwn(calendarData.holidays, date)) return false;
  return weekday >= 1 && weekday <= 5;
}

/**
 * Whether the holiday data covers the year of that date. Outside it `isWorkingDay` knows only
 * weekends, so a deployment should warn when the current year is not covered (update `chinese-days`
 * once the State Council publishes the next year's arrangement, usually in November).
 */
export function holidayDataCovers(date: string): boolean {
  epochDay(date);
  return DATA_YEARS.has(Number(date.slice(0, 4)));
}

/**
 * The deadline `days` days after `start`: calendar → exactly days×24h later;
 * working → the same local clock time on the `days`-th working day after start's local date
 * (a start on a non-working day counts from the next working day's clock time the same way: e.g.
 * posted Saturday 10:00, 3 working days → Wednesday 10:00 of a normal week).
 */
export function addDays(
  start: Date,
  days: number,
  counting: DayCounting,
  timeZone: string = DEFAULT_TIME_ZONE,
): Date {
  assertValidDate(start, 'start');
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  }
  switch (counting) {
    case 'calendar':
      return new Date(start.getTime() + days * DAY);
    case 'working': {
      if (days === 0) return new Date(start.getTime());
      const { date, msOfDay } = wallClock(start, timeZone);
      let day = epochDay(date);
      // Terminates: the longest run of non-working days in the data is a week or so.
      for (let counted = 0; counted < days;) {
        day += 1;
        if (isWorkingDay(dateOfEpochDay(day))) counted += 1;
      }
      return instantOfWallClock(dateOfEpochDay(day), msOfDay, timeZone);
    }
  }
}

/** A span as people say it: 2 天 3 小时, 5 小时 7 分钟, 40 分钟. */
export function durationText(ms: number): string {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return minutes > 0 ? `${hours} 小时 ${minutes} 分钟` : `${hours} 小时`;
  return `${minutes} 分钟`;
}

/**
 * Chinese words for a deadline relative to now, for UI and documents: '剩余 1 天 3 小时',
 * '剩余 45 分钟', '超期 5 小时', '超期 2 天 1 小时'. Two units at most, rounded down, so the time
 * left is never overstated. Overdue exactly when `deadlineLevel` says 'overdue'.
 */
export function remainingText(due: Date, now: Date): string {
  assertValidDate(due, 'due');
  assertValidDate(now, 'now');
  const left = due.getTime() - now.getTime();
  const [prefix, span] = left >= 0 ? ['剩余', left] : ['超期', -left];
  return span < MINUTE ? `${prefix}不足 1 分钟` : `${prefix} ${durationText(span)}`;
}

/** Colour band of a deadline (DESIGN §9): 'overdue' if past, 'red' if under 2 hours left, 'amber' under 1 day, else 'green'. */
export function deadlineLevel(due: Date, now: Date): DeadlineLevel {
  assertValidDate(due, 'due');
  assertValidDate(now, 'now');
  const left = due.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  if (left < 2 * HOUR) return 'red';
  if (left < DAY) return 'amber';
  return 'green';
}
