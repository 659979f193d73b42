import { sql, type Kysely } from 'kysely';
import { paginate, type PageResult } from '../../db/paginate.js';
import type { DB } from '../../db/schema.js';
import { reportTitle, type ReportKind } from './report-period.js';
import type {
  ReportDetail,
  ReportFigures,
  ReportListQuery,
  ReportSummary,
} from './report.schemas.js';

/** SQL only: the stored reports, newest period first. */
function summaryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('reports as r')
    .leftJoin('users as u', 'u.id', 'r.generated_by')
    .select([
      'r.id',
      'r.kind',
      'r.period_start',
      'r.period_end',
      'r.seq',
      'r.generated_at',
      'r.delivered_at',
      'u.name as generated_by_name',
      sql<string | null>`r.figures ->> 'orgName'`.as('org_name'),
      sql<string | null>`r.figures -> 'span' ->> 'name'`.as('span_name'),
      sql<number>`octet_length(r.docx)`.as('docx_size'),
      sql<number>`octet_length(r.xlsx)`.as('xlsx_size'),
    ]);
}

interface SummaryRow {
  id: number;
  kind: ReportKind;
  period_start: string;
  period_end: string;
  seq: number;
  generated_at: Date;
  delivered_at: Date | null;
  generated_by_name: string | null;
  org_name: string | null;
  span_name: string | null;
  docx_size: number;
  xlsx_size: number;
}

function toSummary(r: SummaryRow): ReportSummary {
  return {
    id: r.id,
    kind: r.kind,
    from: r.period_start,
    to: r.period_end,
    seq: r.seq,
    title: reportTitle({
      orgName: r.org_name,
      kind: r.kind,
      seq: r.seq,
      from: r.period_start,
      to: r.period_end,
      span: r.span_name === null ? null : { name: r.span_name },
    }),
    generatedAt: new Date(r.generated_at).toISOString(),
    generatedByName: r.generated_by_name,
    deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
    docxSize: Number(r.docx_size),
    xlsxSize: Number(r.xlsx_size),
  };
}

export async function listReports(
  db: Kysely<DB>,
  query: ReportListQuery,
): Promise<PageResult<ReportSummary>> {
  let q = summaryQuery(db)
    .orderBy('r.period_start', 'desc')
    .orderBy('r.kind')
    .orderBy('r.id', 'desc');
  if (query.kind) q = q.where('r.kind', '=', query.kind);
  return paginate(q, query, toSummary);
}

export async function getReport(db: Kysely<DB>, id: number): Promise<ReportDetail | null> {
  const row = await summaryQuery(db).select('r.figures').where('r.id', '=', id).executeTakeFirst();
  if (!row) return null;
  return { ...toSummary(row), figures: row.figures as ReportFigures };
}

/** One of a report's files, with what names it. */
export async function reportFile(
  db: Kysely<DB>,
  id: number,
  which: 'docx' | 'xlsx',
): Promise<{ summary: ReportSummary; data: Buffer; figures: ReportFigures } | null> {
  const row = await summaryQuery(db)
    .select([`r.${which} as data`, 'r.figures'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    summary: toSummary(row),
    data: Buffer.from(row.data),
    figures: row.figures as ReportFigures,
  };
}
