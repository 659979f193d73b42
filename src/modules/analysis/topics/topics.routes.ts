import type { AppInstance } from '../../../server/app-instance.js';
import { ErrorReply, IdParams } from '../../../server/common-schemas.js';
import type { AppContext } from '../../../server/context.js';
import { notFound } from '../../../server/errors.js';
import { getTopic, listTopics } from './topics.queries.js';
import { TopicDetail, TopicDetailQuery, TopicListQuery, TopicPage } from './topics.schemas.js';

const tags = ['热点话题'];

export function topicRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/topics',
    {
      config: { access: 'posts.read' },
      schema: {
        tags,
        summary: '热点话题：按当前热度从高到低，可按时间范围、突发筛选',
        querystring: TopicListQuery,
        response: { 200: TopicPage },
      },
    },
    async (request) => listTopics(ctx.db, request.query, ctx.clock.now()),
  );

  app.get(
    '/api/topics/:id',
    {
      config: { access: 'posts.read' },
      schema: {
        tags,
        summary: '话题详情：关键词、统计、每日帖子数和帖子列表（新的在前）',
        params: IdParams,
        querystring: TopicDetailQuery,
        response: { 200: TopicDetail, 404: ErrorReply },
      },
    },
    async (request) => {
      const topic = await getTopic(
        ctx.db,
        request.params.id,
        request.query,
        ctx.clock.now(),
        ctx.config.deadlines.timeZone,
      );
      if (!topic) throw notFound('话题');
      return topic;
    },
  );
}
