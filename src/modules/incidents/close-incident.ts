import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { actOnIncident } from './act-on-incident.js';
import { closingResult } from './closing-result.js';
import { deliverReport } from './send-report.js';

export const CLOSING_RESULT_REQUIRED = '处置结束报告须写明“八、处置结果”：处置结果不能为空';

/**
 * 结束处置: only with a closing report, which is kept on the incident, recorded as a report and
 * sent to the leaders in the same transaction, and whose 处置结果 is written. A closed incident no longer changes.
 */
export async function closeIncident(opts: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  version?: number | undefined;
  closingReport: string;
}): Promise<void> {
  const text = opts.closingReport.trim();
  if (!text) throw new AppError('VALIDATION_FAILED', '结束处置须填写处置结束报告');
  if (!closingResult(text)) throw new AppError('VALIDATION_FAILED', CLOSING_RESULT_REQUIRED);
  await actOnIncident(opts.ctx, opts.actor, opts, async ({ trx, row, now }) => {
    const recipients = await deliverReport(trx, opts.ctx, opts.actor, row, 'closing', text, now);
    const names = recipients.map((r) => r.name).join('、') || '（无在岗领导）';
    return {
      changes: {
        status: 'closed',
        closed_at: now,
        closed_by: opts.actor.id,
        closing_report: text,
      },
      event: {
        kind: 'closed',
        text: `结束处置，处置结束报告已送达领导：${names}`,
        data: { recipients: recipients.map((r) => r.id) },
      },
      audit: {
        action: 'close',
        before: { status: 'open' },
        after: { status: 'closed', closingReport: text, recipients },
      },
      value: undefined,
    };
  });
}
