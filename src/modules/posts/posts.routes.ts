import type { AppInstance } from '../../server/app-instance.js';
import { ErrorReply, IdParams } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { requireActor } from '../../server/access-hook.js';
import { postTextFor } from '../cases/mask-contact.js';
import { dictionaryRoutes } from './dictionary.routes.js';
import { Type } from '@sinclair/typebox';
import {
  PostCategoryOption,
  PostDetail,
  PostSearchPage,
  PostSearchQuery,
  PostSourceOption,
} from './posts.schemas.js';
import { getPost, postCategoryOptions, postSourceOptions, searchPosts } from './posts.queries.js';
import { ReviewPostsBody, ReviewPostsReply, reviewPosts } from './review-posts.js';

const tags = ['舆情信息'];

export function postRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/posts',
    {
      config: { access: 'posts.read' },
      schema: {
        tags,
        summary:
          '舆情信息：全文检索（高亮命中词），按信息源、时间、相关性、分类、情感、紧急、地点、话题筛选，可隐藏近似重复；超过 2000 条时总数为估计值',
        querystring: PostSearchQuery,
        response: { 200: PostSearchPage },
      },
    },
    async (request) =>
      searchPosts(ctx.db, request.query, { text: postTextFor(requireActor(request)) }),
  );

  app.get(
    '/api/posts/sources',
    {
      config: { access: 'posts.read' },
      schema: {
        tags,
        summary: '可用于筛选舆情信息的信息源（含已停用的）',
        response: { 200: Type.Array(PostSourceOption) },
      },
    },
    async () => postSourceOptions(ctx.db),
  );

  app.get(
    '/api/posts/categories',
    {
      config: { access: 'posts.read' },
      schema: {
        tags,
        summary: '可用于筛选舆情信息的分类（含已停用的）',
        response: { 200: Type.Array(PostCategoryOption) },
      },
    },
    async () => postCategoryOptions(ctx.db),
  );

  app.get(
    '/api/posts/:id',
    {
      config: { access: 'posts.read' },
      schema: {
        tags,
        summary: '帖子详情（非办理角色看到的正文中联系方式已打码）',
        params: IdParams,
        response: { 200: PostDetail, 404: ErrorReply },
      },
    },
    async (request) => {
      const post = await getPost(ctx.db, request.params.id, {
        text: postTextFor(requireActor(request)),
      });
      if (!post) throw notFound('帖子');
      return post;
    },
  );

  app.post(
    '/api/posts/review',
    {
      config: { access: 'posts.review' },
      schema: {
        tags,
        summary: '批量研判：标为已阅、不予处理，或恢复为待研判（帖子不删除、不隐藏）',
        body: ReviewPostsBody,
        response: { 200: ReviewPostsReply },
      },
    },
    async (request) => reviewPosts({ ctx, actor: requireActor(request), input: request.body }),
  );

  dictionaryRoutes(app, ctx);
}
