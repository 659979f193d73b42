const TIME_ZONE = process.env.YUQING_TIME_ZONE ?? 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 2026-11-26 14:30 in the deployment's time zone (Asia/Shanghai unless YUQING_TIME_ZONE). */
export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}
