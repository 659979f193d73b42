import ExcelJS from 'exceljs';
import { formatDateTime } from '../../../lib/format.js';
import { UNIT_TYPE_LABELS } from '../../org/org.schemas.js';
import type { UnitStats } from './unit-stats.js';

export const STATS_SHEET = '单位办理台账';

const COLUMNS: { header: string; width: number; key: string }[] = [
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

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN };
const FONT = { name: '宋体', size: 11 };

/**
 * The per-unit ledger (台账) as the office files it: a title row, the period and the basis, a
 * styled header, one row per unit, a totals row; A4 landscape, header repeated on every page.
 */
export async function buildUnitStatsXlsx(
  stats: UnitStats,
  opts: { orgName: string | null },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yuqing 舆情';
  wb.created = new Date(stats.generatedAt);
  const ws = wb.addWorksheet(STATS_SHEET, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '4:4',
    },
    views: [{ state: 'frozen', ySplit: 4, xSplit: 2 }],
  });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const last = COLUMNS.length;

  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = `${opts.orgName ?? ''}网络舆情办理单位台账`;
  title.font = { name: '黑体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;

  ws.mergeCells(2, 1, 2, last);
  const period = ws.getCell(2, 1);
  period.value = [
    `统计期间：${stats.from} 至 ${stats.to}（按抄告单签发时间）`,
    `生成时间：${formatDateTime(new Date(stats.generatedAt))}`,
  ].join('\u3000\u3000');
  period.font = { ...FONT, size: 10 };
  period.alignment = { horizontal: 'center' };

  ws.mergeCells(3, 1, 3, last);
  const basis = ws.getCell(3, 1);
  basis.value =
    '口径：期限为抄告单办理时限与公开答复时限中较早者；牵头单位以审定通过或待审定的书面回复为准，被退回修改的不算，以重新提交的时间计；协办单位以本单位提交协办意见为准；按期 + 超期 + 在办未到期 = 收件数；当前超期未办为超期中至今未完成、办件仍待其办理者；平均办理时长自签发至上述提交。';
  basis.font = { ...FONT, size: 9, color: { argb: 'FF595959' } };
  basis.alignment = { horizontal: 'left', wrapText: true, vertical: 'middle' };
  ws.getRow(3).height = 30;

  const header = ws.getRow(4);
  header.values = COLUMNS.map((c) => c.header);
  header.height = 30;
  header.eachCell((c) => {
    c.font = { ...FONT, bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
  });

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
  return Buffer.from(await wb.xlsx.writeBuffer());
}
