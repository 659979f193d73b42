import { Type } from '@sinclair/typebox';
import { checkReply } from '../../nlp/reply-check/check-reply.js';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { getCaseDetail } from '../cases/cases.queries.js';

const Score = Type.Number({ minimum: 0, maximum: 1 });

export const ReplyCheckBody = Type.Object({
  title: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  body: Type.String({ minLength: 1, maxLength: 50_000, description: '留言正文' }),
  reply: Type.String({ minLength: 1, maxLength: 50_000, description: '答复意见（草稿）' }),
});

export const ReplyCheckResult = Type.Object({
  relevance: { ...Score, description: '相关性：回复是否针对这条留言' },
  completeness: { ...Score, description: '完整性：留言中的诉求有几成得到回应' },
  explanation: { ...Score, description: '说明依据：政策条款、核实情况、时间、数字、联系方式' },
  tone: { ...Score, description: '语气：礼貌用语，没有生硬的推诿' },
  score: { ...Score, description: '综合：相关性乘以其余三项的质量系数（0.5 到 1）' },
  points: Type.Array(Type.Object({ text: Type.String(), answered: Type.Boolean() }), {
    description: '留言中的诉求（问题、请求）及是否得到回应',
  }),
  reasons: Type.Array(Type.String(), { description: '给领导看的简短说明' }),
});

const tags = ['分析研判'];

/**
 * 答复质量检查: scores a reply draft before a leader approves it. Pure computation on the text
 * sent (a few milliseconds), so anyone who may view cases may ask; the case-bound variant checks
 * the case's current reply and sees only the cases the user may see.
 */
export function replyCheckRoutes(app: AppInstance, ctx: AppContext): void {
  app.post(
    '/api/analysis/reply-check',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '答复质量检查：相关性、完整性、说明依据、语气和综合得分，附理由',
        body: ReplyCheckBody,
        response: { 200: ReplyCheckResult, 400: ErrorReply },
      },
    },
    (request) => checkReply(request.body),
  );

  app.get(
    '/api/cases/:id/reply-check',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '检查办件当前的答复意见',
        params: IdParams,
        response: { 200: ReplyCheckResult, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const c = await getCaseDetail(
        ctx.db,
        requireActor(request),
        request.params.id,
        ctx.clock.now(),
      );
      if (!c) throw notFound('办件');
      if (!c.replyText?.trim()) throw new AppError('CONFLICT', '该办件还没有答复意见');
      return checkReply({ title: c.post.title, body: c.post.body, reply: c.replyText });
    },
  );
}
