import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { parsePeriod } from './info-ranking.js';
import { canOweBriefs } from './quota-targets.js';

export interface QuotaInput {
  month: string;
  unitId?: number | undefined;
  userId?: number | undefined;
  quota: number;
}

/** 任务数: the office sets how many briefs a unit or a person owes in a month (0 clears it). */
export async function setQuota(opts: {
  ctx: AppContext;
  actor: Actor;
  input: QuotaInput;
}): Promise<void> {
  const { ctx, actor, input } = opts;
  assertCan(actor, 'info.manage');
  checkMonth(input.month);
  if ((input.unitId === undefined) === (input.userId === undefined)) {
    throw new AppError('VALIDATION_FAILED', '请选择单位或个人（二者之一）');
  }
  checkQuota(input.quota);
  await ctx.db.transaction().execute((trx) => applyQuota(trx, ctx, actor, input));
}

/**
 * 任务数 of many units for one month at once (the office's monthly grid): all are set or, when one
 * is wrong, none. Units left out keep theirs; those whose quota does not change leave no audit line.
 */
export async function setUnitQuotas(opts: {
  ctx: AppContext;
  actor: Actor;
  month: string;
  quotas: readonly { unitId: number; quota: number }[];
}): Promise<{ changed: number }> {
  const { ctx, actor, month, quotas } = opts;
  assertCan(actor, 'info.manage');
  checkMonth(month);
  const ids = quotas.map((q) => q.unitId);
  if (new Set(ids).size !== ids.length) {
    throw new AppError('VALIDATION_FAILED', '同一单位出现了两次');
  }
  for (const q of quotas) checkQuota(q.quota);
  if (quotas.length === 0) return { changed: 0 };
  return ctx.db.transaction().execute(async (trx) => {
    const current = new Map(
      (
        await trx
          .selectFrom('info_quotas')
          .select(['unit_id', 'quota'])
          .where('month', '=', month)
          .where('unit_id', 'in', ids)
          .execute()
      ).map((r) => [r.unit_id, r.quota]),
    );
    let changed = 0;
    for (const q of quotas) {
      if ((current.get(q.unitId) ?? 0) === q.quota) continue;
      await applyQuota(trx, ctx, actor, { month, unitId: q.unitId, quota: q.quota });
      changed += 1;
    }
    return { changed };
  });
}

function checkMonth(month: string): void {
  if (parsePeriod(month).kind !== 'month') {
    throw new AppError('VALIDATION_FAILED', '任务数按月设置（YYYY-MM）');
  }
}

function checkQuota(quota: number): void {
  if (!Number.isInteger(quota) || quota < 0 || quota > 10000) {
    throw new AppError('VALIDATION_FAILED', '任务数应为0到10000的整数');
  }
}

/** One unit's or person's quota for the month, replaced (or cleared at 0), with its audit line. */
async function applyQuota(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  input: QuotaInput,
): Promise<void> {
  const now = ctx.clock.now();
  const target =
    input.unitId !== undefined
      ? await trx
          .selectFrom('units')
          .select('name')
          .where('id', '=', input.unitId)
          .executeTakeFirst()
      : await trx
          .selectFrom('users')
          .select('name')
          .where('id', '=', input.userId as number)
          .executeTakeFirst();
  if (!target)
    throw new AppError('NOT_FOUND', input.unitId !== undefined ? '单位不存在' : '用户不存在');
  // Clearing is always allowed: a quota set before someone changed role can still be removed.
  if (
    input.quota > 0 &&
    !(await canOweBriefs(
      trx,
      input.unitId !== undefined ? { unitId: input.unitId } : { userId: input.userId as number },
    ))
  ) {
    throw new AppError(
      'VALIDATION_FAILED',
      input.unitId !== undefined
        ? `${target.name}没有能撰写信息的人员，不能设置信息报送任务数`
        : `${target.name}的角色不能撰写信息，不能设置信息报送任务数`,
    );
  }
  let del = trx.deleteFrom('info_quotas').where('month', '=', input.month);
  del =
    input.unitId !== undefined
      ? del.where('unit_id', '=', input.unitId)
      : del.where('user_id', '=', input.userId as number);
  const before = await del.returning('quota').executeTakeFirst();
  if (input.quota > 0) {
    await trx
      .insertInto('info_quotas')
      .values({
        month: input.month,
        unit_id: input.unitId ?? null,
        user_id: input.userId ?? null,
        quota: input.quota,
        updated_by: actor.id,
        updated_at: now,
      })
      .execute();
  }
  await recordAudit(trx, ctx.clock, actor, {
    action: 'info.quota',
    entityType: input.unitId !== undefined ? 'unit' : 'user',
    entityId: input.unitId ?? input.userId ?? null,
    summary: `设置${input.month}信息报送任务数：${target.name} ${input.quota}篇`,
    before: before ? { quota: before.quota } : null,
    after: { month: input.month, quota: input.quota },
  });
}
