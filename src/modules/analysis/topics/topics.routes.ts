import type { AppInstance } from '../../../server/app-instance.js';
import { IdParams } from '../../../server/common-schemas.js';
import type { AppContext } from '../../../server/context.js';
import { AppError, notFound } from '../../../server/errors.js';
import { requireActor } from '../../../server/access-hook.js';
import { postTextFor } from '../../cases/mask-contact.js';
import { getTopic, listTopics, mergedInto } from './topics.queries.js';
import {
  TopicDetail,
  TopicDetailQuery,
  TopicListQuery,
  TopicNotFoundReply,
  TopicPage,
} from './topics.schemas.js';

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
        summary:
          '话题详情：关键词、统计、每日帖子数和帖子列表（新的在前）；已并入其他话题的返回 404 TOPIC_MERGED',
        params: IdParams,
        querystring: TopicDetailQuery,
        response: { 200: TopicDetail, 404: TopicNotFoundReply },
      },
    },
    async (request) => {
      const topic = await getTopic(
        ctx.db,
        request.params.id,
        request.query,
        ctx.clock.now(),
        ctx.config.deadlines.timeZone,
        postTextFor(requireActor(request)),
      );
      if (topic) return topic;
      // A topic merged into another: say where its posts went, so that an old link still leads there.
      const survivor = await mergedInto(ctx.db, request.params.id);
      if (survivor)
        throw new AppError('TOPIC_MERGED', `该话题已并入话题「${survivor.label}」`, {
          mergedInto: survivor.id,
        });
      throw notFound('话题');
    },
  );
}
