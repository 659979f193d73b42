import { Type } from '@sinclair/typebox';
import { localDate } from '../../../lib/calendar.js';
import { AppError } from '../../../server/errors.js';

export const LocalDate = Type.String({
  format: 'date',
  description: '日期，如 2026-11-26（本地时区）',
});

const DAY = 86_400_000;
const MAX_DAYS = 366;

/** How far the time zone's wall clock is ahead of UTC at an instant. */
function offsetAt(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a local date begins in the time zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const asUtc = Date.parse(`${date}T00:00:00Z`);
  const guess = asUtc - offsetAt(asUtc, timeZone);
  return new Date(asUtc - offsetAt(guess, timeZone));
}

/** The local date after `date` (2026-11-30 → 2026-12-01). */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

export interface Period {
  /** Local dates as given, both included. */
  from: string;
  to: string;
  /** The instants: start of `from`, start of the day after `to` (exclusive). */
  start: Date;
  end: Date;
}

/**
 * A period of whole local days, `from` and `to` included. Without dates: the current month up
 * to today, as the office's monthly ledger runs.
 */
export function periodOf(
  input: { from?: string | undefined; to?: string | undefined },
  now: Date,
  timeZone: string,
): Period {
  const today = localDate(now, timeZone);
  const to = input.to ?? today;
  const from = input.from ?? `${to.slice(0, 7)}-01`;
  if (from > to) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期');
  const start = startOfLocalDay(from, timeZone);
  const end = startOfLocalDay(nextDate(to), timeZone);
  if (end.getTime() - start.getTime() > MAX_DAYS * DAY + 2 * 3_600_000) {
    throw new AppError('VALIDATION_FAILED', `统计区间不能超过 ${MAX_DAYS} 天`);
  }
  return { from, to, start, end };
}
