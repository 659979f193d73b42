import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { loadDictionary } from '../../../ingest/dictionary.js';
import { preparePost } from '../../../ingest/ingest-posts.js';
import { segmenter } from '../../../ingest/segment.js';
import { simhashToSql } from '../../../ingest/simhash.js';
import type { AppContext } from '../../../server/context.js';
import { assertCan, type Actor } from '../../access/actor.js';
import { analysePosts } from '../../analysis/post-analysis/analyse-posts.js';
import { recordAudit } from '../../audit/record-audit.js';
import { readTable } from '../../sources/read-table.js';
import { handlingDue, replyDue } from '../deadlines.js';
import { LEDGER_SOURCE_KEY } from './ledger-source.js';
import { readLedger, type LedgerRow, type LedgerRowError } from './read-ledger.js';

export interface LedgerImportReport {
  ok: boolean;
  dryRun: boolean;
  fileName: string;
  /** Data rows read (example rows left out). */
  rowCount: number;
  /** Cases created (a check: that would be created). */
  created: number;
  /** Rows an earlier import already brought in: not imported again. */
  skipped: { row: number; caseId: number }[];
  errors: LedgerRowError[];
  importId: number | null;
  /** What the good rows hold, for the summary under the upload. */
  figures: {
    replied: number;
    closed: number;
    /** With 交办时间: counted and judged in the per-unit ledger. */
    judgedByUnit: number;
    withSlip: number;
    from: string | null;
    to: string | null;
    units: { unitName: string; count: number }[];
    /** 协办单位, counted apart: a case names one lead unit and any number of co-units. */
    coUnits: { unitName: string; count: number }[];
  };
}

const IMPORT_LOCK = 7_405_028;
const WRITE_CHUNK = 500;

/** Rows per unit name, most first. */
function countByName(names: Iterable<string>): { unitName: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts]
    .map(([unitName, count]) => ({ unitName, count }))
    .sort((a, b) => b.count - a.count || a.unitName.localeCompare(b.unitName, 'zh'));
}

function figuresOf(rows: readonly LedgerRow[]): LedgerImportReport['figures'] {
  const times = rows.map((r) => r.receivedAt.getTime()).sort((a, b) => a - b);
  const first = times[0];
  const last = times[times.length - 1];
  return {
    replied: rows.filter((r) => r.outcome === 'replied').length,
    closed: rows.filter((r) => r.outcome === 'closed').length,
    judgedByUnit: rows.filter((r) => r.assignedAt !== null && r.unitId !== null).length,
    withSlip: rows.filter((r) => r.slip !== null).length,
    from: first === undefined ? null : new Date(first).toISOString(),
    to: last === undefined ? null : new Date(last).toISOString(),
    units: countByName(rows.flatMap((r) => (r.unitName ? [r.unitName] : []))),
    coUnits: countByName(rows.flatMap((r) => r.coUnitNames)),
  };
}

/**
 * Against the database: rows already imported (skipped) and slip numbers another case has.
 * Run again inside the import's transaction, under its lock, so two uploads of one file at once
 * import it once.
 */
async function checkAgainstDb(
  db: Kysely<DB> | Transaction<DB>,
  rows: readonly LedgerRow[],
): Promise<{
  fresh: LedgerRow[];
  skipped: LedgerImportReport['skipped'];
  errors: LedgerRowError[];
}> {
  const keys = rows.map((r) => r.key);
  const known = keys.length
    ? await db
        .selectFrom('cases')
        .select(['id', 'import_key'])
        .where('import_key', 'in', keys)
        .execute()
    : [];
  const caseByKey = new Map(known.map((k) => [k.import_key ?? '', Number(k.id)]));
  const skipped: LedgerImportReport['skipped'] = [];
  const fresh: LedgerRow[] = [];
  for (const r of rows) {
    const caseId = caseByKey.get(r.key);
    if (caseId === undefined) fresh.push(r);
    else skipped.push({ row: r.row, caseId });
  }
  const slips = fresh.flatMap((r) => (r.slip ? [r.slip.no] : []));
  const taken = slips.length
    ? await db.selectFrom('cases').select(['id', 'slip_no']).where('slip_no', 'in', slips).execute()
    : [];
  const takenBy = new Map(taken.map((t) => [t.slip_no ?? '', Number(t.id)]));
  const errors: LedgerRowError[] = [];
  for (const r of fresh) {
    const holder = r.slip ? takenBy.get(r.slip.no) : undefined;
    if (holder !== undefined && r.slip) {
      errors.push({
        row: r.row,
        column: '抄告单号',
        message: `抄告单号 ${r.slip.no} 已是系统中办件 #${holder} 的编号`,
      });
    }
  }
  return { fresh, skipped, errors };
}

/**
 * 历史台账导入: the cases of a township's Excel ledger become archived, read-only cases marked as
 * imported, with their own dates, lead unit and reply, so that reports of those dates and the
 * routing suggestion's history count them. Every row is checked first; one bad row and nothing is
 * imported. No notification, reminder or deadline job is touched: the cases are closed history.
 */
export async function importLedger({
  ctx,
  actor,
  file,
  fileName,
  dryRun,
}: {
  ctx: AppContext;
  actor: Actor;
  file: Buffer;
  fileName: string;
  dryRun: boolean;
}): Promise<LedgerImportReport> {
  assertCan(actor, 'cases.import');
  const table = await readTable(fileName, file);
  const now = ctx.clock.now();
  const units = await ctx.db.selectFrom('units').select(['id', 'name']).execute();
  const parsed = readLedger(table, {
    timeZone: ctx.config.deadlines.timeZone,
    now,
    unitIdByName: new Map(units.map((u) => [u.name, Number(u.id)])),
  });
  const report = (
    checked: Awaited<ReturnType<typeof checkAgainstDb>>,
    importId: number | null,
  ): LedgerImportReport => {
    const errors = [...parsed.errors, ...checked.errors].sort((a, b) => a.row - b.row);
    if (parsed.count === 0 && errors.length === 0) {
      errors.push({ row: 0, column: '', message: '文件中没有可导入的数据行' });
    }
    const ok = errors.length === 0;
    return {
      ok,
      dryRun,
      fileName,
      rowCount: parsed.count,
      created: ok ? checked.fresh.length : 0,
      skipped: checked.skipped,
      errors,
      importId,
      figures: figuresOf(checked.fresh),
    };
  };

  if (dryRun) return report(await checkAgainstDb(ctx.db, parsed.rows), null);

  const dictionary = await loadDictionary(ctx.db);
  const seg = segmenter(dictionary.userWords);
  return ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
    const checked = await checkAgainstDb(trx, parsed.rows);
    const first = report(checked, null);
    if (!first.ok || checked.fresh.length === 0) return first;

    const batch = await trx
      .insertInto('case_imports')
      .values({
        file_name: fileName,
        file_sha256: createHash('sha256').update(file).digest('hex'),
        imported_by: actor.id,
        imported_at: now,
        row_count: parsed.count,
        created_count: checked.fresh.length,
        skipped_count: checked.skipped.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const importId = Number(batch.id);
    const posts: { id: number; title: string | null; body: string; postedAt: Date }[] = [];
    const caseIds: number[] = [];
    // In chunks of multi-row statements: a year's ledger of 1,000 rows one statement per table
    // and row took 19 s on PGlite.
    for (let start = 0; start < checked.fresh.length; start += WRITE_CHUNK) {
      const chunk = checked.fresh.slice(start, start + WRITE_CHUNK);
      const ids = await writeCases(trx, ctx, actor, chunk, { importId, now, seg, dictionary });
      chunk.forEach((r, i) => {
        posts.push({
          id: ids.postIds[i] ?? 0,
          title: r.title,
          body: r.body,
          postedAt: r.receivedAt,
        });
      });
      caseIds.push(...ids.caseIds);
    }
    // New slips of a year continue after the ledger's numbers: no 2026-0042 twice.
    const maxSeq = new Map<number, number>();
    for (const r of checked.fresh) {
      if (r.slip) maxSeq.set(r.slip.year, Math.max(maxSeq.get(r.slip.year) ?? 0, r.slip.seq));
    }
    for (const [year, last] of maxSeq) {
      await trx
        .insertInto('slip_counters')
        .values({ year, last })
        .onConflict((oc) =>
          oc
            .column('year')
            .doUpdateSet({ last: sql<number>`greatest(slip_counters.last, excluded.last)` }),
        )
        .execute();
    }
    // Category, sentiment and urgency of the messages, now and in this transaction: the routing
    // suggestion learns from the categories, and the analysis backlog (which would also run the
    // urgent notices and alerts) never sees these posts.
    await analysePosts({ ...ctx, db: trx }, posts);
    const result = report(checked, importId);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'case.import-ledger',
      entityType: 'case_import',
      entityId: importId,
      summary: `历史台账导入「${fileName}」：新建归档办件 ${caseIds.length} 件（#${caseIds[0]}–#${caseIds[caseIds.length - 1]}）${checked.skipped.length > 0 ? `，已导入过跳过 ${checked.skipped.length} 行` : ''}`,
      after: {
        importId,
        fileName,
        rows: parsed.count,
        created: caseIds.length,
        skipped: checked.skipped.length,
        caseIds,
      },
    });
    return result;
  });
}

/** Ids drawn ahead, so that each table's rows of a chunk go in one statement. */
async function nextIds(
  trx: Transaction<DB>,
  table: 'posts' | 'cases',
  n: number,
): Promise<number[]> {
  const { rows } = await sql<{ id: string | number }>`
    select nextval(pg_get_serial_sequence(${table}, 'id')) as id
    from generate_series(1, ${n})`.execute(trx);
  return rows.map((r) => Number(r.id));
}

async function writeCases(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  rows: readonly LedgerRow[],
  opts: {
    importId: number;
    now: Date;
    seg: ReturnType<typeof segmenter>;
    dictionary: Awaited<ReturnType<typeof loadDictionary>>;
  },
): Promise<{ postIds: number[]; caseIds: number[] }> {
  const postIds = await nextIds(trx, 'posts', rows.length);
  const caseIds = await nextIds(trx, 'cases', rows.length);
  const id = (ids: number[], i: number) => {
    const v = ids[i];
    if (v === undefined) throw new Error('id allocation returned too few rows');
    return v;
  };
  await trx
    .insertInto('posts')
    .values(
      rows.map((r, i) => {
        const prepared = preparePost(
          { title: r.title, body: r.body },
          opts.seg,
          opts.dictionary,
          r.receivedAt,
        );
        return {
          id: id(postIds, i),
          source: r.source,
          source_key: LEDGER_SOURCE_KEY,
          url: null,
          author: null,
          posted_at: r.receivedAt,
          title: r.title,
          body: r.body,
          contact: null,
          // Collected, for the reports, on its own date: today's daily report is not the ledger's.
          created_at: r.receivedAt,
          // It was a case: it concerned the jurisdiction, whatever the dictionary says today.
          relevant: true,
          content_hash: prepared?.contentHash ?? null,
          simhash: prepared ? simhashToSql(prepared.simhash) : null,
          simhash_bands: prepared?.bands ?? null,
          relevance_terms: prepared?.relevanceTerms ?? [],
          segmented: prepared?.segmented ?? '',
          search: sql<string>`to_tsvector('simple', ${prepared?.searchable ?? ''})`,
        };
      }),
    )
    .execute();
  const policy = ctx.config.deadlines;
  await trx
    .insertInto('cases')
    .values(
      rows.map((r, i) => {
        const replied = r.outcome === 'replied';
        return {
          id: id(caseIds, i),
          post_id: id(postIds, i),
          state: 'archived' as const,
          urgent: false,
          registered_by: null,
          registered_at: r.receivedAt,
          slip_year: r.slip?.year ?? null,
          slip_seq: r.slip?.seq ?? null,
          slip_no: r.slip?.no ?? null,
          lead_unit_id: r.unitId,
          // Only a known slip date makes the unit's due time known: without it the unit is not
          // judged (the per-unit ledger counts slips by their date).
          assigned_at: r.unitId !== null ? r.assignedAt : null,
          handling_due_at:
            r.unitId !== null && r.assignedAt ? handlingDue(policy, r.assignedAt, false) : null,
          // The ledger has no time of posting: 受理时间 stands in for it.
          reply_due_at: replyDue(policy, r.receivedAt),
          reply_text: replied ? r.replyText : null,
          replied_at: replied ? r.repliedAt : null,
          approved_at: replied ? r.repliedAt : null,
          published_at: replied ? r.repliedAt : null,
          closed_reason: replied ? null : (r.replyText ?? '历史台账：不予办理'),
          closed_at: replied ? null : (r.repliedAt ?? r.receivedAt),
          archived_by: actor.id,
          archived_at: opts.now,
          created_at: opts.now,
          updated_at: opts.now,
          import_id: opts.importId,
          import_key: r.key,
          import_row: r.row,
        };
      }),
    )
    .execute();
  const slipUnits = rows.flatMap((r, i) => {
    if (r.unitId === null) return [];
    // The ledger keeps no signing time: the slip date, or at the latest the reply, stands for it
    // (an archived case of the past shown as 未签收 would say what did not happen). Co-units got
    // the same slip. Their input (协办意见) is not in the ledger: it stays empty, and unit-deadlines
    // leaves such co-units unjudged rather than late.
    const signed_at = r.assignedAt ?? (r.outcome === 'replied' ? r.repliedAt : null);
    const case_id = id(caseIds, i);
    return [
      { case_id, unit_id: r.unitId, role: 'lead' as const, signed_at },
      ...r.coUnitIds.map((unit_id) => ({ case_id, unit_id, role: 'co' as const, signed_at })),
    ];
  });
  if (slipUnits.length > 0) await trx.insertInto('case_units').values(slipUnits).execute();
  const replies = rows.flatMap((r, i) =>
    r.outcome === 'replied' && r.replyText && r.repliedAt
      ? [
          {
            case_id: id(caseIds, i),
            round: 1,
            text: r.replyText,
            submitted_by: null,
            submitted_at: r.repliedAt,
            decision: 'approved' as const,
            decided_by: null,
            decided_at: r.repliedAt,
            comment: null,
          },
        ]
      : [],
  );
  if (replies.length > 0) await trx.insertInto('case_replies').values(replies).execute();
  await trx
    .insertInto('case_events')
    .values(
      rows.map((r, i) => ({
        case_id: id(caseIds, i),
        at: opts.now,
        actor_id: actor.id,
        actor_name: actor.name,
        action: 'import-ledger',
        from_state: null,
        to_state: 'archived',
        unit_id: null,
        comment: `历史台账导入（第 ${r.row} 行）`,
        data: JSON.stringify({ importId: opts.importId, row: r.row }),
      })),
    )
    .execute();
  return { postIds, caseIds };
}
