import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { TIME_ZONE } from '../../app/format';
import type { Translate } from '../../app/i18n/i18n';

/** A period of whole days, both included, as the pickers hold it. */
export type DateRange = [Dayjs, Dayjs];

const localDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in the deployment's time zone (`2026-11-26`), whatever the browser's zone. */
export function localToday(now: Date = new Date()): string {
  return localDateFormat.format(now);
}

const today = () => dayjs(localToday());

export const toLocalDate = (date: Dayjs): string => date.format('YYYY-MM-DD');

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `from` and `to` from a URL, when both are dates in order. */
export function rangeFromParams(params: URLSearchParams): DateRange | null {
  const from = params.get('from');
  const to = params.get('to');
  if (!from || !to || !DATE.test(from) || !DATE.test(to) || from > to) return null;
  const range: DateRange = [dayjs(from), dayjs(to)];
  return range[0].isValid() && range[1].isValid() ? range : null;
}

/** The month so far: how the office's monthly ledger runs (and the server's default). */
export function thisMonth(): DateRange {
  const now = today();
  return [now.startOf('month'), now];
}

/** Last month, whole: the period a monthly notice covers. */
export function previousMonth(): DateRange {
  const month = today().subtract(1, 'month');
  return [month.startOf('month'), month.endOf('month').startOf('day')];
}

/** The last `days` days, today included. */
export function lastDays(days: number): DateRange {
  const now = today();
  return [now.subtract(days - 1, 'day'), now];
}

export function thisYear(): DateRange {
  const now = today();
  return [now.startOf('year'), now];
}

/** Last year, whole: what the office hands over to the archives at year end (归档移交). */
export function lastYear(): DateRange {
  const year = today().subtract(1, 'year');
  return [year.startOf('year'), year.endOf('year').startOf('day')];
}

/** The RangePicker's quick choices. */
export function rangePresets(t: Translate): { label: string; value: DateRange }[] {
  return [
    { label: t('period.thisMonth'), value: thisMonth() },
    { label: t('period.previousMonth'), value: previousMonth() },
    { label: t('period.last30Days'), value: lastDays(30) },
    { label: t('period.thisYear'), value: thisYear() },
  ];
}

/** `2026-11-01 至 2026-11-26`, or one date when the period is one day. */
export function periodText(t: Translate, from: string, to: string): string {
  return from === to ? from : t('period.fromTo', { from, to });
}
