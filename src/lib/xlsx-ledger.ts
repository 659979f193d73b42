import type ExcelJS from 'exceljs';

/**
 * The look of the office's ledgers (台账) as .xlsx: A4 landscape, one page wide, a title row in
 * 黑体, lines of notes under it, a shaded header that repeats on every printed page, thin borders
 * and 宋体 in the body. The unit ledger and the audit log export share it.
 */
export interface LedgerColumn {
  header: string;
  width: number;
  key: string;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
export const LEDGER_BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN };
export const LEDGER_FONT = { name: '宋体', size: 11 };

/**
 * A sheet whose header is row `headerRow` (the rows above it for the title and notes), frozen
 * below it and `frozenColumns` to the right.
 */
export function addLedgerSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly LedgerColumn[],
  { headerRow, frozenColumns = 0 }: { headerRow: number; frozenColumns?: number },
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
    views: [
      { state: 'frozen', ySplit: headerRow, ...(frozenColumns ? { xSplit: frozenColumns } : {}) },
    ],
  });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  return ws;
}

/**
 * A line across the whole sheet above the header: the title (黑体 16), an information line
 * (centred, 10) or the basis of the figures (left, 9, grey, wrapped).
 */
export function ledgerLine(
  ws: ExcelJS.Worksheet,
  row: number,
  value: string,
  kind: 'title' | 'info' | 'basis',
): void {
  const last = ws.columns.length;
  ws.mergeCells(row, 1, row, last);
  const cell = ws.getCell(row, 1);
  cell.value = value;
  if (kind === 'title') {
    cell.font = { name: '黑体', size: 16, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    ws.getRow(row).height = 32;
  } else if (kind === 'info') {
    cell.font = { ...LEDGER_FONT, size: 10 };
    cell.alignment = { horizontal: 'center', wrapText: true };
  } else {
    cell.font = { ...LEDGER_FONT, size: 9, color: { argb: 'FF595959' } };
    cell.alignment = { horizontal: 'left', wrapText: true, vertical: 'middle' };
    ws.getRow(row).height = 30;
  }
}

/** The shaded, bordered header row of the columns' names. */
export function ledgerHeader(
  ws: ExcelJS.Worksheet,
  row: number,
  columns: readonly LedgerColumn[],
  height = 30,
): void {
  const header = ws.getRow(row);
  header.values = columns.map((c) => c.header);
  header.height = height;
  header.eachCell((c) => {
    c.font = { ...LEDGER_FONT, bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = LEDGER_BORDER;
  });
}
