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

interface HolidayData {
  /** Dates off work, weekdays and weekends alike, e.g. '2026-02-16': 'Spring Festival,春节,4'. */
  holidays: Readonly<Record<string, string>>;
  /** 调休: weekend dates that are working days. */
  workdays: Readonly<Record<string, string>>;
}

const builtinData: HolidayData = holidayData;

const BUILTIN_YEARS: ReadonlySet<number> = new Set(
  [...Object.keys(builtinData.holidays), ...Object.keys(builtinData.workdays)].map((date) =>
    Number(date.slice(0, 4)),
  ),
);

/**
 * One festival of a year's arrangement as the State Council's notice states it: the days off
 * (from–to, inclusive; a single day when equal) and the weekend days worked instead (调休上班).
 */
export interface Festival {
  name: string;
  from: string;
  to: string;
  workdays: string[];
}

/** A year's arrangement (部分节假日安排), entered by the deployment or built in. */
export interface HolidayArrangement {
  year: number;
  festivals: Festival[];
}

/** The names the notices use; the built-in data shortens some (清明, 端午, 中秋). */
const NOTICE_NAMES: Readonly<Record<string, string>> = {
  清明: '清明节',
  端午: '端午节',
  中秋: '中秋节',
};

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

/**
 * The statutory holiday calendar that day counting and the daily report follow: the data built in
 * (the `chinese-days` package, which has a year once the State Council has published it), and
 * over it the arrangements the deployment entered itself (节假日安排), which replace the built-in
 * data for their year. One per context; `setArrangements` replaces what was entered, so every
 * process reloads them from the database (they are only a copy here).
 */
export class HolidayCalendar {
  private arranged = new Map<number, HolidayArrangement>();
  private offDays = new Map<string, string>();
  private workDays = new Map<string, string>();

  /** Replaces the entered arrangements (all of them: what is not given is dropped). */
  setArrangements(arrangements: readonly HolidayArrangement[]): void {
    this.arranged = new Map(arrangements.map((a) => [a.year, a]));
    this.offDays = new Map();
    this.workDays = new Map();
    for (const a of arrangements) {
      for (const f of a.festivals) {
        for (let d = epochDay(f.from); d <= epochDay(f.to); d++)
          this.offDays.set(dateOfEpochDay(d), f.name);
        for (const w of f.workdays) this.workDays.set(w, f.name);
      }
    }
  }

  /** Whether that local date is a working day: Mon–Fri unless a statutory holiday, plus 调休 working weekends. */
  isWorkingDay(date: string): boolean {
    const day = epochDay(date);
    const weekday = new Date(day * DAY).getUTCDay();
    const weekdayRule = weekday >= 1 && weekday <= 5;
    if (this.workDays.has(date)) return true;
    if (this.offDays.has(date)) return false;
    if (this.arranged.has(Number(date.slice(0, 4)))) return weekdayRule;
    if (Object.hasOwn(builtinData.workdays, date)) return true;
    if (Object.hasOwn(builtinData.holidays, date)) return false;
    return weekdayRule;
  }

  /** Where a year's holidays come from: entered here, built in, or nowhere (weekends only). */
  source(year: number): 'custom' | 'builtin' | 'none' {
    if (this.arranged.has(year)) return 'custom';
    return BUILTIN_YEARS.has(year) ? 'builtin' : 'none';
  }

  /** Whether the year's holidays are known (entered or built in). */
  covers(year: number): boolean {
    return this.source(year) !== 'none';
  }

  /** The arrangement in force for a year: the one entered, else the built-in one, else none. */
  arrangement(year: number): HolidayArrangement | null {
    const entered = this.arranged.get(year);
    if (entered) return entered;
    return BUILTIN_YEARS.has(year) ? builtinArrangement(year) : null;
  }
}

/** A built-in year as festivals: consecutive days off of one name, with that name's workdays. */
export function builtinArrangement(year: number): HolidayArrangement {
  const nameOf = (value: string) => {
    const short = value.split(',')[1] ?? value;
    return NOTICE_NAMES[short] ?? short;
  };
  const festivals: Festival[] = [];
  const days = Object.entries(builtinData.holidays)
    .filter(([date]) => date.startsWith(`${year}-`))
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [date, value] of days) {
    const name = nameOf(value);
    const last = festivals.at(-1);
    if (last && last.name === name && epochDay(date) - epochDay(last.to) <= 3) last.to = date;
    else festivals.push({ name, from: date, to: date, workdays: [] });
  }
  const workdays = Object.entries(builtinData.workdays)
    .filter(([date]) => date.startsWith(`${year}-`))
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [date, value] of workdays) {
    const name = nameOf(value);
    // The festival of that name nearest the workday (a name can come twice, 元旦 at both ends);
    // one whose days off lie in another year goes with the nearest festival of this one.
    const named = festivals.filter((f) => f.name === name);
    const candidates = named.length > 0 ? named : [...festivals];
    const nearest = candidates.sort((a, b) => distance(date, a) - distance(date, b))[0];
    nearest?.workdays.push(date);
  }
  return { year, festivals };
}

function distance(date: string, f: Festival): number {
  const d = epochDay(date);
  return Math.min(Math.abs(d - epochDay(f.from)), Math.abs(d - epochDay(f.to)));
}

/** The built-in data alone: for code and tests with no deployment behind them. */
export const BUILTIN_HOLIDAYS = new HolidayCalendar();

/** Whether that local date is a working day under the given calendar (the built-in data by default). */
export function isWorkingDay(date: string, calendar: HolidayCalendar = BUILTIN_HOLIDAYS): boolean {
  return calendar.isWorkingDay(date);
}

/**
 * Whether the built-in holiday data covers the year of that date. Outside it, and with nothing
 * entered under 节假日安排, `isWorkingDay` knows only weekends.
 */
export function holidayDataCovers(date: string): boolean {
  epochDay(date);
  return BUILTIN_YEARS.has(Number(date.slice(0, 4)));
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
  calendar: HolidayCalendar = BUILTIN_HOLIDAYS,
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
        if (calendar.isWorkingDay(dateOfEpochDay(day))) counted += 1;
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
