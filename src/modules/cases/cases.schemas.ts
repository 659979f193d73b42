import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Nullable } from '../../server/common-schemas.js';
import { CASE_ACTIONS, type CaseState } from './case-status.js';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const DateTime = Type.String({ format: 'date-time' });
/**
 * A web address people open from the case page, the case file and the public board: http(s)
 * only. 'uri' alone let javascript: and data: through, which would run or render in our origin.
 */
const WebUrl = (options: { minLength?: number } = {}) =>
  Type.String({ ...options, maxLength: 2000, format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });

export const CaseStateSchema = Type.Union([
  Type.Literal('registered'),
  Type.Literal('assigned'),
  Type.Literal('handling'),
  Type.Literal('reviewing'),
  Type.Literal('approved'),
  Type.Literal('published'),
  Type.Literal('closed'),
  Type.Literal('archived'),
]) satisfies TSchema & { static: CaseState };
export const DeadlineLevel = Type.Union([
  Type.Literal('green'),
  Type.Literal('amber'),
  Type.Literal('red'),
  Type.Literal('overdue'),
]);

export const PostInput = Type.Object(
  {
    source: Text(100),
    url: Type.Optional(Nullable(WebUrl())),
    author: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    postedAt: DateTime,
    title: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    body: Text(20000),
    contact: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);

export const RegisterBody = Type.Object(
  {
    post: Type.Optional(PostInput),
    postId: Type.Optional(Type.Integer({ minimum: 1 })),
    urgent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RegisterInput = Static<typeof RegisterBody>;

const Version = { version: Type.Optional(Type.Integer({ minimum: 1 })) };

export const AssignBody = Type.Object(
  {
    instruction: Text(2000),
    leadUnitId: Type.Integer({ minimum: 1 }),
    coUnitIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), { uniqueItems: true, maxItems: 20 }),
    ),
    urgent: Type.Optional(Type.Boolean()),
    withinHours: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 47,
        description:
          '限时反馈（紧急件）：批办后多少小时内报送书面回复，须短于紧急件的规定期限；不填按规定期限',
      }),
    ),
    ...Version,
  },
  { additionalProperties: false },
);
export type AssignInput = Static<typeof AssignBody>;

export const ReasonBody = Type.Object(
  { reason: Text(2000), ...Version },
  { additionalProperties: false },
);
export const CommentBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 2000 })), ...Version },
  { additionalProperties: false },
);
export const RequiredCommentBody = Type.Object(
  { comment: Text(2000), ...Version },
  { additionalProperties: false },
);
export const ReturnSlipBody = Type.Object(
  {
    reason: Type.String({ maxLength: 500, description: '退回理由（2 至 500 字）' }),
    ...Version,
  },
  { additionalProperties: false },
);
export const DeclineCoBody = Type.Object(
  {
    reason: Type.String({ maxLength: 500, description: '退出协办的理由（2 至 500 字）' }),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    ...Version,
  },
  { additionalProperties: false },
);
export const SignBody = Type.Object(
  { unitId: Type.Optional(Type.Integer({ minimum: 1 })), ...Version },
  { additionalProperties: false },
);
export const TextBody = Type.Object(
  { text: Text(20000), unitId: Type.Optional(Type.Integer({ minimum: 1 })), ...Version },
  { additionalProperties: false },
);
export const AcknowledgeBody = Type.Object(
  { text: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })), ...Version },
  { additionalProperties: false },
);
export const ExtensionBody = Type.Object(
  { reason: Text(2000), until: DateTime, ...Version },
  { additionalProperties: false },
);
export const ExtensionDecisionBody = Type.Object(
  { granted: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: 2000 })), ...Version },
  { additionalProperties: false },
);
export const PublishBody = Type.Object(
  {
    url: WebUrl({ minLength: 1 }),
    publishedAt: Type.Optional(DateTime),
    ...Version,
  },
  { additionalProperties: false },
);
export const RatingBody = Type.Object(
  {
    rating: Type.Union([
      Type.Literal('satisfied'),
      Type.Literal('basically'),
      Type.Literal('unsatisfied'),
    ]),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    reopen: Type.Optional(Type.Boolean()),
    ...Version,
  },
  { additionalProperties: false },
);

export const CaseListQuery = Type.Object({
  state: Type.Optional(CaseStateSchema),
  open: Type.Optional(
    Type.Boolean({ description: 'true：只列未办结（仍欠公开答复）的办件，即舆情态势的“在办”' }),
  ),
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  overdue: Type.Optional(Type.Boolean()),
  urgent: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  returned: Type.Optional(Type.Boolean({ description: '最近一次回复被退回' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: '受理时间起' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: '受理时间止' })),
  assignedFrom: Type.Optional(
    Type.String({ format: 'date', description: '抄告单签发日期起，如 2026-11-01（含；本地时区）' }),
  ),
  assignedTo: Type.Optional(
    Type.String({
      format: 'date',
      description: '抄告单签发日期止（含），与单位办理台账的统计期间同一口径',
    }),
  ),
  extensionState: Type.Optional(
    Type.Union([Type.Literal('requested'), Type.Literal('granted'), Type.Literal('refused')]),
  ),
  sort: Type.Optional(
    Type.Union([Type.Literal('newest'), Type.Literal('replyDue'), Type.Literal('handlingDue')], {
      description: 'newest（默认，新登记在前）、replyDue、handlingDue（期限早的在前）',
    }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});
export type CaseListQuery = Static<typeof CaseListQuery>;

const Clock = Type.Object({
  dueAt: DateTime,
  level: DeadlineLevel,
  text: Type.String({ description: '剩余 1 天 3 小时 / 超期 5 小时' }),
});

export const CaseSummary = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  state: CaseStateSchema,
  urgent: Type.Boolean(),
  slipNo: Nullable(Type.String()),
  title: Type.String(),
  source: Type.String(),
  postedAt: DateTime,
  registeredAt: DateTime,
  leadUnitId: Nullable(Type.Integer()),
  leadUnitName: Nullable(Type.String()),
  extensionState: Nullable(Type.String()),
  lastDecision: Nullable(Type.Union([Type.Literal('approved'), Type.Literal('returned')])),
  archivedAt: Nullable(DateTime),
  imported: Nullable(
    Type.Object(
      { importId: Type.Integer(), fileName: Type.String(), row: Type.Integer() },
      { description: '历史台账导入的办件：导入的文件和行号（只读的历史记录）' },
    ),
  ),
  /** The due times themselves, also once the clocks stop (the printed slip shows them). */
  replyDueAt: DateTime,
  handlingDueAt: Nullable(DateTime),
  replyClock: Nullable(Clock),
  handlingClock: Nullable(Clock),
  myUnits: Type.Optional(
    Type.Array(
      Type.Object({
        unitId: Type.Integer(),
        role: Type.Union([Type.Literal('lead'), Type.Literal('co')]),
        signedAt: Nullable(DateTime),
        contributedAt: Nullable(DateTime),
      }),
      { description: '联络员本单位在此办件中的角色、签收和协办意见（仅联络员的列表有）' },
    ),
  ),
});
export type CaseSummary = Static<typeof CaseSummary>;

const CaseUnit = Type.Object({
  unitId: Type.Integer(),
  name: Type.String(),
  role: Type.Union([Type.Literal('lead'), Type.Literal('co')]),
  signedAt: Nullable(DateTime),
  signedBy: Nullable(Type.String()),
  contribution: Nullable(Type.String()),
  contributedAt: Nullable(DateTime),
  mine: Type.Boolean({ description: '当前用户是否为该单位的联络员' }),
});

export const Attachment = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: DateTime,
  uploadedBy: Nullable(Type.String()),
});

const Reply = Type.Object({
  round: Type.Integer(),
  text: Type.String(),
  submittedAt: DateTime,
  submittedBy: Nullable(Type.String()),
  decision: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
  decidedBy: Nullable(Type.String()),
  comment: Nullable(Type.String()),
});

const Event = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  actorName: Type.String(),
  action: Type.String(),
  label: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  comment: Nullable(Type.String()),
});

export const CaseDetail = Type.Object({
  ...CaseSummary.properties,
  post: Type.Object({
    id: Type.Integer(),
    source: Type.String(),
    url: Nullable(Type.String()),
    author: Nullable(Type.String()),
    postedAt: DateTime,
    title: Nullable(Type.String()),
    body: Type.String(),
    contact: Nullable(Type.String({ description: '非办理人员看到的是脱敏后的联系方式' })),
  }),
  instruction: Nullable(Type.String()),
  assignedAt: Nullable(DateTime),
  assignedBy: Nullable(Type.String()),
  acknowledgedAt: Nullable(DateTime),
  acknowledgement: Nullable(Type.String()),
  extensionLatest: Type.Optional(
    Type.String({
      format: 'date-time',
      description: '延期最迟可至的时间（网民发帖后的最长答复期限）',
    }),
  ),
  handlingDueIfAssigned: Type.Optional(
    Type.Object(
      {
        normal: Type.String({ format: 'date-time' }),
        urgent: Type.String({ format: 'date-time' }),
      },
      { description: '待批办时：若现在批办，承办单位书面回复的期限（普通件 / 紧急件）' },
    ),
  ),
  lastReturn: Nullable(
    Type.Object(
      { unitName: Nullable(Type.String()), at: DateTime, reason: Type.String() },
      { description: '最近一次牵头单位退回抄告单：单位、时间、理由（批办时提示）' },
    ),
  ),
  extension: Nullable(
    Type.Object({
      state: Type.String(),
      reason: Type.String(),
      until: DateTime,
      comment: Nullable(Type.String()),
    }),
  ),
  replyText: Nullable(Type.String()),
  publishedUrl: Nullable(Type.String()),
  publishedAt: Nullable(DateTime),
  rating: Nullable(Type.String()),
  ratingNote: Nullable(Type.String()),
  closedReason: Nullable(Type.String()),
  firstResponseMinutes: Nullable(Type.Integer()),
  units: Type.Array(CaseUnit),
  attachments: Type.Array(Attachment),
  replies: Type.Array(Reply),
  timeline: Type.Array(Event),
  /** Exactly the acts this user may take now (the page shows these buttons and no others). */
  actions: Type.Array(Type.String({ enum: Object.keys(CASE_ACTIONS) })),
});
export type CaseDetail = Static<typeof CaseDetail>;
