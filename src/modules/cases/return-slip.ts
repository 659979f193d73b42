import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { actOnCase, actingUnit, caseLabel } from './act-on-case.js';
import type { CaseRow } from './cases.queries.js';

export const RETURN_REASON_MIN = 2;
export const RETURN_REASON_MAX = 500;

/** What sending a slip back and taking it back both take: the case, the reason, its version. */
interface SlipActInput {
  ctx: AppContext;
  actor: Actor;
  id: number;
  reason: string;
  version?: number | undefined;
}

/**
 * 退回抄告单: the lead unit says the slip is not its business, before it has written a reply. The
 * slip is void: its units come off the case (the liaisons no longer see it), the unit's clock
 * stops, and the case waits for a leader's 批办 again, which issues a new slip number. The
 * citizen's clock keeps running. Which unit sent which slip back and why stays in the timeline,
 * the audit log and the 卷宗, with the slip's units and instruction in the event's data.
 */
export async function returnSlip({ ctx, actor, id, reason, version }: SlipActInput): Promise<void> {
  assertCan(actor, 'cases.handle');
  const why = slipReason(reason, '请填写退回理由（2 至 500 字）');
  await actOnCase(
    ctx,
    actor,
    { caseId: id, action: 'return-slip', version },
    async ({ trx, row }) => {
      const lead = await actingUnit(trx, actor, id, 'lead');
      const voided = await voidSlip(
        trx,
        row,
        '已提交书面回复的办件不能退回抄告单；如确非本单位职责，请联系领导处理',
      );
      const unit = await trx
        .selectFrom('units')
        .select('name')
        .where('id', '=', lead.unit_id)
        .executeTakeFirstOrThrow();
      const slip = caseLabel(row);
      return {
        changes: voided.changes,
        unitId: lead.unit_id,
        comment: `${slip}：${why}`,
        data: { reason: why, ...voided.data },
        tell: [
          {
            kind: 'case.slip-returned',
            to: { roles: ['leader'] },
            title: '抄告单被退回，待重新批办',
            body: `${unit.name}退回${slip}：${why}`,
          },
          ...(voided.coUnitIds.length > 0
            ? [
                {
                  kind: 'case.slip-returned',
                  to: { unitIds: voided.coUnitIds },
                  title: '抄告单已被牵头单位退回',
                  body: `${unit.name}退回${slip}：${why}\n本单位无需继续协办，领导将重新批办。`,
                },
              ]
            : []),
        ],
      };
    },
  );
}

/**
 * 收回抄告单: a leader takes back a slip issued to the wrong unit (or with the wrong instruction)
 * before the lead unit has written a reply, to assign it again. The slip is void as when a unit
 * sends it back; every unit on it is told that it no longer handles the case.
 */
export async function withdrawSlip({
  ctx,
  actor,
  id,
  reason,
  version,
}: SlipActInput): Promise<void> {
  assertCan(actor, 'cases.decide');
  const why = slipReason(reason, '请填写收回理由（2 至 500 字）');
  await actOnCase(
    ctx,
    actor,
    { caseId: id, action: 'withdraw-slip', version },
    async ({ trx, row }) => {
      const voided = await voidSlip(
        trx,
        row,
        '牵头单位已提交书面回复，不能收回抄告单；如需其他单位办理，请退回修改或另行批示',
      );
      const slip = caseLabel(row);
      const unitIds = [voided.data.leadUnitId, ...voided.coUnitIds].filter(
        (u): u is number => u !== null,
      );
      return {
        changes: voided.changes,
        comment: `${slip}：${why}`,
        data: { reason: why, ...voided.data },
        tell:
          unitIds.length > 0
            ? [
                {
                  kind: 'case.slip-withdrawn',
                  to: { unitIds },
                  title: '抄告单已被领导收回',
                  body: `${slip}已由领导收回：${why}\n本单位无需继续办理。`,
                },
              ]
            : [],
      };
    },
  );
}

/**
 * 退出协办: a co-unit says its part of the slip is not its business, before it has given its input
 * and before the lead unit has written the reply. Only that unit comes off the case (its liaison
 * no longer sees it, its clock stops); the slip, its number and the other units stay. Refused once
 * the unit has given its input: the lead unit may already have merged it into the reply, and the
 * input would vanish from the case page and the 卷宗 with the unit's row.
 */
export async function declineCoHandling({
  ctx,
  actor,
  id,
  reason,
  unitId,
  version,
}: SlipActInput & { unitId?: number | undefined }): Promise<void> {
  assertCan(actor, 'cases.handle');
  const why = slipReason(reason, '请填写退出协办的理由（2 至 500 字）');
  await actOnCase(
    ctx,
    actor,
    { caseId: id, action: 'decline-co', version },
    async ({ trx, row }) => {
      const co = await actingUnit(trx, actor, id, 'co', unitId);
      if (await hasWrittenReply(trx, id))
        throw new AppError(
          'INVALID_TRANSITION',
          '牵头单位已提交书面回复，不能再退出协办；如确非本单位职责，请联系领导处理',
        );
      if (co.contributed_at !== null)
        throw new AppError(
          'INVALID_TRANSITION',
          '本单位已提交协办意见，意见已交牵头单位汇总答复，不能再退出协办；如需更正，请修改协办意见或联系领导',
        );
      await trx
        .deleteFrom('case_units')
        .where('case_id', '=', id)
        .where('unit_id', '=', co.unit_id)
        .execute();
      const unit = await trx
        .selectFrom('units')
        .select('name')
        .where('id', '=', co.unit_id)
        .executeTakeFirstOrThrow();
      const slip = caseLabel(row);
      return {
        unitId: co.unit_id,
        comment: `${slip}：${why}`,
        data: {
          reason: why,
          slipNo: row.slip_no,
          unitId: co.unit_id,
          unitName: unit.name,
          signedAt: co.signed_at?.toISOString() ?? null,
        },
        tell: [
          {
            kind: 'case.co-declined',
            to: { roles: ['leader'] },
            title: '协办单位退出协办',
            body: `${unit.name}退出${slip} 的协办：${why}`,
          },
          ...(row.lead_unit_id !== null
            ? [
                {
                  kind: 'case.co-declined',
                  to: { unitIds: [row.lead_unit_id] },
                  title: '协办单位退出协办',
                  body: `${unit.name}退出${slip} 的协办：${why}\n请牵头单位汇总其余单位意见后答复。`,
                },
              ]
            : []),
        ],
      };
    },
  );
}

/** Whether the lead unit has submitted a written reply (one sent back for revision counts). */
async function hasWrittenReply(trx: Transaction<DB>, caseId: number): Promise<boolean> {
  const reply = await trx
    .selectFrom('case_replies')
    .select('id')
    .where('case_id', '=', caseId)
    .limit(1)
    .executeTakeFirst();
  return reply !== undefined;
}

function slipReason(reason: string, message: string): string {
  const why = reason.trim();
  if (why.length < RETURN_REASON_MIN || why.length > RETURN_REASON_MAX) {
    throw new AppError('VALIDATION_FAILED', message);
  }
  return why;
}

/**
 * Voids the case's slip: refused once a written reply was submitted; takes its units off the
 * case and returns the columns that clear it, with what the timeline keeps of it.
 */
async function voidSlip(trx: Transaction<DB>, row: CaseRow, repliedMessage: string) {
  if (await hasWrittenReply(trx, row.id)) throw new AppError('INVALID_TRANSITION', repliedMessage);
  const units = await trx
    .deleteFrom('case_units')
    .where('case_id', '=', row.id)
    .returning(['unit_id', 'role', 'signed_at', 'contribution'])
    .execute();
  const coUnitIds = units.filter((u) => u.role === 'co').map((u) => u.unit_id);
  // A pending extension was the unit's request: it goes with the slip. A granted one has already
  // moved the public deadline, which stays.
  const dropExtension = row.extension_state === 'requested';
  return {
    coUnitIds,
    changes: {
      slip_year: null,
      slip_seq: null,
      slip_no: null,
      instruction: null,
      assigned_by: null,
      assigned_at: null,
      lead_unit_id: null,
      handling_due_at: null,
      ...(dropExtension
        ? {
            extension_state: null,
            extension_reason: null,
            extension_until: null,
            extension_requested_by: null,
            extension_requested_at: null,
          }
        : {}),
    },
    data: {
      slipNo: row.slip_no,
      leadUnitId: units.find((u) => u.role === 'lead')?.unit_id ?? null,
      coUnitIds,
      signed: units.filter((u) => u.signed_at !== null).map((u) => u.unit_id),
      // A co-unit's part, if it gave one, is kept: the rows it was on are gone.
      contributions: units
        .filter((u) => u.contribution !== null)
        .map((u) => ({ unitId: u.unit_id, text: u.contribution })),
      instruction: row.instruction,
      handlingDueAt: row.handling_due_at?.toISOString() ?? null,
      ...(dropExtension ? { droppedExtensionUntil: row.extension_until?.toISOString() } : {}),
    },
  };
}
