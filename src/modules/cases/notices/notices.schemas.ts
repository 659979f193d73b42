import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery } from '../../../server/common-schemas.js';
import { LocalDate } from '../stats/period.js';

const DateTime = Type.String({ format: 'date-time' });

export const IssueNoticeBody = Type.Object(
  { from: LocalDate, to: LocalDate },
  { additionalProperties: false, description: '通报期间：期限落在 from 至 to（含）之间的' },
);
export type IssueNoticeInput = Static<typeof IssueNoticeBody>;

export const NoticeCase = Type.Object({
  caseId: Type.Integer(),
  slipNo: Nullable(Type.String()),
  title: Type.String(),
  role: Type.Union([Type.Literal('lead'), Type.Literal('co')]),
  deadline: Type.Union([Type.Literal('handling'), Type.Literal('reply')]),
  deadlineLabel: Type.String({ description: '书面回复期限 / 公开答复期限' }),
  dueAt: DateTime,
  doneAt: Nullable(DateTime),
  lateMinutes: Type.Integer({
    description:
      '超期分钟数：至补交时（协办单位未交而牵头单位已回复的，至回复时），仍未交的至通报时',
  }),
  lateText: Type.String({ description: '超期 1 天 3 小时' }),
  status: Type.String({ description: '至今未提交书面回复 / 逾期提交 / 被退回后未重新提交' }),
});
export type NoticeCase = Static<typeof NoticeCase>;

export const NoticeUnit = Type.Object({
  unitId: Type.Integer(),
  unitName: Type.String(),
  cases: Type.Array(NoticeCase),
});
export type NoticeUnit = Static<typeof NoticeUnit>;

export const NoticeSummary = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  seq: Type.Integer(),
  number: Type.String({ description: '〔2026〕第3期' }),
  title: Type.String(),
  periodFrom: Type.String({ format: 'date' }),
  periodTo: Type.String({ format: 'date' }),
  createdAt: DateTime,
  createdBy: Nullable(Type.String()),
  unitCount: Type.Integer(),
  caseCount: Type.Integer(),
});
export type NoticeSummary = Static<typeof NoticeSummary>;

export const Notice = Type.Object({
  ...NoticeSummary.properties,
  units: Type.Array(NoticeUnit),
  orgName: Type.Optional(
    Nullable(Type.String({ description: '本地名称（如 云溪镇），印在通报的版头和落款' })),
  ),
});
export type Notice = Static<typeof Notice>;

export const NoticeListQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 9999 })),
  ...PageQuery,
});
export type NoticeListQuery = Static<typeof NoticeListQuery>;

export const NoticePreview = Type.Object(
  { units: Type.Array(NoticeUnit) },
  { description: '生成前预览：这一期间将被通报的单位及其办件（不编号、不保存）' },
);
export type NoticePreview = Static<typeof NoticePreview>;
