/**
 * 节假日安排: the statutory holidays of each year as the deployment entered them, over the data
 * built in (lib/calendar.ts). The built-in data ends with the last year its package knew; once
 * the State Council publishes the next year's arrangement (usually in November) the office or an
 * admin enters it here, and working-day deadlines and the daily report's schedule follow it.
 * Stored in `settings` under holidays.YYYY; each process keeps a copy (holiday-sync.ts).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  HolidayCalendar,
  localDate,
  type Festival,
  type HolidayArrangement,
} from '../../lib/calendar.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { postponeForHolidays } from '../cases/holiday-postponement.js';

const KEY_PREFIX = 'holidays.';
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
const MAX_FESTIVALS = 12;
/** The longest holiday so far is 9 days (春节 2026); a longer one is a typing mistake. */
const MAX_SPAN_DAYS = 15;
const MAX_WORKDAYS = 4;

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const FestivalSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 20, description: '节日名称，如 春节' }),
    from: { ...DateString, description: '放假第一天（YYYY-MM-DD）' },
    to: { ...DateString, description: '放假最后一天（YYYY-MM-DD），单日放假与 from 相同' },
    workdays: Type.Array(DateString, {
      maxItems: MAX_WORKDAYS,
      description: '调休上班的周六、周日',
    }),
  },
  { additionalProperties: false },
);

export const SaveArrangementBody = Type.Object(
  { festivals: Type.Array(FestivalSchema, { minItems: 1, maxItems: MAX_FESTIVALS }) },
  { additionalProperties: false },
);
export type SaveArrangementBody = Static<typeof SaveArrangementBody>;

export const HolidayYear = Type.Object({
  year: Type.Integer(),
  source: Type.Union([Type.Literal('custom'), Type.Literal('builtin'), Type.Literal('none')], {
    description: 'custom 本系统录入；builtin 内置数据；none 尚无（只按周末计算）',
  }),
  festivals: Type.Array(FestivalSchema),
  /** Days off on weekdays and weekend days worked: what the arrangement changes. */
  weekdaysOff: Type.Integer({ minimum: 0 }),
  weekendsWorked: Type.Integer({ minimum: 0 }),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type HolidayYear = Static<typeof HolidayYear>;

export const HolidayOverview = Type.Object({
  today: DateString,
  /** Last year, this year, next year, and any other year entered. */
  years: Type.Array(HolidayYear),
  /** What is missing, in Chinese, or null: this year unknown, or next year unknown from November. */
  warning: Type.Union([Type.String(), Type.Null()]),
  /** The year the warning is about (to open it straight away), or null. */
  missingYear: Type.Union([Type.Integer(), Type.Null()]),
  /** After an entry or its withdrawal: how many open cases' due times were put later. */
  postponed: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type HolidayOverview = Static<typeof HolidayOverview>;

const epoch = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const isRealDate = (date: string) => {
  const t = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === date;
};
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

function invalid(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message);
}

/**
 * A year's festivals checked and put in order: real dates, the days off of the year (or, for
 * 元旦, the December before), at most 15 days each and not overlapping; workdays on weekends,
 * never a day off. Errors name the festival as the form shows it.
 */
export function checkArrangement(year: number, festivals: readonly Festival[]): Festival[] {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw invalid(`年份应在 ${FIRST_YEAR} 至 ${LAST_YEAR} 之间`);
  }
  if (festivals.length === 0) throw invalid('请至少填写一个节日的放假安排');
  const earliest = `${year - 1}-12-01`;
  const latest = `${year}-12-31`;
  const offDays = new Map<string, string>();
  const checked = festivals.map((f, i) => {
    const name = f.name.trim();
    const label = `第 ${i + 1} 项${name ? `「${name}」` : ''}`;
    if (!name) throw invalid(`${label}：请填写节日名称`);
    for (const [date, what] of [
      [f.from, '放假开始日'],
      [f.to, '放假结束日'],
      ...f.workdays.map((w) => [w, '调休上班日']),
    ] as const) {
      if (!isRealDate(date)) throw invalid(`${label}：${what} ${date} 不是有效日期`);
      if (date < earliest || date > latest) {
        throw invalid(`${label}：${what} ${date} 不在 ${year} 年的安排之内`);
      }
    }
    if (f.to < f.from) throw invalid(`${label}：放假结束日早于开始日`);
    if (epoch(f.to) - epoch(f.from) + 1 > MAX_SPAN_DAYS) {
      throw invalid(`${label}：放假超过 ${MAX_SPAN_DAYS} 天，请检查日期`);
    }
    for (let d = epoch(f.from); d <= epoch(f.to); d++) {
      const date = new Date(d * 86_400_000).toISOString().slice(0, 10);
      const other = offDays.get(date);
      if (other !== undefined) throw invalid(`${label}：${date} 已在「${other}」中放假`);
      offDays.set(date, name);
    }
    const workdays = [...new Set(f.workdays)].sort();
    return { name, from: f.from, to: f.to, workdays };
  });
  for (const [i, f] of checked.entries()) {
    for (const w of f.workdays) {
      if (weekday(w) !== 0 && weekday(w) !== 6) {
        throw invalid(`第 ${i + 1} 项「${f.name}」：调休上班日 ${w} 不是周六或周日`);
      }
      if (offDays.has(w)) throw invalid(`第 ${i + 1} 项「${f.name}」：${w} 既放假又上班`);
    }
  }
  return checked.sort((a, b) => a.from.localeCompare(b.from));
}

interface StoredArrangement extends HolidayArrangement {
  updatedAt: Date;
}

/** What was entered, every year; a stored value that no longer checks is left out. */
export async function loadArrangements(db: Kysely<DB>): Promise<StoredArrangement[]> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value', 'updated_at'])
    .where('key', 'like', `${KEY_PREFIX}%`)
    .execute();
  const out: StoredArrangement[] = [];
  for (const row of rows) {
    const year = Number(row.key.slice(KEY_PREFIX.length));
    const value = (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as {
      festivals?: Festival[];
    };
    try {
      out.push({
        year,
        festivals: checkArrangement(year, value.festivals ?? []),
        updatedAt: new Date(row.updated_at),
      });
    } catch {
      // A hand-edited row that does not check is ignored rather than allowed to break deadlines.
    }
  }
  return out.sort((a, b) => a.year - b.year);
}

async function calendarOf(db: Kysely<DB>): Promise<HolidayCalendar> {
  const calendar = new HolidayCalendar();
  calendar.setArrangements(await loadArrangements(db));
  return calendar;
}

/** Loads what was entered into the context's calendar: after a change here, and periodically in every process. */
export async function syncHolidays(ctx: AppContext): Promise<void> {
  ctx.config.deadlines.holidays.setArrangements(await loadArrangements(ctx.db));
}

function summarise(
  calendar: HolidayCalendar,
  year: number,
): { weekdaysOff: number; weekendsWorked: number } {
  let weekdaysOff = 0;
  let weekendsWorked = 0;
  for (let d = epoch(`${year}-01-01`); d <= epoch(`${year}-12-31`); d++) {
    const date = new Date(d * 86_400_000).toISOString().slice(0, 10);
    const weekend = weekday(date) === 0 || weekday(date) === 6;
    const working = calendar.isWorkingDay(date);
    if (!weekend && !working) weekdaysOff += 1;
    if (weekend && working) weekendsWorked += 1;
  }
  return { weekdaysOff, weekendsWorked };
}

export async function holidayOverview(ctx: AppContext): Promise<HolidayOverview> {
  const { holidays: calendar, timeZone } = ctx.config.deadlines;
  const stored = await loadArrangements(ctx.db);
  calendar.setArrangements(stored);
  const today = localDate(ctx.clock.now(), timeZone);
  const thisYear = Number(today.slice(0, 4));
  const years = [
    ...new Set([thisYear - 1, thisYear, thisYear + 1, ...stored.map((s) => s.year)]),
  ].sort((a, b) => b - a);
  const missing = !calendar.covers(thisYear)
    ? thisYear
    : Number(today.slice(5, 7)) >= 11 && !calendar.covers(thisYear + 1)
      ? thisYear + 1
      : null;
  return {
    today,
    years: years.map((year) => ({
      year,
      source: calendar.source(year),
      festivals: calendar.arrangement(year)?.festivals ?? [],
      ...summarise(calendar, year),
      updatedAt: stored.find((s) => s.year === year)?.updatedAt.toISOString() ?? null,
    })),
    warning:
      missing === null
        ? null
        : `${missing} 年节假日安排尚未录入：在录入之前，按工作日计算的办理期限和每日报告只认周末，春节、国庆等假日会被当作工作日。` +
          (missing > thisYear ? '国务院办公厅通常在 11 月发布下一年的安排。' : ''),
    missingYear: missing,
  };
}

const postponedText = (moved: number) => (moved > 0 ? `；${moved} 件办件的期限随之顺延` : '');

export async function saveArrangement({
  ctx,
  actor,
  year,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  year: number;
  input: SaveArrangementBody;
}): Promise<HolidayOverview> {
  assertCan(actor, 'holidays.manage');
  const festivals = checkArrangement(year, input.festivals);
  const key = `${KEY_PREFIX}${year}`;
  const now = ctx.clock.now();
  const postponed = await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    const calendarBefore = await calendarOf(trx);
    const value = JSON.stringify({ festivals });
    await trx
      .insertInto('settings')
      .values({ key, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
    const moved = await postponeForHolidays({
      trx,
      ctx,
      actor,
      before: calendarBefore,
      after: await calendarOf(trx),
      reason: `录入 ${year} 年节假日安排`,
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'holidays.update',
      entityType: 'settings',
      entityId: key,
      summary: `录入 ${year} 年节假日安排：${festivals.map((f) => f.name).join('、')}${postponedText(moved)}`,
      before: before?.value ?? null,
      after: { festivals, postponed: moved },
    });
    return moved;
  });
  return { ...(await holidayOverview(ctx)), postponed };
}

/** Drops what was entered for a year: the built-in data (if any) applies again. */
export async function resetArrangement({
  ctx,
  actor,
  year,
}: {
  ctx: AppContext;
  actor: Actor;
  year: number;
}): Promise<HolidayOverview> {
  assertCan(actor, 'holidays.manage');
  const key = `${KEY_PREFIX}${year}`;
  const postponed = await ctx.db.transaction().execute(async (trx) => {
    const calendarBefore = await calendarOf(trx);
    const removed = await trx
      .deleteFrom('settings')
      .where('key', '=', key)
      .returning('value')
      .executeTakeFirst();
    if (!removed) throw new AppError('NOT_FOUND', `${year} 年没有录入的节假日安排`);
    const moved = await postponeForHolidays({
      trx,
      ctx,
      actor,
      before: calendarBefore,
      after: await calendarOf(trx),
      reason: `撤销录入的 ${year} 年节假日安排`,
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'holidays.reset',
      entityType: 'settings',
      entityId: key,
      summary: `撤销录入的 ${year} 年节假日安排${postponedText(moved)}`,
      before: removed.value,
      after: moved > 0 ? { postponed: moved } : null,
    });
    return moved;
  });
  return { ...(await holidayOverview(ctx)), postponed };
}
