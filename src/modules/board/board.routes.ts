import type { AppInstance } from '../../server/app-instance.js';
import { ErrorReply, IdParams, Page } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { loadOrgName } from '../cases/documents/case-record.js';
import {
  BOARD_LIMITS,
  BoardAbout,
  BoardQuery,
  Challenge,
  CodeParams,
  MessageBody,
  MessageReceipt,
  PublicMessage,
  RatingBody,
} from './board.schemas.js';
import { getPublicMessage, getPublicMessageById, listPublicMessages } from './board.queries.js';
import { normaliseLookupCode, postMessage } from './post-message.js';
import { issueChallenge } from './proof-of-work.js';
import { rateReply } from './rate-reply.js';

const tags = ['网络问政'];

/** The public message board: no sign-in; nothing here ever answers a contact or an address. */
export function boardRoutes(app: AppInstance, ctx: AppContext): void {
  const perMinute = ctx.config.board.requestsPerMinute;

  app.get(
    '/api/board/about',
    {
      config: { access: 'public' },
      schema: { tags, summary: '网络问政：名称与留言长度限制', response: { 200: BoardAbout } },
    },
    async () => ({ orgName: await loadOrgName(ctx.db), limits: BOARD_LIMITS }),
  );

  app.get(
    '/api/board/challenge',
    {
      config: {
        access: 'public',
        rateLimit: { max: perMinute * 3, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: '取得留言前的安全验证（工作量证明，10 分钟内有效，只能使用一次）',
        response: { 200: Challenge, 429: ErrorReply },
      },
    },
    async () => {
      const challenge = await issueChallenge(ctx);
      return { ...challenge, expiresAt: challenge.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/board/messages',
    {
      config: { access: 'public', rateLimit: { max: perMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '网民留言（联系方式仅供办理人员联系，不公开）；答复查询码',
        body: MessageBody,
        response: {
          200: MessageReceipt,
          400: ErrorReply,
          409: ErrorReply,
          429: ErrorReply,
        },
      },
    },
    async (request) => postMessage({ ctx, input: request.body, ip: request.ip }),
  );

  app.get(
    '/api/board/messages',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '公开的留言与回复，最新的在前，可按关键词查找',
        querystring: BoardQuery,
        response: { 200: Page(PublicMessage) },
      },
    },
    async (request) => listPublicMessages(ctx.db, request.query, await loadOrgName(ctx.db)),
  );

  app.get(
    '/api/board/posts/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '查看一条公开留言及其回复（列表中的链接；不含查询码）',
        params: IdParams,
        response: { 200: PublicMessage, 404: ErrorReply },
      },
    },
    async (request) => {
      const message = await getPublicMessageById(
        ctx.db,
        request.params.id,
        await loadOrgName(ctx.db),
      );
      if (!message) throw notFound('该留言');
      return message;
    },
  );

  app.get(
    '/api/board/messages/:code',
    {
      // A valid code lets its holder rate the reply, and an unsatisfied rating reopens the case:
      // no trying codes by the thousand.
      config: { access: 'public', rateLimit: { max: perMinute * 3, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '按查询码查看一条留言及其回复',
        params: CodeParams,
        response: { 200: PublicMessage, 404: ErrorReply, 429: ErrorReply },
      },
    },
    async (request) => {
      const code = normaliseLookupCode(request.params.code);
      const message = await getPublicMessage(ctx.db, code, await loadOrgName(ctx.db));
      if (!message) throw notFound('该查询码对应的留言');
      return message;
    },
  );

  app.post(
    '/api/board/messages/:code/rating',
    {
      config: { access: 'public', rateLimit: { max: perMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '网民凭查询码评价已公开的答复（满意 / 基本满意 / 不满意，每次答复一次）',
        params: CodeParams,
        body: RatingBody,
        response: {
          200: PublicMessage,
          400: ErrorReply,
          404: ErrorReply,
          409: ErrorReply,
          429: ErrorReply,
        },
      },
    },
    async (request) => {
      const code = normaliseLookupCode(request.params.code);
      await rateReply({ ctx, code, input: request.body });
      const message = await getPublicMessage(ctx.db, code, await loadOrgName(ctx.db));
      if (!message) throw notFound('该查询码对应的留言');
      return message;
    },
  );
}
