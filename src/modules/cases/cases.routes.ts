import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams, Page } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { addAttachment, MAX_ATTACHMENT_BYTES, readAttachment } from './attachments.js';
import { archiveCase } from './archive-case.js';
import { assignCase, closeCase } from './assign-case.js';
import {
  AcknowledgeBody,
  Attachment,
  AssignBody,
  CaseDetail,
  CaseListQuery,
  CaseSummary,
  CommentBody,
  ExtensionBody,
  ExtensionDecisionBody,
  PublishBody,
  RatingBody,
  ReasonBody,
  RegisterBody,
  RequiredCommentBody,
  SignBody,
  TextBody,
} from './cases.schemas.js';
import { getCaseDetail, listCases } from './cases.queries.js';
import { decideExtension, requestExtension } from './extension.js';
import { contributeToCase, signCase, submitReply } from './handle-case.js';
import { acknowledgeCase, publishReply, rateCase } from './publish-reply.js';
import { registerCase } from './register-case.js';
import { approveReply, returnReply } from './review-reply.js';
import { listSupervision, SupervisionQuery, SupervisionRow } from './supervision.js';
import { urgeCase } from './urge-case.js';

const tags = ['办件'];
const conflict = { 404: ErrorReply, 409: ErrorReply };

export function caseRoutes(app: AppInstance, ctx: AppContext): void {
  const detail = async (request: FastifyRequest, id: number) => {
    const c = await getCaseDetail(ctx.db, requireActor(request), id, ctx.clock.now());
    if (!c) throw notFound('办件');
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
    async (request) => listCases(ctx.db, requireActor(request), request.query, ctx.clock.now()),
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
    '/api/cases/:id/assign',
    {
      config: { access: 'cases.decide' },
      schema: {
        tags,
        summary: '批办：签发抄告单（批示、牵头单位、协办单位、紧急程度）',
        params: IdParams,
        body: AssignBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      await assignCase({ ctx, actor: requireActor(request), id: id(request), input: request.body });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/close',
    {
      config: { access: 'cases.decide' },
      schema: {
        tags,
        summary: '无需回复，说明理由后办结',
        params: IdParams,
        body: ReasonBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      await closeCase({
        ctx,
        actor: requireActor(request),
        id: id(request),
        reason: request.body.reason,
        version: request.body.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/acknowledge',
    {
      config: { access: 'cases.publish' },
      schema: {
        tags,
        summary: '告知网民“已收悉”（首次响应）',
        params: IdParams,
        body: AcknowledgeBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      await acknowledgeCase({
        ctx,
        actor: requireActor(request),
        id: id(request),
        text: request.body.text,
        version: request.body.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/sign',
    {
      config: { access: 'cases.handle' },
      schema: {
        tags,
        summary: '承办单位签收抄告单',
        params: IdParams,
        body: SignBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      await signCase({
        ctx,
        actor: requireActor(request),
        id: id(request),
        unitId: request.body.unitId,
        version: request.body.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/contributions',
    {
      config: { access: 'cases.handle' },
      schema: {
        tags,
        summary: '协办单位向牵头单位提交意见',
        params: IdParams,
        body: TextBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      const b = request.body;
      await contributeToCase({
        ctx,
        actor: requireActor(request),
        id: id(request),
        unitId: b.unitId,
        text: b.text,
        version: b.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/reply',
    {
      config: { access: 'cases.handle' },
      schema: {
        tags,
        summary: '牵头单位提交书面回复（送领导审定）',
        params: IdParams,
        body: TextBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      const b = request.body;
      await submitReply({
        ctx,
        actor: requireActor(request),
        id: id(request),
        text: b.text,
        version: b.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/extension',
    {
      config: { access: 'cases.handle' },
      schema: {
        tags,
        summary: '申请延期（每件一次，最迟至发帖后 5 天）',
        params: IdParams,
        body: ExtensionBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      const b = request.body;
      await requestExtension({
        ctx,
        actor: requireActor(request),
        id: id(request),
        reason: b.reason,
        until: new Date(b.until),
        version: b.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/extension/decision',
    {
      config: { access: 'cases.decide' },
      schema: {
        tags,
        summary: '领导审批延期申请',
        params: IdParams,
        body: ExtensionDecisionBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      const b = request.body;
      await decideExtension({
        ctx,
        actor: requireActor(request),
        id: id(request),
        granted: b.granted,
        comment: b.comment,
        version: b.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/approve',
    {
      config: { access: 'cases.decide' },
      schema: {
        tags,
        summary: '审定通过回复',
        params: IdParams,
        body: CommentBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      await approveReply({
        ctx,
        actor: requireActor(request),
        id: id(request),
        comment: request.body.comment,
        version: request.body.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/return',
    {
      config: { access: 'cases.decide' },
      schema: {
        tags,
        summary: '退回回复并提出修改意见',
        params: IdParams,
        body: RequiredCommentBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      await returnReply({
        ctx,
        actor: requireActor(request),
        id: id(request),
        comment: request.body.comment,
        version: request.body.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/publish',
    {
      config: { access: 'cases.publish' },
      schema: {
        tags,
        summary: '记录回复在原平台的发布地址和时间',
        params: IdParams,
        body: PublishBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      const b = request.body;
      await publishReply({
        ctx,
        actor: requireActor(request),
        id: id(request),
        url: b.url,
        publishedAt: b.publishedAt ? new Date(b.publishedAt) : undefined,
        version: b.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/rating',
    {
      config: { access: 'cases.publish' },
      schema: {
        tags,
        summary: '记录网民评价（不满意可重新办理）',
        params: IdParams,
        body: RatingBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      const b = request.body;
      await rateCase({
        ctx,
        actor: requireActor(request),
        id: id(request),
        rating: b.rating,
        note: b.note,
        reopen: b.reopen,
        version: b.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/urge',
    {
      config: { access: 'cases.urge' },
      schema: {
        tags,
        summary: '催办承办单位',
        params: IdParams,
        body: Type.Object(
          {
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            comment: Type.Optional(Type.String({ maxLength: 500 })),
            version: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      const b = request.body;
      await urgeCase({
        ctx,
        actor: requireActor(request),
        id: id(request),
        unitId: b.unitId,
        comment: b.comment,
        version: b.version,
      });
      return detail(request, id(request));
    },
  );
  app.post(
    '/api/cases/:id/archive',
    {
      config: { access: 'cases.archive' },
      schema: {
        tags,
        summary: '归档（此后只读）',
        params: IdParams,
        body: CommentBody,
        response: { 200: CaseDetail, ...conflict },
      },
    },
    async (request) => {
      await archiveCase({
        ctx,
        actor: requireActor(request),
        id: id(request),
        version: request.body.version,
      });
      return detail(request, id(request));
    },
  );

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
      if (!request.isMultipart()) {
        throw new AppError('VALIDATION_FAILED', '请以 multipart/form-data 上传文件（字段名 file）');
      }
      const part = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES } });
      if (!part) throw new AppError('VALIDATION_FAILED', '请选择要上传的文件');
      const data = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', '附件不能超过 10 MB');
      const actor = requireActor(request);
      const { id: attachmentId } = await addAttachment({
        ctx,
        actor,
        caseId: id(request),
        file: { filename: part.filename, contentType: part.mimetype, data },
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
