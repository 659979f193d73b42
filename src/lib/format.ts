// Made at first use, not at import: an unknown YUQING_TIME_ZONE is then reported by loadConfig
// in words before any date is formatted.
let dateTime: Intl.DateTimeFormat | undefined;

/** 2026-11-26 14:30 in the deployment's time zone (Asia/Shanghai unless YUQING_TIME_ZONE). */
export function formatDateTime(date: Date): string {
  dateTime ??= new Intl.DateTimeFormat('sv-SE', {
    timeZone: process.env.YUQING_TIME_ZONE || 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return dateTime.format(date);
}
