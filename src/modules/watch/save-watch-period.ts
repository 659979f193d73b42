import type { Transaction } from 'kysely';
import type { DB, WatchKind } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError, filledIn, notFound } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { changedFields, recordAudit } from '../audit/record-audit.js';
import { getWatchPeriod } from './get-watch-period.js';
import { periodBounds } from './roster.js';
import { FETCHABLE_KINDS, findSources, getWatchPeriodRow } from './watch.queries.js';
import {
  WATCH_KIND_LABELS,
  type CreateWatchPeriodInput,
  type UpdateWatchPeriodInput,
  type WatchPeriodDetail,
} from './watch.schemas.js';

/** A roster grid of more than a year is no longer a watch period (重点时段) but the routine. */
const MAX_DAYS = 366;
const DAY = 86_400_000;

interface PeriodFields {
  name: string;
  kind: WatchKind;
  startsOn: string;
  endsOn: string;
  intervalMinutes: number;
  note: string | null;
  sourceIds: number[];
}

function checkDates(f: PeriodFields): void {
  if (f.startsOn > f.endsOn) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期');
  const days = (Date.parse(`${f.endsOn}T00:00:00Z`) - Date.parse(`${f.startsOn}T00:00:00Z`)) / DAY;
  if (days + 1 > MAX_DAYS) {
    throw new AppError('VALIDATION_FAILED', `重点时段不能超过 ${MAX_DAYS} 天`);
  }
}

async function checkSources(trx: Transaction<DB>, ids: readonly number[]): Promise<void> {
  const found = new Map((await findSources(trx, ids)).map((s) => [s.id, s]));
  for (const id of ids) {
    const source = found.get(id);
    if (!source) throw new AppError('VALIDATION_FAILED', `信息源 ${id} 不存在`);
    if (!source.enabled) {
      throw new AppError('VALIDATION_FAILED', `信息源「${source.name}」已停用，不能加入重点时段`);
    }
    if (!(FETCHABLE_KINDS as readonly string[]).includes(source.kind)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `信息源「${source.name}」不是自动抓取的信息源（RSS、网页列表或 JSON 接口），加快频率无意义`,
      );
    }
  }
}

async function writeSources(trx: Transaction<DB>, periodId: number, ids: readonly number[]) {
  await trx.deleteFrom('watch_period_sources').where('period_id', '=', periodId).execute();
  if (ids.length > 0) {
    await trx
      .insertInto('watch_period_sources')
      .values(ids.map((sourceId) => ({ period_id: periodId, source_id: sourceId })))
      .execute();
  }
}

const periodText = (f: PeriodFields) =>
  `「${f.name}」（${WATCH_KIND_LABELS[f.kind]}，${f.startsOn} 至 ${f.endsOn}）`;

export async function createWatchPeriod({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: CreateWatchPeriodInput;
}): Promise<WatchPeriodDetail> {
  assertCan(actor, 'watch.manage');
  const fields: PeriodFields = {
    name: filledIn(input.name, '请填写名称'),
    kind: input.kind,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    intervalMinutes: input.intervalMinutes ?? 60,
    note: input.note?.trim() || null,
    sourceIds: [...new Set(input.sourceIds ?? [])].sort((a, b) => a - b),
  };
  if (!fields.name) throw new AppError('VALIDATION_FAILED', '名称不能为空');
  checkDates(fields);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    await checkSources(trx, fields.sourceIds);
    const row = await trx
      .insertInto('watch_periods')
      .values({
        name: fields.name,
        kind: fields.kind,
        starts_on: fields.startsOn,
        ends_on: fields.endsOn,
        interval_minutes: fields.intervalMinutes,
        note: fields.note,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeSources(trx, row.id, fields.sourceIds);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'watch-period.create',
      entityType: 'watch_period',
      entityId: row.id,
      summary: `新增重点时段${periodText(fields)}`,
      after: fields,
    });
    return row.id;
  });
  return (await getWatchPeriod(ctx, id)) ?? Promise.reject(notFound('重点时段'));
}

export async function updateWatchPeriod({
  ctx,
  actor,
  id,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  input: UpdateWatchPeriodInput;
}): Promise<WatchPeriodDetail> {
  assertCan(actor, 'watch.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('watch_periods')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('重点时段');
    const currentSources = await trx
      .selectFrom('watch_period_sources')
      .select('source_id')
      .where('period_id', '=', id)
      .orderBy('source_id')
      .execute();
    const before: PeriodFields = {
      name: current.name,
      kind: current.kind,
      startsOn: current.starts_on,
      endsOn: current.ends_on,
      intervalMinutes: current.interval_minutes,
      note: current.note,
      sourceIds: currentSources.map((s) => s.source_id),
    };
    const after: PeriodFields = {
      ...before,
      ...input,
      name: input.name === undefined ? before.name : filledIn(input.name, '请填写名称'),
      note: input.note === undefined ? before.note : input.note?.trim() || null,
      sourceIds:
        input.sourceIds === undefined
          ? before.sourceIds
          : [...new Set(input.sourceIds)].sort((a, b) => a - b),
    };
    if (!after.name) throw new AppError('VALIDATION_FAILED', '名称不能为空');
    checkDates(after);
    const changes = changedFields(before, after);
    if (Object.keys(changes.after).length === 0) return;
    if (input.sourceIds !== undefined) {
      const added = after.sourceIds.filter((s) => !before.sourceIds.includes(s));
      await checkSources(trx, added);
      await writeSources(trx, id, after.sourceIds);
    }
    if (after.startsOn !== before.startsOn || after.endsOn !== before.endsOn) {
      await checkDutiesWithin(trx, ctx, id, after);
    }
    await trx
      .updateTable('watch_periods')
      .set({
        name: after.name,
        kind: after.kind,
        starts_on: after.startsOn,
        ends_on: after.endsOn,
        interval_minutes: after.intervalMinutes,
        note: after.note,
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'watch-period.update',
      entityType: 'watch_period',
      entityId: id,
      summary: `修改重点时段「${after.name}」：${Object.keys(changes.after).join('、')}`,
      ...changes,
    });
  });
  return (await getWatchPeriod(ctx, id)) ?? Promise.reject(notFound('重点时段'));
}

/** New dates must still hold every shift already on the roster. */
async function checkDutiesWithin(
  trx: Transaction<DB>,
  ctx: AppContext,
  id: number,
  f: PeriodFields,
): Promise<void> {
  const { start, end } = periodBounds(f.startsOn, f.endsOn, ctx.config.deadlines.timeZone);
  const outside = await trx
    .selectFrom('watch_duties')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('period_id', '=', id)
    .where((eb) => eb.or([eb('starts_at', '<', start), eb('ends_at', '>', end)]))
    .executeTakeFirstOrThrow();
  if (Number(outside.n) > 0) {
    throw new AppError(
      'CONFLICT',
      `值班表中有 ${Number(outside.n)} 个班次不在新的日期范围内，请先调整值班表`,
    );
  }
}

/** Deletes the period with its roster and its sources (the rows cascade). */
export async function deleteWatchPeriod({
  ctx,
  actor,
  id,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
}): Promise<void> {
  assertCan(actor, 'watch.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const period = await getWatchPeriodRow(trx, id);
    if (!period) throw notFound('重点时段');
    const duties = await trx
      .deleteFrom('watch_duties')
      .where('period_id', '=', id)
      .returning('id')
      .execute();
    await trx.deleteFrom('watch_period_sources').where('period_id', '=', id).execute();
    await trx.deleteFrom('watch_periods').where('id', '=', id).execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'watch-period.delete',
      entityType: 'watch_period',
      entityId: id,
      summary: `删除重点时段「${period.name}」及其值班表（${duties.length} 个班次）`,
      before: {
        name: period.name,
        kind: period.kind,
        startsOn: period.starts_on,
        endsOn: period.ends_on,
        dutyCount: duties.length,
      },
    });
  });
}
