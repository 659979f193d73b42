import ExcelJS from 'exceljs';
import { formatDateTime } from '../../../lib/format.js';
import { periodName, reportTitle } from '../report-period.js';
import type { ReportFigures } from '../report.schemas.js';
import { previousName } from './report-text.js';

/** The ledger's sheets, in order. */
export const SHEETS = {
  overview: '概况',
  posts: '信息',
  cases: '办件',
  units: '单位排名',
} as const;

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN };
const FONT = { name: '宋体', size: 11 };
const HEADER_FILL = {
  type: 'pattern' as const,
  pattern: 'solid' as const,
  fgColor: { argb: 'FFD9E1F2' },
};

type Cell = string | number | null;

/** A column (by its header) or a row (by its first cell) of rates, shares or hours. */
const decimal = (name: Cell | undefined) =>
  typeof name === 'string' && /（(?:%|小时)）$/.test(name);

/** A sheet with a title row, then blocks of bordered tables one under another. */
class Sheet {
  readonly ws: ExcelJS.Worksheet;
  constructor(wb: ExcelJS.Workbook, name: string, title: string, widths: number[]) {
    this.ws = wb.addWorksheet(name, {
      pageSetup: {
        paperSize: 9,
        orientation: 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    this.ws.columns = widths.map((width) => ({ width }));
    this.ws.mergeCells(1, 1, 1, widths.length);
    const c = this.ws.getCell(1, 1);
    c.value = title;
    c.font = { name: '黑体', size: 14, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    this.ws.getRow(1).height = 28;
  }

  /** A caption, a header row and the rows; an empty line after. */
  table(caption: string, header: string[], rows: Cell[][]): void {
    const ws = this.ws;
    const captionRow = ws.addRow([caption]);
    captionRow.getCell(1).font = { ...FONT, bold: true };
    const head = ws.addRow(header);
    head.eachCell((c) => {
      c.font = { ...FONT, bold: true };
      c.fill = HEADER_FILL;
      c.border = BORDER;
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    for (const values of rows.length > 0 ? rows : [['（无）']]) {
      const line = ws.addRow(values);
      for (let col = 1; col <= header.length; col++) {
        const c = line.getCell(col);
        c.font = FONT;
        c.border = BORDER;
        c.alignment = { vertical: 'middle', wrapText: true };
        // Rates, shares and hours with one decimal, as the Word file writes them (100.0, not 100).
        if (typeof c.value === 'number' && (decimal(header[col - 1]) || decimal(values[0]))) {
          c.numFmt = '0.0';
        }
      }
    }
    ws.addRow([]);
  }
}

const pct = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

/** 研判 of the daily report's posts, as of its making; none for other reports or older ones. */
function reviewRows(f: ReportFigures): Cell[][] {
  const r = f.review;
  if (!r) return [];
  return [
    ['其中已阅（条）', r.read, '截至生成时标为已阅、未登记办件'],
    ['其中不予处理（条）', r.dismissed, '截至生成时标为不予处理、未登记办件'],
    ['其中登记办件（条）', r.registered, '截至生成时已登记为办件'],
    ['其中待研判（条）', r.pending, '未标记、未登记办件'],
    ['待研判中含紧急信号（条）', r.urgentPending, '请优先研判'],
    ['此前采集仍待研判（条）', r.pendingEarlier, '时段开始前采集、截至生成时仍待研判'],
  ];
}

/** 环比: the period before, counted the same way; none for a daily report or an older one. */
function previousRows(f: ReportFigures): Cell[][] {
  const prev = f.previous;
  if (!prev) return [];
  const name = previousName(f);
  const note = `${prev.from} 至 ${prev.to}${prev.partial ? '，与本期已过的时间同样长' : ''}`;
  return [
    [`${name}相关信息（条）`, prev.posts, note],
    [`${name}受理办件（件）`, prev.registered, note],
  ];
}

/** 台账: the report's figures as tables the office can sort, sum and file. */
export async function buildReportXlsx(f: ReportFigures, seq: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yuqing 舆情';
  wb.created = new Date(f.generatedAt);
  const title = reportTitle({ ...f, seq });
  const p = f.posts;
  const c = f.cases;
  const s = c.slips;

  const made = formatDateTime(new Date(f.generatedAt));
  // Made before the midnight after its last day, the period was not over: say up to when.
  const until = made.slice(0, 10) <= f.to ? `，截至${made}` : '';
  const overview = new Sheet(wb, SHEETS.overview, `${title} 台账`, [28, 18, 40]);
  overview.table(
    `统计期间：${f.span ? `${f.span.name}（信息按采集时间计）` : `${periodName(f.kind, f)}（${f.from} 至 ${f.to}${until}）`}\u3000生成时间：${made}`,
    ['项目', '数值', '口径'],
    [
      [
        '相关信息（条）',
        p.total,
        f.span
          ? '时段内采集入库、与本辖区相关的信息，不含重复'
          : '期间内发布、与本辖区相关的信息，不含重复',
      ],
      ['其中负面（条）', p.negative, '情感分析为负面'],
      ['其中含紧急信号（条）', p.urgent, '火灾、群体性事件等紧急信号'],
      ...reviewRows(f),
      ['受理办件（件）', c.registered, '期间内登记受理'],
      ...previousRows(f),
      ['公开答复（件）', c.published, '期间内公开答复'],
      ['首次响应中位数（分钟）', c.firstResponse.medianMinutes, '自发帖至告知已收悉或公开答复'],
      ['抄告单收件（件次）', s.received, '期间内签发给各单位（牵头与协办）'],
      ['按期（件次）', s.onTime, '期限前提交获采用的书面回复或本单位协办意见'],
      ['超期（件次）', s.late, '期限已过仍未完成的'],
      ['按期率（%）', s.onTimeRate, '按期 ÷（按期 + 超期）'],
      [
        '启动舆情事件（起）',
        f.incidents?.opened ?? '—',
        f.incidents ? '期间内启动' : '舆情事件模块未启用',
      ],
      ['热点话题（个）', f.topics.length, '期间内信息最多的话题'],
    ],
  );
  if (f.incidents) {
    overview.table(
      '舆情事件（按级别）',
      ['级别', '起数', ''],
      f.incidents.byLevel.map((l) => [l.name, l.count, '']),
    );
    const levels = new Map(f.incidents.byLevel.map((l) => [l.key, l.name]));
    if (f.incidents.list && f.incidents.list.length > 0) {
      overview.table(
        '期间内启动或处置完毕的舆情事件',
        ['事件', '级别', '启动 / 处置情况'],
        f.incidents.list.map((x) => [
          x.title,
          levels.get(x.level) ?? x.level,
          `${formatDateTime(new Date(x.openedAt))} 启动，` +
            (x.closedAt ? `${formatDateTime(new Date(x.closedAt))} 处置完毕` : '处置中'),
        ]),
      );
    }
  }
  if (f.duty) {
    overview.table(
      '值班情况',
      ['值班时段', '值班人员', '重点时段 / 备注'],
      f.duty.shifts.map((d) => [
        `${formatDateTime(new Date(d.startsAt))} 至 ${formatDateTime(new Date(d.endsAt))}`,
        d.userName,
        [d.periodName, d.note].filter(Boolean).join('：'),
      ]),
    );
  }

  const posts = new Sheet(wb, SHEETS.posts, `${title} 信息统计`, [10, 44, 14, 14, 12]);
  const shares = (items: { name: string; count: number }[]) =>
    items.map((i, n) => [n + 1, i.name, i.count, pct(i.count, p.total)]);
  posts.table('按来源', ['序号', '来源', '条数', '占比（%）'], shares(p.bySource));
  posts.table('按分类', ['序号', '分类', '条数', '占比（%）'], shares(p.byCategory));
  posts.table('按情感', ['序号', '情感', '条数', '占比（%）'], shares(p.bySentiment));
  posts.table(
    '按日',
    ['序号', '日期', '条数'],
    p.byDay.map((d, n) => [n + 1, d.date, d.count]),
  );
  posts.table(
    '热点话题',
    ['序号', '话题', '条数', '关键词'],
    f.topics.map((t, n) => [n + 1, t.label, t.posts, t.keywords.join('、')]),
  );
  for (const [name, list] of [
    ['点赞较多的信息', f.notable.mostLiked],
    ['含紧急信号的信息', f.notable.urgent],
    ['负面信息', f.notable.negative],
  ] as const) {
    posts.table(
      name,
      ['序号', '标题', '来源', '发布时间', '点赞'],
      list.map((x, n) => [n + 1, x.title, x.source, formatDateTime(new Date(x.postedAt)), x.likes]),
    );
  }

  const cases = new Sheet(wb, SHEETS.cases, `${title} 办件统计`, [30, 14, 50]);
  cases.table(
    '办件与首次响应',
    ['项目', '数值', '口径'],
    [
      ['受理办件（件）', c.registered, '期间内登记受理'],
      ['公开答复（件）', c.published, '期间内公开答复'],
      [
        '其中按期答复（件）',
        c.publishedOnTime ?? null,
        '在答复期限内（发帖后 3 天，含批准的延期）',
      ],
      ['已首次响应（件）', c.firstResponse.count, '期间内受理、已告知已收悉或已公开答复'],
      ['首次响应中位数（分钟）', c.firstResponse.medianMinutes, '自网民发帖起'],
      ['首次响应平均（分钟）', c.firstResponse.averageMinutes, '自网民发帖起'],
    ],
  );
  cases.table(
    '抄告单办理（与单位办理台账同一口径）',
    ['项目', '件次', '口径'],
    [
      ['收件', s.received, '期间内签发、列为牵头或协办单位'],
      ['按期', s.onTime, '期限前提交书面回复（被退回的不算）或本单位协办意见'],
      ['超期', s.late, '期限已过仍未完成的（含其后补交的）'],
      ['在办未到期', s.pending, ''],
      ['延期（获批）', s.extended, '作为牵头单位申请并获批延期'],
      ['当前超期未办', s.overdueNow, '已超期、至今未完成且仍待其办理'],
      ['平均办理时长（小时）', s.averageHours, '自签发至本单位提交获采用的回复或协办意见'],
      ['按期率（%）', s.onTimeRate, '按期 ÷（按期 + 超期）'],
    ],
  );

  const units = new Sheet(
    wb,
    SHEETS.units,
    `${title} 单位排名`,
    [8, 22, 9, 9, 8, 11, 12, 13, 14, 11],
  );
  units.table(
    '按期率高者在前；期间内无收件的单位不列',
    [
      '名次',
      '单位',
      '收件数',
      '按期回复',
      '超期',
      '在办未到期',
      '延期（获批）',
      '当前超期未办',
      '平均办理时长（小时）',
      '按期率（%）',
    ],
    f.units.map((u) => [
      u.rank,
      u.unitName,
      u.received,
      u.onTime,
      u.late,
      u.pending,
      u.extended,
      u.overdueNow,
      u.averageHours,
      u.onTimeRate,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
