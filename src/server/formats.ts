/**
 * The date formats requests are checked with, in place of ajv-formats' own: only real calendar
 * dates of the years 1900–2099. Year 0001 or 9999 passed the standard check and then broke what
 * came after: 9999-12-31 as the end of a period made the day after it +010000-01, and listing the
 * days looped until the server ran out of memory; 0001-01-01 met PostgreSQL's limits as a 500.
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2099;

export const DATE_RANGE = `${FIRST_YEAR}–${LAST_YEAR} 年`;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// As ajv-formats takes it: a T, t or space between; an offset of Z, ±HH, ±HHMM or ±HH:MM.
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2})(?::?(\d{2}))?)$/;

/** YYYY-MM-DD, a day that exists, in 1900–2099. */
export function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** An RFC 3339 date and time with its offset (2026-11-27T08:00:00+08:00), its date as isDate. */
export function isDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m || !isDate(m[1] as string)) return false;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const [offsetHour, offsetMinute] = [Number(m[5] ?? 0), Number(m[6] ?? 0)];
  return hour < 24 && minute < 60 && second < 60 && offsetHour < 24 && offsetMinute < 60;
}
