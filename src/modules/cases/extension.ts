import { formatDateTime } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { actOnCase, actingUnit } from './act-on-case.js';
import { extensionStillOpen, latestReplyDue } from './deadlines.js';

/**
 * The lead unit asks once, with a reason, for more time; never beyond 5 days after the post, and
 * only before its own handling due time has passed (deadlines.ts extensionStillOpen).
 */
export async function requestExtension({
  ctx,
  actor,
  id,
  reason,
  until,
  version,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  reason: string;
  until: Date;
  version?: number | undefined;
}): Promise<void> {
  assertCan(actor, 'cases.handle');
  await actOnCase(
    ctx,
    actor,
    { caseId: id, action: 'extension.request', version },
    async ({ trx, row, now }) => {
      const unit = await actingUnit(trx, actor, id, 'lead');
      if (row.extension_state !== null)
        throw new AppError('INVALID_TRANSITION', '每个办件只能申请一次延期');
      if (!extensionStillOpen(row.handling_due_at, now)) {
        throw new AppError(
          'INVALID_TRANSITION',
          `办理期限 ${row.handling_due_at ? formatDateTime(row.handling_due_at) : ''} 已过，不能再申请延期。请尽快提交书面回复，并向领导说明超期原因。`,
        );
      }
      const post = await trx
        .selectFrom('posts')
        .select('posted_at')
        .where('id', '=', row.post_id)
        .executeTakeFirstOrThrow();
      const latest = latestReplyDue(ctx.config.deadlines, post.posted_at);
      if (until.getTime() > latest.getTime()) {
        throw new AppError(
          'VALIDATION_FAILED',
          `延期不能超过 ${formatDateTime(latest)}（网民发帖后 ${ctx.config.deadlines.maxReplyDays} 天）`,
        );
      }
      if (until.getTime() <= row.reply_due_at.getTime()) {
        throw new AppError(
          'VALIDATION_FAILED',
          `延期后的期限应晚于现在的回复期限 ${formatDateTime(row.reply_due_at)}`,
        );
      }
      return {
        changes: {
          extension_state: 'requested',
          extension_reason: reason.trim(),
          extension_until: until,
          extension_requested_by: actor.id,
          extension_requested_at: now,
        },
        unitId: unit.unit_id,
        comment: `申请延期至 ${formatDateTime(until)}：${reason.trim()}`,
        tell: [
          {
            kind: 'case.extension',
            to: { roles: ['leader'] },
            title: '延期申请待审批',
            body: `申请延期至 ${formatDateTime(until)}。理由：${reason.trim()}`,
          },
        ],
      };
    },
  );
}

/**
 * A leader grants or refuses the extension; granted, both the unit's and the public deadline
 * move. That is right even when the leader decides after the old due time: the unit asked before
 * it (requestExtension), so the lateness was explained in time, not erased after the fact.
 */
export async function decideExtension({
  ctx,
  actor,
  id,
  granted,
  comment,
  version,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  granted: boolean;
  comment?: string | undefined;
  version?: number | undefined;
}): Promise<void> {
  assertCan(actor, 'cases.decide');
  if (!granted && !comment?.trim()) {
    throw new AppError('VALIDATION_FAILED', '不同意延期时请填写理由');
  }
  await actOnCase(
    ctx,
    actor,
    { caseId: id, action: 'extension.decide', version },
    ({ row, now }) => {
      if (row.extension_state !== 'requested' || !row.extension_until) {
        throw new AppError('INVALID_TRANSITION', '没有待审批的延期申请');
      }
      const until = row.extension_until;
      return {
        changes: {
          extension_state: granted ? 'granted' : 'refused',
          extension_decided_by: actor.id,
          extension_decided_at: now,
          extension_comment: comment?.trim() || null,
          ...(granted ? { reply_due_at: until, handling_due_at: until } : {}),
        },
        comment: `${granted ? '同意' : '不同意'}延期${granted ? `至 ${formatDateTime(until)}` : ''}${comment?.trim() ? `：${comment.trim()}` : ''}`,
        // The due times the grant replaces: the 卷宗 shows the original beside the extended one.
        data: granted
          ? {
              granted,
              replyDueBefore: row.reply_due_at.toISOString(),
              handlingDueBefore: row.handling_due_at?.toISOString() ?? null,
            }
          : { granted },
        tell: row.lead_unit_id
          ? [
              {
                kind: 'case.extension',
                to: { unitIds: [row.lead_unit_id] },
                title: granted ? '延期申请已同意' : '延期申请未同意',
                body: granted
                  ? `回复期限延至 ${formatDateTime(until)}。`
                  : `请按原期限 ${formatDateTime(row.reply_due_at)} 办理。${comment?.trim() ?? ''}`,
              },
            ]
          : [],
      };
    },
  );
}
