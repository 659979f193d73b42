import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { rejudgeProgress } from '../../ingest/rejudge-posts.js';
import {
  addTerm,
  BulkDeleteTermsBody,
  CreateTermBody,
  JurisdictionTerm,
  listTerms,
  removeTerm,
  removeTerms,
} from './dictionary.js';

const tags = ['舆情信息'];

/** 管辖词典: the place names, unit names and keywords that make a post relevant. */
export function dictionaryRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/jurisdiction-terms',
    {
      config: { access: 'posts.dictionary' },
      schema: {
        tags,
        summary: '管辖词典：地名、单位名、关键词；rejudging 表示已有帖子正按新词典重新判断',
        response: {
          200: Type.Object({ items: Type.Array(JurisdictionTerm), rejudging: Type.Boolean() }),
        },
      },
    },
    async () => ({
      items: await listTerms(ctx.db),
      rejudging: (await rejudgeProgress(ctx.db)).pending,
    }),
  );
  app.post(
    '/api/jurisdiction-terms',
    {
      config: { access: 'posts.dictionary' },
      schema: {
        tags,
        summary: '新增词条（此后采集的帖子按新词典判断相关性，已有帖子在后台重新判断）',
        body: CreateTermBody,
        response: { 201: JurisdictionTerm, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const term = await addTerm({ ctx, actor: requireActor(request), input: request.body });
      return reply.status(201).send(term);
    },
  );
  app.delete(
    '/api/jurisdiction-terms/:id',
    {
      config: { access: 'posts.dictionary' },
      schema: {
        tags,
        summary: '删除词条',
        params: IdParams,
        response: { 204: Type.Null(), 404: ErrorReply },
      },
    },
    async (request, reply) => {
      await removeTerm({ ctx, actor: requireActor(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/jurisdiction-terms/bulk-delete',
    {
      config: { access: 'posts.dictionary' },
      schema: {
        tags,
        summary: '批量删除词条（全部删除或都不删除；已有帖子在后台重新判断一次）',
        body: BulkDeleteTermsBody,
        response: {
          200: Type.Object({ deleted: Type.Integer({ description: '删除的词条数' }) }),
          400: ErrorReply,
          404: ErrorReply,
        },
      },
    },
    async (request) => removeTerms({ ctx, actor: requireActor(request), input: request.body }),
  );
}
