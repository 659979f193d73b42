/**
 * Before this local hour the night still belongs to the day before: at 00:10 the duty person
 * opening the 工作台 must see the fire posted at 23:40, not a fresh day of zeros.
 */
export const NIGHT_ENDS_HOUR = 6;

/**
 * The days the home page's 今日舆情 covers at `now` in `timeZone`: today, or during the night
 * (before 06:00) yesterday and today.
 */
export function todayRange(
  now: Date,
  timeZone: string,
): { from: string; to: string; night: boolean } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const [year, month, day] = [part('year'), part('month'), part('day')];
  const date = (offset: number) =>
    new Date(Date.UTC(year, month - 1, day + offset)).toISOString().slice(0, 10);
  const night = part('hour') < NIGHT_ENDS_HOUR;
  return { from: date(night ? -1 : 0), to: date(0), night };
}
