import type { AlertStatus } from '../../../db/schema-alerts.js';
import type { AppContext } from '../../../server/context.js';
import { AppError, notFound } from '../../../server/errors.js';
import { assertCan, type Actor } from '../../access/actor.js';
import { recordAudit } from '../../audit/record-audit.js';
import { LEVEL_NAMES, STATUS_NAMES } from './alert-levels.js';

type Action = 'acknowledge' | 'close';

/** Which status each action may start from: 确认 only an active alert; 关闭 any open one. */
const FROM: Record<Action, readonly AlertStatus[]> = {
  acknowledge: ['active'],
  close: ['active', 'acknowledged'],
};

async function act(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: Action,
  note: string | null,
): Promise<void> {
  // The monitors (舆情管理员) work the alerts; leaders and the office are told and may read them.
  assertCan(actor, 'alerts.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const alert = await trx
      .selectFrom('alerts as a')
      .innerJoin('alert_rules as r', 'r.id', 'a.rule_id')
      .select(['a.id', 'a.status', 'a.level', 'r.name as rule_name'])
      .where('a.id', '=', id)
      .forUpdate('a')
      .executeTakeFirst();
    if (!alert) throw notFound('预警');
    if (!FROM[action].includes(alert.status)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `该预警${STATUS_NAMES[alert.status]}，不能${action === 'acknowledge' ? '确认' : '关闭'}`,
      );
    }
    const now = ctx.clock.now();
    const to: AlertStatus = action === 'acknowledge' ? 'acknowledged' : 'closed';
    await trx
      .updateTable('alerts')
      .set(
        action === 'acknowledge'
          ? { status: to, acknowledged_by: actor.id, acknowledged_at: now }
          : { status: to, closed_by: actor.id, closed_at: now, note },
      )
      .where('id', '=', id)
      .execute();
    const what = `${LEVEL_NAMES[alert.level]}预警「${alert.rule_name}」`;
    await recordAudit(trx, ctx.clock, actor, {
      action: `alert.${action}`,
      entityType: 'alert',
      entityId: id,
      summary: action === 'acknowledge' ? `确认${what}` : `关闭${what}${note ? `：${note}` : ''}`,
      before: { status: alert.status },
      after: action === 'close' ? { status: to, note } : { status: to },
    });
  });
}

/** 确认: someone has seen the alert and is on it; further evaluations keep updating it. */
export async function acknowledgeAlert(opts: { ctx: AppContext; actor: Actor; id: number }) {
  await act(opts.ctx, opts.actor, opts.id, 'acknowledge', null);
}

/** 关闭, with a note of what was done; the rule may fire again after its cooldown. */
export async function closeAlert(opts: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  note?: string | undefined;
}) {
  // The record says what was done: an alert closed without a word explains nothing later.
  const note = opts.note?.trim();
  if (!note) throw new AppError('VALIDATION_FAILED', '请填写处置说明');
  await act(opts.ctx, opts.actor, opts.id, 'close', note);
}
