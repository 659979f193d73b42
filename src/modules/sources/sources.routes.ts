import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams, Page } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { importRoutes } from './import.routes.js';
import { previewRoutes } from './preview.routes.js';
import { createSource, deleteSource, requestRun, updateSource } from './save-source.js';
import { getSource, listSources } from './sources.queries.js';
import {
  CreateSourceBody,
  RunQueuedReply,
  SourceDetail,
  SourceListQuery,
  SourceSummary,
  UpdateSourceBody,
} from './sources.schemas.js';

const tags = ['信息源'];
const SavedSource = Type.Object({
  ...SourceSummary.properties,
  config: Type.Record(Type.String(), Type.Unknown()),
});

/** 信息源: what yuqing reads, how often, and how it went last time. */
export function sourceRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/sources',
    {
      config: { access: 'sources.read' },
      schema: {
        tags,
        summary: '信息源列表（含健康状况：最近成功、最近错误、抓到条数、下次抓取）',
        querystring: SourceListQuery,
        response: { 200: Page(SourceSummary) },
      },
    },
    async (request) => listSources(ctx.db, request.query),
  );

  app.get(
    '/api/sources/:id',
    {
      config: { access: 'sources.read' },
      schema: {
        tags,
        summary: '信息源详情及最近 50 次抓取记录',
        params: IdParams,
        response: { 200: SourceDetail, 404: ErrorReply },
      },
    },
    async (request) => {
      const source = await getSource(ctx.db, request.params.id);
      if (!source) throw notFound('信息源');
      return source;
    },
  );

  app.post(
    '/api/sources',
    {
      config: { access: 'sources.manage' },
      schema: {
        tags,
        summary: '新增信息源（默认每天抓取一次；新增后一两分钟内开始第一次抓取）',
        body: CreateSourceBody,
        response: { 201: SavedSource, 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const source = await createSource({ ctx, actor: requireActor(request), input: request.body });
      return reply.status(201).send(source);
    },
  );

  app.patch(
    '/api/sources/:id',
    {
      config: { access: 'sources.manage' },
      schema: {
        tags,
        summary: '修改、启用或停用信息源',
        params: IdParams,
        body: UpdateSourceBody,
        response: { 200: SavedSource, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) =>
      updateSource({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        input: request.body,
      }),
  );

  app.delete(
    '/api/sources/:id',
    {
      config: { access: 'sources.manage' },
      schema: {
        tags,
        summary: '删除信息源（仅限还没有帖子的；有帖子的请停用）',
        params: IdParams,
        response: { 204: Type.Null(), 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      await deleteSource({ ctx, actor: requireActor(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/sources/:id/run',
    {
      config: { access: 'sources.manage' },
      schema: {
        tags,
        summary: '立即抓取：加入抓取队列，一两分钟内开始',
        params: IdParams,
        response: { 202: RunQueuedReply, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const queued = await requestRun({ ctx, actor: requireActor(request), id: request.params.id });
      return reply.status(202).send(queued);
    },
  );

  previewRoutes(app, ctx);
  importRoutes(app, ctx);
}
