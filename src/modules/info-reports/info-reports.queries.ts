import { sql, type Kysely } from 'kysely';
import type { BriefStatus } from '../../db/schema-info-reports.js';
import type { DB } from '../../db/schema.js';

export interface BriefOutcome {
  id: number;
  kind: 'adopted' | 'instruction';
  byWhom: string;
  level: string;
  note: string | null;
  recordedAt: string;
}

export interface BriefDetail {
  id: number;
  title: string;
  body: string;
  sourceKind: 'post' | 'topic' | 'incident' | null;
  sourceId: number | null;
  author: { id: number; name: string };
  unitName: string | null;
  status: BriefStatus;
  reviewerName: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  issueNo: number | null;
  submittedAt: string | null;
  submittedTo: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  outcomes: BriefOutcome[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function base(db: Kysely<DB>) {
  return db
    .selectFrom('info_briefs as b')
    .innerJoin('users as a', 'a.id', 'b.author_id')
    .leftJoin('users as r', 'r.id', 'b.reviewed_by')
    .leftJoin('units as u', 'u.id', 'b.unit_id')
    .selectAll('b')
    .select(['a.name as author_name', 'r.name as reviewer_name', 'u.name as unit_name']);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function shape(r: BaseRow, outcomes: BriefOutcome[]): BriefDetail {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    sourceKind: r.source_kind,
    sourceId: r.source_id,
    author: { id: r.author_id, name: r.author_name },
    unitName: r.unit_name,
    status: r.status,
    reviewerName: r.reviewer_name,
    reviewedAt: iso(r.reviewed_at),
    reviewComment: r.review_comment,
    issueNo: r.issue_no,
    submittedAt: iso(r.submitted_at),
    submittedTo: r.submitted_to,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    outcomes,
  };
}

async function outcomesOf(db: Kysely<DB>, ids: number[]): Promise<Map<number, BriefOutcome[]>> {
  const map = new Map<number, BriefOutcome[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('info_brief_outcomes')
    .selectAll()
    .where('brief_id', 'in', ids)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  for (const o of rows) {
    const list = map.get(o.brief_id) ?? [];
    list.push({
      id: o.id,
      kind: o.kind,
      byWhom: o.by_whom,
      level: o.level,
      note: o.note,
      recordedAt: o.recorded_at.toISOString(),
    });
    map.set(o.brief_id, list);
  }
  return map;
}

export async function getBrief(db: Kysely<DB>, id: number): Promise<BriefDetail | undefined> {
  const r = await base(db).where('b.id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return shape(r, (await outcomesOf(db, [id])).get(id) ?? []);
}

/** Waiting for review first, then the most recently changed. */
export async function listBriefs(
  db: Kysely<DB>,
  query: {
    status?: BriefStatus | undefined;
    page?: number | undefined;
    pageSize?: number | undefined;
  },
): Promise<{ items: BriefDetail[]; total: number; page: number; pageSize: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let q = base(db);
  let c = db.selectFrom('info_briefs as b').select((eb) => eb.fn.countAll<string>().as('n'));
  if (query.status) {
    q = q.where('b.status', '=', query.status);
    c = c.where('b.status', '=', query.status);
  }
  const rows = await q
    .orderBy((eb) => eb.case().when('b.status', '=', 'reviewing').then(0).else(1).end())
    .orderBy('b.updated_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = Number((await c.executeTakeFirstOrThrow()).n);
  const outcomes = await outcomesOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => shape(r, outcomes.get(r.id) ?? [])), total, page, pageSize };
}

export interface BriefTotals {
  submitted: number;
  adopted: number;
  instructions: number;
}

/**
 * 信息报送 in a span of time, as the ranking counts it (info-ranking.ts): briefs submitted in it,
 * and of those the ones with at least one 采用 and with at least one 批示, whenever recorded.
 */
export async function briefTotals(
  db: Kysely<DB>,
  span: { start: Date; end: Date },
): Promise<BriefTotals> {
  const row = await db
    .selectFrom('info_briefs as b')
    .select([
      sql<string>`count(*)`.as('submitted'),
      sql<string>`count(*) filter (where exists (select 1 from info_brief_outcomes o where o.brief_id = b.id and o.kind = 'adopted'))`.as(
        'adopted',
      ),
      sql<string>`count(*) filter (where exists (select 1 from info_brief_outcomes o where o.brief_id = b.id and o.kind = 'instruction'))`.as(
        'instructions',
      ),
    ])
    .where('b.status', '=', 'submitted')
    .where('b.submitted_at', '>=', span.start)
    .where('b.submitted_at', '<', span.end)
    .executeTakeFirstOrThrow();
  return {
    submitted: Number(row.submitted),
    adopted: Number(row.adopted),
    instructions: Number(row.instructions),
  };
}
