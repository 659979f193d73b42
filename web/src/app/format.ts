import type { Lang } from './i18n/i18n';

/**
 * The deployment's time zone (YUQING_TIME_ZONE), which the server writes into index.html's
 * `yuqing-time-zone` meta tag; Asia/Shanghai when the page has none (the Vite dev server) or an
 * unknown one. Dates are shown and taken in it, not in the browser's zone.
 */
function deploymentTimeZone(): string {
  const zone = document.querySelector<HTMLMetaElement>('meta[name="yuqing-time-zone"]')?.content;
  if (zone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return zone;
    } catch {
      // An unknown zone: the default below.
    }
  }
  return 'Asia/Shanghai';
}

export const TIME_ZONE = deploymentTimeZone();

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026-11-26 14:30`, or an em dash for no date. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of dateTimeFormat.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''} ${parts.hour ?? ''}:${parts.minute ?? ''}`;
}

export function formatNumber(value: number, lang: Lang = 'zh'): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US').format(value);
}

export function isFuture(value: string | null | undefined, now: number = Date.now()): boolean {
  if (!value) return false;
  const time = new Date(value).getTime();
  return !Number.isNaN(time) && time > now;
}
