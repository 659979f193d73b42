import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams, Page } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { loadOrgName } from '../cases/documents/case-record.js';
import { DOCX, sendDownload, XLSX } from '../cases/documents/download.js';
import { buildBriefDocx } from './brief-docx.js';
import { addHandover, listHandovers } from './handovers.js';
import { computeRanking } from './info-ranking.js';
import { getBrief, listBriefs } from './info-reports.queries.js';
import {
  BriefDetailSchema,
  BriefListQuery,
  EditBody,
  HandoverBody,
  HandoverQuery,
  HandoverSchema,
  OutcomeBody,
  PeriodQuery,
  QuotaBody,
  QuotaTargetsSchema,
  RankingSchema,
  ReviewBody,
  SubmitBody,
  UnitQuotasBody,
  VersionBody,
  WriteBody,
} from './info-reports.schemas.js';
import { quotaTargets } from './quota-targets.js';
import { buildRankingXlsx } from './ranking-xlsx.js';
import { markSubmitted, recordOutcome, reviewBrief, sendForReview } from './review-brief.js';
import { setQuota, setUnitQuotas } from './set-quota.js';
import { editBrief, writeBrief } from './write-brief.js';

const tags = ['信息报送'];
const actReplies = {
  200: BriefDetailSchema,
  400: ErrorReply,
  403: ErrorReply,
  404: ErrorReply,
  409: ErrorReply,
};

/** 信息报送: write, review, submit, record outcomes; quotas, ranking; shift handover notes. */
export function infoReportRoutes(app: AppInstance, ctx: AppContext): void {
  const detail = async (id: number) => {
    const brief = await getBrief(ctx.db, id);
    if (!brief) throw notFound('信息');
    return brief;
  };
  const tz = ctx.config.deadlines.timeZone;

  app.get(
    '/api/info-briefs',
    {
      config: { access: 'info.read' },
      schema: {
        tags,
        summary: '信息列表：待审核的在前',
        querystring: BriefListQuery,
        response: { 200: Page(BriefDetailSchema) },
      },
    },
    async (request) => listBriefs(ctx.db, request.query),
  );
  app.post(
    '/api/info-briefs',
    {
      config: { access: 'info.write' },
      schema: {
        tags,
        summary: '撰写信息（可从信息、热点话题或舆情事件预填）',
        body: WriteBody,
        response: { 201: BriefDetailSchema, 400: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const id = await writeBrief({ ctx, actor: requireActor(request), input: request.body });
      return reply.status(201).send(await detail(id));
    },
  );
  app.get(
    '/api/info-briefs/:id',
    {
      config: { access: 'info.read' },
      schema: {
        tags,
        summary: '信息详情',
        params: IdParams,
        response: { 200: BriefDetailSchema, 404: ErrorReply },
      },
    },
    async (request) => detail(request.params.id),
  );
  app.patch(
    '/api/info-briefs/:id',
    {
      config: { access: 'info.write' },
      schema: {
        tags,
        summary: '修改草稿或退回的信息',
        params: IdParams,
        body: EditBody,
        response: actReplies,
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      await editBrief({ ctx, actor: requireActor(request), id: request.params.id, version, input });
      return detail(request.params.id);
    },
  );
  app.post(
    '/api/info-briefs/:id/send',
    {
      config: { access: 'info.write' },
      schema: {
        tags,
        summary: '提交审核',
        params: IdParams,
        body: VersionBody,
        response: actReplies,
      },
    },
    async (request) => {
      await sendForReview({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        version: request.body.version,
      });
      return detail(request.params.id);
    },
  );
  app.post(
    '/api/info-briefs/:id/review',
    {
      config: { access: 'info.review' },
      schema: {
        tags,
        summary: '领导审核：通过或退回',
        params: IdParams,
        body: ReviewBody,
        response: actReplies,
      },
    },
    async (request) => {
      await reviewBrief({
        // The body first: a field named ctx, actor or id in it must not replace the server's own.
        ...request.body,
        ctx,
        actor: requireActor(request),
        id: request.params.id,
      });
      return detail(request.params.id);
    },
  );
  app.post(
    '/api/info-briefs/:id/submit',
    {
      config: { access: 'info.write' },
      schema: {
        tags,
        summary: '登记已报送上级部门',
        params: IdParams,
        body: SubmitBody,
        response: actReplies,
      },
    },
    async (request) => {
      await markSubmitted({
        // The body first: a field named ctx, actor or id in it must not replace the server's own.
        ...request.body,
        ctx,
        actor: requireActor(request),
        id: request.params.id,
      });
      return detail(request.params.id);
    },
  );
  app.post(
    '/api/info-briefs/:id/outcomes',
    {
      config: { access: 'info.write' },
      schema: {
        tags,
        summary: '登记采用或领导批示',
        params: IdParams,
        body: OutcomeBody,
        response: actReplies,
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      await recordOutcome({
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
    '/api/info-briefs/:id/brief.docx',
    {
      config: { access: 'info.read' },
      schema: { tags, summary: '导出舆情信息（Word）', params: IdParams },
    },
    async (request, reply) => {
      const b = await detail(request.params.id);
      const data = await buildBriefDocx(
        {
          title: b.title,
          body: b.body,
          issueNo: b.issueNo,
          unitName: b.unitName,
          authorName: b.author.name,
          submittedAt: b.submittedAt ? new Date(b.submittedAt) : null,
          submittedTo: b.submittedTo,
          orgName: await loadOrgName(ctx.db),
        },
        ctx.clock.now(),
      );
      return sendDownload(reply, {
        type: DOCX,
        name: `舆情信息-${b.title}.docx`,
        asciiName: `info-brief-${b.id}.docx`,
        data,
      });
    },
  );
  app.get(
    '/api/info-ranking',
    {
      config: { access: 'info.read' },
      schema: {
        tags,
        summary: '报送排名（月度或年度）',
        querystring: PeriodQuery,
        response: { 200: RankingSchema, 400: ErrorReply },
      },
    },
    async (request) => computeRanking(ctx.db, request.query.period, tz),
  );
  app.get(
    '/api/info-ranking.xlsx',
    {
      config: { access: 'info.read' },
      schema: { tags, summary: '报送排名（目标考核 Excel）', querystring: PeriodQuery },
    },
    async (request, reply) => {
      const data = await buildRankingXlsx(await computeRanking(ctx.db, request.query.period, tz));
      const p = request.query.period;
      return sendDownload(reply, {
        type: XLSX,
        name: `信息报送排名-${p}.xlsx`,
        asciiName: `info-ranking-${p}.xlsx`,
        data,
      });
    },
  );
  app.get(
    '/api/info-quotas/targets',
    {
      config: { access: 'info.manage' },
      schema: {
        tags,
        summary: '可设置任务数的单位和个人：能撰写信息的在职人员，及有这样人员的单位',
        response: { 200: QuotaTargetsSchema },
      },
    },
    async () => quotaTargets(ctx.db),
  );
  app.put(
    '/api/info-quotas',
    {
      config: { access: 'info.manage' },
      schema: {
        tags,
        summary: '设置月度任务数（单位或个人，0 为清除）',
        body: QuotaBody,
        response: { 204: Type.Null(), 400: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      await setQuota({ ctx, actor: requireActor(request), input: request.body });
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/api/info-quotas/units',
    {
      config: { access: 'info.manage' },
      schema: {
        tags,
        summary: '一次设置多个单位的月度任务数（全部成功或全部不变）',
        body: UnitQuotasBody,
        response: {
          200: Type.Object({ changed: Type.Integer() }),
          400: ErrorReply,
          404: ErrorReply,
        },
      },
    },
    async (request) => setUnitQuotas({ ...request.body, ctx, actor: requireActor(request) }),
  );
  app.get(
    '/api/watch/handovers',
    {
      config: { access: 'watch.read' },
      schema: {
        tags: ['值班'],
        summary: '交接班记录（按值守期）',
        querystring: HandoverQuery,
        response: { 200: Type.Array(HandoverSchema) },
      },
    },
    async (request) => listHandovers(ctx.db, request.query.watchPeriodId),
  );
  app.post(
    '/api/watch/handovers',
    {
      config: { access: 'watch.manage' },
      schema: {
        tags: ['值班'],
        summary: '填写交接班记录',
        body: HandoverBody,
        response: { 201: Type.Array(HandoverSchema), 400: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      await addHandover({ ctx, actor: requireActor(request), input: request.body });
      return reply.status(201).send(await listHandovers(ctx.db, request.body.watchPeriodId));
    },
  );
}
