// Made at first use, not at import: an unknown YUQING_TIME_ZONE is then reported by loadConfig
// in words before any date is formatted.
const formats = new Map<string, Intl.DateTimeFormat>();

/** 2026-11-26 14:30 on the clock of `timeZone`. */
export function formatDateTimeIn(date: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format.format(date);
}

/** 2026-11-26 14:30 in the deployment's time zone (Asia/Shanghai unless YUQING_TIME_ZONE). */
export function formatDateTime(date: Date): string {
  return formatDateTimeIn(date, process.env.YUQING_TIME_ZONE || 'Asia/Shanghai');
}
