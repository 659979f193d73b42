/**
 * Reads the State Council's yearly notice (国务院办公厅关于 YYYY 年部分节假日安排的通知) as an
 * office copies it from gov.cn, into festivals: 「二、春节：2月15日（农历腊月二十八、周日）至23日
 * （农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。」 gives 春节,
 * 2-15 to 2-23 off, 2-14 and 2-28 worked. Pure: the web page previews what it read before anyone
 * saves it, and the server checks what is saved (holiday-arrangements.ts) in any case.
 */
import type { Festival } from './calendar.js';

export interface ParsedNotice {
  /** The year the notice names in its title, if it does. */
  year: number | null;
  festivals: Festival[];
  /**
   * What could not be read: an item (「二、春节」) that gave no day off, or, with `item` null,
   * no item at all. The page words them in its language.
   */
  problems: { item: string | null }[];
}

const ITEM = /(?:^|[\s。；;：:])([一二三四五六七八九十]{1,3})、\s*([^：:\s]{1,20})\s*[：:]/g;
/** 2026年12月31日, 12月31日 or 31日 (month and year carried from the date before). */
const DATE = /(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日/g;
const PARENTHESES = /（[^）]*）|\([^)]*\)/g;

const pad = (n: number) => String(n).padStart(2, '0');

function realDate(year: number, month: number, day: number): string | null {
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms).toISOString().slice(0, 10);
  return date === `${year}-${pad(month)}-${pad(day)}` ? date : null;
}

/** The dates of a stretch of text, each carrying the year and month of the one before. */
function datesIn(text: string, year: number, festival: string): string[] {
  const dates: string[] = [];
  let month: number | null = null;
  let explicitYear: number | null = null;
  for (const m of text.matchAll(DATE)) {
    if (m[1]) explicitYear = Number(m[1]);
    if (m[2]) month = Number(m[2]);
    if (month === null) continue;
    // 元旦's days off can begin in the December before the notice's year.
    const y = explicitYear ?? (month === 12 && festival.includes('元旦') ? year - 1 : year);
    const date = realDate(y, month, Number(m[3]));
    if (date) dates.push(date);
  }
  return dates;
}

export function parseHolidayNotice(text: string, fallbackYear: number): ParsedNotice {
  const normalised = text
    .replace(/\r/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const titled = /(\d{4})\s*年\s*(?:部分)?节假日/.exec(normalised);
  const year = titled ? Number(titled[1]) : null;
  const noticeYear = year ?? fallbackYear;
  const items = [...normalised.matchAll(ITEM)];
  const festivals: Festival[] = [];
  const problems: { item: string | null }[] = [];
  items.forEach((item, i) => {
    const name = (item[2] ?? '').trim();
    const start = (item.index ?? 0) + item[0].length;
    const end = items[i + 1]?.index ?? normalised.length;
    // Dates in brackets are asides (「除夕（2月9日）」, weekdays, lunar dates), never the arrangement.
    const body = normalised.slice(start, end).replace(PARENTHESES, '');
    const sentences = body.split(/[。；;\n]/);
    const first = sentences[0] ?? '';
    const off = datesIn(first, noticeYear, name);
    const from = off[0];
    if (!from) {
      problems.push({ item: `${item[1]}、${name}` });
      return;
    }
    const to = /至|到|—|－|-|~|～/.test(first) && off.length > 1 ? (off.at(-1) as string) : from;
    const workdays = sentences
      .slice(1)
      .filter((s) => s.includes('上班'))
      .flatMap((s) => datesIn(s, noticeYear, name));
    festivals.push({ name, from, to, workdays: [...new Set(workdays)].sort() });
  });
  if (items.length === 0) problems.push({ item: null });
  return { year, festivals, problems };
}
