/**
 * The 24-hour duty roster (值班表) as plain functions over instants: the local days of a watch
 * period, which hours of each day nobody covers, a rotating roster that covers them all, and the
 * problems of a roster the office typed in. No database, no clock: testable on their own.
 */
import { startOfLocalDay } from '../cases/stats/period.js';
import type { CoverageDay } from './watch.schemas.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Shift {
  userId: number;
  startsAt: Date;
  endsAt: Date;
}

export interface LocalDay {
  date: string;
  start: Date;
  /** The start of the next local day (exclusive). */
  end: Date;
}

export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/** Every local day from `startsOn` to `endsOn`, both included, with the instants it spans. */
export function localDays(startsOn: string, endsOn: string, timeZone: string): LocalDay[] {
  const days: LocalDay[] = [];
  for (let date = startsOn; date <= endsOn; date = nextDate(date)) {
    days.push({
      date,
      start: startOfLocalDay(date, timeZone),
      end: startOfLocalDay(nextDate(date), timeZone),
    });
  }
  return days;
}

/** The instants a period spans: the start of its first local day to the end of its last. */
export function periodBounds(
  startsOn: string,
  endsOn: string,
  timeZone: string,
): { start: Date; end: Date } {
  return {
    start: startOfLocalDay(startsOn, timeZone),
    end: startOfLocalDay(nextDate(endsOn), timeZone),
  };
}

/** The hours of a local day as instants: 24 of them, fewer or more on a daylight-saving change. */
function hoursOf(day: LocalDay): { start: number; end: number }[] {
  const hours: { start: number; end: number }[] = [];
  for (let t = day.start.getTime(); t < day.end.getTime(); t += HOUR) {
    hours.push({ start: t, end: Math.min(t + HOUR, day.end.getTime()) });
  }
  return hours;
}

/** Shifts merged where they touch or overlap: the spans when at least one person is on duty. */
function mergedSpans(shifts: readonly Shift[]): { start: number; end: number }[] {
  const sorted = shifts
    .map((s) => ({ start: s.startsAt.getTime(), end: s.endsAt.getTime() }))
    .sort((a, b) => a.start - b.start);
  const spans: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = spans.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else spans.push({ ...s });
  }
  return spans;
}

/**
 * Per local day, who is on duty in each hour, and the hours nobody covers: an hour counts as
 * covered only when someone is on duty for all of it, so a gap of ten minutes shows.
 */
export function rosterCoverage(days: readonly LocalDay[], shifts: readonly Shift[]): CoverageDay[] {
  const spans = mergedSpans(shifts);
  return days.map((day) => {
    const dayStart = day.start.getTime();
    const dayEnd = day.end.getTime();
    const dayShifts = shifts.filter(
      (s) => s.startsAt.getTime() < dayEnd && s.endsAt.getTime() > dayStart,
    );
    const daySpans = spans.filter((s) => s.start < dayEnd && s.end > dayStart);
    const uncoveredHours: number[] = [];
    const onDuty = hoursOf(day).map((hour, index) => {
      if (!daySpans.some((s) => s.start <= hour.start && s.end >= hour.end)) {
        uncoveredHours.push(index);
      }
      const users: number[] = [];
      for (const s of dayShifts) {
        const overlaps = s.startsAt.getTime() < hour.end && s.endsAt.getTime() > hour.start;
        if (overlaps && !users.includes(s.userId)) users.push(s.userId);
      }
      return users;
    });
    return { date: day.date, uncoveredHours, onDuty };
  });
}

/**
 * A rotating roster over every hour of the period: shifts change at `firstShiftStartsAt` o'clock
 * and every `shiftHours` after it (6, 8, 12 and 24 divide the day, so the change times are the
 * same each day). The people take turns in the order given, the first of them on the first shift
 * that starts at a change time; a shorter shift before it, from the period's first midnight, goes
 * to the last of them, as if the rotation had already been running.
 */
export function proposeRoster(
  days: readonly LocalDay[],
  userIds: readonly number[],
  shiftHours: number,
  firstShiftStartsAt: number,
): Shift[] {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last || userIds.length === 0) return [];
  const periodStart = first.start.getTime();
  const periodEnd = last.end.getTime();
  const changes = new Set<number>();
  for (const day of days) {
    for (let h = firstShiftStartsAt % shiftHours; h < 24; h += shiftHours) {
      const t = day.start.getTime() + h * HOUR;
      if (t > periodStart && t < periodEnd) changes.add(t);
    }
  }
  const bounds = [periodStart, ...[...changes].sort((a, b) => a - b), periodEnd];
  const aligned = firstShiftStartsAt % shiftHours === 0;
  const shifts: Shift[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const turn = aligned ? i : i - 1;
    const userId = userIds[((turn % userIds.length) + userIds.length) % userIds.length];
    if (userId === undefined) continue;
    shifts.push({
      userId,
      startsAt: new Date(bounds[i] ?? periodStart),
      endsAt: new Date(bounds[i + 1] ?? periodEnd),
    });
  }
  return shifts;
}

export const MAX_SHIFT_HOURS = 24;

/** A problem of one row of a roster; `text` begins with 第 n 行. */
export interface RowProblem {
  row: number;
  text: string;
}

/** One message for the office: the first problems, in row order, separated by ；. */
export function problemsMessage(problems: readonly RowProblem[]): string {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const shown = sorted.slice(0, 20).map((p) => p.text);
  if (sorted.length > shown.length) shown.push(`另有 ${sorted.length - shown.length} 处问题`);
  return shown.join('；');
}

/**
 * What is wrong with a roster, one line per problem, each naming its row (1-based, as the office
 * sees it): a shift that ends before it starts, lasts over a day, leaves the period's local days,
 * or overlaps another shift of the same person.
 */
export function rosterProblems(
  shifts: readonly Shift[],
  period: { start: Date; end: Date; startsOn: string; endsOn: string },
): RowProblem[] {
  const problems: { row: number; text: string }[] = [];
  const valid: { row: number; shift: Shift }[] = [];
  shifts.forEach((shift, index) => {
    const row = index + 1;
    const start = shift.startsAt.getTime();
    const end = shift.endsAt.getTime();
    if (end <= start) {
      problems.push({ row, text: `第 ${row} 行：结束时间须晚于开始时间` });
    } else if (end - start > MAX_SHIFT_HOURS * HOUR) {
      problems.push({ row, text: `第 ${row} 行：一个班次不能超过 ${MAX_SHIFT_HOURS} 小时` });
    } else if (start < period.start.getTime() || end > period.end.getTime()) {
      const text = `第 ${row} 行：超出重点时段（${period.startsOn} 至 ${period.endsOn}）`;
      problems.push({ row, text });
    } else {
      valid.push({ row, shift });
    }
  });
  const byUser = new Map<number, { row: number; shift: Shift }[]>();
  for (const entry of valid) {
    const list = byUser.get(entry.shift.userId) ?? [];
    list.push(entry);
    byUser.set(entry.shift.userId, list);
  }
  for (const list of byUser.values()) {
    list.sort((a, b) => a.shift.startsAt.getTime() - b.shift.startsAt.getTime() || a.row - b.row);
    let latest: { row: number; shift: Shift } | undefined;
    for (const entry of list) {
      if (latest && entry.shift.startsAt.getTime() < latest.shift.endsAt.getTime()) {
        const [earlier, later] = [latest.row, entry.row].sort((a, b) => a - b) as [number, number];
        problems.push({ row: later, text: `第 ${later} 行：与第 ${earlier} 行时间重叠` });
      }
      if (!latest || entry.shift.endsAt.getTime() > latest.shift.endsAt.getTime()) latest = entry;
    }
  }
  return problems.sort((a, b) => a.row - b.row);
}
