import { Type } from '@sinclair/typebox';
import { Nullable, PageQuery } from '../../server/common-schemas.js';

const DateTime = Type.String({ format: 'date-time' });
export const BriefStatusSchema = Type.Union(
  [
    Type.Literal('draft'),
    Type.Literal('reviewing'),
    Type.Literal('approved'),
    Type.Literal('submitted'),
    Type.Literal('returned'),
  ],
  {
    description:
      'draft 草稿 / reviewing 待审核 / approved 已审核 / submitted 已报送 / returned 已退回',
  },
);
const SourceKind = Type.Union([
  Type.Literal('post'),
  Type.Literal('topic'),
  Type.Literal('incident'),
]);
const OutcomeKind = Type.Union([Type.Literal('adopted'), Type.Literal('instruction')], {
  description: 'adopted 采用 / instruction 领导批示',
});
const Version = Type.Optional(Type.Integer({ minimum: 1 }));

export const BriefDetailSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  sourceKind: Nullable(SourceKind),
  sourceId: Nullable(Type.Integer()),
  author: Type.Object({ id: Type.Integer(), name: Type.String() }),
  unitName: Nullable(Type.String()),
  status: BriefStatusSchema,
  reviewerName: Nullable(Type.String()),
  reviewedAt: Nullable(DateTime),
  reviewComment: Nullable(Type.String()),
  issueNo: Nullable(Type.Integer()),
  submittedAt: Nullable(DateTime),
  submittedTo: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Integer(),
  outcomes: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: OutcomeKind,
      byWhom: Type.String(),
      level: Type.String(),
      note: Nullable(Type.String()),
      recordedAt: DateTime,
    }),
  ),
});

export const BriefListQuery = Type.Object({
  status: Type.Optional(BriefStatusSchema),
  ...PageQuery,
});
export const WriteBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 100 })),
  body: Type.Optional(Type.String({ maxLength: 20000 })),
  source: Type.Optional(Type.Object({ kind: SourceKind, id: Type.Integer({ minimum: 1 }) })),
});
export const EditBody = Type.Object({
  title: Type.String({ maxLength: 100 }),
  body: Type.String({ maxLength: 20000 }),
  version: Version,
});
export const VersionBody = Type.Object({ version: Version });
export const ReviewBody = Type.Object({
  decision: Type.Union([Type.Literal('approve'), Type.Literal('return')]),
  comment: Type.Optional(Type.String({ maxLength: 1000 })),
  version: Version,
});
export const SubmitBody = Type.Object({
  submittedTo: Type.String({ minLength: 1, maxLength: 100 }),
  version: Version,
});
export const OutcomeBody = Type.Object({
  kind: OutcomeKind,
  byWhom: Type.String({ maxLength: 100 }),
  level: Type.String({ maxLength: 20 }),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
  version: Version,
});

export const PeriodQuery = Type.Object({
  period: Type.String({ pattern: '^\\d{4}(-(0[1-9]|1[0-2]))?$', description: 'YYYY-MM 或 YYYY' }),
});
const RankingRowSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  unitName: Nullable(Type.String()),
  submitted: Type.Integer(),
  adopted: Type.Integer(),
  instructions: Type.Integer(),
  quota: Nullable(Type.Integer()),
  completion: Nullable(Type.Number()),
  score: Type.Integer(),
  rank: Type.Integer(),
});
export const RankingSchema = Type.Object({
  period: Type.String(),
  units: Type.Array(RankingRowSchema),
  people: Type.Array(RankingRowSchema),
});
export const QuotaBody = Type.Object({
  month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  userId: Type.Optional(Type.Integer({ minimum: 1 })),
  quota: Type.Integer({ minimum: 0, maximum: 10000 }),
});
export const QuotaTargetsSchema = Type.Object({
  units: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  users: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), unitName: Nullable(Type.String()) }),
  ),
});

export const UnitQuotasBody = Type.Object({
  month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
  quotas: Type.Array(
    Type.Object({
      unitId: Type.Integer({ minimum: 1 }),
      quota: Type.Integer({ minimum: 0, maximum: 10000 }),
    }),
    { maxItems: 1000 },
  ),
});

export const HandoverQuery = Type.Object({
  watchPeriodId: Type.Optional(Type.Integer({ minimum: 1 })),
});
export const HandoverBody = Type.Object({
  watchPeriodId: Type.Optional(Type.Integer({ minimum: 1 })),
  toUserId: Type.Optional(Type.Integer({ minimum: 1 })),
  note: Type.String({ minLength: 1, maxLength: 2000 }),
});
export const HandoverSchema = Type.Object({
  id: Type.Integer(),
  watchPeriodId: Nullable(Type.Integer()),
  fromUser: Type.Object({ id: Type.Integer(), name: Type.String() }),
  toUser: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  note: Type.String(),
  at: DateTime,
});
