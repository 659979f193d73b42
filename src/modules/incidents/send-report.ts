import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { IncidentReportKind } from '../../db/schema-incidents.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { notify, usersWithRoles } from '../notifications/notify.js';
import { actOnIncident, type IncidentRow } from './act-on-incident.js';
import { LEVEL_NAMES, REPORT_NAMES } from './incident-labels.js';

/**
 * Sends a report to the leaders (inbox, e-mail, group robots through the outbox) and records it
 * with its recipients, inside the caller's transaction. The sender is not sent their own report.
 */
export async function deliverReport(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  row: IncidentRow,
  kind: IncidentReportKind,
  text: string,
  now: Date,
): Promise<{ id: number; name: string }[]> {
  const leaders = (await usersWithRoles(trx, ['leader'])).filter((id) => id !== actor.id);
  await notify(trx, ctx, {
    kind: kind === 'immediate' ? 'incident.immediate-report' : 'incident.closing-report',
    title: `${REPORT_NAMES[kind]}：${row.title}（${LEVEL_NAMES[row.level]}）`,
    body: text,
    link: `/incidents/${row.id}`,
    userIds: leaders,
  });
  const recipients =
    leaders.length === 0
      ? []
      : await trx
          .selectFrom('users')
          .select(['id', 'name'])
          .where('id', 'in', leaders)
          .where('active', '=', true)
          .orderBy('id')
          .execute();
  await trx
    .insertInto('incident_reports')
    .values({
      incident_id: row.id,
      kind,
      text,
      sent_at: now,
      sent_by: actor.id,
      recipients: JSON.stringify(recipients),
    })
    .execute();
  return recipients;
}

/** 第一时间报告: the (edited) draft goes to the leaders at once; a later one is a 续报. */
export async function sendImmediateReport(opts: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  version?: number | undefined;
  text: string;
}): Promise<void> {
  const text = opts.text.trim();
  if (!text) throw new AppError('VALIDATION_FAILED', '请填写报告内容');
  await actOnIncident(opts.ctx, opts.actor, opts, async ({ trx, row, now }) => {
    const earlier = await trx
      .selectFrom('incident_reports')
      .select('id')
      .where('incident_id', '=', row.id)
      .where('kind', '=', 'immediate')
      .limit(1)
      .executeTakeFirst();
    const recipients = await deliverReport(trx, opts.ctx, opts.actor, row, 'immediate', text, now);
    const names = recipients.map((r) => r.name).join('、') || '（无在岗领导）';
    return {
      event: {
        kind: 'immediate_report',
        text: `${earlier ? '续报' : '报送第一时间报告'}，送达领导：${names}`,
        data: { recipients: recipients.map((r) => r.id) },
      },
      audit: { action: 'report.immediate', after: { recipients, text } },
      value: undefined,
    };
  });
}
