import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { AppError } from '../../server/errors.js';
import { assertXlsxUnpacks } from '../../lib/zip-size.js';

export const MAX_IMPORT_ROWS = 20_000;

/** A cell as read: text, a number, or a date and time (from a date-formatted Excel cell). */
export type Cell = string | number | { wallClock: string } | null;

export interface Table {
  format: 'xlsx' | 'csv';
  /** The csv's encoding as detected; null for .xlsx. */
  encoding: 'utf-8' | 'gbk' | null;
  columns: string[];
  /** Data rows, each with its row number in the file (the header is row 1). */
  rows: { row: number; cells: Cell[] }[];
}

function formatOf(filename: string, file: Buffer): 'xlsx' | 'csv' {
  const name = filename.toLowerCase();
  const zip = file.length >= 4 && file.readUInt32LE(0) === 0x04034b50;
  if (name.endsWith('.xlsx')) {
    if (!zip)
      throw new AppError('IMPORT_INVALID', '文件不是有效的 .xlsx 文件，请用 Excel 另存为 .xlsx');
    return 'xlsx';
  }
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.xls') || name.endsWith('.et') || name.endsWith('.wps')) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      '不支持旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入',
    );
  }
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能导入 .xlsx 或 .csv 文件');
}

/** UTF-8 (with or without BOM) when it decodes cleanly, else GBK as Excel in China saves it. */
export function decodeCsv(file: Buffer): { text: string; encoding: 'utf-8' | 'gbk' } {
  const bom = file.length >= 3 && file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf;
  const bytes = bom ? file.subarray(3) : file;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // GB18030 is a superset of GBK and GB2312.
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gbk' };
  }
}

function readCsv(file: Buffer): Omit<Table, 'format'> {
  const { text, encoding } = decodeCsv(file);
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to_line: MAX_IMPORT_ROWS + 2,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new AppError(
      'IMPORT_INVALID',
      `无法读取 CSV 文件${line ? `（第 ${line} 行附近）` : ''}，请检查引号和分隔符`,
    );
  }
  const [header = [], ...data] = records;
  return {
    encoding,
    columns: header.map((h) => h.trim()),
    rows: data
      .map((cells, i) => ({ row: i + 2, cells: cells.map((c): Cell => c.trim() || null) }))
      .filter((r) => r.cells.some((c) => c !== null)),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellOf(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  // Excel dates have no zone: exceljs hands the wall clock as if it were UTC.
  if (v instanceof Date) {
    return {
      wallClock: `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`,
    };
  }
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'boolean') return String(v);
  if ('richText' in v)
    return (
      v.richText
        .map((t) => t.text)
        .join('')
        .trim() || null
    );
  if ('hyperlink' in v && typeof v.hyperlink === 'string') {
    const text = typeof v.text === 'string' ? v.text.trim() : '';
    return text || v.hyperlink;
  }
  if ('text' in v) return typeof v.text === 'string' ? v.text.trim() || null : cellOf(v.text);
  if ('result' in v) return cellOf(v.result);
  if ('error' in v) return null;
  return null;
}

async function readXlsx(file: Buffer): Promise<Omit<Table, 'format'>> {
  assertXlsxUnpacks(file, '无法读取 .xlsx 文件，请确认文件未损坏、未加密');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_INVALID', '无法读取 .xlsx 文件，请确认文件未损坏、未加密');
  }
  const sheet = wb.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return { encoding: null, columns: [], rows: [] };
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) tooMany();
  let columns: string[] = [];
  const rows: Table['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    // row.values is 1-based: index 0 is empty.
    const cells = values.slice(1).map(cellOf);
    if (columns.length === 0) {
      columns = cells.map((c) =>
        c === null ? '' : typeof c === 'object' ? c.wallClock : String(c),
      );
      return;
    }
    if (cells.some((c) => c !== null)) rows.push({ row: n, cells });
  });
  return { encoding: null, columns, rows };
}

function tooMany(): never {
  throw new AppError(
    'IMPORT_INVALID',
    `文件超过 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行，请拆分成多个文件分批导入`,
  );
}

/** Reads the first sheet of an .xlsx or a .csv: a header row, then the data rows. */
export async function readTable(filename: string, file: Buffer): Promise<Table> {
  if (file.length === 0) throw new AppError('IMPORT_INVALID', '文件是空的');
  const format = formatOf(filename, file);
  const table = format === 'xlsx' ? await readXlsx(file) : readCsv(file);
  if (table.columns.every((c) => c === '')) {
    throw new AppError('IMPORT_INVALID', '文件是空的：第一行应是列名（如 标题、内容、时间）');
  }
  if (table.rows.length === 0) {
    throw new AppError('IMPORT_INVALID', '文件只有列名，没有数据行');
  }
  if (table.rows.length > MAX_IMPORT_ROWS) tooMany();
  // Unnamed columns still get a name to map by.
  const columns = table.columns.map((c, i) => c || `第 ${i + 1} 列`);
  const width = Math.max(columns.length, ...table.rows.map((r) => r.cells.length));
  for (let i = columns.length; i < width; i++) columns.push(`第 ${i + 1} 列`);
  return { ...table, format, columns };
}

/** A cell as text for a sample or a title; dates as their wall clock. */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'object') return c.wallClock;
  return String(c);
}
