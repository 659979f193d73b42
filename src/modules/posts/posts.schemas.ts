import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Page, PageQuery } from '../../server/common-schemas.js';
import { UrgencyFlag } from '../analysis/urgency/urgency-flags.js';

export const PostSearchQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: '关键词，空格分隔；"短语"、-排除、or' }),
    ),
    source: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: '信息源（source_key）' }),
    ),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    collectedFrom: Type.Optional(
      Type.String({
        format: 'date-time',
        description: '收集（入库）时间起：当日舆情报告按收集时间统计，其图表据此列出信息',
      }),
    ),
    collectedTo: Type.Optional(
      Type.String({ format: 'date-time', description: '收集（入库）时间止（不含）' }),
    ),
    category: Type.Optional(Type.Integer({ minimum: 1, description: '分类编号' })),
    sentiment: Type.Optional(
      Type.Union([Type.Literal('negative'), Type.Literal('neutral'), Type.Literal('positive')], {
        description: '情感：负面 / 中性 / 正面',
      }),
    ),
    urgent: Type.Optional(Type.Boolean({ description: '含紧急信号' })),
    topic: Type.Optional(Type.Integer({ minimum: 1, description: '热点话题编号' })),
    place: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: '命中的管辖词（地名）' }),
    ),
    relevant: Type.Optional(
      Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('all')], {
        default: 'true',
        description: '与本辖区相关（默认只看相关的）',
      }),
    ),
    review: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('read'), Type.Literal('dismissed')], {
        description: '研判：pending 待研判（未标记、未登记办件）/ read 已阅 / dismissed 不予处理',
      }),
    ),
    duplicates: Type.Optional(
      Type.Union([Type.Literal('show'), Type.Literal('hide')], {
        default: 'hide',
        description: '近似重复的帖子（默认隐藏）',
      }),
    ),
    sort: Type.Optional(
      Type.Union([Type.Literal('time'), Type.Literal('relevance')], {
        description: '排序：有关键词时默认按相关度，否则按时间',
      }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PostSearchQuery = Static<typeof PostSearchQuery>;

const postFields = {
  id: Type.Integer(),
  source: Type.String(),
  sourceKey: Nullable(Type.String()),
  title: Nullable(Type.String()),
  url: Nullable(Type.String()),
  author: Nullable(Type.String()),
  postedAt: Type.String({ format: 'date-time' }),
  relevant: Type.Boolean(),
  relevanceTerms: Type.Array(Type.String()),
  duplicateOf: Nullable(Type.Integer()),
  duplicateKind: Nullable(Type.String()),
  likes: Nullable(Type.Integer()),
  dislikes: Nullable(Type.Integer()),
  /** The case registered from this post, if any. */
  caseId: Nullable(Type.Integer()),
  /** Analysis (issue 5); null until the post has been analysed. */
  category: Nullable(Type.String({ description: '分类名称' })),
  sentiment: Nullable(
    Type.Union([Type.Literal('negative'), Type.Literal('neutral'), Type.Literal('positive')], {
      description: '情感：负面 / 中性 / 正面',
    }),
  ),
  urgent: Type.Boolean({ description: '有紧急信号' }),
  signals: Type.Array(UrgencyFlag, { description: '紧急信号及触发词' }),
  review: Nullable(
    Type.Union([Type.Literal('read'), Type.Literal('dismissed')], {
      description: '研判：已阅 / 不予处理；null 为待研判',
    }),
  ),
};

export const PostSummary = Type.Object({
  ...postFields,
  excerpt: Type.String(),
  /** HTML-escaped fragments with the matched words in <mark>…</mark>; null without a query. */
  highlight: Nullable(Type.String()),
  rank: Nullable(Type.Number()),
});
export type PostSummary = Static<typeof PostSummary>;

export const PostSearchPage = Type.Composite([
  Page(PostSummary),
  Type.Object({
    /** Past 2,000 matches the total is the planner's estimate (约 N 条), not a count. */
    estimated: Type.Boolean(),
  }),
]);

export const PostDetail = Type.Object({
  ...postFields,
  body: Type.String(),
  canonicalUrl: Nullable(Type.String()),
  /** Near-duplicates linked to this post. */
  duplicateCount: Type.Integer(),
});
export type PostDetail = Static<typeof PostDetail>;

/** A source to filter 舆情信息 by: every source, including disabled ones, whose posts remain. */
export const PostSourceOption = Type.Object({
  key: Type.String({ description: '帖子的 sourceKey：source:<信息源编号>' }),
  name: Type.String(),
  kind: Type.String(),
  enabled: Type.Boolean(),
});
export type PostSourceOption = Static<typeof PostSourceOption>;

/** A category to filter 舆情信息 by (一级分类), in the admins' order. */
export const PostCategoryOption = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  active: Type.Boolean(),
});
export type PostCategoryOption = Static<typeof PostCategoryOption>;
