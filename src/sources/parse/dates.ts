const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** China Standard Time has no daylight saving: a fixed UTC+8. */
const SHANGHAI_OFFSET = 8 * HOUR;

const ABSOLUTE =
  /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/;
const EXPLICIT_ZONE = /(?:Z|[+-]\d{2}:?\d{2}|GMT|UTC|[ECMP][SD]T)\s*$/i;
const RELATIVE = /(\d+)\s*(秒|分钟|小时|天)前/;
const NAMED_DAY = /(今天|昨天|前天)\s*(?:(\d{1,2})\s*[:：]\s*(\d{1,2}))?/;

function shanghai(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - SHANGHAI_OFFSET);
  // Reject 2月30日 and the like, which Date.UTC would roll over.
  return new Date(at.getTime() + SHANGHAI_OFFSET).getUTCDate() === d ? at : null;
}

/**
 * A date as Chinese sites write it, read as Asia/Shanghai wall-clock time: "2026年11月3日 10:20",
 * "2026-11-03 10:20:05", "发布时间：2026/11/03", "3小时前", "昨天 10:20"; ISO 8601 and RFC 822
 * dates with a zone keep their zone. Null when nothing date-like is found.
 */
export function parseSiteDate(raw: string | null | undefined, now: Date): Date | null {
  const text = raw?.trim();
  if (!text) return null;
  if (EXPLICIT_ZONE.test(text)) {
    const parsed = new Date(text);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  const abs = ABSOLUTE.exec(text);
  if (abs) {
    const [y, mo, d, h, mi, s] = abs.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
    return shanghai(y ?? 0, mo ?? 0, d ?? 0, h, mi, s);
  }
  const rel = RELATIVE.exec(text);
  if (rel) {
    const n = Number(rel[1]);
    const unit = { 秒: 1000, 分钟: MINUTE, 小时: HOUR, 天: DAY }[rel[2] as '秒'];
    return new Date(now.getTime() - n * unit);
  }
  const named = NAMED_DAY.exec(text);
  if (named) {
    const back = { 今天: 0, 昨天: 1, 前天: 2 }[named[1] as '今天'];
    const local = new Date(now.getTime() + SHANGHAI_OFFSET - back * DAY);
    return shanghai(
      local.getUTCFullYear(),
      local.getUTCMonth() + 1,
      local.getUTCDate(),
      Number(named[2] ?? 0),
      Number(named[3] ?? 0),
    );
  }
  return null;
}
