import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { formatDateTimeIn } from '../../../lib/format.js';
import {
  addLedgerSheet,
  LEDGER_BORDER,
  LEDGER_FONT,
  ledgerHeader,
  ledgerLine,
  type LedgerColumn,
} from '../../../lib/xlsx-ledger.js';
import type { AppContext } from '../../../server/context.js';
import { AppError } from '../../../server/errors.js';
import { assertCan, type Actor } from '../../access/actor.js';
import { recordAudit } from '../../audit/record-audit.js';
import { listCases } from '../cases.queries.js';
import { nextDate, startOfLocalDay } from '../stats/period.js';
import { caseBundleEntries, UNIX_ENTRY, type BundleEntry } from './case-bundle.js';
import type { CaseRecord } from './case-record.js';
import { loadCaseRecord } from './case-record.js';

/**
 * 归档移交: at year end, or when the county's inspectors come (监督检查), the office hands over
 * every archived case of a period, each in its own folder with what its single-case bundle.zip
 * holds, a 案卷目录 index and checksums over everything.
 */

/**
 * The most cases one export may hold. The zip is streamed case by case, so memory stays flat,
 * but each case costs two .docx builds (~50 ms): 2,000 cases keep one download to a few minutes
 * of one core on the shared server. A township archives a few hundred cases a year.
 */
export const MAX_TRANSFER_CASES = 2000;

export interface TransferQuery {
  /** Local dates of 受理 (registration), both included. */
  from: string;
  to: string;
  q?: string | undefined;
  unitId?: number | undefined;
}

export interface TransferPlan {
  query: TransferQuery;
  ids: number[];
  limit: number;
}

/** The archive page's own list query, so the export holds what the page shows for the filters. */
async function listTransfer(ctx: AppContext, actor: Actor, query: TransferQuery, pageSize: number) {
  assertCan(actor, 'cases.transfer');
  if (query.from > query.to) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期');
  const timeZone = ctx.config.deadlines.timeZone;
  const start = startOfLocalDay(query.from, timeZone);
  const end = new Date(startOfLocalDay(nextDate(query.to), timeZone).getTime() - 1);
  return listCases(
    ctx.db,
    actor,
    {
      state: 'archived',
      from: start.toISOString(),
      to: end.toISOString(),
      q: query.q,
      unitId: query.unitId,
      pageSize,
      page: 1,
    },
    ctx.clock.now(),
    timeZone,
  );
}

/** How many archived cases the export would hold: the page says so before anyone waits. */
export async function countArchiveTransfer({
  ctx,
  actor,
  query,
}: {
  ctx: AppContext;
  actor: Actor;
  query: TransferQuery;
}): Promise<number> {
  return (await listTransfer(ctx, actor, query, 1)).total;
}

/** Which archived cases the export will hold, in order of registration; refuses too many. */
export async function planArchiveTransfer({
  ctx,
  actor,
  query,
  limit = MAX_TRANSFER_CASES,
}: {
  ctx: AppContext;
  actor: Actor;
  query: TransferQuery;
  limit?: number;
}): Promise<TransferPlan> {
  const page = await listTransfer(ctx, actor, query, limit);
  if (page.total > limit) {
    throw new AppError(
      'CONFLICT',
      `该期间共有 ${page.total} 件归档办件，超过单次导出上限 ${limit} 件，请缩短期间或按承办单位分批导出`,
    );
  }
  return { query, limit, ids: page.items.map((c) => c.id).sort((x, y) => x - y) };
}

export function periodText(query: TransferQuery, unitName?: string | null): string {
  const parts = [`${query.from} 至 ${query.to}`];
  if (query.unitId !== undefined) parts.push(`承办单位 ${unitName ?? `#${query.unitId}`}`);
  if (query.q?.trim()) parts.push(`关键词“${query.q.trim()}”`);
  return parts.join('，');
}

const INDEX_COLUMNS: LedgerColumn[] = [
  { header: '序号', width: 6, key: 'no' },
  { header: '抄告单号', width: 12, key: 'slipNo' },
  { header: '标题', width: 36, key: 'title' },
  { header: '来源', width: 14, key: 'source' },
  { header: '受理时间', width: 17, key: 'registeredAt' },
  { header: '承办单位', width: 22, key: 'units' },
  { header: '办结时间', width: 17, key: 'closedAt' },
  { header: '按期情况', width: 20, key: 'onTime' },
  { header: '文件夹', width: 16, key: 'folder' },
];

interface IndexRow {
  slipNo: string;
  title: string;
  source: string;
  registeredAt: string;
  units: string;
  closedAt: string;
  onTime: string;
  folder: string;
}

/** 按期情况 of the public reply, and which units were late with their part. */
function onTimeText(record: CaseRecord): string {
  const reply = record.deadlines.find((d) => d.kind === 'reply');
  const text =
    reply?.status === 'on-time'
      ? '按期'
      : reply?.status === 'late'
        ? '超期'
        : reply?.status === 'pending'
          ? '未完成'
          : '不适用（未予公开答复）';
  const late = record.deadlines
    .filter((d) => d.kind === 'handling' && d.status === 'late')
    .map((d) => d.unitName ?? '');
  return late.length > 0 ? `${text}；${late.join('、')}办理超期` : text;
}

/** A folder name that is only a name, whatever a slip number imported from a ledger holds. */
function folderOf(record: CaseRecord, taken: Set<string>): string {
  const slip = record.detail.slipNo?.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^\.+/, '');
  let name = slip || `case-${record.detail.id}`;
  if (taken.has(name)) name = `${name}-case-${record.detail.id}`;
  taken.add(name);
  return name;
}

function indexRow(record: CaseRecord, folder: string, timeZone: string): IndexRow {
  const at = (d: Date | null) => (d ? formatDateTimeIn(d, timeZone) : '');
  const units = record.units.map((u) => u.name).join('、');
  return {
    slipNo: record.detail.slipNo ?? '',
    title: record.maskedTitle ?? record.maskedBody.slice(0, 40),
    source: record.detail.post.source,
    registeredAt: at(record.registeredAt),
    units,
    closedAt: at(record.closedAt ?? record.publishedAt),
    onTime: onTimeText(record),
    folder,
  };
}

async function buildIndexXlsx(
  rows: IndexRow[],
  meta: { orgName: string | null; scope: string; generatedAt: string; by: string },
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = addLedgerSheet(wb, '案卷目录', INDEX_COLUMNS, { headerRow: 4 });
  ledgerLine(ws, 1, `${meta.orgName ?? ''}网络舆情办件案卷目录`, 'title');
  ledgerLine(
    ws,
    2,
    `受理期间：${meta.scope}，共 ${rows.length} 件，导出：${meta.by}，${meta.generatedAt}`,
    'info',
  );
  ledgerLine(
    ws,
    3,
    '每件一个文件夹，内含卷宗（file.docx）、抄告单（slip.docx）、case.json、附件和该件的 checksums.sha256；顶层 checksums.sha256 覆盖全部文件。联系方式已脱敏。',
    'basis',
  );
  ledgerHeader(ws, 4, INDEX_COLUMNS);
  rows.forEach((r, i) => {
    const row = ws.addRow({ no: i + 1, ...r });
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = LEDGER_FONT;
      cell.border = LEDGER_BORDER;
      cell.alignment = {
        vertical: 'middle',
        wrapText: col === 3 || col === 6 || col === 8,
        horizontal: col === 3 || col === 6 ? 'left' : 'center',
      };
    });
  });
  if (rows.length === 0) {
    const row = ws.addRow(['该期间没有归档办件']);
    ws.mergeCells(row.number, 1, row.number, INDEX_COLUMNS.length);
    row.getCell(1).alignment = { horizontal: 'center' };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * Streams the export. The response starts at once; each case is loaded, its bundle built and
 * zipped before the next is read, waiting whenever the client reads slower than we write, so a
 * long export neither holds the whole zip in memory nor keeps the event loop for long.
 */
export async function streamArchiveTransfer({
  ctx,
  actor,
  plan,
}: {
  ctx: AppContext;
  actor: Actor;
  plan: TransferPlan;
}): Promise<Readable> {
  const generatedAt = ctx.clock.now();
  const timeZone = ctx.config.deadlines.timeZone;
  const unit =
    plan.query.unitId === undefined
      ? undefined
      : await ctx.db
          .selectFrom('units')
          .select('name')
          .where('id', '=', plan.query.unitId)
          .executeTakeFirst();
  const scope = periodText(plan.query, unit?.name);
  // Who took which cases away: recorded before the first byte leaves.
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx.clock, actor, {
      action: 'case.transfer-export',
      entityType: 'case',
      summary: `批量导出卷宗 ${plan.ids.length} 件（受理期间 ${scope}）`,
      after: { cases: plan.ids.length, ids: plan.ids, query: plan.query },
    }),
  );

  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) out.destroy(err);
    else {
      out.write(chunk);
      if (final) out.end();
    }
  });
  const checksums: string[] = [];
  const add = (name: string, data: Uint8Array, level: 0 | 6) => {
    const file = level === 0 ? new ZipPassThrough(name) : new ZipDeflate(name, { level });
    Object.assign(file, UNIX_ENTRY.file, { mtime: generatedAt });
    zip.add(file);
    file.push(data, true);
    checksums.push(`${createHash('sha256').update(data).digest('hex')}  ${name}\n`);
  };
  const addDir = (name: string) => {
    const dir = new ZipPassThrough(`${name}/`);
    Object.assign(dir, UNIX_ENTRY.dir, { mtime: generatedAt });
    zip.add(dir);
    dir.push(new Uint8Array(), true);
  };

  const run = async () => {
    const rows: IndexRow[] = [];
    const taken = new Set<string>();
    let orgName: string | null = null;
    for (const id of plan.ids) {
      if (out.destroyed) return;
      const record = await loadCaseRecord(ctx, actor, id);
      orgName = record.orgName;
      const attachments = await ctx.db
        .selectFrom('case_attachments')
        .select(['id', 'filename', 'sha256', 'data'])
        .where('case_id', '=', id)
        .orderBy('id')
        .execute();
      const entries: BundleEntry[] = await caseBundleEntries(
        record,
        { generatedAt, generatedBy: actor.name, version: ctx.version },
        attachments,
      );
      const folder = folderOf(record, taken);
      addDir(folder);
      addDir(`${folder}/attachments`);
      for (const e of entries) add(`${folder}/${e.name}`, e.data, e.level);
      rows.push(indexRow(record, folder, timeZone));
      // A client that went away closes the stream: stop waiting for it to read.
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    }
    add(
      '案卷目录.xlsx',
      await buildIndexXlsx(rows, {
        orgName,
        scope,
        generatedAt: formatDateTimeIn(generatedAt, timeZone),
        by: actor.name,
      }),
      0,
    );
    add('checksums.sha256', strToU8(checksums.sort(byName).join('')), 6);
    zip.end();
  };
  run().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

const byName = (x: string, y: string) => {
  const a = x.slice(66);
  const b = y.slice(66);
  return a < b ? -1 : a > b ? 1 : 0;
};
