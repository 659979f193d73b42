import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { formatDateTime } from './format';

/**
 * Times are entered and shown in the deployment's time zone (TIME_ZONE in app/format), whatever
 * the browser's. Ant Design's pickers work in the browser's zone, so they are given the
 * deployment's wall clock as if it were local (toWall, wallNow) and what they return is read back
 * the same way (fromWall). A browser set to another zone then still filters, records and shows
 * 2026-11-26 09:00 as 09:00 on the deployment's clock (Beijing time unless YUQING_TIME_ZONE).
 */
export function toWall(iso: string): Dayjs {
  return dayjs(formatDateTime(iso));
}

/** Now, on the deployment's wall clock: the default of a picker for "when did this happen". */
export function wallNow(): Dayjs {
  return toWall(new Date().toISOString());
}

/** The instant at which the deployment's wall clock shows the picker's fields (to the minute). */
export function fromWall(value: Dayjs): string {
  const asUtc = Date.UTC(value.year(), value.month(), value.date(), value.hour(), value.minute());
  const offsetAt = (instant: number) =>
    Date.parse(`${formatDateTime(new Date(instant).toISOString()).replace(' ', 'T')}:00Z`) -
    instant;
  const guess = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(guess)).toISOString();
}

/** A picked day as the half-open range of instants [its start, the next day's start). */
export function wallDayRange(
  start: Dayjs | null | undefined,
  end: Dayjs | null | undefined,
): { from?: string; to?: string } {
  return {
    from: start ? fromWall(start.startOf('day')) : undefined,
    to: end ? fromWall(end.add(1, 'day').startOf('day')) : undefined,
  };
}
