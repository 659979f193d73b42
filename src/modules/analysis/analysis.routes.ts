import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import {
  CaseAnalysis,
  Category,
  CategoryModelRun,
  ConfirmCategoryBody,
  CreateCategoryBody,
  UpdateCategoryBody,
} from './analysis.schemas.js';
import { caseAnalysis } from './case-analysis.js';
import { listCategoryModels, requestRetrain } from './categories/category-models.js';
import {
  confirmPostCategory,
  createCategory,
  listCategories,
  updateCategory,
} from './categories/categories.js';

const tags = ['分析研判'];

/** Categories and their model, confirming a post's category, and what analysis says of a case. */
export function analysisRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/categories',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '一级分类（含停用的），按顺序',
        response: { 200: Type.Object({ items: Type.Array(Category) }) },
      },
    },
    async () => ({ items: await listCategories(ctx) }),
  );
  app.post(
    '/api/categories',
    {
      config: { access: 'categories.manage' },
      schema: {
        tags,
        summary: '新增分类（重新训练后模型才会识别）',
        body: CreateCategoryBody,
        response: { 201: Category, 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCategory(ctx, requireActor(request), request.body)),
  );
  app.patch(
    '/api/categories/:id',
    {
      config: { access: 'categories.manage' },
      schema: {
        tags,
        summary: '改名、停用或启用分类',
        params: IdParams,
        body: UpdateCategoryBody,
        response: { 200: Category, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => updateCategory(ctx, requireActor(request), request.params.id, request.body),
  );
  app.get(
    '/api/category-models',
    {
      config: { access: 'categories.manage' },
      schema: {
        tags,
        summary: '分类模型的训练记录（最近 20 次）',
        response: { 200: Type.Object({ items: Type.Array(CategoryModelRun) }) },
      },
    },
    async () => ({ items: await listCategoryModels(ctx) }),
  );
  app.post(
    '/api/category-models',
    {
      config: { access: 'categories.manage' },
      schema: {
        tags,
        summary: '重新训练：用已确认的分类训练模型（排队，一两分钟内开始）',
        response: { 202: CategoryModelRun, 409: ErrorReply },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await requestRetrain(ctx, requireActor(request))),
  );
  app.put(
    '/api/posts/:id/category',
    {
      config: { access: 'posts.classify' },
      schema: {
        tags,
        summary: '确认或更正信息的分类（重新训练时作为标注）；办件已归档的不能再改（409）',
        params: IdParams,
        body: ConfirmCategoryBody,
        response: { 204: Type.Null(), 400: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      await confirmPostCategory(
        ctx,
        requireActor(request),
        request.params.id,
        request.body.categoryId,
      );
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/cases/:id/analysis',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '办件的分析：分类、情感、紧急信号，交办人另见建议的牵头单位及理由',
        params: IdParams,
        response: { 200: CaseAnalysis, 404: ErrorReply },
      },
    },
    async (request) => caseAnalysis(ctx, requireActor(request), request.params.id),
  );
}
