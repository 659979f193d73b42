import { requireActor } from '../../../server/access-hook.js';
import type { AppInstance } from '../../../server/app-instance.js';
import { ErrorReply } from '../../../server/common-schemas.js';
import type { AppContext } from '../../../server/context.js';
import { situation } from './situation.js';
import { Situation, SituationQuery } from './situation.schemas.js';

export function situationRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/analysis/situation',
    {
      config: { access: 'posts.read' },
      schema: {
        tags: ['研判'],
        summary:
          '舆情态势：区间内（默认近 30 天，最长 366 天）按信息源、分类、情感的每日数量，关键词，地点，热点话题；当前在办、超期办件与待处理预警',
        querystring: SituationQuery,
        response: { 200: Situation, 400: ErrorReply },
      },
    },
    async (request) =>
      situation({
        db: ctx.db,
        actor: requireActor(request),
        query: request.query,
        now: ctx.clock.now(),
        timeZone: ctx.config.deadlines.timeZone,
      }),
  );
}
