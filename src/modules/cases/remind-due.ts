import { sql } from 'kysely';
import { formatDateTime } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import { systemActor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { caseLabel, tellAbout } from './act-on-case.js';
import type { UrgeKind } from './urge-case.js';

interface DueSoonRow {
  case_id: number;
  kind: UrgeKind;
  due_at: Date;
  slip_no: string | null;
}

/**
 * Reminders before a due time (remindHours ahead, 12 by default): once per case, kind and due
 * time, so a moved deadline (an extension) is reminded again and a second run reminds nobody.
 */
export async function remindDue(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + ctx.config.deadlines.remindHours * 3_600_000);
  const rows = await sql<DueSoonRow>`
    select c.id as case_id, 'handling' as kind, c.handling_due_at as due_at, c.slip_no
    from cases c
    where c.state in ('assigned', 'handling') and c.handling_due_at > ${now} and c.handling_due_at <= ${horizon}
    union all
    select c.id, 'reply', c.reply_due_at, c.slip_no
    from cases c
    where c.state in ('registered', 'assigned', 'handling', 'reviewing', 'approved')
      and c.reply_due_at > ${now} and c.reply_due_at <= ${horizon}
    order by 1, 2`.execute(ctx.db);
  const actor = systemActor('系统（到期提醒）');
  let sent = 0;
  for (const r of rows.rows) {
    const dueAt = new Date(r.due_at);
    await ctx.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('case_reminders')
        .values({ case_id: r.case_id, kind: r.kind, due_at: dueAt, sent_at: now })
        .onConflict((oc) => oc.columns(['case_id', 'kind', 'due_at']).doNothing())
        .returning('case_id')
        .executeTakeFirst();
      if (!inserted) return;
      sent += 1;
      const what = r.kind === 'handling' ? '书面回复' : '公开答复';
      const units = await trx
        .selectFrom('case_units')
        .select('unit_id')
        .where('case_id', '=', r.case_id)
        .where((eb) =>
          r.kind === 'reply'
            ? eb('role', '=', 'lead')
            : eb.or([eb('role', '=', 'lead'), eb('contributed_at', 'is', null)]),
        )
        .execute();
      await tellAbout(
        trx,
        ctx,
        actor,
        { id: r.case_id, slip_no: r.slip_no },
        {
          kind: 'case.due-soon',
          // Not yet assigned: the public reply is the leaders' to hurry.
          to: units.length > 0 ? { unitIds: units.map((u) => u.unit_id) } : { roles: ['leader'] },
          title: '即将到期',
          body: `${r.kind === 'handling' ? '书面回复' : '公开答复'}将于 ${formatDateTime(dueAt)} 到期，请抓紧办理。`,
        },
      );
      await recordAudit(trx, ctx.clock, actor, {
        action: 'case.remind',
        entityType: 'case',
        entityId: r.case_id,
        summary: `到期提醒：${caseLabel({ id: r.case_id, slip_no: r.slip_no })} ${what}将于 ${formatDateTime(dueAt)} 到期`,
      });
    });
  }
  return sent;
}

/** Who holds a case in each state where no unit does, and what they owe. */
const STAGE_HOLDERS = {
  registered: { roles: ['leader'], owed: '尚未批办' },
  reviewing: { roles: ['leader'], owed: '书面回复尚待审定' },
  approved: { roles: ['monitor'], owed: '审定的答复尚未发布' },
} as const;

/**
 * After the public reply's due time, a case waiting on the leaders (批办, 审定) or on the monitor
 * (发布) has no unit for urgeOverdue to urge: those who hold it are told, once per case and due
 * time, so that a case does not pass its deadline in silence. Assigned and handling cases are the
 * lead unit's, urged by urgeOverdue.
 */
export async function warnStageOverdue(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .selectFrom('cases')
    .select(['id', 'state', 'reply_due_at', 'slip_no'])
    .where('state', 'in', ['registered', 'reviewing', 'approved'])
    .where('reply_due_at', '<', now)
    .orderBy('id')
    .execute();
  const actor = systemActor('系统（超期提醒）');
  let sent = 0;
  for (const r of rows) {
    const holder = STAGE_HOLDERS[r.state as keyof typeof STAGE_HOLDERS];
    const dueAt = new Date(r.reply_due_at);
    await ctx.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('case_reminders')
        .values({ case_id: r.id, kind: 'overdue', due_at: dueAt, sent_at: now })
        .onConflict((oc) => oc.columns(['case_id', 'kind', 'due_at']).doNothing())
        .returning('case_id')
        .executeTakeFirst();
      if (!inserted) return;
      sent += 1;
      const text = `公开答复已超过期限 ${formatDateTime(dueAt)}，${holder.owed}`;
      await tellAbout(trx, ctx, actor, r, {
        kind: 'case.overdue',
        to: { roles: [...holder.roles] },
        title: '办件已超期',
        body: `${text}，请立即处理。`,
      });
      await recordAudit(trx, ctx.clock, actor, {
        action: 'case.remind-overdue',
        entityType: 'case',
        entityId: r.id,
        summary: `超期提醒：${caseLabel(r)} ${text}`,
      });
    });
  }
  return sent;
}
