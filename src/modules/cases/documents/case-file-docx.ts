import { AlignmentType, type Paragraph, type Table } from 'docx';
import { durationText } from '../../../lib/calendar.js';
import { STATE_LABELS, type CaseState } from '../case-status.js';
import { DEADLINE_KIND_LABELS } from '../stats/unit-deadlines.js';
import { maskContactsInText } from '../mask-contact.js';
import type { DeadlineRecord } from './case-history.js';
import type { CaseRecord } from './case-record.js';
import {
  cell,
  cellParas,
  columns,
  dateTime,
  FONT,
  heading,
  packDocument,
  para,
  printableUrl,
  QUAD,
  row,
  section,
  SIZE,
  table,
} from './docx-kit.js';
import { slipTable } from './slip-docx.js';

export const RATING_LABELS: Record<string, string> = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
};
const DECISION_LABELS: Record<string, string> = { approved: '审定通过', returned: '退回修改' };
const EXTENSION_LABELS: Record<string, string> = {
  requested: '待审批',
  granted: '同意延期',
  refused: '不同意延期',
};

const stateLabel = (state: string) => STATE_LABELS[state as CaseState] ?? state;
// Timeline acts outside the transition map's labels (registration starts the case).
const EXTRA_ACT_LABELS: Record<string, string> = { register: '受理登记' };
const who = (name: string | null | undefined, at: Date | string | null | undefined) =>
  [name ?? '', at ? dateTime(at) : ''].filter(Boolean).join(QUAD) || '—';

type Content = string | Paragraph[] | null;

/** A two-column table of facts: label on the left, value on the right. */
function facts(rows: [string, Content][]): Table {
  return table(
    columns(22, 78),
    rows.map(([label, value]) =>
      row([cell(label, { label: true }), cell(value === null || value === '' ? '—' : value)], {
        minHeight: 480,
      }),
    ),
  );
}

function none(text: string): Paragraph {
  return para(text, { indent: true, size: SIZE.si });
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

function cover(record: CaseRecord, generatedAt: Date, generatedBy: string): (Paragraph | Table)[] {
  const d = record.detail;
  const lead = record.units.filter((u) => u.role === 'lead').map((u) => u.name);
  const co = record.units.filter((u) => u.role === 'co').map((u) => u.name);
  const doneAt = d.publishedAt ?? record.closedAt;
  return [
    para('', { before: 1600 }),
    para(`${record.orgName ?? ''}网络舆情办件卷宗`, {
      font: FONT.title,
      size: 52,
      align: AlignmentType.CENTER,
      after: 360,
      line: 400,
    }),
    para(d.slipNo ? `抄告单编号：${d.slipNo}` : `办件编号：${d.id}`, {
      font: FONT.heading,
      size: SIZE.san,
      align: AlignmentType.CENTER,
      after: 960,
    }),
    facts([
      ['案　　由', d.title],
      ['信息来源', d.source],
      ['牵头单位', lead.join('、')],
      ['协办单位', co.join('、') || '无'],
      ['受理时间', dateTime(record.registeredAt)],
      ['批办时间', dateTime(record.assignedAt)],
      ['办结时间', dateTime(doneAt)],
      ['归档时间', dateTime(record.archivedAt)],
      ['办件状态', stateLabel(d.state)],
      ['立卷单位', record.issuer],
    ]),
    para(['生成时间：' + dateTime(generatedAt), '导出人：' + generatedBy].join(QUAD + QUAD), {
      font: FONT.table,
      size: SIZE.xiaosi,
      align: AlignmentType.RIGHT,
      before: 600,
    }),
    para(
      d.imported
        ? `本卷宗据历史台账导入（${d.imported.fileName} 第 ${d.imported.row} 行）生成，台账未记载的签收人、审定人等从缺；网民联系方式按个人信息保护要求脱敏。`
        : '本卷宗由系统根据办件记录生成；网民联系方式按个人信息保护要求脱敏。',
      {
        font: FONT.table,
        size: SIZE.wu,
        align: AlignmentType.RIGHT,
        before: 120,
      },
    ),
  ];
}

function postSection(record: CaseRecord): (Paragraph | Table)[] {
  const d = record.detail;
  return [
    facts([
      ['信息来源', d.source],
      ['原文链接', printableUrl(d.post.url)],
      ['网　　民', d.post.author],
      ['联系方式', record.maskedContact],
      ['发帖时间', dateTime(d.postedAt)],
      ['留言标题', record.maskedTitle],
      ['留言内容', cellParas(record.maskedBody, { indent: true })],
      [
        '已收悉告知',
        d.acknowledgedAt
          ? [dateTime(d.acknowledgedAt), d.acknowledgement ?? ''].join(QUAD)
          : '未告知',
      ],
    ]),
  ];
}

function assignSection(record: CaseRecord): (Paragraph | Table)[] {
  const d = record.detail;
  const rows: [string, Content][] = [
    ['受理人', who(record.registeredBy, record.registeredAt)],
    [
      '首次响应',
      d.firstResponseMinutes === null
        ? '—'
        : `发帖后 ${durationText(d.firstResponseMinutes * 60_000)}`,
    ],
  ];
  if (record.assignedAt) {
    rows.push(
      ['批办领导', who(record.assignedBy, record.assignedAt)],
      ['领导批示', cellParas(d.instruction, { indent: true })],
      ['紧急程度', d.urgent ? '紧急' : '普通'],
      ['书面回复时限', dateTime(record.handlingDueAt)],
      ['公开答复时限', dateTime(record.replyDueAt)],
    );
  }
  if (d.closedReason) {
    rows.push(
      ['不予回复理由', cellParas(d.closedReason)],
      ['办结人', who(record.closedBy, record.closedAt)],
    );
  }
  return [facts(rows)];
}

function unitsSection(record: CaseRecord): (Paragraph | Table)[] {
  if (record.units.length === 0) return [none('本件未交办承办单位。')];
  const small = { size: SIZE.wu } as const;
  const out: (Paragraph | Table)[] = [
    table(columns(24, 10, 16, 22, 28), [
      row(
        ['承办单位', '角色', '签收人', '签收时间', '协办意见提交'].map((h) =>
          cell(h, { label: true, ...small }),
        ),
        { header: true },
      ),
      ...record.units.map((u) =>
        row([
          cell(u.name, small),
          cell(u.role === 'lead' ? '牵头' : '协办', { align: AlignmentType.CENTER, ...small }),
          // Signed with no signer on record (a case of the past ledger): not 未签收.
          cell(u.signedBy ?? (u.signedAt ? '—' : '未签收'), small),
          cell(dateTime(u.signedAt), small),
          cell(u.role === 'lead' ? '（汇总答复）' : who(u.contributedBy, u.contributedAt), small),
        ]),
      ),
    ]),
  ];
  for (const u of record.units.filter((x) => x.role === 'co' && x.contribution)) {
    out.push(
      para(`${u.name}协办意见：`, { font: FONT.heading, size: SIZE.si, before: 200 }),
      ...cellParas(u.contribution, { size: SIZE.si, indent: true, line: 360 }),
    );
  }
  return out;
}

function repliesSection(record: CaseRecord): (Paragraph | Table)[] {
  const replies = record.detail.replies;
  if (replies.length === 0) return [none('尚未提交书面回复。')];
  return replies.flatMap((r) => [
    para(`第 ${r.round} 次提交`, { font: FONT.heading, size: SIZE.si, before: 200, after: 80 }),
    facts([
      ['提交人', who(r.submittedBy, r.submittedAt)],
      ['回复内容', cellParas(r.text, { indent: true })],
      ['审定结果', r.decision ? (DECISION_LABELS[r.decision] ?? r.decision) : '待审定'],
      ['审定人', r.decision ? who(r.decidedBy, r.decidedAt) : '—'],
      ['审定意见', r.comment],
    ]),
  ]);
}

function extensionSection(record: CaseRecord): (Paragraph | Table)[] {
  const x = record.extension;
  if (!x) return [none('无延期申请。')];
  return [
    facts([
      ['申请理由', x.reason],
      ['申请延期至', dateTime(x.until)],
      ['申请人', who(x.requestedBy, x.requestedAt)],
      ['审批结果', EXTENSION_LABELS[x.state] ?? x.state],
      ['审批人', x.decidedAt ? who(x.decidedBy, x.decidedAt) : '—'],
      ['审批意见', x.comment],
    ]),
  ];
}

function publicationSection(record: CaseRecord): (Paragraph | Table)[] {
  const d = record.detail;
  if (record.publications.length === 0) {
    if (!d.publishedAt) return [none('尚未公开答复。')];
    // Only the case row knows of this publication (its timeline entry is missing).
    const approved = [...d.replies].reverse().find((r) => r.decision === 'approved');
    return [
      facts([
        ['审定通过', who(record.approvedBy, record.approvedAt)],
        ['发布地址', printableUrl(d.publishedUrl)],
        ['发布时间', dateTime(d.publishedAt)],
        ['发布人', record.publishedBy],
        ['答复内容', cellParas(approved?.text ?? d.replyText, { indent: true })],
      ]),
    ];
  }
  const many = record.publications.length > 1;
  return record.publications.flatMap((p, i) => [
    ...(many
      ? [para(`第 ${i + 1} 次发布`, { font: FONT.heading, size: SIZE.si, before: 200, after: 80 })]
      : []),
    facts([
      [
        '审定通过',
        p.replyRound === null
          ? '—'
          : `${who(p.approvedBy, p.approvedAt)}${QUAD}（第 ${p.replyRound} 次提交）`,
      ],
      ['发布地址', printableUrl(p.url)],
      ['发布时间', dateTime(p.publishedAt)],
      [
        '发布人',
        p.recordedAt.getTime() === p.publishedAt.getTime()
          ? p.publishedBy
          : `${p.publishedBy}${QUAD}（${dateTime(p.recordedAt)} 登记）`,
      ],
      ['答复内容', cellParas(p.replyText, { indent: true })],
    ]),
  ]);
}

function ratingSection(record: CaseRecord): (Paragraph | Table)[] {
  const d = record.detail;
  if (record.ratings.length === 0) {
    if (!d.rating && record.reopenCount === 0) return [none('网民尚未评价。')];
    return [
      facts([
        ['评价', d.rating ? (RATING_LABELS[d.rating] ?? d.rating) : '—'],
        ['评价说明', d.ratingNote ? maskContactsInText(d.ratingNote) : null],
        ['记录时间', dateTime(record.ratedAt)],
        ['重新办理', record.reopenCount > 0 ? `${record.reopenCount} 次` : '无'],
      ]),
    ];
  }
  const many = record.ratings.length > 1;
  return [
    ...record.ratings.flatMap((r, i) => [
      ...(many
        ? [
            para(`第 ${i + 1} 次评价`, {
              font: FONT.heading,
              size: SIZE.si,
              before: 200,
              after: 80,
            }),
          ]
        : []),
      facts([
        ['评价', RATING_LABELS[r.rating] ?? r.rating],
        ['评价说明', r.note],
        [
          '记录',
          r.viaBoard
            ? `${dateTime(r.at)}${QUAD}网民在网络问政评价`
            : `${who(r.recordedBy, r.at)}${QUAD}工作人员记录`,
        ],
        ['重新办理', r.reopenedAt ? `${who(r.reopenedBy, r.reopenedAt)}${QUAD}决定重新办理` : '否'],
      ]),
    ]),
    para(`重新办理共 ${record.reopenCount} 次。`, { indent: true, size: SIZE.si, before: 120 }),
  ];
}

function verdict(x: DeadlineRecord): string {
  switch (x.status) {
    case 'on-time':
      return '按期';
    case 'late':
      return x.doneAt
        ? `超期（晚 ${durationText(x.doneAt.getTime() - x.dueAt.getTime())}）`
        : '超期未完成';
    case 'pending':
      return '未完成（未到期）';
    case 'none':
      return '不适用';
  }
}

function deadlineLabel(x: DeadlineRecord): string {
  if (x.kind === 'reply') return '公开答复期限\n（发布答复）';
  return `办理期限\n（${x.role === 'lead' ? '书面回复' : '协办意见'}）`;
}

/** Date over time: a narrow column then breaks where the reader expects, not inside 04:52. */
const stacked = (at: Date | string) => dateTime(at).replace(' ', '\n');

function deadlinesSection(record: CaseRecord): (Paragraph | Table)[] {
  const small = { size: SIZE.wu } as const;
  const out: (Paragraph | Table)[] = [
    table(columns(17, 19, 15, 15, 15, 19), [
      row(
        ['期限', '承办单位', '原定期限', '延期后期限', '完成时间', '结果'].map((h) =>
          cell(h, { label: true, ...small }),
        ),
        { header: true },
      ),
      ...record.deadlines.map((x) =>
        row(
          [
            cell(deadlineLabel(x), small),
            cell(
              x.unitName ? `${x.unitName}\n${x.role === 'lead' ? '（牵头）' : '（协办）'}` : '—',
              small,
            ),
            cell(`${stacked(x.originalDueAt)}${x.originalInferred ? ' *' : ''}`, small),
            cell(x.extendedDueAt ? stacked(x.extendedDueAt) : '未延期', small),
            cell(
              x.status === 'none' ? '不予回复办结' : x.doneAt ? stacked(x.doneAt) : '未完成',
              small,
            ),
            cell(verdict(x), { align: AlignmentType.CENTER, ...small }),
          ],
          { cantSplit: true },
        ),
      ),
    ]),
  ];
  const notes = [
    '公开答复期限以答复在原平台发布的时间为准；办理期限：牵头单位以审定通过或待审定的书面回复提交时间为准（被退回的不计），协办单位以首次提交协办意见的时间为准，与单位台账一致。',
  ];
  if (record.publications.length > 1) {
    notes.push(
      `本件重新办理后再次发布，公开答复以最近一次发布为准（与办件页面、统计报表一致）；首次发布时间 ${dateTime(record.publications[0]?.publishedAt)}。`,
    );
  }
  if (record.deadlines.some((x) => x.originalInferred)) {
    notes.push('标 * 的原定期限在批准延期时未单独记录，按现行期限规则推算。');
  }
  out.push(...notes.map((n) => para(`注：${n}`, { size: SIZE.wu, before: 80, line: 300 })));
  return out;
}

function attachmentsSection(record: CaseRecord): (Paragraph | Table)[] {
  const files = record.detail.attachments;
  if (files.length === 0) return [none('无附件。')];
  const small = { size: SIZE.wu } as const;
  return [
    table(columns(8, 42, 18, 16, 16), [
      row(
        ['序号', '文件名', '大小', '上传人', '上传时间'].map((h) =>
          cell(h, { label: true, ...small }),
        ),
        { header: true },
      ),
      ...files.flatMap((a, i) => [
        row(
          [
            cell(String(i + 1), { align: AlignmentType.CENTER, rowSpan: 2, ...small }),
            cell(a.filename, small),
            cell(byteSize(a.size), { align: AlignmentType.RIGHT, ...small }),
            cell(a.uploadedBy ?? '—', small),
            cell(stacked(a.uploadedAt), small),
          ],
          { cantSplit: true },
        ),
        row([cell(`SHA-256：${a.sha256}`, { span: 4, ...small })], { cantSplit: true }),
      ]),
    ]),
    para('注：附件原件随办件数据包（bundle.zip）保存，可用 SHA-256 值核对文件是否被改动。', {
      size: SIZE.wu,
      before: 80,
    }),
  ];
}

/** 850 字节 / 56.7 KB over (58,060 字节): rounded for reading, exact for checking. */
export function byteSize(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} 字节`;
  if (bytes < 1024) return exact;
  const [n, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / 1024 / 1024, 'MB'];
  return `${n.toFixed(1)} ${unit}\n（${exact}）`;
}

function urgesSection(record: CaseRecord): (Paragraph | Table)[] {
  if (record.urges.length === 0) return [none('无催办记录。')];
  const small = { size: SIZE.wu } as const;
  return [
    table(columns(22, 22, 18, 22, 16), [
      row(
        ['催办时间', '被催办单位', '期限类别', '期限', '催办人'].map((h) =>
          cell(h, { label: true, ...small }),
        ),
        { header: true },
      ),
      ...record.urges.map((g) =>
        row([
          cell(dateTime(g.urgedAt), small),
          cell(g.unitName, small),
          cell(DEADLINE_KIND_LABELS[g.kind], small),
          cell(dateTime(g.dueAt), small),
          cell(g.urgedBy ?? '系统自动催办', small),
        ]),
      ),
    ]),
  ];
}

function timelineSection(record: CaseRecord): (Paragraph | Table)[] {
  const small = { size: SIZE.wu } as const;
  return [
    table(columns(8, 21, 14, 12, 14, 31), [
      row(
        ['序号', '时间', '操作', '操作人', '单位', '说明'].map((h) =>
          cell(h, { label: true, ...small }),
        ),
        { header: true },
      ),
      ...record.detail.timeline.map((e, i) => {
        const moved =
          e.fromState && e.toState && e.fromState !== e.toState
            ? `（${stateLabel(e.fromState)} → ${stateLabel(e.toState)}）`
            : '';
        return row(
          [
            cell(String(i + 1), { align: AlignmentType.CENTER, ...small }),
            cell(dateTime(e.at), small),
            cell(EXTRA_ACT_LABELS[e.label] ?? e.label, small),
            cell(e.actorName, small),
            cell(e.unitName ?? '', small),
            cell(`${e.comment ?? ''}${moved}`, small),
          ],
          { cantSplit: true },
        );
      }),
    ]),
  ];
}

/**
 * 卷宗: the whole record of one case (DESIGN §2.6): the post, the slip, the instruction, every
 * unit's handling, every reply round with the leader's decision, the extension, each deadline
 * with whether it was met, every publication and rating, the urgings, the attachments (with their
 * SHA-256) and the timeline. The citizen's contact is always masked here.
 */
export async function buildCaseFileDocx(
  record: CaseRecord,
  opts: { generatedAt: Date; generatedBy: string },
): Promise<Buffer> {
  const parts: [string, (Paragraph | Table)[]][] = [
    ['网民留言', postSection(record)],
    ['受理与批办', assignSection(record)],
    [
      '网络舆情抄告单',
      record.detail.slipNo ? [slipTable(record, true)] : [none('本件未批办，无抄告单。')],
    ],
    ['承办单位办理情况', unitsSection(record)],
    ['书面回复及审定', repliesSection(record)],
    ['延期申请', extensionSection(record)],
    ['期限执行情况', deadlinesSection(record)],
    ['公开答复', publicationSection(record)],
    ['网民评价', ratingSection(record)],
    ['督办催办', urgesSection(record)],
    ['附件', attachmentsSection(record)],
    ['办理过程', timelineSection(record)],
  ];
  const body = parts.flatMap(([title, content], i) => [
    heading(`${NUMERALS[i] ?? String(i + 1)}、${title}`, i === 0 ? { pageBreakBefore: true } : {}),
    ...content,
  ]);
  return packDocument({
    title: `网络舆情办件卷宗 ${record.detail.slipNo ?? `#${record.detail.id}`}`,
    description: record.detail.title,
    sections: [section([...cover(record, opts.generatedAt, opts.generatedBy), ...body])],
  });
}
