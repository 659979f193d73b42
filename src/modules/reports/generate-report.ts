import { sql } from 'kysely';
import { localDate } from '../../lib/calendar.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { buildReportDocx } from './documents/report-docx.js';
import { buildReportXlsx } from './documents/report-xlsx.js';
import { comparedText } from './documents/report-text.js';
import { reportFigures } from './report-figures.js';
import {
  dailySpan,
  periodName,
  reportPeriod,
  reportTitle,
  type ReportKind,
} from './report-period.js';
import { loadReportSettings, reportRecipients } from './report-settings.js';
import type { ReportFigures } from './report.schemas.js';

export interface GenerateReportResult {
  id: number;
  seq: number;
  title: string;
  /** Whether this call sent it to the recipients (only the schedule does, once per period). */
  delivered: boolean;
}

// One report stored at a time, so two generations never both deliver one period.
const REPORT_LOCK = 7_120_013;

/** The period's number: kept when regenerated, else one after the year's last of the kind. */
async function issueNumber(ctx: AppContext, kind: ReportKind, from: string): Promise<number> {
  const existing = await ctx.db
    .selectFrom('reports')
    .select('seq')
    .where('kind', '=', kind)
    .where('period_start', '=', from)
    .executeTakeFirst();
  if (existing) return existing.seq;
  const last = await ctx.db
    .selectFrom('reports')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('kind', '=', kind)
    .where(sql<string>`to_char(period_start, 'YYYY')`, '=', from.slice(0, 4))
    .executeTakeFirst();
  return Number(last?.seq ?? 0) + 1;
}

/** The inbox line: the period's main figures, for a leader reading it on a phone. */
export function deliveryBody(f: ReportFigures): string {
  const p = f.posts;
  const s = f.cases.slips;
  return [
    `${periodName(f.kind, f)}：监测到相关信息${p.total}条，` +
      (f.previous ? `${comparedText(f, p.total, f.previous.posts, '条')}，` : '') +
      `其中负面${p.negative}条、含紧急信号${p.urgent}条。`,
    ...(f.review
      ? [
          `研判：已阅${f.review.read}条、不予处理${f.review.dismissed}条、登记办件${f.review.registered}条，` +
            `待研判${f.review.pending}条（其中紧急${f.review.urgentPending}条）` +
            (f.review.pendingEarlier > 0 ? `，此前待研判${f.review.pendingEarlier}条。` : '。'),
        ]
      : []),
    `受理办件${f.cases.registered}件；抄告单按期${s.onTime}件次、超期${s.late}件次，当前超期未办${s.overdueNow}件次。`,
    ...(f.incidents ? [`启动舆情事件${f.incidents.opened}起。`] : []),
    '详见报告（可下载 Word 与 Excel 台账）。',
  ].join('\n');
}

/** A missed daily report is caught up by the next one within this many days, not further back. */
const CATCH_UP_DAYS = 14;

/**
 * Where the last daily report before `date` (scheduled or made on demand) ended, if within
 * CATCH_UP_DAYS: the next one starts there, so no post falls between two reports when one was
 * never made.
 */
async function lastDailyEnd(ctx: AppContext, date: string): Promise<Date | null> {
  const row = await ctx.db
    .selectFrom('reports')
    .select('figures')
    .where('kind', '=', 'daily')
    .where('period_start', '<', date)
    .orderBy('period_start', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const figures = (typeof row.figures === 'string' ? JSON.parse(row.figures) : row.figures) as {
    span?: { end?: string } | null;
  };
  const end = figures.span?.end ? new Date(figures.span.end) : null;
  if (!end || Number.isNaN(end.getTime())) return null;
  const oldest = ctx.clock.now().getTime() - CATCH_UP_DAYS * 24 * 3_600_000;
  return end.getTime() >= oldest ? end : null;
}

/**
 * Generates the report of the period of `kind` that holds `date` (default today; a daily report
 * covers the span since the previous working day's, dailySpan): computes the
 * figures, builds the .docx and .xlsx, and stores them, replacing that period's earlier version.
 * `actor` null is the schedule: it also delivers the report to the recipients (inbox and
 * channels), once per period however often it runs.
 */
export async function generateReport({
  ctx,
  actor,
  input,
  deliver: send = true,
}: {
  ctx: AppContext;
  actor: Actor | null;
  input: { kind: ReportKind; date?: string | undefined };
  /** For the schedule (actor null): false stores the report without sending it. */
  deliver?: boolean;
}): Promise<GenerateReportResult> {
  if (actor) assertCan(actor, input.kind === 'daily' ? 'reports.daily' : 'reports.manage');
  const now = ctx.clock.now();
  const today = localDate(now, ctx.config.deadlines.timeZone);
  const range = reportPeriod(input.kind, input.date ?? today);
  if (range.from > today) {
    throw new AppError('VALIDATION_FAILED', '该期间尚未开始，不能生成报告');
  }
  const settings = await loadReportSettings(ctx.db);
  const span =
    input.kind === 'daily'
      ? dailySpan(
          range.from,
          settings.dailyTime,
          ctx.config.deadlines.timeZone,
          await lastDailyEnd(ctx, range.from),
          ctx.config.deadlines.holidays,
        )
      : null;
  const figures = await reportFigures(ctx, input.kind, range, now, span);
  const seq = await issueNumber(ctx, input.kind, range.from);
  const title = reportTitle({ ...figures, seq });
  const [docx, xlsx] = await Promise.all([
    buildReportDocx(figures, seq),
    buildReportXlsx(figures, seq),
  ]);
  const recipients = actor || !send ? [] : await reportRecipients(ctx.db, settings);

  return ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${REPORT_LOCK})`.execute(trx);
    const before = await trx
      .selectFrom('reports')
      .select(['id', 'delivered_at'])
      .where('kind', '=', input.kind)
      .where('period_start', '=', range.from)
      .executeTakeFirst();
    const deliver = actor === null && send && !before?.delivered_at;
    const values = {
      period_end: range.to,
      seq,
      generated_at: now,
      generated_by: actor?.id ?? null,
      figures: JSON.stringify(figures),
      docx,
      xlsx,
      ...(deliver ? { delivered_at: now } : {}),
    };
    const { id } = await trx
      .insertInto('reports')
      .values({ kind: input.kind, period_start: range.from, ...values })
      .onConflict((oc) => oc.columns(['kind', 'period_start']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    if (deliver) {
      await notify(trx, ctx, {
        kind: `report.${input.kind}`,
        title: `${title}已生成`,
        body: deliveryBody(figures),
        link: `/reports/${id}`,
        userIds: recipients,
      });
    }
    if (actor) {
      await recordAudit(trx, ctx.clock, actor, {
        action: before ? 'report.regenerate' : 'report.generate',
        entityType: 'report',
        entityId: id,
        summary: `${before ? '重新生成' : '生成'}${title}`,
      });
    }
    return { id, seq, title, delivered: deliver };
  });
}
