import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localDate } from '../../lib/calendar.js';
import { formatDateTime } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { actOnCase } from './act-on-case.js';
import type { AssignInput } from './cases.schemas.js';
import { handlingDue } from './deadlines.js';

/** The next slip number of the year: 2026-0001, 2026-0002 ... (row-locked, so never twice). */
async function nextSlip(trx: Transaction<DB>, year: number): Promise<{ seq: number; no: string }> {
  const row = await trx
    .insertInto('slip_counters')
    .values({ year, last: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet((eb) => ({ last: eb('slip_counters.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return { seq: row.last, no: `${year}-${String(row.last).padStart(4, '0')}` };
}

/**
 * When the unit's written reply is due: the rule's days (3, urgent 2), or for an urgent matter a
 * leader's 限时反馈 of a few hours (2 小时内反馈), which may only be shorter than the rule.
 */
function slipDue(ctx: AppContext, now: Date, urgent: boolean, withinHours?: number): Date {
  const ruled = handlingDue(ctx.config.deadlines, now, urgent);
  if (withinHours === undefined) return ruled;
  if (!urgent) {
    throw new AppError('VALIDATION_FAILED', '限时反馈只用于紧急件：请先把办件设为紧急');
  }
  const limited = new Date(now.getTime() + withinHours * 3_600_000);
  if (limited.getTime() >= ruled.getTime()) {
    throw new AppError(
      'VALIDATION_FAILED',
      `限 ${withinHours} 小时不短于紧急件的规定期限（${formatDateTime(ruled)} 前），无需限时`,
    );
  }
  return limited;
}

/** 批办: a leader issues the numbered forwarding slip with an instruction, a lead unit and co-units. */
export async function assignCase({
  ctx,
  actor,
  id,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  input: AssignInput;
}): Promise<void> {
  assertCan(actor, 'cases.decide');
  const coUnitIds = (input.coUnitIds ?? []).filter((u) => u !== input.leadUnitId);
  await actOnCase(
    ctx,
    actor,
    { caseId: id, action: 'assign', version: input.version },
    async ({ trx, row, now }) => {
      const unitIds = [input.leadUnitId, ...coUnitIds];
      const units = await trx
        .selectFrom('units')
        .select(['id', 'name', 'active'])
        .where('id', 'in', unitIds)
        .execute();
      if (units.length !== unitIds.length || units.some((u) => !u.active)) {
        throw new AppError('VALIDATION_FAILED', '承办单位不存在或已停用');
      }
      const urgent = input.urgent ?? row.urgent;
      const due = slipDue(ctx, now, urgent, input.withinHours);
      const year = Number(localDate(now, ctx.config.deadlines.timeZone).slice(0, 4));
      const slip = await nextSlip(trx, year);
      await trx
        .insertInto('case_units')
        .values([
          { case_id: row.id, unit_id: input.leadUnitId, role: 'lead' },
          ...coUnitIds.map((u) => ({ case_id: row.id, unit_id: u, role: 'co' as const })),
        ])
        .execute();
      const lead = units.find((u) => u.id === input.leadUnitId)?.name ?? '';
      const coNames = coUnitIds.map((u) => units.find((x) => x.id === u)?.name ?? '').join('、');
      const instruction = input.instruction.trim();
      return {
        changes: {
          slip_year: year,
          slip_seq: slip.seq,
          slip_no: slip.no,
          instruction,
          assigned_by: actor.id,
          assigned_at: now,
          lead_unit_id: input.leadUnitId,
          urgent,
          handling_due_at: due,
        },
        // The case keeps only the current slip's instruction: a slip taken back or sent back and
        // issued again would otherwise lose the first one's, which the 卷宗 must still show.
        comment: `抄告单 ${slip.no}，牵头单位：${lead}${coNames ? `，协办单位：${coNames}` : ''}${urgent ? '（紧急）' : ''}${input.withinHours ? `，限 ${input.withinHours} 小时内反馈（${formatDateTime(due)} 前）` : ''}；批示：${instruction}`,
        data: {
          slipNo: slip.no,
          leadUnitId: input.leadUnitId,
          coUnitIds,
          urgent,
          instruction,
          ...(input.withinHours ? { withinHours: input.withinHours } : {}),
        },
        tell: [
          {
            kind: 'case.assigned',
            to: { unitIds },
            title: urgent ? '紧急抄告单待签收' : '新抄告单待签收',
            body: `领导批示：${instruction}\n牵头单位：${lead}。${input.withinHours ? `限 ${input.withinHours} 小时内反馈，` : ''}请于 ${formatDateTime(due)} 前提交书面回复。`,
          },
        ],
      };
    },
  );
}

/** A leader decides no reply is needed and closes the case with the reason. */
export async function closeCase({
  ctx,
  actor,
  id,
  reason,
  version,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  reason: string;
  version?: number | undefined;
}): Promise<void> {
  assertCan(actor, 'cases.decide');
  await actOnCase(ctx, actor, { caseId: id, action: 'close', version }, ({ now }) => ({
    changes: { closed_reason: reason.trim(), closed_by: actor.id, closed_at: now },
    comment: reason.trim(),
  }));
}
