import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { assertCan, type Actor } from '../access/actor.js';
import { actOnCase } from './act-on-case.js';
import { boardCodeOf, publishOnBoard } from './publish-on-board.js';

async function decideLatest(
  trx: Transaction<DB>,
  caseId: number,
  decision: 'approved' | 'returned',
  actorId: number | null,
  now: Date,
  comment: string | null,
): Promise<number> {
  const latest = await trx
    .selectFrom('case_replies')
    .select(['id', 'round'])
    .where('case_id', '=', caseId)
    .orderBy('round', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('case_replies')
    .set({ decision, decided_by: actorId, decided_at: now, comment })
    .where('id', '=', latest.id)
    .execute();
  return latest.round;
}

/** 审定: a leader approves the submitted reply for publication. */
export async function approveReply({
  ctx,
  actor,
  id,
  comment,
  version,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  comment?: string | undefined;
  version?: number | undefined;
}): Promise<void> {
  assertCan(actor, 'cases.decide');
  await actOnCase(ctx, actor, { caseId: id, action: 'approve', version }, async ({ trx, now }) => {
    const round = await decideLatest(trx, id, 'approved', actor.id, now, comment?.trim() || null);
    const onBoard = (await boardCodeOf(trx, id)) !== null;
    return {
      changes: { approved_by: actor.id, approved_at: now },
      comment: comment?.trim() || '同意发布',
      data: { round },
      tell: [
        onBoard
          ? {
              kind: 'case.approved',
              to: { roles: ['monitor'] },
              title: '回复已审定，已在网络问政发布',
              body: '留言来自本系统的网络问政，回复已自动发布，无需另行登记发布地址。',
            }
          : {
              kind: 'case.approved',
              to: { roles: ['monitor'] },
              title: '回复已审定，待发布',
              body: comment?.trim() || '领导已同意发布回复，请在原平台发布并登记发布地址。',
            },
      ],
    };
  });
  // A message left on our own board gets its reply there at once (its own timeline entry).
  await publishOnBoard(ctx, id);
}

/** A leader returns the reply with comments; the lead unit revises and resubmits. */
export async function returnReply({
  ctx,
  actor,
  id,
  comment,
  version,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  comment: string;
  version?: number | undefined;
}): Promise<void> {
  assertCan(actor, 'cases.decide');
  await actOnCase(
    ctx,
    actor,
    { caseId: id, action: 'return', version },
    async ({ trx, row, now }) => {
      const round = await decideLatest(trx, id, 'returned', actor.id, now, comment.trim());
      return {
        comment: comment.trim(),
        data: { round },
        tell: row.lead_unit_id
          ? [
              {
                kind: 'case.returned',
                to: { unitIds: [row.lead_unit_id] },
                title: '回复被退回修改',
                body: `领导意见：${comment.trim()}`,
              },
            ]
          : [],
      };
    },
  );
}
