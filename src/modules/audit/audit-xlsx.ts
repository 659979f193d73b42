import ExcelJS from 'exceljs';
import { formatDateTime } from '../../lib/format.js';
import {
  addLedgerSheet,
  LEDGER_BORDER as BORDER,
  LEDGER_FONT as FONT,
  ledgerHeader,
  ledgerLine,
  type LedgerColumn,
} from '../../lib/xlsx-ledger.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { loadOrgName } from '../cases/documents/case-record.js';
import { auditActionName } from './action-names.js';
import {
  assertAuditSearchAllowed,
  auditMasker,
  countAudit,
  filterAudit,
  type AuditFilters,
} from './audit-query.js';
import { recordAudit } from './record-audit.js';

/**
 * One export holds at most this many rows: a township's year of acts fits well within it, and
 * a workbook much larger takes the server's memory and the reader's patience. The web page
 * (web/src/features/audit/audit.api.ts) says so before offering the download.
 */
export const AUDIT_EXPORT_MAX = 50_000;

export const AUDIT_SHEET = '审计日志';

const COLUMNS: LedgerColumn[] = [
  { header: '序号', width: 7, key: 'no' },
  { header: '记录号', width: 9, key: 'id' },
  { header: '时间', width: 17, key: 'at' },
  { header: '操作人', width: 18, key: 'actor' },
  { header: '操作', width: 22, key: 'action' },
  { header: '对象', width: 14, key: 'entity' },
  { header: '摘要', width: 60, key: 'summary' },
  { header: 'IP', width: 15, key: 'ip' },
  { header: '修改前', width: 36, key: 'before' },
  { header: '修改后', width: 36, key: 'after' },
];

/** The action's Chinese name with its code, as the audit page's filter sends it. */
function actionText(action: string): string {
  const label = auditActionName(action);
  return label ? `${label}（${action}）` : action;
}

const ENTITY_TEXT: Record<string, string> = { case: '办件', audit: '审计日志' };

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** The filters in words, for the sheet's second row: what an inspector asked for. */
function filtersText(f: AuditFilters): string {
  const parts = [
    f.from || f.to
      ? `时间 ${f.from ? formatDateTime(new Date(f.from)) : '不限'} 至 ${f.to ? formatDateTime(new Date(f.to)) : '不限'}`
      : '时间不限',
  ];
  if (f.actor?.trim()) parts.push(`操作人含“${f.actor.trim()}”`);
  if (f.actorId !== undefined) parts.push(`操作人编号 ${f.actorId}`);
  if (f.action) parts.push(`操作 ${f.action}`);
  if (f.entityType || f.entityId)
    parts.push(
      `对象 ${[f.entityType && (ENTITY_TEXT[f.entityType] ?? f.entityType), f.entityId && `#${f.entityId}`].filter(Boolean).join(' ')}`,
    );
  if (f.q?.trim()) parts.push(`摘要含“${f.q.trim()}”`);
  return `筛选条件：${parts.join('；')}`;
}

/**
 * The filtered audit log as a ledger (台账) an inspector takes away: the page's filters, oldest
 * first, contacts masked whoever exports (DESIGN §7), at most `max` rows, else a 400 that says
 * how many matched. The export is itself recorded in the audit log.
 */
export async function exportAuditXlsx({
  ctx,
  actor,
  filters,
  max = AUDIT_EXPORT_MAX,
}: {
  ctx: AppContext;
  actor: Actor;
  filters: AuditFilters;
  max?: number;
}): Promise<{ data: Buffer; rows: number }> {
  // The export is masked for everyone, so a search by a contact is refused for everyone too.
  assertAuditSearchAllowed(null, filters);
  const total = await countAudit(ctx.db, filters);
  if (total > max) {
    throw new AppError(
      'VALIDATION_FAILED',
      `符合条件的审计记录共 ${total.toLocaleString('en-US')} 条，超过单次导出上限 ${max.toLocaleString('en-US')} 条。请缩小时间范围或增加筛选条件后分批导出。`,
      { total, max },
    );
  }
  const rows = await filterAudit(ctx.db.selectFrom('audit_log').selectAll(), filters)
    .orderBy('id', 'asc')
    .execute();
  const now = ctx.clock.now();
  const mask = auditMasker(null);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'yuqing 舆情';
  wb.created = now;
  const ws = addLedgerSheet(wb, AUDIT_SHEET, COLUMNS, { headerRow: 4 });
  const last = COLUMNS.length;
  ledgerLine(ws, 1, `${(await loadOrgName(ctx.db)) ?? ''}网络舆情系统审计日志`, 'title');
  ledgerLine(
    ws,
    2,
    [
      filtersText(filters),
      `共 ${rows.length.toLocaleString('en-US')} 条`,
      `导出时间：${formatDateTime(now)}`,
      `导出人：${actor.name}`,
    ].join('\u3000\u3000'),
    'info',
  );
  ledgerLine(
    ws,
    3,
    '说明：按记录先后排列；记录号即审计日志的编号，可在系统中校验完整性（哈希链）；网民联系方式（手机号、身份证号、邮箱等）已脱敏；修改前 / 修改后为记录的原始数据（JSON）。',
    'basis',
  );
  ledgerHeader(ws, 4, COLUMNS, 24);

  rows.forEach((r, i) => {
    const added = ws.addRow({
      no: i + 1,
      id: r.id,
      at: formatDateTime(r.at),
      actor: r.actor_name ?? '系统',
      action: actionText(r.action),
      entity: `${ENTITY_TEXT[r.entity_type] ?? r.entity_type}${r.entity_id ? ` #${r.entity_id}` : ''}`,
      summary: mask.text(r.summary),
      ip: r.ip ?? '',
      before: json(mask.json(r.before)),
      after: json(mask.json(r.after)),
    });
    added.eachCell({ includeEmpty: true }, (c, col) => {
      c.font = FONT;
      c.border = BORDER;
      c.alignment = {
        vertical: 'top',
        wrapText: col >= 7,
        horizontal: col <= 2 ? 'center' : 'left',
      };
    });
  });
  if (rows.length === 0) {
    const row = ws.addRow(['没有符合条件的审计记录']);
    ws.mergeCells(row.number, 1, row.number, last);
    row.getCell(1).alignment = { horizontal: 'center' };
    row.getCell(1).font = FONT;
  }
  ws.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: last } };

  const data = Buffer.from(await wb.xlsx.writeBuffer());
  // Who took the log away, and which part of it: the chain lock wants a transaction.
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx.clock, actor, {
      action: 'audit.export',
      entityType: 'audit',
      summary: `导出审计日志 ${rows.length} 条（${filtersText(filters)}）`,
      after: { rows: rows.length, filters },
    }),
  );
  return { data, rows: rows.length };
}
