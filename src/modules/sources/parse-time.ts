import type { Cell } from './read-table.js';

const DAY = 86_400_000;

function offsetAt(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const p of format.formatToParts(new Date(instant))) parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant the zone's wall clock shows these fields, or null for an impossible date. */
function fromWallClock(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  timeZone: string,
): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  const guess = asUtc - offsetAt(asUtc, timeZone);
  return new Date(asUtc - offsetAt(guess, timeZone));
}

// 2026-11-20 10:30, 2026/11/20 10:30:05, 2026.11.20, 2026年11月20日 10时30分, 2026-11-20T10:30
const WALL_CLOCK =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})\s*[:时點点]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?\s*秒?)?\s*分?$/;

/**
 * A post's time as people write it in a spreadsheet, read in the deployment's time zone unless it
 * says its own: wall-clock text in the usual Chinese forms, ISO 8601, Excel serial day numbers and
 * Unix timestamps. Null when it cannot be read.
 */
export function parseTime(cell: Cell, timeZone: string): Date | null {
  if (cell === null) return null;
  if (typeof cell === 'object') return parseTime(cell.wallClock, timeZone);
  if (typeof cell === 'number') {
    // Excel's serial day number (1900 date system): 1 = 1900-01-01, with its 1900 leap-day bug.
    if (cell > 20_000 && cell < 80_000) {
      const ms = Math.round((cell - 25_569) * DAY);
      const w = new Date(ms);
      return fromWallClock(
        w.getUTCFullYear(),
        w.getUTCMonth() + 1,
        w.getUTCDate(),
        w.getUTCHours(),
        w.getUTCMinutes(),
        w.getUTCSeconds(),
        timeZone,
      );
    }
    return parseTime(String(cell), timeZone);
  }
  const text = cell.trim();
  if (!text) return null;
  if (/^\d{10}$/.test(text)) return new Date(Number(text) * 1000);
  if (/^\d{13}$/.test(text)) return new Date(Number(text));
  if (/^\d{4,5}(\.\d+)?$/.test(text)) return parseTime(Number(text), timeZone);
  const m = WALL_CLOCK.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s] = m;
    return fromWallClock(
      Number(y),
      Number(mo),
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
      timeZone,
    );
  }
  // With its own zone: 2026-11-20T10:30:00+08:00, ...Z.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}
