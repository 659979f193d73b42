/**
 * The building blocks of every Word document the system prints (抄告单, 卷宗, 通报): an A4 page
 * with the margins of GB/T 9704 (党政机关公文格式), Chinese fonts with fallbacks, bordered form
 * tables and page numbers. Documents are built with the `docx` package.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
  type ISectionOptions,
} from 'docx';
import { formatDateTime } from '../../../lib/format.js';

/** A4 in twips, margins 37/35/28/26 mm as GB/T 9704 sets them: a 156 mm wide text block. */
export const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 2098, bottom: 1984, left: 1588, right: 1474, header: 851, footer: 992 },
} as const;
export const TEXT_WIDTH = PAGE.size.width - PAGE.margin.left - PAGE.margin.right;

/**
 * Fonts of Chinese official documents. Each has a fallback named in the font table
 * (`w:altName`) that every Chinese Windows and WPS installation has, so a machine without the
 * 方正 or _GB2312 fonts still shows Song, FangSong and Hei faces rather than a Latin default.
 */
export const FONT = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋_GB2312',
  table: '宋体',
  latin: 'Times New Roman',
} as const;

/** The ideographic space (U+3000) that spaces out Chinese labels and signatures. */
export const QUAD = '\u3000';

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21 } as const;

const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:font w:name="${FONT.table}"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="${FONT.heading}"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="${FONT.body}"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="${FONT.title}"><w:altName w:val="宋体"/><w:panose1 w:val="02000000000000000000"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="${FONT.latin}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
</w:fonts>`;

type FontName = (typeof FONT)[keyof typeof FONT];

export interface RunStyle {
  font?: FontName;
  size?: number;
  bold?: boolean;
  color?: string;
  underline?: boolean;
}

// Characters XML 1.0 cannot hold, escaped or not: one in a stored text made the whole .docx
// unreadable. Requests refuse them now; older rows may still have them.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function run(text: string, style: RunStyle = {}): TextRun {
  const font = style.font ?? FONT.body;
  return new TextRun({
    text: text.replace(NOT_XML, ''),
    font: { eastAsia: font, ascii: FONT.latin, hAnsi: FONT.latin, hint: 'eastAsia' },
    size: style.size ?? SIZE.san,
    ...(style.bold ? { bold: true } : {}),
    ...(style.color ? { color: style.color } : {}),
    ...(style.underline ? { underline: {} } : {}),
  });
}

export type ParaOptions = RunStyle & {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  /** First-line indent of two characters, as Chinese body text has. */
  indent?: boolean;
  before?: number;
  after?: number;
  /** Line spacing in 240ths of a line. */
  line?: number;
  keepNext?: boolean;
  pageBreakBefore?: boolean;
  extra?: Omit<IParagraphOptions, 'children'>;
};

export function para(content: string | TextRun[], opts: ParaOptions = {}): Paragraph {
  const children = typeof content === 'string' ? [run(content, opts)] : content;
  return new Paragraph({
    children,
    alignment: opts.align ?? AlignmentType.LEFT,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0, line: opts.line ?? 300 },
    ...(opts.indent ? { indent: { firstLineChars: 200 } } : {}),
    ...(opts.keepNext ? { keepNext: true } : {}),
    ...(opts.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...opts.extra,
  });
}

/** Text that may hold line breaks: one paragraph per line (an empty text gives one empty line). */
export function paras(text: string | null | undefined, opts: ParaOptions = {}): Paragraph[] {
  const lines = (text ?? '').split(/\r?\n/);
  return lines.map((line) => para(line, opts));
}

export function heading(text: string, opts: ParaOptions = {}): Paragraph {
  return para(text, {
    font: FONT.heading,
    size: SIZE.san,
    before: 240,
    after: 120,
    keepNext: true,
    ...opts,
  });
}

const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;
const OUTER = { style: BorderStyle.SINGLE, size: 12, color: '000000' } as const;

export interface CellOptions {
  span?: number;
  rowSpan?: number;
  /** A label cell: bold, centred, lightly shaded. */
  label?: boolean;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  size?: number;
  font?: FontName;
}

export function cell(content: string | Paragraph[] | null, opts: CellOptions = {}): TableCell {
  const text = content ?? '';
  const children =
    typeof text === 'string'
      ? paras(text, {
          font: opts.font ?? FONT.table,
          size: opts.size ?? SIZE.xiaosi,
          bold: opts.label ?? false,
          align: opts.align ?? (opts.label ? AlignmentType.CENTER : AlignmentType.LEFT),
          line: 276,
        })
      : text;
  return new TableCell({
    children,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(opts.span ? { columnSpan: opts.span } : {}),
    ...(opts.rowSpan ? { rowSpan: opts.rowSpan } : {}),
    ...(opts.label ? { shading: { fill: 'F2F2F2', type: 'clear', color: 'auto' } } : {}),
  });
}

/** Paragraphs for a table cell in the table font. */
export function cellParas(text: string | null | undefined, opts: ParaOptions = {}): Paragraph[] {
  return paras(text, { font: FONT.table, size: SIZE.xiaosi, line: 276, ...opts });
}

export function row(
  cells: TableCell[],
  opts: { minHeight?: number; header?: boolean; cantSplit?: boolean } = {},
): TableRow {
  return new TableRow({
    children: cells,
    ...(opts.minHeight ? { height: { value: opts.minHeight, rule: 'atLeast' as const } } : {}),
    ...(opts.header ? { tableHeader: true } : {}),
    ...(opts.cantSplit ? { cantSplit: true } : {}),
  });
}

/** A bordered table of fixed column widths (twips) spanning the text block. */
export function table(columnWidths: number[], rows: TableRow[]): Table {
  const total = columnWidths.reduce((a, b) => a + b, 0);
  return new Table({
    rows,
    columnWidths,
    width: { size: total, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: {
      top: OUTER,
      bottom: OUTER,
      left: OUTER,
      right: OUTER,
      insideHorizontal: LINE,
      insideVertical: LINE,
    },
  });
}

/** Column widths in proportion to the given weights, summing exactly to the text width. */
export function columns(...weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
  const rest = TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  widths[widths.length - 1] = (widths.at(-1) ?? 0) + rest;
  return widths;
}

/** 2026-11-26 14:30 in the deployment's time zone, or a dash. */
export function dateTime(at: Date | string | null | undefined): string {
  if (!at) return '—';
  return formatDateTime(typeof at === 'string' ? new Date(at) : at);
}

/** 2026年11月26日, as dates are written under a signature. */
export function chineseDate(at: Date | string): string {
  const [y, m, d] = dateTime(at).slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: FONT.table },
            size: SIZE.si,
          }),
        ],
      }),
    ],
  });
}

/** One A4 section with page numbers at the foot. */
export function section(children: ISectionOptions['children']): ISectionOptions {
  return {
    properties: { page: { size: PAGE.size, margin: PAGE.margin } },
    footers: { default: pageNumberFooter() },
    children,
  };
}

export async function packDocument(opts: {
  title: string;
  description?: string;
  creator?: string;
  sections: ISectionOptions[];
}): Promise<Buffer> {
  const doc = new Document({
    title: opts.title,
    description: opts.description ?? '',
    creator: opts.creator ?? 'yuqing 舆情',
    styles: {
      default: {
        document: {
          run: {
            font: { eastAsia: FONT.body, ascii: FONT.latin, hAnsi: FONT.latin },
            size: SIZE.san,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
        },
      },
    },
    sections: opts.sections,
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}

/**
 * A link as it can be read on paper: this system's own board pages (/board/m/CODE) are named with
 * their query code, as a relative address means nothing once printed.
 */
export function printableUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const board = /^\/board\/m\/([A-Za-z0-9]+)$/.exec(url);
  return board ? `本系统网络问政（查询码 ${board[1]}）` : url;
}
