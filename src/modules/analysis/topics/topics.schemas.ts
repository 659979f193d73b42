import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Page, PageQuery } from '../../../server/common-schemas.js';

export const TopicListQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({ format: 'date-time', description: '话题最后一帖不早于此时' }),
    ),
    to: Type.Optional(Type.String({ format: 'date-time', description: '话题首帖早于此时' })),
    burst: Type.Optional(
      Type.Union([Type.Literal('true'), Type.Literal('false')], {
        description: 'true：只看出现过突发的（有时间范围时，突发在范围内）',
      }),
    ),
    minSize: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10_000, default: 2, description: '至少几条帖子' }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type TopicListQuery = Static<typeof TopicListQuery>;

const topicFields = {
  id: Type.Integer(),
  /** The representative post's title (or the start of its text). */
  label: Type.String(),
  keywords: Type.Array(Type.String()),
  size: Type.Integer(),
  likes: Type.Integer(),
  replies: Type.Integer(),
  /** The heat index now (src/nlp/topics/heat.ts). */
  heat: Type.Number(),
  firstAt: Type.String({ format: 'date-time' }),
  lastAt: Type.String({ format: 'date-time' }),
  burstAt: Nullable(Type.String({ format: 'date-time' })),
  burstRatio: Nullable(Type.Number()),
};

export const TopicSummary = Type.Object(topicFields);
export type TopicSummary = Static<typeof TopicSummary>;

export const TopicPage = Page(TopicSummary);

export const TopicDetailQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type TopicDetailQuery = Static<typeof TopicDetailQuery>;

export const TopicPost = Type.Object({
  id: Type.Integer(),
  source: Type.String(),
  title: Nullable(Type.String()),
  excerpt: Type.String(),
  url: Nullable(Type.String()),
  postedAt: Type.String({ format: 'date-time' }),
  likes: Nullable(Type.Integer()),
  duplicateOf: Nullable(Type.Integer()),
});
export type TopicPost = Static<typeof TopicPost>;

export const TopicDetail = Type.Object({
  ...topicFields,
  representativePostId: Nullable(Type.Integer()),
  /** Posts per local day (the deployment's time zone), every day from the first to the last. */
  volume: Type.Array(Type.Object({ day: Type.String(), posts: Type.Integer() })),
  /** The topic's posts, newest first. */
  posts: Page(TopicPost),
});
export type TopicDetail = Static<typeof TopicDetail>;

export const TopicNotFoundReply = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      mergedInto: Type.Optional(Type.Integer()),
    }),
  },
  {
    description:
      '错误；code 为 TOPIC_MERGED 时该话题已被并入另一话题，mergedInto 为其编号（帖子、事件和舆情信息都已随之转过去）',
  },
);
