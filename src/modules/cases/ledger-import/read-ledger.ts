import { createHash } from 'node:crypto';
import { normalise } from '../../../ingest/normalise.js';
import { cellText, type Cell, type Table } from '../../sources/read-table.js';
import { parseTime } from '../../sources/parse-time.js';
import { LEDGER_COLUMNS, OUTCOMES, type LedgerKey } from './ledger-template.js';

/** One problem of one row: what the import page lists (第 5 行 · 承办单位 · 系统中没有…). */
export interface LedgerRowError {
  /** The spreadsheet's row number (the header is row 1); 0 for the file as a whole. */
  row: number;
  /** The column's name as in the template; '' when the problem is the row's. */
  column: string;
  message: string;
}

/** A row that passed every check, as the import writes it. */
export interface LedgerRow {
  row: number;
  key: string;
  receivedAt: Date;
  source: string;
  title: string | null;
  body: string;
  outcome: 'replied' | 'closed';
  unitId: number | null;
  unitName: string | null;
  /** 协办单位: units other than the lead, each once, in the ledger's order. */
  coUnitIds: number[];
  /** Their names, in the same order. */
  coUnitNames: string[];
  slip: { no: string; year: number; seq: number } | null;
  assignedAt: Date | null;
  replyText: string | null;
  repliedAt: Date | null;
}

const LIMITS = { source: 50, title: 200, body: 20_000, replyText: 20_000 } as const;
const SLIP = /^(\d{4})\s*-\s*(\d{1,6})$/;
/** Between co-unit names: 、，,;；/／ and spaces (an ideographic space too), as ledgers write them. */
const CO_UNIT_SEPARATORS = /[、，,;；/／\s]+/;

/** Header text without （必填）, spaces or a star: 受理时间（必填） → 受理时间. */
function headerName(text: string): string {
  return text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊]/g, '')
    .trim();
}

/** The column index of each ledger field, or the names of required columns that are missing. */
export function mapColumns(
  columns: readonly string[],
): { ok: true; index: Partial<Record<LedgerKey, number>> } | { ok: false; missing: string[] } {
  const names = columns.map(headerName);
  const index: Partial<Record<LedgerKey, number>> = {};
  for (const c of LEDGER_COLUMNS) {
    const i = names.findIndex(
      (n) => n === c.header || (c.aliases as readonly string[]).includes(n),
    );
    if (i >= 0) index[c.key] = i;
  }
  const missing = LEDGER_COLUMNS.filter((c) => c.required && index[c.key] === undefined).map(
    (c) => c.header,
  );
  return missing.length > 0 ? { ok: false, missing } : { ok: true, index };
}

/** The key by which a row is recognised when imported again: its date, title and text. */
export function rowKey(receivedAt: Date, title: string | null, body: string): string {
  return createHash('sha256')
    .update(`${receivedAt.toISOString()}\n${normalise(title ?? '')}\n${normalise(body)}`)
    .digest('hex');
}

export interface LedgerContext {
  timeZone: string;
  now: Date;
  /** Unit ids by exact name (all units, active or not: a past case may name a merged unit). */
  unitIdByName: ReadonlyMap<string, number>;
}

/**
 * Checks every row and reads the good ones. Every problem is reported (not only the first of a
 * row), each with its row and column, so that one round of corrections in Excel is enough.
 */
export function readLedger(
  table: Table,
  ctx: LedgerContext,
): { rows: LedgerRow[]; errors: LedgerRowError[]; count: number } {
  const mapped = mapColumns(table.columns);
  if (!mapped.ok) {
    return {
      rows: [],
      count: 0,
      errors: [
        {
          row: 1,
          column: mapped.missing.join('、'),
          message: `表头缺少必填列：${mapped.missing.join('、')}（请使用导入模板）`,
        },
      ],
    };
  }
  const { index } = mapped;
  const rows: LedgerRow[] = [];
  const errors: LedgerRowError[] = [];
  const seenKeys = new Map<string, number>();
  const seenSlips = new Map<string, number>();
  let count = 0;
  for (const { row, cells } of table.rows) {
    const cell = (key: LedgerKey): Cell => {
      const i = index[key];
      return i === undefined ? null : (cells[i] ?? null);
    };
    const text = (key: LedgerKey) => cellText(cell(key) ?? undefined).trim();
    if (
      cells.some((c) =>
        cellText(c ?? undefined)
          .trim()
          .startsWith('示例'),
      )
    )
      continue;
    count += 1;
    const rowErrors: LedgerRowError[] = [];
    const fail = (key: LedgerKey | '', message: string) => {
      const column = LEDGER_COLUMNS.find((c) => c.key === key)?.header ?? '';
      rowErrors.push({ row, column, message });
    };
    const time = (key: LedgerKey, required: boolean): Date | null => {
      const raw = cell(key);
      if (raw === null || text(key) === '') {
        if (required) fail(key, '必填');
        return null;
      }
      const at = parseTime(raw, ctx.timeZone);
      if (!at) {
        fail(key, `无法识别的时间“${text(key)}”，请写作 2025-03-08 14:30`);
        return null;
      }
      if (at.getTime() > ctx.now.getTime()) {
        fail(key, '不能晚于当前时间');
        return null;
      }
      return at;
    };
    const limited = (key: keyof typeof LIMITS, required: boolean): string | null => {
      const value = text(key);
      if (!value) {
        if (required) fail(key, '必填');
        return null;
      }
      if (value.length > LIMITS[key]) fail(key, `不能超过 ${LIMITS[key]} 个字`);
      return value;
    };

    const receivedAt = time('receivedAt', true);
    const source = limited('source', true);
    const title = limited('title', false);
    const body = limited('body', true);
    const outcomeText = text('outcome');
    const outcome = (OUTCOMES.replied as readonly string[]).includes(outcomeText)
      ? 'replied'
      : (OUTCOMES.closed as readonly string[]).includes(outcomeText)
        ? 'closed'
        : null;
    if (!outcomeText) fail('outcome', '必填');
    else if (!outcome) {
      fail(
        'outcome',
        `“${outcomeText}”无效，应为 ${OUTCOMES.replied[0]} 或 ${OUTCOMES.closed[0]}；未办结的留言请在系统中受理办理`,
      );
    }
    const replied = outcome === 'replied';

    const unitName = text('unit');
    let unitId: number | null = null;
    if (unitName) {
      unitId = ctx.unitIdByName.get(unitName) ?? null;
      if (unitId === null) {
        fail(
          'unit',
          `系统中没有名为“${unitName}”的单位，请先在单位管理中添加，或改为系统中的单位名称`,
        );
      }
    } else if (replied) fail('unit', '已办结的办件须填写承办单位');

    const coUnitIds: number[] = [];
    const coUnitNames: string[] = [];
    const coNames = [...new Set(text('coUnits').split(CO_UNIT_SEPARATORS).filter(Boolean))];
    if (coNames.length > 0 && !unitName) {
      fail('coUnits', '填写了协办单位，须同时填写承办单位（牵头单位）');
    }
    for (const name of coNames) {
      const id = ctx.unitIdByName.get(name);
      if (id === undefined) {
        fail(
          'coUnits',
          `系统中没有名为“${name}”的单位，请先在单位管理中添加，或改为系统中的单位名称`,
        );
      } else if (id === unitId) {
        fail('coUnits', `“${name}”已是承办单位（牵头单位），不能同时列为协办单位`);
      } else if (!coUnitIds.includes(id)) {
        coUnitIds.push(id);
        coUnitNames.push(name);
      }
    }

    const assignedAt = time('assignedAt', false);
    const replyText = limited('replyText', replied);
    const repliedAt = time('repliedAt', replied);
    if (receivedAt && repliedAt && repliedAt < receivedAt) fail('repliedAt', '不能早于受理时间');
    if (receivedAt && assignedAt && assignedAt < receivedAt) fail('assignedAt', '不能早于受理时间');
    if (assignedAt && repliedAt && repliedAt < assignedAt) fail('repliedAt', '不能早于交办时间');
    if (assignedAt && !unitName) fail('unit', '填写了交办时间，须同时填写承办单位');

    let slip: LedgerRow['slip'] = null;
    const slipText = text('slipNo');
    if (slipText) {
      const m = SLIP.exec(slipText);
      if (!m) fail('slipNo', `“${slipText}”格式不对，应写作 2025-0042（年份-序号）`);
      else {
        const year = Number(m[1]);
        const seq = Number(m[2]);
        if (seq < 1) fail('slipNo', '序号应从 1 开始');
        const no = `${year}-${String(seq).padStart(4, '0')}`;
        const earlier = seenSlips.get(no);
        if (earlier !== undefined) fail('slipNo', `与第 ${earlier} 行的抄告单号 ${no} 重复`);
        else seenSlips.set(no, row);
        slip = { no, year, seq };
      }
    }

    let key = '';
    if (receivedAt && body) {
      key = rowKey(receivedAt, title, body);
      const earlier = seenKeys.get(key);
      if (earlier !== undefined) fail('', `与第 ${earlier} 行重复（受理时间、标题、留言内容相同）`);
      else seenKeys.set(key, row);
    }

    if (rowErrors.length > 0 || !receivedAt || !source || !body || !outcome) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      row,
      key,
      receivedAt,
      source,
      title,
      body,
      outcome,
      unitId,
      unitName: unitName || null,
      coUnitIds,
      coUnitNames,
      slip,
      assignedAt,
      replyText,
      repliedAt,
    });
  }
  return { rows, errors, count };
}
