import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery } from '../../server/common-schemas.js';

const DateTime = Type.String({ format: 'date-time' });

export const LevelSchema = Type.Union(
  [
    Type.Literal('general'),
    Type.Literal('major'),
    Type.Literal('serious'),
    Type.Literal('critical'),
  ],
  { description: 'general 一般 / major 较大 / serious 重大 / critical 特别重大' },
);
export const StatusSchema = Type.Union([Type.Literal('open'), Type.Literal('closed')], {
  description: 'open 处置中 / closed 已结束',
});
const TrendSchema = Type.Union(
  [Type.Literal('rising'), Type.Literal('stable'), Type.Literal('falling')],
  { description: 'rising 上升 / stable 平稳 / falling 回落' },
);
const MeasureKindSchema = Type.Union(
  [
    Type.Literal('official_reply'),
    Type.Literal('press_release'),
    Type.Literal('clarification'),
    Type.Literal('follow_up_monitoring'),
    Type.Literal('meeting'),
    Type.Literal('other'),
  ],
  {
    description:
      'official_reply 官方回复 / press_release 主流媒体发布 / clarification 澄清不实信息 / ' +
      'follow_up_monitoring 跟踪监测 / meeting 召开会议 / other 其他',
  },
);
const ReportKindSchema = Type.Union([Type.Literal('immediate'), Type.Literal('closing')], {
  description: 'immediate 第一时间报告 / closing 处置结束报告',
});
const Sentiment = Nullable(
  Type.Union([Type.Literal('negative'), Type.Literal('neutral'), Type.Literal('positive')]),
);
const Version = Type.Integer({
  minimum: 1,
  description: '页面上看到的版本号；已被他人更新时返回 409',
});
const Ids = (description: string) =>
  Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500, description });

export const IncidentListQuery = Type.Object(
  {
    status: Type.Optional(StatusSchema),
    level: Type.Optional(LevelSchema),
    q: Type.Optional(Type.String({ maxLength: 100, description: '事件名称包含' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type IncidentListQuery = Static<typeof IncidentListQuery>;

export const IncidentSummary = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  title: Type.String(),
  level: LevelSchema,
  status: StatusSchema,
  ownerId: Type.Integer(),
  ownerName: Type.String(),
  openedAt: DateTime,
  openedByName: Nullable(Type.String()),
  closedAt: Nullable(DateTime),
  topicId: Nullable(Type.Integer()),
  postCount: Type.Integer(),
  caseCount: Type.Integer(),
});
export type IncidentSummary = Static<typeof IncidentSummary>;

export const IncidentPost = Type.Object({
  id: Type.Integer(),
  source: Type.String(),
  title: Nullable(Type.String()),
  excerpt: Type.String(),
  url: Nullable(Type.String()),
  postedAt: DateTime,
  sentiment: Sentiment,
  duplicateOf: Nullable(Type.Integer()),
  caseId: Nullable(Type.Integer()),
});
export type IncidentPost = Static<typeof IncidentPost>;

export const LinkedPost = Type.Composite([
  IncidentPost,
  Type.Object({
    how: Type.Union([
      Type.Literal('opened'),
      Type.Literal('added'),
      Type.Literal('suggested-accepted'),
    ]),
    addedAt: DateTime,
    addedByName: Nullable(Type.String()),
  }),
]);
export type LinkedPost = Static<typeof LinkedPost>;

export const SuggestionReasonSchema = Type.Union(
  [Type.Literal('topic'), Type.Literal('keywords'), Type.Literal('duplicate')],
  { description: 'topic 同一热点话题 / keywords 命中关键词 / duplicate 与关联信息近似重复' },
);
export type SuggestionReason = Static<typeof SuggestionReasonSchema>;

export const SuggestedPost = Type.Composite([
  IncidentPost,
  Type.Object({ reasons: Type.Array(SuggestionReasonSchema) }),
]);
export type SuggestedPost = Static<typeof SuggestedPost>;

export const Snapshot = Type.Object({
  posts: Type.Integer(),
  volume: Type.Array(Type.Object({ day: Type.String(), posts: Type.Integer() })),
  sources: Type.Array(Type.Object({ source: Type.String(), posts: Type.Integer() })),
  sentiment: Type.Object({
    negative: Type.Integer(),
    neutral: Type.Integer(),
    positive: Type.Integer(),
    unknown: Type.Integer(),
  }),
  cases: Type.Integer(),
  firstPostAt: Nullable(DateTime),
  lastPostAt: Nullable(DateTime),
  lastDayUntil: Type.Optional(
    Nullable(
      Type.String({ description: '每日信息量的最后一天即统计当天时，统计截至的时刻（HH:mm）' }),
    ),
  ),
  last24h: Type.Optional(Type.Integer({ description: '统计时刻前24小时内的信息量' })),
  previous24h: Type.Optional(Type.Integer({ description: '再前24小时的信息量' })),
  suggestedTrend: Type.Optional(
    Type.Union([Type.Literal('rising'), Type.Literal('stable'), Type.Literal('falling')], {
      description: '按两段24小时信息量比较得出的趋势，作为研判的默认值',
    }),
  ),
});

export const IncidentDetail = Type.Composite([
  IncidentSummary,
  Type.Object({
    summary: Type.String(),
    keywords: Type.Array(Type.String()),
    topic: Nullable(Type.Object({ id: Type.Integer(), label: Type.String() })),
    closedByName: Nullable(Type.String()),
    closingReport: Nullable(Type.String()),
    updatedAt: DateTime,
    /** The 首报 due while an open 重大 / 特别重大 incident has sent none, with its colour. */
    firstReportClock: Nullable(
      Type.Object({
        dueAt: DateTime,
        level: Type.Union([
          Type.Literal('green'),
          Type.Literal('amber'),
          Type.Literal('red'),
          Type.Literal('overdue'),
        ]),
        text: Type.String({ description: '剩余 40 分钟 / 超期 5 分钟' }),
      }),
    ),
    /** The figures now, from the linked posts. */
    figures: Snapshot,
    cases: Type.Array(
      Type.Object({
        id: Type.Integer(),
        slipNo: Nullable(Type.String()),
        title: Type.String(),
        state: Type.String(),
        addedAt: DateTime,
      }),
    ),
    events: Type.Array(
      Type.Object({
        id: Type.Integer(),
        kind: Type.String(),
        text: Type.String(),
        actorName: Type.String(),
        at: DateTime,
      }),
    ),
    assessments: Type.Array(
      Type.Object({
        id: Type.Integer(),
        at: DateTime,
        assessorName: Nullable(Type.String()),
        judgement: Type.String(),
        trend: TrendSchema,
        riskLevel: LevelSchema,
        snapshot: Snapshot,
      }),
    ),
    measures: Type.Array(
      Type.Object({
        id: Type.Integer(),
        kind: MeasureKindSchema,
        description: Type.String(),
        takenAt: DateTime,
        ownerUserId: Nullable(Type.Integer()),
        ownerName: Type.String(),
        url: Nullable(Type.String()),
        recordedByName: Nullable(Type.String()),
        recordedAt: DateTime,
      }),
    ),
    reports: Type.Array(
      Type.Object({
        id: Type.Integer(),
        kind: ReportKindSchema,
        text: Type.String(),
        sentAt: DateTime,
        sentByName: Nullable(Type.String()),
        recipients: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
      }),
    ),
  }),
]);
export type IncidentDetail = Static<typeof IncidentDetail>;

export const OpenIncidentBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    summary: Type.Optional(Type.String({ maxLength: 2000 })),
    level: LevelSchema,
    ownerId: Type.Integer({ minimum: 1, description: '负责人：舆情管理员或领导' }),
    postIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500, description: '从这些信息开启' }),
    ),
    topicId: Type.Optional(
      Type.Integer({ minimum: 1, description: '从热点话题开启：关联话题下的全部信息' }),
    ),
    keywords: Type.Optional(
      Type.Array(Type.String({ maxLength: 30 }), {
        maxItems: 8,
        description: '用于建议新信息的关键词；不填时取话题关键词或信息中的主要词语',
      }),
    ),
  },
  { additionalProperties: false },
);
export type OpenIncidentBody = Static<typeof OpenIncidentBody>;

export const UpdateIncidentBody = Type.Object(
  {
    version: Version,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    summary: Type.Optional(Type.String({ maxLength: 2000 })),
    level: Type.Optional(LevelSchema),
    ownerId: Type.Optional(Type.Integer({ minimum: 1 })),
    keywords: Type.Optional(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 8 })),
  },
  { additionalProperties: false },
);

export const PostsBody = Type.Object(
  { version: Version, postIds: Ids('信息编号') },
  { additionalProperties: false },
);
export const RemovePostsBody = Type.Object(
  {
    version: Version,
    postIds: Ids('信息编号'),
    reason: Type.Optional(Type.String({ maxLength: 200, description: '移除原因' })),
  },
  { additionalProperties: false },
);
export const CasesBody = Type.Object(
  { version: Version, caseIds: Ids('办件编号') },
  { additionalProperties: false },
);

export const ReportBody = Type.Object(
  { version: Version, text: Type.String({ minLength: 1, maxLength: 8000 }) },
  { additionalProperties: false },
);
export const ReportDraft = Type.Object({ text: Type.String() });
export const ReportDraftQuery = Type.Object(
  { kind: ReportKindSchema },
  { additionalProperties: false },
);

export const AssessmentBody = Type.Object(
  {
    version: Version,
    judgement: Type.String({ minLength: 1, maxLength: 4000, description: '研判意见' }),
    trend: TrendSchema,
    riskLevel: LevelSchema,
  },
  { additionalProperties: false },
);
export type AssessmentBody = Static<typeof AssessmentBody>;

export const MeasureBody = Type.Object(
  {
    version: Version,
    kind: MeasureKindSchema,
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    takenAt: Type.String({ format: 'date-time', description: '采取措施的时间' }),
    ownerUserId: Type.Optional(Type.Integer({ minimum: 1, description: '责任人（用户）' })),
    ownerUnit: Type.Optional(
      Type.String({ maxLength: 100, description: '责任单位（无账号的单位填名称）' }),
    ),
    url: Type.Optional(Type.String({ maxLength: 2000, description: '发布或回复的链接' })),
  },
  { additionalProperties: false },
);
export type MeasureBody = Static<typeof MeasureBody>;

export const CloseBody = Type.Object(
  {
    version: Version,
    closingReport: Type.String({ maxLength: 8000, description: '处置结束报告（必填）' }),
  },
  { additionalProperties: false },
);

export const SuggestionList = Type.Object({
  items: Type.Array(SuggestedPost),
  total: Type.Integer(),
});

export const OwnerOption = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
});
