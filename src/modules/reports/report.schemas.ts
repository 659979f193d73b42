import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery } from '../../server/common-schemas.js';

export const ReportKindSchema = Type.Union(
  [
    Type.Literal('daily'),
    Type.Literal('weekly'),
    Type.Literal('monthly'),
    Type.Literal('quarterly'),
    Type.Literal('annual'),
  ],
  { description: 'daily 日报 · weekly 周报 · monthly 月报 · quarterly 季报 · annual 年报' },
);

const Count = Type.Object({ key: Type.String(), name: Type.String(), count: Type.Integer() });
export type Count = Static<typeof Count>;

const PostFigures = Type.Object({
  total: Type.Integer({
    description: '期间内发布的本辖区相关信息（不含重复），与舆情态势同一口径',
  }),
  negative: Type.Integer(),
  urgent: Type.Integer(),
  bySource: Type.Array(Count),
  byCategory: Type.Array(Count),
  bySentiment: Type.Array(Count, { description: 'negative / neutral / positive / unknown' }),
  byDay: Type.Array(Type.Object({ date: Type.String(), count: Type.Integer() })),
});

const SlipFigures = Type.Object({
  received: Type.Integer({ description: '收件：期间内签发给各单位的抄告单（牵头与协办）' }),
  onTime: Type.Integer(),
  late: Type.Integer(),
  pending: Type.Integer(),
  extended: Type.Integer(),
  overdueNow: Type.Integer(),
  averageHours: Nullable(Type.Number()),
  onTimeRate: Nullable(Type.Number()),
});

const CaseFigures = Type.Object({
  registered: Type.Integer({ description: '期间内受理（登记）的办件' }),
  published: Type.Integer({ description: '期间内公开答复的办件' }),
  // Optional: reports stored before it was counted have none.
  publishedOnTime: Type.Optional(
    Type.Integer({ description: '其中在答复期限内（含批准的延期）公开答复的办件' }),
  ),
  firstResponse: Type.Object({
    count: Type.Integer({ description: '期间内受理且已首次响应（告知已收悉或公开答复）的办件' }),
    medianMinutes: Nullable(Type.Number({ description: '自网民发帖至首次响应，中位数（分钟）' })),
    averageMinutes: Nullable(Type.Number({ description: '同上，平均数（分钟）' })),
  }),
  slips: SlipFigures,
});

export const UnitRank = Type.Object({
  rank: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  received: Type.Integer(),
  onTime: Type.Integer(),
  late: Type.Integer(),
  pending: Type.Integer(),
  extended: Type.Integer(),
  overdueNow: Type.Integer(),
  averageHours: Nullable(Type.Number()),
  onTimeRate: Nullable(Type.Number()),
});
export type UnitRank = Static<typeof UnitRank>;

const IncidentFigures = Type.Object({
  opened: Type.Integer({ description: '期间内启动的舆情事件' }),
  closed: Type.Integer({ description: '期间内处置完毕（关闭）的舆情事件' }),
  byLevel: Type.Array(Count, {
    description: '期间内启动的，按级别：一般 / 较大 / 重大 / 特别重大',
  }),
  /** Absent from reports generated before the incidents were named. */
  list: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.Integer(),
        title: Type.String(),
        level: Type.String(),
        openedAt: Type.String({ format: 'date-time' }),
        closedAt: Nullable(Type.String({ format: 'date-time' })),
      }),
      { description: '期间内启动或处置完毕的舆情事件（至多 10 起），按启动时间先后' },
    ),
  ),
});

const BriefFigures = Type.Object({
  submitted: Type.Integer({ description: '期间内报送的舆情信息（篇）' }),
  adopted: Type.Integer({ description: '其中被采用的（至少一次采用）' }),
  instructions: Type.Integer({ description: '其中获领导批示的（至少一次批示）' }),
});

export const NotablePost = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  source: Type.String(),
  postedAt: Type.String({ format: 'date-time' }),
  likes: Nullable(Type.Integer()),
  sentiment: Nullable(Type.String()),
  urgent: Type.Boolean(),
  url: Nullable(Type.String()),
});
export type NotablePost = Static<typeof NotablePost>;

const TopTopic = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  keywords: Type.Array(Type.String()),
  posts: Type.Integer({ description: '期间内该话题的信息条数' }),
});

const ReviewFigures = Type.Object({
  collected: Type.Integer({
    description: '时段内采集入库的本辖区相关信息（不含重复），即 posts.total',
  }),
  read: Type.Integer({ description: '其中截至生成时已标为已阅的（未登记办件）' }),
  dismissed: Type.Integer({ description: '其中已标为不予处理的（未登记办件）' }),
  registered: Type.Integer({ description: '其中已登记为办件的' }),
  pending: Type.Integer({ description: '其中待研判的：未标记、未登记办件' }),
  urgentPending: Type.Integer({ description: '待研判中含紧急信号的' }),
  pendingEarlier: Type.Integer({ description: '时段之前采集、截至生成时仍待研判的' }),
});
export type ReviewFigures = Static<typeof ReviewFigures>;

const DutyShift = Type.Object({
  periodName: Type.String(),
  userName: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  note: Nullable(Type.String()),
});

const PreviousFigures = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    partial: Type.Boolean({
      description: '本期未满时为 true：取上期同期（自上期开始起同样长的时间）',
    }),
    posts: Type.Integer(),
    negative: Type.Integer(),
    registered: Type.Integer(),
  },
  { description: '环比：上一期（周报为上周、月报为上月……）同一口径的信息条数与受理办件数' },
);
export type PreviousFigures = Static<typeof PreviousFigures>;

export const ReportFigures = Type.Object({
  kind: ReportKindSchema,
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  span: Type.Optional(
    Nullable(
      Type.Object(
        {
          start: Type.String({ format: 'date-time' }),
          end: Type.String({ format: 'date-time' }),
          name: Type.String({ description: '如 2026年11月27日16:30至11月30日16:30' }),
        },
        {
          description:
            '日报的统计时段：自上一个工作日的日报生成时间起至本日生成时间（非工作日为该自然日），信息按采集入库时间计；其他报告为 null',
        },
      ),
    ),
  ),
  generatedAt: Type.String({ format: 'date-time' }),
  orgName: Nullable(Type.String()),
  posts: PostFigures,
  cases: CaseFigures,
  units: Type.Array(UnitRank, { description: '单位排名：期间内有收件的单位，按期率高者在前' }),
  incidents: Nullable(IncidentFigures),
  /** 信息报送; absent from reports generated before it was counted. */
  briefs: Type.Optional(Nullable(BriefFigures)),
  topics: Type.Array(TopTopic),
  notable: Type.Object({
    mostLiked: Type.Array(NotablePost),
    urgent: Type.Array(NotablePost),
    negative: Type.Array(NotablePost),
  }),
  duty: Nullable(Type.Object({ shifts: Type.Array(DutyShift) })),
  /** 研判, daily reports only; absent from reports generated before it was counted. */
  review: Type.Optional(Nullable(ReviewFigures)),
  /** 环比: weekly and longer reports only; absent from reports generated before it was counted. */
  previous: Type.Optional(Nullable(PreviousFigures)),
});
export type ReportFigures = Static<typeof ReportFigures>;

export const ReportSummary = Type.Object({
  id: Type.Integer(),
  kind: ReportKindSchema,
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  seq: Type.Integer(),
  title: Type.String(),
  generatedAt: Type.String({ format: 'date-time' }),
  generatedByName: Nullable(Type.String({ description: '手动生成者；定时生成为 null' })),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
  docxSize: Type.Integer(),
  xlsxSize: Type.Integer(),
});
export type ReportSummary = Static<typeof ReportSummary>;

export const ReportDetail = Type.Composite([
  ReportSummary,
  Type.Object({ figures: ReportFigures }),
]);
export type ReportDetail = Static<typeof ReportDetail>;

export const ReportListQuery = Type.Object({
  kind: Type.Optional(ReportKindSchema),
  ...PageQuery,
});
export type ReportListQuery = Static<typeof ReportListQuery>;

export const GenerateReportBody = Type.Object(
  {
    kind: ReportKindSchema,
    date: Type.Optional(
      Type.String({
        format: 'date',
        description: '期间内任一天（默认今天）：如 2026-11-26 的周报为 11月23日至29日',
      }),
    ),
  },
  { additionalProperties: false },
);
export type GenerateReportBody = Static<typeof GenerateReportBody>;
