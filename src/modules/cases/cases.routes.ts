import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams, Page } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { whyNoLongerVisible } from './act-on-case.js';
import { addAttachment, MAX_ATTACHMENT_BYTES, readAttachment } from './attachments.js';
import {
  Attachment,
  CaseDetail,
  CaseListQuery,
  CaseSummary,
  RegisterBody,
} from './cases.schemas.js';
import { caseDetailFor, listCases } from './cases.queries.js';
import { registerCase } from './register-case.js';
import { listSupervision, SupervisionQuery, SupervisionRow } from './supervision.js';
import { uploadedFile } from '../../server/uploads.js';

const tags = ['办件'];
const conflict = { 404: ErrorReply, 409: ErrorReply };

export function caseRoutes(app: AppInstance, ctx: AppContext): void {
  const detail = async (request: FastifyRequest, id: number) => {
    const c = await caseDetailFor(
      ctx.db,
      requireActor(request),
      id,
      ctx.clock.now(),
      ctx.config.deadlines,
    );
    if (!c) {
      const why = await whyNoLongerVisible(ctx.db, requireActor(request), id);
      throw why ? new AppError('NOT_FOUND', why) : notFound('办件');
    }
    return c;
  };

  app.post(
    '/api/cases',
    {
      config: { access: 'cases.register' },
      schema: {
        tags,
        summary: '受理：登记留言为办件（post 为留言内容，或 postId 为已采集的留言）',
        body: RegisterBody,
        response: { 201: CaseDetail, 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const { id } = await registerCase({ ctx, actor: requireActor(request), input: request.body });
      return reply.status(201).send(await detail(request, id));
    },
  );

  app.get(
    '/api/cases',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '办件列表（按状态、单位、超期、紧急、关键字筛选；联络员只看到本单位的办件）',
        querystring: CaseListQuery,
        response: { 200: Page(CaseSummary) },
      },
    },
    async (request) =>
      listCases(
        ctx.db,
        requireActor(request),
        request.query,
        ctx.clock.now(),
        ctx.config.deadlines.timeZone,
      ),
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '办件详情，含时间线和当前用户可执行的操作',
        params: IdParams,
        response: { 200: CaseDetail, 404: ErrorReply },
      },
    },
    async (request) => detail(request, request.params.id),
  );

  const id = (request: FastifyRequest) => (request.params as { id: number }).id;

  app.post(
    '/api/cases/:id/attachments',
    {
      config: { access: 'cases.attach' },
      schema: {
        tags,
        summary: '上传附件（multipart 字段 file，不超过 10 MB；办理人员可用，归档后不可上传）',
        params: IdParams,
        response: { 201: Attachment, 400: ErrorReply, 403: ErrorReply, ...conflict },
      },
    },
    async (request, reply) => {
      const { filename, mimetype, data } = await uploadedFile(request, {
        code: 'VALIDATION_FAILED',
        missing: '请选择要上传的文件',
        tooLarge: '附件不能超过 10 MB',
        fileSize: MAX_ATTACHMENT_BYTES,
      });
      const actor = requireActor(request);
      const { id: attachmentId } = await addAttachment({
        ctx,
        actor,
        caseId: id(request),
        file: { filename, contentType: mimetype, data },
      });
      const c = await detail(request, id(request));
      const added = c.attachments.find((a) => a.id === attachmentId);
      if (!added) throw notFound('附件');
      return reply.status(201).send(added);
    },
  );
  app.get(
    '/api/cases/:id/attachments/:attachmentId',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '下载附件',
        params: Type.Object({
          id: Type.Integer({ minimum: 1 }),
          attachmentId: Type.Integer({ minimum: 1 }),
        }),
      },
    },
    async (request, reply) => {
      const file = await readAttachment({
        ctx,
        actor: requireActor(request),
        caseId: request.params.id,
        attachmentId: request.params.attachmentId,
      });
      // Always a download, never rendered in the app's origin: an uploaded page cannot run here.
      return reply
        .type(file.contentType)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(file.data);
    },
  );

  app.get(
    '/api/supervision',
    {
      config: { access: 'cases.supervise' },
      schema: {
        tags: ['督办'],
        summary: '督办看板：在办抄告单及各单位的期限',
        querystring: SupervisionQuery,
        response: { 200: Page(SupervisionRow) },
      },
    },
    async (request) => listSupervision(ctx.db, request.query, ctx.clock.now()),
  );
}
