import { AlignmentType, BorderStyle, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import {
  cell,
  chineseDate,
  columns,
  dateTime,
  FONT,
  heading,
  packDocument,
  para,
  row,
  run,
  section,
  SIZE,
  table,
  TEXT_WIDTH,
} from '../documents/docx-kit.js';
import type { Notice } from './notices.schemas.js';

const RED = 'C00000';

/** The red masthead of an internal bulletin: name, issue number, issuer and date, a red rule. */
function masthead(notice: Notice, issuer: string, orgName: string | null): Paragraph[] {
  const style = { font: FONT.body, size: SIZE.san } as const;
  return [
    para(`${orgName ?? ''}网络舆情工作通报`, {
      font: FONT.title,
      size: 60,
      color: RED,
      align: AlignmentType.CENTER,
      before: 480,
      after: 240,
      line: 360,
    }),
    para(notice.number, { ...style, align: AlignmentType.CENTER, after: 240 }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      spacing: { after: 480 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 } },
      children: [
        run(issuer, style),
        new TextRun({ children: [new Tab()] }),
        run(chineseDate(notice.createdAt), style),
      ],
    }),
  ];
}

function periodText(notice: Notice): string {
  const cn = (d: string) =>
    `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return notice.periodFrom === notice.periodTo
    ? cn(notice.periodFrom)
    : `${cn(notice.periodFrom)}至${cn(notice.periodTo)}`;
}

function lateTable(notice: Notice) {
  const small = { size: SIZE.wu } as const;
  const header = ['序号', '单位', '抄告单编号', '留言标题', '超过的期限', '办理情况'];
  let no = 0;
  return table(columns(6, 15, 13, 25, 21, 20), [
    row(
      header.map((h) => cell(h, { label: true, ...small })),
      { header: true },
    ),
    ...notice.units.flatMap((u) =>
      u.cases.map((c, i) => {
        no += 1;
        const first = i === 0;
        return row(
          [
            cell(String(no), { align: AlignmentType.CENTER, ...small }),
            ...(first ? [cell(u.unitName, { rowSpan: u.cases.length, ...small })] : []),
            cell(c.slipNo ?? `#${c.caseId}`, { align: AlignmentType.CENTER, ...small }),
            cell(`${c.title}（${c.role === 'lead' ? '牵头' : '协办'}）`, small),
            cell(`${c.deadlineLabel}\n${dateTime(c.dueAt)}`, small),
            cell(`${c.lateText}\n${c.status}`, small),
          ],
          { cantSplit: true },
        );
      }),
    ),
  ]);
}

/** 通报 in the form of a government notice: masthead, title, salutation, body, table, signature. */
export async function buildNoticeDocx(
  notice: Notice,
  opts: { orgName: string | null },
): Promise<Buffer> {
  const issuer = `${opts.orgName ?? ''}网络舆情工作小组`;
  const body = { indent: true, line: 560 } as const;
  const caseCount = notice.caseCount;
  const content =
    notice.units.length > 0
      ? [
          heading('一、超期未回复情况', { indent: true }),
          para(
            `经督查，本期共有 ${notice.units.length} 个单位、${caseCount} 件办件超过办理期限：期限内既未提交书面回复或协办意见，也未说明理由或申请延期（含期限后补交的）。具体如下：`,
            { ...body, after: 200 },
          ),
          lateTable(notice),
          heading('二、有关要求', { indent: true, before: 360 }),
          para(
            '请上述单位高度重视，对尚未办结的办件立即办理，并向网络舆情工作小组书面说明超期原因。各单位要严格落实网络舆情办理时限要求，确需延期的，应在期限内说明理由并申请延期。',
            body,
          ),
        ]
      : [para('经督查，本期各单位均在期限内回复或已说明理由，未发现超期未回复情况。', body)];
  return packDocument({
    title: `${notice.title}（${notice.number}）`,
    sections: [
      section([
        ...masthead(notice, issuer, opts.orgName),
        para(notice.title, {
          font: FONT.title,
          size: SIZE.er,
          align: AlignmentType.CENTER,
          after: 360,
          line: 480,
        }),
        para('各有关单位：', { line: 560 }),
        para(
          `根据网络舆情管理工作制度有关规定，现将${periodText(notice)}网络舆情办件办理超期情况通报如下。`,
          body,
        ),
        ...content,
        para(issuer, { align: AlignmentType.RIGHT, before: 720, line: 560 }),
        para(chineseDate(notice.createdAt), { align: AlignmentType.RIGHT, line: 560 }),
      ]),
    ],
  });
}
