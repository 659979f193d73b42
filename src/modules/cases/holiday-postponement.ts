import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { HolidayCalendar } from '../../lib/calendar.js';
import { formatDateTime } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { caseLabel, recordCaseEvent, tellAbout } from './act-on-case.js';
import { OPEN_STATES } from './case-status.js';
import { handlingDue, replyDue } from './deadlines.js';
import { owesPart } from './urge-case.js';

/** The timeline entry of a due time moved with the holidays (not an act anyone may choose). */
export const POSTPONE_EVENT = 'deadline.holidays';

/**
 * When a year's holidays are entered (or an entry withdrawn), due times counted in working days
 * may have been counted over days that are now off: 春节 counted as working days before the year
 * was known. Each open case's running due times are counted again with the new calendar and put
 * later where it gives more time. They are never brought forward: a unit keeps at least the time
 * its slip gave it, and a due time already passed stays as it was. A granted extension is a date
 * a leader chose, not a count, so it stays too. Only a change this arrangement makes moves a case
 * (counted with the calendar before it and after it), so nothing else about how a case was counted
 * is second-guessed, and a due time the rule did not count (a leader's 限时反馈) stays. Runs in the transaction that stores the arrangement; returns how many cases
 * moved.
 */
export async function postponeForHolidays({
  trx,
  ctx,
  actor,
  before,
  after,
  reason,
}: {
  trx: Transaction<DB>;
  ctx: AppContext;
  actor: Actor;
  before: HolidayCalendar;
  after: HolidayCalendar;
  /** What changed, for the timeline: 录入 2027 年节假日安排. */
  reason: string;
}): Promise<number> {
  const policy = ctx.config.deadlines;
  if (policy.counting !== 'working') return 0;
  const now = ctx.clock.now();
  const rows = await trx
    .selectFrom('cases as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .select([
      'c.id',
      'c.slip_no',
      'c.state',
      'c.version',
      'c.urgent',
      'c.assigned_at',
      'c.handling_due_at',
      'c.reply_due_at',
      'p.posted_at',
    ])
    .where('c.state', 'in', [...OPEN_STATES])
    .where((eb) =>
      eb.or([eb('c.extension_state', 'is', null), eb('c.extension_state', '<>', 'granted')]),
    )
    .where((eb) => eb.or([eb('c.reply_due_at', '>', now), eb('c.handling_due_at', '>', now)]))
    .orderBy('c.id')
    .forUpdate()
    .execute();
  const oldPolicy = { ...policy, holidays: before };
  const newPolicy = { ...policy, holidays: after };
  /** The new due time when this change gives more time to one still running, else null. */
  const later = (stored: Date | null, count: (p: typeof policy) => Date): Date | null => {
    if (stored === null || stored.getTime() <= now.getTime()) return null;
    // A due time the rule did not count (a leader's 限时反馈 of a few hours, or one counted before
    // the deployment changed its counting) is not the rule's to move.
    if (count(oldPolicy).getTime() !== stored.getTime()) return null;
    const is = count(newPolicy);
    return is.getTime() > stored.getTime() ? is : null;
  };
  let moved = 0;
  for (const row of rows) {
    const reply = later(new Date(row.reply_due_at), (p) => replyDue(p, new Date(row.posted_at)));
    const handlingRuns = row.state === 'assigned' || row.state === 'handling';
    const assignedAt = row.assigned_at ? new Date(row.assigned_at) : null;
    const handling =
      handlingRuns && assignedAt
        ? later(row.handling_due_at ? new Date(row.handling_due_at) : null, (p) =>
            handlingDue(p, assignedAt, row.urgent),
          )
        : null;
    if (!reply && !handling) continue;
    moved += 1;
    const parts = [
      handling &&
        `书面回复期限 ${formatDateTime(new Date(row.handling_due_at!))} → ${formatDateTime(handling)}`,
      reply &&
        `公开答复期限 ${formatDateTime(new Date(row.reply_due_at))} → ${formatDateTime(reply)}`,
    ].filter(Boolean);
    const comment = `${reason}后按工作日重新计算，期限顺延：${parts.join('；')}`;
    const data = {
      ...(handling && {
        handlingDueBefore: new Date(row.handling_due_at!).toISOString(),
        handlingDueAfter: handling.toISOString(),
      }),
      ...(reply && {
        replyDueBefore: new Date(row.reply_due_at).toISOString(),
        replyDueAfter: reply.toISOString(),
      }),
    };
    await trx
      .updateTable('cases')
      .set({
        ...(handling && { handling_due_at: handling }),
        ...(reply && { reply_due_at: reply }),
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await recordCaseEvent(trx, {
      caseId: row.id,
      at: now,
      actor,
      action: POSTPONE_EVENT,
      from: row.state,
      to: row.state,
      unitId: null,
      comment,
      data,
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'case.postpone-for-holidays',
      entityType: 'case',
      entityId: row.id,
      summary: `期限随节假日顺延：${caseLabel(row)}，${parts.join('；')}`,
      before: { version: row.version },
      after: { version: row.version + 1, ...data },
    });
    if (handling) {
      const units = await trx
        .selectFrom('case_units')
        .select(['unit_id', 'role', 'contributed_at'])
        .where('case_id', '=', row.id)
        .execute();
      await tellAbout(trx, ctx, actor, row, {
        kind: 'case.postponed',
        to: { unitIds: units.filter(owesPart).map((u) => u.unit_id) },
        title: '办理期限顺延',
        body: `${reason}后按工作日重新计算，请于 ${formatDateTime(handling)} 前提交书面回复（原期限 ${formatDateTime(new Date(row.handling_due_at!))}）。`,
      });
    }
  }
  return moved;
}
