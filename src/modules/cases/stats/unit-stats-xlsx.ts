import ExcelJS from 'exceljs';
import {
  addLedgerSheet,
  LEDGER_BORDER as BORDER,
  LEDGER_FONT as FONT,
  ledgerHeader,
  ledgerLine,
  type LedgerColumn,
} from '../../../lib/xlsx-ledger.js';
import { formatDateTime } from '../../../lib/format.js';
import { UNIT_TYPE_LABELS } from '../../org/org.schemas.js';
import { deadlineStatus, isOverdueNow, type UnitDeadline } from './unit-deadlines.js';
import type { UnitStats } from './unit-stats.js';

export const STATS_SHEET = '单位办理台账';
export const SLIPS_SHEET = '抄告单明细';

/** One row per unit and slip: the figures of the first sheet, one by one, for checking them. */
const SLIP_COLUMNS: LedgerColumn[] = [
  { header: '序号', width: 6, key: 'no' },
  { header: '单位', width: 18, key: 'unit' },
  { header: '职责', width: 7, key: 'role' },
  { header: '抄告单号', width: 16, key: 'slipNo' },
  { header: '办件标题', width: 40, key: 'title' },
  { header: '签发时间', width: 17, key: 'assignedAt' },
  { header: '办理期限', width: 17, key: 'dueAt' },
  { header: '回复（协办意见）时间', width: 17, key: 'doneAt' },
  { header: '办理情况', width: 11, key: 'status' },
  { header: '当前超期未办', width: 10, key: 'overdueNow' },
  { header: '办理时长（小时）', width: 11, key: 'hours' },
  { header: '被退回修改', width: 9, key: 'returned' },
  { header: '延期申请', width: 9, key: 'extension' },
];

const STATUS_TEXT = { 'on-time': '按期', late: '超期', pending: '在办未到期' } as const;
const EXTENSION_TEXT = { requested: '待审批', granted: '已批准', refused: '未批准' } as const;
const HOUR = 3_600_000;

const COLUMNS: LedgerColumn[] = [
  { header: '序号', width: 6, key: 'no' },
  { header: '单位', width: 22, key: 'unit' },
  { header: '类型', width: 12, key: 'type' },
  { header: '收件数', width: 9, key: 'received' },
  { header: '按期回复', width: 10, key: 'onTime' },
  { header: '超期', width: 8, key: 'late' },
  { header: '在办未到期', width: 11, key: 'pending' },
  { header: '延期（获批）', width: 12, key: 'extended' },
  { header: '当前超期未办', width: 13, key: 'overdueNow' },
  { header: '平均办理时长（小时）', width: 14, key: 'averageHours' },
  { header: '按期率（%）', width: 11, key: 'onTimeRate' },
];

/**
 * The per-unit ledger (台账) as the office files it: a title row, the period and the basis, a
 * styled header, one row per unit, a totals row; A4 landscape, header repeated on every page.
 */
export async function buildUnitStatsXlsx(
  stats: UnitStats,
  slips: readonly UnitDeadline[],
  opts: { orgName: string | null; now: Date },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yuqing 舆情';
  wb.created = new Date(stats.generatedAt);
  const ws = addLedgerSheet(wb, STATS_SHEET, COLUMNS, { headerRow: 4, frozenColumns: 2 });
  const last = COLUMNS.length;
  ledgerLine(ws, 1, `${opts.orgName ?? ''}网络舆情办理单位台账`, 'title');
  ledgerLine(
    ws,
    2,
    [
      `统计期间：${stats.from} 至 ${stats.to}（按抄告单签发时间）`,
      `生成时间：${formatDateTime(new Date(stats.generatedAt))}`,
    ].join('\u3000\u3000'),
    'info',
  );
  ledgerLine(
    ws,
    3,
    '口径：期限为抄告单的办理期限（书面回复期限；获批延期的以延期后的为准）；牵头单位以审定通过或待审定的书面回复为准，被退回修改的不算，以重新提交的时间计；协办单位以本单位提交协办意见为准；按期 + 超期 + 在办未到期 = 收件数；当前超期未办为超期中至今未完成、办件仍待其办理者；平均办理时长自签发至上述提交。',
    'basis',
  );
  ledgerHeader(ws, 4, COLUMNS);

  stats.units.forEach((u, i) => {
    ws.addRow({
      no: i + 1,
      unit: u.unitName,
      type: UNIT_TYPE_LABELS[u.unitType as keyof typeof UNIT_TYPE_LABELS] ?? u.unitType,
      received: u.received,
      onTime: u.onTime,
      late: u.late,
      pending: u.pending,
      extended: u.extended,
      overdueNow: u.overdueNow,
      averageHours: u.averageHours,
      onTimeRate: u.onTimeRate,
    });
  });
  const t = stats.totals;
  const totals = ws.addRow({
    no: '',
    unit: '合计',
    type: '',
    received: t.received,
    onTime: t.onTime,
    late: t.late,
    pending: t.pending,
    extended: t.extended,
    overdueNow: t.overdueNow,
    averageHours: t.averageHours,
    onTimeRate: t.onTimeRate,
  });
  for (let r = 5; r <= totals.number; r++) {
    const line = ws.getRow(r);
    line.height = 20;
    for (let col = 1; col <= last; col++) {
      const c = line.getCell(col);
      c.border = BORDER;
      c.font = { ...FONT, bold: r === totals.number };
      c.alignment = { vertical: 'middle', horizontal: col === 2 ? 'left' : 'center' };
      if (col >= last - 1) c.numFmt = '0.0';
      else if (col >= 4) c.numFmt = '#,##0';
      if (r === totals.number) {
        c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      }
    }
  }
  // Units with something overdue now stand out, as deadlines do everywhere (DESIGN §9).
  stats.units.forEach((u, i) => {
    if (u.overdueNow > 0)
      ws.getCell(5 + i, 9).font = { ...FONT, bold: true, color: { argb: 'FFC00000' } };
  });
  addSlipsSheet(wb, stats, slips, opts);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 抄告单明细: every unit's part on every slip counted above, in the first sheet's unit order. */
function addSlipsSheet(
  wb: ExcelJS.Workbook,
  stats: UnitStats,
  slips: readonly UnitDeadline[],
  opts: { orgName: string | null; now: Date },
): void {
  const ws = addLedgerSheet(wb, SLIPS_SHEET, SLIP_COLUMNS, { headerRow: 3, frozenColumns: 2 });
  const last = SLIP_COLUMNS.length;
  ledgerLine(ws, 1, `${opts.orgName ?? ''}网络舆情办理抄告单明细`, 'title');
  ledgerLine(
    ws,
    2,
    `统计期间：${stats.from} 至 ${stats.to}（按抄告单签发时间）\u3000\u3000共 ${slips.length} 条，与「${STATS_SHEET}」收件数合计一致`,
    'info',
  );
  ledgerHeader(ws, 3, SLIP_COLUMNS);
  const order = new Map(stats.units.map((u, i) => [u.unitId, i]));
  const sorted = [...slips].sort(
    (a, b) =>
      (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0) ||
      a.assignedAt.getTime() - b.assignedAt.getTime() ||
      a.caseId - b.caseId,
  );
  sorted.forEach((d, i) => {
    const status = deadlineStatus(d, opts.now);
    const row = ws.addRow({
      no: i + 1,
      unit: d.unitName,
      role: d.role === 'lead' ? '牵头' : '协办',
      slipNo: d.slipNo ?? '',
      title: d.title,
      assignedAt: formatDateTime(d.assignedAt),
      dueAt: formatDateTime(d.dueAt),
      doneAt: d.doneAt ? formatDateTime(d.doneAt) : '未提交',
      status: STATUS_TEXT[status],
      overdueNow: isOverdueNow(d, opts.now) ? '是' : '',
      hours: d.doneAt
        ? Math.round(((d.doneAt.getTime() - d.assignedAt.getTime()) / HOUR) * 10) / 10
        : null,
      returned: d.role === 'lead' ? d.returnedReplies : '',
      extension: d.role === 'lead' && d.extensionState ? EXTENSION_TEXT[d.extensionState] : '',
    });
    row.height = 20;
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.border = BORDER;
      c.font = { ...FONT, size: 10 };
      c.alignment = {
        vertical: 'middle',
        horizontal: col === 2 || col === 5 ? 'left' : 'center',
        wrapText: col === 5,
      };
      if (col === 11) c.numFmt = '0.0';
    });
    if (status === 'late') {
      row.getCell(9).font = { ...FONT, size: 10, bold: true, color: { argb: 'FFC00000' } };
    }
  });
  if (sorted.length === 0) {
    ws.mergeCells(4, 1, 4, last);
    const none = ws.getCell(4, 1);
    none.value = '本期间没有签发抄告单';
    none.alignment = { horizontal: 'center' };
    none.font = { ...FONT, color: { argb: 'FF595959' } };
  }
}
