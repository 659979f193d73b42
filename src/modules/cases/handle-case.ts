import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { actOnCase, actingUnit } from './act-on-case.js';

interface HandleArgs {
  ctx: AppContext;
  actor: Actor;
  id: number;
  unitId?: number | undefined;
  version?: number | undefined;
}

/** 签收: a unit acknowledges the slip. The lead unit's signature starts the handling. */
export async function signCase({ ctx, actor, id, unitId, version }: HandleArgs): Promise<void> {
  assertCan(actor, 'cases.handle');
  await actOnCase(
    ctx,
    actor,
    { caseId: id, action: 'sign', version },
    async ({ trx, row, now }) => {
      const unit = await actingUnit(trx, actor, id, 'any', unitId);
      if (unit.signed_at) throw new AppError('INVALID_TRANSITION', '本单位已签收该抄告单');
      await trx
        .updateTable('case_units')
        .set({ signed_at: now, signed_by: actor.id })
        .where('case_id', '=', id)
        .where('unit_id', '=', unit.unit_id)
        .execute();
      return {
        unitId: unit.unit_id,
        comment: unit.role === 'lead' ? '牵头单位签收' : '协办单位签收',
        // The lead's signature moves an assigned case into handling.
        ...(unit.role === 'lead' && row.state === 'assigned' ? { then: 'start' as const } : {}),
      };
    },
  );
}

/** A co-unit hands its part to the lead unit, which merges it into the reply. */
export async function contributeToCase({
  text,
  ...args
}: HandleArgs & { text: string }): Promise<void> {
  const { ctx, actor, id, unitId, version } = args;
  assertCan(actor, 'cases.handle');
  await actOnCase(
    ctx,
    actor,
    { caseId: id, action: 'contribute', version },
    async ({ trx, now }) => {
      const unit = await actingUnit(trx, actor, id, 'co', unitId);
      if (!unit.signed_at)
        throw new AppError('INVALID_TRANSITION', '请先签收抄告单，再提交协办意见');
      await trx
        .updateTable('case_units')
        .set({ contribution: text.trim(), contributed_at: now, contributed_by: actor.id })
        .where('case_id', '=', id)
        .where('unit_id', '=', unit.unit_id)
        .execute();
      const lead = await trx
        .selectFrom('case_units')
        .select('unit_id')
        .where('case_id', '=', id)
        .where('role', '=', 'lead')
        .executeTakeFirstOrThrow();
      return {
        unitId: unit.unit_id,
        comment: text.trim().slice(0, 200),
        tell: [
          {
            kind: 'case.replied',
            to: { unitIds: [lead.unit_id] },
            title: '协办意见已提交',
            body: text.trim(),
          },
        ],
      };
    },
  );
}

/** 书面回复: the lead unit submits the written reply for the leader to approve. */
export async function submitReply({ text, ...args }: HandleArgs & { text: string }): Promise<void> {
  const { ctx, actor, id, version } = args;
  assertCan(actor, 'cases.handle');
  await actOnCase(ctx, actor, { caseId: id, action: 'reply', version }, async ({ trx, now }) => {
    const unit = await actingUnit(trx, actor, id, 'lead');
    const last = await trx
      .selectFrom('case_replies')
      .select((eb) => eb.fn.max('round').as('round'))
      .where('case_id', '=', id)
      .executeTakeFirst();
    const round = Number(last?.round ?? 0) + 1;
    await trx
      .insertInto('case_replies')
      .values({ case_id: id, round, text: text.trim(), submitted_by: actor.id, submitted_at: now })
      .execute();
    return {
      changes: { reply_text: text.trim(), replied_at: now },
      unitId: unit.unit_id,
      comment: round > 1 ? `第 ${round} 次提交（修改后重报）` : null,
      data: { round },
      tell: [
        {
          kind: 'case.replied',
          to: { roles: ['leader'] },
          title: '书面回复待审定',
          body: text.trim(),
        },
      ],
    };
  });
}
