import { AlignmentType, Paragraph, Tab, TabStopType, TextRun, type Table } from 'docx';
import {
  cell,
  cellParas,
  chineseDate,
  columns,
  dateTime,
  FONT,
  packDocument,
  para,
  printableUrl,
  QUAD,
  row,
  run,
  section,
  SIZE,
  table,
  TEXT_WIDTH,
} from './docx-kit.js';
import type { CaseRecord } from './case-record.js';

/** The slip's title: the township's name when the settings have one, never an invented one. */
export function slipTitle(record: CaseRecord): string {
  return `${record.orgName ?? ''}网络舆情抄告单`;
}

function tabbed(left: string, right: string): Paragraph {
  const style = { font: FONT.table, size: SIZE.xiaosi } as const;
  return new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
    spacing: { before: 120, after: 120 },
    children: [run(left, style), new TextRun({ children: [new Tab()] }), run(right, style)],
  });
}

/** Title, then 签发单位 on the left and number and date on the right, as on the paper form. */
export function slipTitleBlock(record: CaseRecord): Paragraph[] {
  const d = record.detail;
  return [
    para(slipTitle(record), {
      font: FONT.title,
      size: SIZE.er,
      align: AlignmentType.CENTER,
      after: 240,
      line: 360,
    }),
    tabbed(
      `签发单位：${record.issuer}`,
      [
        `编号：${d.slipNo ?? '（未编号）'}`,
        record.assignedAt ? chineseDate(record.assignedAt) : '',
      ].join(QUAD + QUAD),
    ),
  ];
}

function netizen(record: CaseRecord, masked: boolean): Paragraph[] {
  const author = record.detail.post.author?.trim() || '（未署名）';
  const contact = masked ? record.maskedContact : record.detail.post.contact;
  return cellParas(contact ? `${author}\n联系方式：${contact}` : author);
}

function postBody(record: CaseRecord, masked: boolean): Paragraph[] {
  const post = record.detail.post;
  return [
    ...cellParas(masked ? record.maskedBody : post.body, { indent: true }),
    ...(post.url ? cellParas(`原文链接：${printableUrl(post.url)}`, { size: SIZE.wu }) : []),
  ];
}

function instruction(record: CaseRecord): Paragraph[] {
  const d = record.detail;
  const signature = [
    record.assignedBy ? `批示人：${record.assignedBy}` : '',
    record.assignedAt ? chineseDate(record.assignedAt) : '',
  ]
    .filter(Boolean)
    .join(QUAD + QUAD);
  return [
    ...cellParas(d.instruction ?? '', { indent: true }),
    ...(signature ? cellParas(signature, { align: AlignmentType.RIGHT, before: 120 }) : []),
  ];
}

function handlingLimit(record: CaseRecord): string {
  const kind = record.detail.urgent ? '紧急' : '普通';
  const extended = record.extension?.state === 'granted' ? '（已批准延期）' : '';
  return record.handlingDueAt
    ? `${kind}件：${dateTime(record.handlingDueAt)} 前报送书面回复${extended}`
    : `${kind}件`;
}

function replyLimit(record: CaseRecord): string {
  const extended = record.extension?.state === 'granted' ? '（已批准延期）' : '';
  return `${dateTime(record.replyDueAt)} 前公开答复${extended}`;
}

/**
 * The slip's bordered form: six columns so that label / value pairs sit two to a row and the
 * receipt (签收回执) lines up under them. `masked`: the contact and the numbers in the message masked, as in every export; otherwise as this reader may see them.
 */
export function slipTable(record: CaseRecord, masked: boolean): Table {
  const d = record.detail;
  const widths = columns(1500, 1461, 1461, 1500, 1461, 1461);
  const label = (text: string, extra: { rowSpan?: number } = {}) =>
    cell(text, { label: true, ...extra });
  const lead = record.units.filter((u) => u.role === 'lead');
  const co = record.units.filter((u) => u.role === 'co');
  // Blank lines to sign on paper when the slip names no units yet.
  const receiptRows = record.units.length > 0 ? record.units : [null, null];
  return table(widths, [
    row([label('编号'), cell(d.slipNo, { span: 2 }), label('来源'), cell(d.source, { span: 2 })], {
      minHeight: 560,
    }),
    row(
      [
        label('发帖时间'),
        cell(dateTime(d.postedAt), { span: 2 }),
        label('网民'),
        cell(netizen(record, masked), { span: 2 }),
      ],
      { minHeight: 560 },
    ),
    row([label('留言标题'), cell(d.post.title?.trim() || d.title, { span: 5 })], {
      minHeight: 560,
    }),
    row([label('留言内容'), cell(postBody(record, masked), { span: 5 })], { minHeight: 2600 }),
    row([label('领导批示'), cell(instruction(record), { span: 5 })], { minHeight: 1800 }),
    row([label('牵头单位'), cell(lead.map((u) => u.name).join('、') || '', { span: 5 })], {
      minHeight: 560,
    }),
    row([label('协办单位'), cell(co.map((u) => u.name).join('、') || '无', { span: 5 })], {
      minHeight: 560,
    }),
    row(
      [
        label('办理时限'),
        cell(handlingLimit(record), { span: 2 }),
        label('回复时限'),
        cell(replyLimit(record), { span: 2 }),
      ],
      { minHeight: 700 },
    ),
    row(
      [
        label('签收回执', { rowSpan: receiptRows.length + 1 }),
        cell('签收单位', { span: 2, label: true }),
        cell('签收人', { label: true }),
        cell('签收时间', { span: 2, label: true }),
      ],
      { minHeight: 500 },
    ),
    ...receiptRows.map((u) =>
      row(
        [
          cell(u ? `${u.name}（${u.role === 'lead' ? '牵头' : '协办'}）` : '', { span: 2 }),
          cell(u?.signedBy ?? ''),
          cell(u?.signedAt ? dateTime(u.signedAt) : '', { span: 2 }),
        ],
        { minHeight: 600, cantSplit: true },
      ),
    ),
  ]);
}

export function slipNotes(record: CaseRecord): Paragraph[] {
  const small = { font: FONT.table, size: SIZE.wu, line: 300 } as const;
  return [
    para('说明：', { ...small, before: 160, bold: true }),
    para('1. 承办单位收到本抄告单后应即时签收，及时调查核实，依法依规处理。', small),
    para(
      `2. 请于办理时限前将书面回复报送${record.issuer}；牵头单位负责汇总协办单位意见，统一回复。`,
      small,
    ),
    para('3. 确需延期的，应在办理时限内说明理由并申请延期，延期以一次为限。', small),
  ];
}

/** 《网络舆情抄告单》 as a Word document that looks like the paper form. */
export async function buildSlipDocx(record: CaseRecord, masked: boolean): Promise<Buffer> {
  return packDocument({
    title: `${slipTitle(record)} ${record.detail.slipNo ?? ''}`.trim(),
    description: record.detail.title,
    sections: [
      section([...slipTitleBlock(record), slipTable(record, masked), ...slipNotes(record)]),
    ],
  });
}
