import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery } from '../../server/common-schemas.js';

export const SOURCE_KIND_LABELS = {
  rss: 'RSS/Atom',
  html: '网页',
  json: 'JSON 接口',
  manual: '人工录入',
  import: '文件导入',
  board: '网络问政',
} as const;

export const SourceKindSchema = Type.Union(
  [
    Type.Literal('rss'),
    Type.Literal('html'),
    Type.Literal('json'),
    Type.Literal('manual'),
    Type.Literal('import'),
    Type.Literal('board'),
  ],
  {
    description: 'rss / html 网页 / json 接口 / manual 人工录入 / import 文件导入 / board 网络问政',
  },
);

/** The kinds staff may create; the message board's source is made by the board itself. */
export const CreatableKindSchema = Type.Union([
  Type.Literal('rss'),
  Type.Literal('html'),
  Type.Literal('json'),
  Type.Literal('manual'),
  Type.Literal('import'),
]);

const DateTime = Type.String({ format: 'date-time' });

export const SourceSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: SourceKindSchema,
  url: Nullable(Type.String()),
  intervalMinutes: Type.Integer(),
  enabled: Type.Boolean(),
  nextRunAt: Nullable(DateTime),
  lastRunAt: Nullable(DateTime),
  lastSuccessAt: Nullable(DateTime),
  lastErrorAt: Nullable(DateTime),
  lastError: Nullable(Type.String()),
  /** What the last run that did not fail lost (部分成功); null when it lost nothing. */
  lastWarning: Nullable(Type.String()),
  lastFound: Nullable(Type.Integer()),
  lastNew: Nullable(Type.Integer()),
  /**
   * ok: the last run succeeded; warning: it went through but lost content (lastWarning says
   * what); failed: it failed; never: not run yet (or never fetched).
   */
  health: Type.Union([
    Type.Literal('ok'),
    Type.Literal('warning'),
    Type.Literal('failed'),
    Type.Literal('never'),
  ]),
  /** Posts stored from this source (source_key 'source:<id>'). */
  postCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type SourceSummary = Static<typeof SourceSummary>;

export const SourceRun = Type.Object({
  id: Type.Integer(),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('watch'), Type.Literal('manual')]),
  status: Type.Union([
    Type.Literal('running'),
    Type.Literal('ok'),
    Type.Literal('partial'),
    Type.Literal('failed'),
  ]),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
  pages: Type.Integer(),
  notModified: Type.Integer(),
  robotsBlocked: Type.Integer(),
  found: Type.Integer(),
  new: Type.Integer(),
  duplicates: Type.Integer(),
  nearDuplicates: Type.Integer(),
  error: Nullable(Type.String()),
  /** What a partial run lost (部分成功). */
  warnings: Type.Array(Type.String()),
});
export type SourceRun = Static<typeof SourceRun>;

export const SourceDetail = Type.Object({
  ...SourceSummary.properties,
  config: Type.Record(Type.String(), Type.Unknown()),
  /** The 50 most recent runs, newest first. */
  runs: Type.Array(SourceRun),
});
export type SourceDetail = Static<typeof SourceDetail>;

export const SourceListQuery = Type.Object(
  {
    kind: Type.Optional(SourceKindSchema),
    enabled: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    name: Type.Optional(Type.String({ maxLength: 60, description: '名称包含' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type SourceListQuery = Static<typeof SourceListQuery>;

const SourceName = Type.String({ minLength: 1, maxLength: 60 });
const Url = Type.String({ maxLength: 2000, description: 'http(s) 地址；RSS、网页、JSON 接口必填' });
const Interval = Type.Integer({
  minimum: 5,
  maximum: 10080,
  description: '抓取间隔（分钟），5 分钟到 7 天，默认 1440（每天）',
});
const Config = Type.Record(Type.String(), Type.Unknown(), {
  description: '按类型：网页的 CSS 选择器、JSON 的字段映射、RSS 的条数上限',
});

export const CreateSourceBody = Type.Object(
  {
    name: SourceName,
    kind: CreatableKindSchema,
    url: Type.Optional(Nullable(Url)),
    config: Type.Optional(Config),
    intervalMinutes: Type.Optional(Interval),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateSourceInput = Static<typeof CreateSourceBody>;

export const UpdateSourceBody = Type.Partial(
  Type.Object({
    name: SourceName,
    url: Nullable(Url),
    config: Config,
    intervalMinutes: Interval,
    enabled: Type.Boolean(),
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSourceInput = Static<typeof UpdateSourceBody>;

export const PreviewBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('rss'), Type.Literal('html'), Type.Literal('json')]),
    url: Url,
    config: Type.Optional(Config),
  },
  { additionalProperties: false },
);
export type PreviewInput = Static<typeof PreviewBody>;

export const PreviewReply = Type.Object({
  items: Type.Array(
    Type.Object({
      url: Nullable(Type.String()),
      title: Nullable(Type.String()),
      body: Type.String(),
      author: Nullable(Type.String()),
      postedAt: Nullable(Type.String()),
      likes: Nullable(Type.Number()),
    }),
  ),
  pages: Type.Array(
    Type.Object({
      url: Type.String(),
      status: Nullable(Type.Integer()),
      error: Type.Optional(Type.String()),
    }),
  ),
  warnings: Type.Array(Type.String()),
});

export const RunQueuedReply = Type.Object({
  queued: Type.Boolean(),
  nextRunAt: DateTime,
  message: Type.String(),
});
