import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { actOnCase, actingUnit, caseLabel } from './act-on-case.js';

export const RETURN_REASON_MIN = 2;
export const RETURN_REASON_MAX = 500;

/**
 * 退回抄告单: the lead unit says the slip is not its business, before it has written a reply. The
 * slip is void: its units come off the case (the liaisons no longer see it), the unit's clock
 * stops, and the case waits for a leader's 批办 again, which issues a new slip number. The
 * citizen's clock keeps running. Which unit sent which slip back and why stays in the timeline,
 * the audit log and the 卷宗, with the slip's units and instruction in the event's data.
 */
export async function returnSlip({
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
  assertCan(actor, 'cases.handle');
  const why = reason.trim();
  if (why.length < RETURN_REASON_MIN || why.length > RETURN_REASON_MAX) {
    throw new AppError('VALIDATION_FAILED', '请填写退回理由（2 至 500 字）');
  }
  await actOnCase(
    ctx,
    actor,
    { caseId: id, action: 'return-slip', version },
    async ({ trx, row }) => {
      const lead = await actingUnit(trx, actor, id, 'lead');
      const replied = await trx
        .selectFrom('case_replies')
        .select('id')
        .where('case_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      if (replied) {
        throw new AppError(
          'INVALID_TRANSITION',
          '已提交书面回复的办件不能退回抄告单；如确非本单位职责，请联系领导处理',
        );
      }
      const units = await trx
        .deleteFrom('case_units')
        .where('case_id', '=', id)
        .returning(['unit_id', 'role', 'signed_at', 'contribution'])
        .execute();
      const coUnitIds = units.filter((u) => u.role === 'co').map((u) => u.unit_id);
      const unit = await trx
        .selectFrom('units')
        .select('name')
        .where('id', '=', lead.unit_id)
        .executeTakeFirstOrThrow();
      const slip = caseLabel(row);
      // A pending extension was the returning unit's request: it goes with the slip. A granted
      // one has already moved the public deadline, which stays.
      const dropExtension = row.extension_state === 'requested';
      return {
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
        unitId: lead.unit_id,
        comment: `${slip}：${why}`,
        data: {
          reason: why,
          slipNo: row.slip_no,
          leadUnitId: lead.unit_id,
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
        tell: [
          {
            kind: 'case.slip-returned',
            to: { roles: ['leader'] },
            title: '抄告单被退回，待重新批办',
            body: `${unit.name}退回${slip}：${why}`,
          },
          ...(coUnitIds.length > 0
            ? [
                {
                  kind: 'case.slip-returned',
                  to: { unitIds: coUnitIds },
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
