import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { postTextFor } from '../cases/mask-contact.js';
import { ErrorReply, IdParams, Page, PageQuery } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { addCases, removeCases } from './change-cases.js';
import { acceptSuggestions, addPosts, dismissSuggestions, removePosts } from './change-posts.js';
import { closeIncident } from './close-incident.js';
import { loadOrgName } from '../cases/documents/case-record.js';
import { DOCX, sendDownload } from '../cases/documents/download.js';
import { composeReport } from './compose-report.js';
import { getIncident, listIncidentPosts, listIncidents, listOwners } from './incidents.queries.js';
import {
  AssessmentBody,
  CasesBody,
  CloseBody,
  IncidentDetail,
  IncidentListQuery,
  IncidentSummary,
  LinkedPost,
  MeasureBody,
  OpenIncidentBody,
  OwnerOption,
  PostsBody,
  RemovePostsBody,
  ReportBody,
  ReportDraft,
  ReportDraftQuery,
  SuggestionList,
  UpdateIncidentBody,
} from './incidents.schemas.js';
import { openIncident } from './open-incident.js';
import { recordAssessment } from './record-assessment.js';
import { recordMeasure } from './record-measure.js';
import { buildIncidentReportDocx, REPORT_KIND_NAMES } from './report-docx.js';
import { sendImmediateReport } from './send-report.js';
import { suggestPosts } from './suggest-posts.js';
import { updateIncident } from './update-incident.js';

const tags = ['舆情事件'];
const ReportParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  reportId: Type.Integer({ minimum: 1 }),
});
/** What every act answers: the incident as it now is, or why not. */
const actReplies = { 200: IncidentDetail, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply };

/** 舆情事件处置: open, link, report, assess, record measures, close. */
export function incidentRoutes(app: AppInstance, ctx: AppContext): void {
  const detail = async (id: number) => {
    const incident = await getIncident(ctx.db, id, ctx.config.deadlines.timeZone, ctx.clock.now());
    if (!incident) throw notFound('舆情事件');
    return incident;
  };

  app.get(
    '/api/incidents',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags,
        summary: '舆情事件列表：处置中的在前，其次按开启时间从新到旧',
        querystring: IncidentListQuery,
        response: { 200: Page(IncidentSummary) },
      },
    },
    async (request) => listIncidents(ctx.db, request.query),
  );
  app.post(
    '/api/incidents',
    {
      config: { access: 'incidents.manage' },
      schema: {
        tags,
        summary: '开启舆情事件：从若干条信息或一个热点话题（关联其全部信息）',
        body: OpenIncidentBody,
        response: { 201: IncidentDetail, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const id = await openIncident({ ctx, actor: requireActor(request), input: request.body });
      return reply.status(201).send(await detail(id));
    },
  );
  app.get(
    '/api/incidents/owners',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags,
        summary: '可担任事件负责人的用户（在岗的舆情管理员、领导和办公室人员）',
        response: { 200: Type.Object({ items: Type.Array(OwnerOption) }) },
      },
    },
    async () => ({ items: await listOwners(ctx.db) }),
  );
  app.get(
    '/api/incidents/:id',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags,
        summary: '事件详情：时间线、当前统计、办件、研判、措施和报告（关联信息另行分页）',
        params: IdParams,
        response: { 200: IncidentDetail, 404: ErrorReply },
      },
    },
    async (request) => detail(request.params.id),
  );
  app.get(
    '/api/incidents/:id/reports/:reportId.docx',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags,
        summary: '下载已报送的报告（第一时间报告、续报或处置结束报告，.docx）',
        params: ReportParams,
        response: { 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const incident = await detail(request.params.id);
      const index = incident.reports.findIndex((r) => r.id === request.params.reportId);
      const report = incident.reports[index];
      if (!report) throw notFound('报告');
      const followUp =
        report.kind === 'immediate' &&
        incident.reports.slice(0, index).some((r) => r.kind === 'immediate');
      const data = await buildIncidentReportDocx({
        kind: report.kind,
        followUp,
        incidentTitle: incident.title,
        text: report.text,
        sentAt: new Date(report.sentAt),
        sentByName: report.sentByName,
        recipients: report.recipients.map((p) => p.name),
        orgName: await loadOrgName(ctx.db),
      });
      return sendDownload(reply, {
        type: DOCX,
        name: `${REPORT_KIND_NAMES({ kind: report.kind, followUp })}-${incident.title}.docx`,
        asciiName: `incident-${incident.id}-report-${report.id}.docx`,
        data,
      });
    },
  );
  app.patch(
    '/api/incidents/:id',
    {
      config: { access: 'incidents.manage' },
      schema: {
        tags,
        summary: '修改事件名称、概述、级别、负责人或关键词',
        params: IdParams,
        body: UpdateIncidentBody,
        response: actReplies,
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      await updateIncident({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        version,
        input,
      });
      return detail(request.params.id);
    },
  );
  app.get(
    '/api/incidents/:id/posts',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags,
        summary: '关联信息（新的在前）',
        params: IdParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Page(LinkedPost) },
      },
    },
    async (request) =>
      listIncidentPosts(
        ctx.db,
        request.params.id,
        request.query,
        postTextFor(requireActor(request)),
      ),
  );

  const postActs = [
    ['/api/incidents/:id/posts', '添加关联信息（其办件一并关联）', addPosts],
    ['/api/incidents/:id/suggestions/accept', '采纳建议：关联所选建议信息', acceptSuggestions],
    ['/api/incidents/:id/suggestions/dismiss', '忽略建议：所选信息不再建议', dismissSuggestions],
  ] as const;
  for (const [url, summary, act] of postActs) {
    app.post(
      url,
      {
        config: { access: 'incidents.manage' },
        schema: { tags, summary, params: IdParams, body: PostsBody, response: actReplies },
      },
      async (request) => {
        const { version, postIds } = request.body;
        await act({ ctx, actor: requireActor(request), id: request.params.id, version, postIds });
        return detail(request.params.id);
      },
    );
  }
  app.post(
    '/api/incidents/:id/posts/remove',
    {
      config: { access: 'incidents.manage' },
      schema: {
        tags,
        summary: '移除关联信息（信息本身不变；时间线记录原因，不再建议）',
        params: IdParams,
        body: RemovePostsBody,
        response: actReplies,
      },
    },
    async (request) => {
      await removePosts({
        ...request.body,
        ctx,
        actor: requireActor(request),
        id: request.params.id,
      });
      return detail(request.params.id);
    },
  );
  app.get(
    '/api/incidents/:id/suggestions',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags,
        summary: '建议关联的新信息：同一话题、命中关键词或与关联信息近似重复',
        params: IdParams,
        response: { 200: SuggestionList, 404: ErrorReply },
      },
    },
    async (request) => suggestPosts(ctx, request.params.id),
  );

  const caseActs = [
    ['/api/incidents/:id/cases', '关联办件', addCases],
    ['/api/incidents/:id/cases/remove', '取消关联办件（办件本身不变）', removeCases],
  ] as const;
  for (const [url, summary, act] of caseActs) {
    app.post(
      url,
      {
        config: { access: 'incidents.manage' },
        schema: { tags, summary, params: IdParams, body: CasesBody, response: actReplies },
      },
      async (request) => {
        const { version, caseIds } = request.body;
        await act({ ctx, actor: requireActor(request), id: request.params.id, version, caseIds });
        return detail(request.params.id);
      },
    );
  }

  app.get(
    '/api/incidents/:id/report-draft',
    {
      config: { access: 'incidents.manage' },
      schema: {
        tags,
        summary: '按事件记录生成报告草稿（第一时间报告或处置结束报告），供编辑后发送',
        params: IdParams,
        querystring: ReportDraftQuery,
        response: { 200: ReportDraft, 404: ErrorReply },
      },
    },
    async (request) => ({ text: await composeReport(ctx, request.params.id, request.query.kind) }),
  );
  app.post(
    '/api/incidents/:id/immediate-report',
    {
      config: { access: 'incidents.manage' },
      schema: {
        tags,
        summary: '报送第一时间报告（或续报）：发送到领导的站内信和已配置的渠道',
        params: IdParams,
        body: ReportBody,
        response: actReplies,
      },
    },
    async (request) => {
      const { version, text } = request.body;
      await sendImmediateReport({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        version,
        text,
      });
      return detail(request.params.id);
    },
  );
  app.post(
    '/api/incidents/:id/assessments',
    {
      config: { access: 'incidents.manage' },
      schema: {
        tags,
        summary: '研判：研判意见、趋势、风险等级，并保存当时的统计（每日条数、来源分布、情感）',
        params: IdParams,
        body: AssessmentBody,
        response: actReplies,
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      await recordAssessment({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        version,
        input,
      });
      return detail(request.params.id);
    },
  );
  app.post(
    '/api/incidents/:id/measures',
    {
      config: { access: 'incidents.manage' },
      schema: {
        tags,
        summary: '登记已采取的处置措施（时间、责任人或责任单位）',
        params: IdParams,
        body: MeasureBody,
        response: actReplies,
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      await recordMeasure({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        version,
        input,
      });
      return detail(request.params.id);
    },
  );
  app.post(
    '/api/incidents/:id/close',
    {
      config: { access: 'incidents.manage' },
      schema: {
        tags,
        summary: '结束处置：须填写处置结束报告，报告同时送达领导',
        params: IdParams,
        body: CloseBody,
        response: actReplies,
      },
    },
    async (request) => {
      const { version, closingReport } = request.body;
      await closeIncident({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        version,
        closingReport,
      });
      return detail(request.params.id);
    },
  );
}
