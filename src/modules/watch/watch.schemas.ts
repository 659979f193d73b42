import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery } from '../../server/common-schemas.js';

export const WATCH_KIND_LABELS = {
  meeting: '重大会议',
  celebration: '庆典',
  project: '项目建设',
  other: '其他',
} as const;

export const WatchKindSchema = Type.Union(
  [
    Type.Literal('meeting'),
    Type.Literal('celebration'),
    Type.Literal('project'),
    Type.Literal('other'),
  ],
  { description: 'meeting 重大会议 / celebration 庆典 / project 项目建设 / other 其他' },
);

/** Relative to today's local date: 进行中 / 未开始 / 已结束. */
export const WatchStatusSchema = Type.Union(
  [Type.Literal('active'), Type.Literal('upcoming'), Type.Literal('ended')],
  { description: 'active 进行中 / upcoming 未开始 / ended 已结束（按今天的本地日期）' },
);
export type WatchStatus = Static<typeof WatchStatusSchema>;

const LocalDate = Type.String({ format: 'date', description: '日期，如 2026-11-26（本地时区）' });
const DateTime = Type.String({ format: 'date-time' });

export const WatchPeriodListQuery = Type.Object(
  {
    status: Type.Optional(WatchStatusSchema),
    q: Type.Optional(Type.String({ maxLength: 60, description: '名称包含' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type WatchPeriodListQuery = Static<typeof WatchPeriodListQuery>;

export const WatchPeriodSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: WatchKindSchema,
  startsOn: LocalDate,
  endsOn: LocalDate,
  intervalMinutes: Type.Integer(),
  note: Nullable(Type.String()),
  status: WatchStatusSchema,
  sourceCount: Type.Integer(),
  dutyCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type WatchPeriodSummary = Static<typeof WatchPeriodSummary>;

export const WatchSource = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  enabled: Type.Boolean(),
});
export type WatchSource = Static<typeof WatchSource>;

export const WatchDuty = Type.Object({
  id: Nullable(Type.Integer({ description: '自动排班的建议尚未保存时为 null' })),
  userId: Type.Integer(),
  userName: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  note: Nullable(Type.String()),
});
export type WatchDuty = Static<typeof WatchDuty>;

export const CoverageDay = Type.Object({
  date: LocalDate,
  /** Hours of the local day (0–23) that nobody covers for the whole hour. */
  uncoveredHours: Type.Array(Type.Integer()),
  /** Per hour of the day, the users on duty during some part of it. */
  onDuty: Type.Array(Type.Array(Type.Integer())),
});
export type CoverageDay = Static<typeof CoverageDay>;

export const WatchPeriodDetail = Type.Object({
  ...WatchPeriodSummary.properties,
  sources: Type.Array(WatchSource),
  duties: Type.Array(WatchDuty),
  coverage: Type.Array(CoverageDay),
});
export type WatchPeriodDetail = Static<typeof WatchPeriodDetail>;

const Name = Type.String({ minLength: 1, maxLength: 60 });
const Interval = Type.Integer({
  minimum: 5,
  maximum: 1440,
  description: '重点时段内所选信息源的抓取间隔（分钟）',
});
const Note = Type.String({ maxLength: 500 });
const SourceIds = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200, uniqueItems: true });

export const CreateWatchPeriodBody = Type.Object(
  {
    name: Name,
    kind: WatchKindSchema,
    startsOn: LocalDate,
    endsOn: LocalDate,
    intervalMinutes: Type.Optional(Interval),
    note: Type.Optional(Nullable(Note)),
    sourceIds: Type.Optional(SourceIds),
  },
  { additionalProperties: false },
);
export type CreateWatchPeriodInput = Static<typeof CreateWatchPeriodBody>;

export const UpdateWatchPeriodBody = Type.Partial(
  Type.Object({
    name: Name,
    kind: WatchKindSchema,
    startsOn: LocalDate,
    endsOn: LocalDate,
    intervalMinutes: Interval,
    note: Nullable(Note),
    sourceIds: SourceIds,
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWatchPeriodInput = Static<typeof UpdateWatchPeriodBody>;

export const DutyInput = Type.Object(
  {
    userId: Type.Integer({ minimum: 1 }),
    startsAt: DateTime,
    endsAt: DateTime,
    note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type DutyInput = Static<typeof DutyInput>;

export const ReplaceDutiesBody = Type.Object(
  { duties: Type.Array(DutyInput, { maxItems: 2000 }) },
  { additionalProperties: false },
);
export type ReplaceDutiesInput = Static<typeof ReplaceDutiesBody>;

export const GenerateRosterBody = Type.Object(
  {
    userIds: Type.Array(Type.Integer({ minimum: 1 }), {
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      description: '轮流值班的舆情管理员，按轮班顺序',
    }),
    shiftHours: Type.Union([Type.Literal(6), Type.Literal(8), Type.Literal(12), Type.Literal(24)]),
    firstShiftStartsAt: Type.Integer({
      minimum: 0,
      maximum: 23,
      description: '交班时刻（本地时间的整点），如 8 表示每天 8:00 起换班',
    }),
  },
  { additionalProperties: false },
);
export type GenerateRosterInput = Static<typeof GenerateRosterBody>;

export const ProposedRoster = Type.Object({
  duties: Type.Array(WatchDuty),
  coverage: Type.Array(CoverageDay),
});
export type ProposedRoster = Static<typeof ProposedRoster>;

export const SourceOption = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
});
export type SourceOption = Static<typeof SourceOption>;

export const DutyPerson = Type.Object({
  userId: Type.Integer(),
  userName: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
});

export const TodayPeriod = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: WatchKindSchema,
  startsOn: LocalDate,
  endsOn: LocalDate,
  onDuty: Type.Array(DutyPerson),
  next: Type.Array(DutyPerson),
  uncoveredHours: Type.Array(Type.Integer()),
});
export type TodayPeriod = Static<typeof TodayPeriod>;

export const WatchToday = Type.Object({
  date: LocalDate,
  now: DateTime,
  periods: Type.Array(TodayPeriod),
});
export type WatchToday = Static<typeof WatchToday>;
