import { AlignmentType } from 'docx';
import type { IncidentReportKind } from '../../db/schema-incidents.js';
import {
  chineseDate,
  FONT,
  packDocument,
  para,
  section,
  SIZE,
} from '../cases/documents/docx-kit.js';

export interface IncidentReportForPrint {
  kind: IncidentReportKind;
  /** 续报: an immediate report after the first one. */
  followUp: boolean;
  incidentTitle: string;
  text: string;
  sentAt: Date;
  sentByName: string | null;
  recipients: readonly string[];
  orgName: string | null;
}

export const REPORT_KIND_NAMES = (r: { kind: IncidentReportKind; followUp: boolean }) =>
  r.kind === 'closing' ? '处置结束报告' : r.followUp ? '续报' : '第一时间报告';

/** The report's own first line when it reads as a title (the composed draft starts with one). */
function splitTitle(text: string): { title: string | null; body: string[] } {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const first = lines.findIndex((l) => l !== '');
  const head = first < 0 ? '' : (lines[first] as string);
  const isTitle = /^关于.{2,}(报告|续报)$/u.test(head) && [...head].length <= 60;
  return {
    title: isTitle ? head : null,
    body: lines.slice(isTitle ? first + 1 : 0).filter((l) => l !== ''),
  };
}

/**
 * A report on an incident as it was sent, for the file: the title (the report's own first line,
 * or one from the incident's name), the text in 仿宋 with first-line indents, then the issuing
 * group and the date it was sent, and a closing note of who sent it to whom.
 */
export async function buildIncidentReportDocx(r: IncidentReportForPrint): Promise<Buffer> {
  const kindName = REPORT_KIND_NAMES(r);
  const { title, body } = splitTitle(r.text);
  const heading = title ?? `关于「${r.incidentTitle}」舆情的${kindName}`;
  const issuer = `${r.orgName ?? ''}网络舆情工作小组`;
  return packDocument({
    title: heading,
    description: kindName,
    sections: [
      section([
        para(heading, {
          font: FONT.title,
          size: SIZE.er,
          align: AlignmentType.CENTER,
          before: 240,
          after: 480,
          line: 520,
        }),
        ...body.map((line) => para(line, { indent: true, line: 560 })),
        para(issuer, { align: AlignmentType.RIGHT, before: 600, line: 560 }),
        para(chineseDate(r.sentAt), { align: AlignmentType.RIGHT, line: 560 }),
        para(`（报送：${r.recipients.join('、') || '无'}；报送人：${r.sentByName ?? '—'}）`, {
          align: AlignmentType.LEFT,
          size: SIZE.si,
          before: 480,
        }),
      ]),
    ],
  });
}
