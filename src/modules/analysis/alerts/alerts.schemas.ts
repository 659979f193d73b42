import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery } from '../../../server/common-schemas.js';
import { ROLES } from '../../access/roles.js';

const DateTime = Type.String({ format: 'date-time' });

export const LevelSchema = Type.Union(
  [Type.Literal('blue'), Type.Literal('yellow'), Type.Literal('orange'), Type.Literal('red')],
  { description: 'blue 蓝色 / yellow 黄色 / orange 橙色 / red 红色（由低到高）' },
);
export const StatusSchema = Type.Union(
  [Type.Literal('active'), Type.Literal('acknowledged'), Type.Literal('closed')],
  { description: 'active 待处理 / acknowledged 已确认 / closed 已关闭' },
);
const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

/** Where a rule's syntax error is: 0-based offset and how many characters to underline. */
export const SyntaxErrorDetail = Type.Object({
  message: Type.String(),
  position: Type.Integer(),
  length: Type.Integer(),
});

/** 400 for a rule that does not parse: the usual error body plus where the problem is. */
export const RuleErrorReply = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      position: Type.Optional(Type.Integer()),
      length: Type.Optional(Type.Integer()),
    }),
  },
  { description: '错误；code 为 RULE_SYNTAX 时 position/length 指出表达式中出错的位置（从 0 起）' },
);

export const AlertRuleBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    expression: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: '关键词表达式：AND/且/空格、OR/或、NOT/非/-、NEAR/N、"短语"、括号',
    }),
    level: LevelSchema,
    windowMinutes: Type.Integer({ minimum: 5, maximum: 10080, description: '统计时段（分钟）' }),
    minCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    minNegativeShare: Type.Optional(
      Nullable(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 1,
          description: '负面占比阈值（0–1），null 为不限',
        }),
      ),
    ),
    burstFactor: Type.Optional(
      Nullable(
        Type.Number({
          minimum: 1,
          maximum: 100,
          description: '突增倍数：时段内条数 ≥ 倍数 × 过去 7 天同长时段平均，null 为不限',
        }),
      ),
    ),
    onlyRelevant: Type.Optional(Type.Boolean({ default: true })),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    notifyRoles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, uniqueItems: true })),
    cooldownMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 43200, default: 60 })),
  },
  { additionalProperties: false },
);
export type AlertRuleInput = Static<typeof AlertRuleBody>;

export const AlertRule = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  expression: Type.String(),
  /** The canonical form (explicit AND, English operators), null if it no longer parses. */
  canonical: Nullable(Type.String()),
  level: LevelSchema,
  windowMinutes: Type.Integer(),
  minCount: Type.Integer(),
  minNegativeShare: Nullable(Type.Number()),
  burstFactor: Nullable(Type.Number()),
  onlyRelevant: Type.Boolean(),
  enabled: Type.Boolean(),
  notifyRoles: Type.Array(Type.String()),
  cooldownMinutes: Type.Integer(),
  createdByName: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  lastEvaluatedAt: Nullable(DateTime),
  lastMatchedCount: Nullable(Type.Integer()),
  alertCount: Type.Integer(),
  openAlert: Nullable(
    Type.Object({ id: Type.Integer(), level: LevelSchema, status: StatusSchema }),
  ),
});
export type AlertRule = Static<typeof AlertRule>;

export const ValidateBody = Type.Object(
  { expression: Type.String({ maxLength: 4000 }) },
  { additionalProperties: false },
);

export const ValidateResult = Type.Union([
  Type.Object({
    ok: Type.Literal(true),
    canonical: Type.String(),
    /** The words the rule looks for (outside NOT). */
    terms: Type.Array(Type.String()),
  }),
  Type.Object({ ok: Type.Literal(false), error: SyntaxErrorDetail }),
]);
export type ValidateResult = Static<typeof ValidateResult>;

/** A post shown with the places the rule matched marked. */
export const MatchedPost = Type.Object({
  id: Type.Integer(),
  title: Nullable(Type.String()),
  source: Type.String(),
  url: Nullable(Type.String()),
  postedAt: DateTime,
  sentiment: Nullable(Type.String()),
  caseId: Nullable(Type.Integer()),
  /** Title and a stretch of the body around the first match, with the matches' offsets in them. */
  titleMarks: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])),
  excerpt: Type.String(),
  excerptMarks: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])),
  terms: Type.Array(Type.String()),
});
export type MatchedPost = Static<typeof MatchedPost>;

export const Measurement = Type.Object({
  windowStart: DateTime,
  windowEnd: DateTime,
  matchedCount: Type.Integer(),
  negativeShare: Nullable(Type.Number()),
  baseline: Nullable(Type.Number()),
  burstRatio: Nullable(Type.Number()),
  met: Type.Boolean(),
  checks: Type.Array(Type.Object({ met: Type.Boolean(), text: Type.String() })),
});

export const TestRuleBody = Type.Object(
  {
    days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 30, default: 7, description: '列出最近几天的匹配' }),
    ),
  },
  { additionalProperties: false },
);

/** A rule not saved yet, tried from the form. */
export const TestDraftBody = Type.Composite(
  [Type.Omit(AlertRuleBody, ['name', 'enabled', 'notifyRoles', 'cooldownMinutes']), TestRuleBody],
  { additionalProperties: false },
);
export type TestDraftInput = Static<typeof TestDraftBody>;

export const TestResult = Type.Object({
  /** The rule's window now, measured as the evaluation job would. */
  measurement: Measurement,
  /** Whether the job would raise (or update) an alert now. */
  wouldFire: Type.Boolean(),
  days: Type.Integer(),
  /** Matching posts of the last `days` days, newest first (at most 50), and how many in all. */
  total: Type.Integer(),
  posts: Type.Array(MatchedPost),
});
export type TestResult = Static<typeof TestResult>;

export const AlertListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([StatusSchema, Type.Literal('open')], {
        description: 'open = 待处理和已确认',
      }),
    ),
    level: Type.Optional(LevelSchema),
    ruleId: Type.Optional(Type.Integer({ minimum: 1 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type AlertListQuery = Static<typeof AlertListQuery>;

export const AlertSummary = Type.Object({
  id: Type.Integer(),
  ruleId: Type.Integer(),
  ruleName: Type.String(),
  level: LevelSchema,
  status: StatusSchema,
  windowStart: DateTime,
  windowEnd: DateTime,
  matchedCount: Type.Integer(),
  peakCount: Type.Integer(),
  negativeShare: Nullable(Type.Number()),
  burstRatio: Nullable(Type.Number()),
  firstTriggeredAt: DateTime,
  lastTriggeredAt: DateTime,
  triggerCount: Type.Integer(),
  acknowledgedByName: Nullable(Type.String()),
  acknowledgedAt: Nullable(DateTime),
  closedByName: Nullable(Type.String()),
  closedAt: Nullable(DateTime),
  note: Nullable(Type.String()),
});
export type AlertSummary = Static<typeof AlertSummary>;

export const AlertDetail = Type.Composite([
  AlertSummary,
  Type.Object({
    ruleExpression: Type.String(),
    ruleWindowMinutes: Type.Integer(),
    samplePosts: Type.Array(MatchedPost),
  }),
]);
export type AlertDetail = Static<typeof AlertDetail>;

export const CloseAlertBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 500, description: '处置说明' })) },
  { additionalProperties: false },
);
