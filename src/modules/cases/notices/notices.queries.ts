import type { Kysely, Selectable } from 'kysely';
import type { DB, NoticesTable } from '../../../db/schema.js';
import { localDate } from '../../../lib/calendar.js';
import { paginate, type PageResult } from '../../../db/paginate.js';
import type { Notice, NoticeListQuery, NoticeSummary, NoticeUnit } from './notices.schemas.js';

/** 〔2026〕第3期 */
export const noticeNumber = (year: number, seq: number) => `〔${year}〕第${seq}期`;

type Row = Selectable<NoticesTable> & { created_by_name: string | null };

function summary(r: Row, timeZone: string): NoticeSummary & { units: NoticeUnit[] } {
  const units = (Array.isArray(r.items) ? r.items : []) as NoticeUnit[];
  return {
    id: r.id,
    year: r.year,
    seq: r.seq,
    number: noticeNumber(r.year, r.seq),
    title: r.title,
    periodFrom: localDate(r.period_from, timeZone),
    // Stored as the exclusive end: the last day is the one before it.
    periodTo: localDate(new Date(r.period_to.getTime() - 1), timeZone),
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by_name,
    unitCount: units.length,
    // A case named for its lead and its co-unit is one case, not two.
    caseCount: new Set(units.flatMap((u) => u.cases.map((c) => c.caseId))).size,
    units,
  };
}

function base(db: Kysely<DB>) {
  return db
    .selectFrom('notices as n')
    .leftJoin('users as u', 'u.id', 'n.created_by')
    .selectAll('n')
    .select('u.name as created_by_name');
}

export async function listNotices(
  db: Kysely<DB>,
  query: NoticeListQuery,
  timeZone: string,
): Promise<PageResult<NoticeSummary>> {
  let q = base(db);
  if (query.year !== undefined) q = q.where('n.year', '=', query.year);
  return paginate(q.orderBy('n.year', 'desc').orderBy('n.seq', 'desc'), query, (r) => {
    const { units: _units, ...rest } = summary(r, timeZone);
    return rest;
  });
}

export async function getNotice(
  db: Kysely<DB>,
  id: number,
  timeZone: string,
): Promise<Notice | undefined> {
  const r = await base(db).where('n.id', '=', id).executeTakeFirst();
  return r ? summary(r, timeZone) : undefined;
}
