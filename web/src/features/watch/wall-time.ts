import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { formatDateTime } from '../../app/format';

/**
 * The roster is kept in the deployment's time zone (TIME_ZONE in app/format), whatever the
 * browser's. The pickers work in the browser's zone, so they are given the deployment's wall
 * clock as if it were local, and what they return is read back the same way.
 */
export function toWall(iso: string): Dayjs {
  return dayjs(formatDateTime(iso));
}

/** The instant at which the deployment's wall clock shows the picker's fields. */
export function fromWall(value: Dayjs): string {
  const asUtc = Date.UTC(value.year(), value.month(), value.date(), value.hour(), value.minute());
  const offsetAt = (instant: number) =>
    Date.parse(`${formatDateTime(new Date(instant).toISOString()).replace(' ', 'T')}:00Z`) -
    instant;
  const guess = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(guess)).toISOString();
}
