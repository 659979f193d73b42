import { AlignmentType, BorderStyle } from 'docx';
import {
  chineseDate,
  FONT,
  packDocument,
  para,
  paras,
  QUAD,
  section,
  SIZE,
} from '../cases/documents/docx-kit.js';

export interface BriefForPrint {
  title: string;
  body: string;
  issueNo: number | null;
  unitName: string | null;
  authorName: string;
  submittedAt: Date | null;
  submittedTo: string | null;
  /** The township (云溪镇), as the other papers carry it; null where not set up. */
  orgName: string | null;
}

/** 云溪镇党政办公室: the sending unit under the township's name, not named twice. */
function sender(brief: BriefForPrint): string {
  const org = brief.orgName ?? '';
  const unit = brief.unitName ?? '';
  return unit.startsWith(org) ? unit : `${org}${unit}`;
}

/**
 * 舆情信息 as sent up: the red title block 「云溪镇舆情信息」, 第N期, the sending unit and the date
 * over a red rule, then the title and the body in 仿宋.
 */
export async function buildBriefDocx(brief: BriefForPrint, now: Date): Promise<Buffer> {
  const date = chineseDate(brief.submittedAt ?? now);
  const issue = brief.issueNo === null ? '（未编号）' : `第${brief.issueNo}期`;
  return packDocument({
    title: `${brief.orgName ?? ''}舆情信息 ${issue} ${brief.title}`,
    sections: [
      section([
        para(`${brief.orgName ?? ''}舆情信息`, {
          font: FONT.title,
          size: 72,
          color: 'FF0000',
          align: AlignmentType.CENTER,
          after: 200,
        }),
        para(issue, { align: AlignmentType.CENTER, after: 120 }),
        para(`${sender(brief)}${QUAD.repeat(4)}${date}`, {
          align: AlignmentType.CENTER,
          extra: {
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: 'FF0000', space: 4 } },
          },
          after: 400,
        }),
        para(brief.title, {
          font: FONT.title,
          size: SIZE.er,
          align: AlignmentType.CENTER,
          after: 300,
        }),
        ...paras(brief.body, { indent: true, line: 560 }),
        para(
          `（撰稿：${brief.authorName}${brief.submittedTo ? `${QUAD}报送：${brief.submittedTo}` : ''}）`,
          {
            align: AlignmentType.RIGHT,
            before: 300,
          },
        ),
      ]),
    ],
  });
}
