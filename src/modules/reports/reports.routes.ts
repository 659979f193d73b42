import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams, Page } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { DOCX, sendDownload, XLSX } from '../cases/documents/download.js';
import { buildWorkSummaryDocx } from './documents/work-summary-docx.js';
import { generateReport } from './generate-report.js';
import { loadReportSettings, ReportSettings, saveReportSettings } from './report-settings.js';
import {
  GenerateReportBody,
  ReportDetail,
  ReportListQuery,
  ReportSummary,
} from './report.schemas.js';
import { getReport, listReports, reportFile } from './reports.queries.js';

const tags = ['舆情报告'];

const Generated = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer(),
  title: Type.String(),
});

/** 舆情报告: everyone who follows the monitoring reads them; the office generates and schedules. */
export function reportRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/reports',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: '报告列表：日报、周报、月报、季报、年报（最新的期间在前）',
        querystring: ReportListQuery,
        response: { 200: Page(ReportSummary) },
      },
    },
    async (request) => listReports(ctx.db, request.query),
  );

  app.post(
    '/api/reports',
    {
      // A monitor may make a daily report; the use case keeps the other kinds to the office.
      config: { access: 'reports.daily' },
      schema: {
        tags,
        summary: '生成报告：该类型中含所给日期的期间；已有的同期报告被替换（期号不变）',
        body: GenerateReportBody,
        response: { 201: Generated, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const result = await generateReport({
        ctx,
        actor: requireActor(request),
        input: request.body,
      });
      return reply.status(201).send({ id: result.id, seq: result.seq, title: result.title });
    },
  );

  app.get(
    '/api/reports/settings',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: '报告设置：日报生成时间与接收人',
        response: { 200: ReportSettings },
      },
    },
    async () => loadReportSettings(ctx.db),
  );

  app.put(
    '/api/reports/settings',
    {
      config: { access: 'reports.manage' },
      schema: {
        tags,
        summary: '修改报告设置',
        body: ReportSettings,
        response: { 200: ReportSettings, 400: ErrorReply },
      },
    },
    async (request) =>
      saveReportSettings({ ctx, actor: requireActor(request), input: request.body }),
  );

  app.get(
    '/api/reports/:id',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: '报告预览：全部数字、热点话题、重点信息',
        params: IdParams,
        response: { 200: ReportDetail, 404: ErrorReply },
      },
    },
    async (request) => {
      const report = await getReport(ctx.db, request.params.id);
      if (!report) throw notFound('报告');
      return report;
    },
  );

  for (const which of ['docx', 'xlsx'] as const) {
    app.get(
      `/api/reports/:id.${which}`,
      {
        config: { access: 'reports.read' },
        schema: {
          tags,
          summary: which === 'docx' ? '下载报告（Word，红头公文格式）' : '下载台账（Excel）',
          params: IdParams,
          response: { 404: ErrorReply },
        },
      },
      async (request, reply) => {
        const file = await reportFile(ctx.db, request.params.id, which);
        if (!file) throw notFound('报告');
        const { summary } = file;
        const name = which === 'xlsx' ? `${summary.title}台账` : summary.title;
        return sendDownload(reply, {
          type: which === 'docx' ? DOCX : XLSX,
          name: `${name}.${which}`,
          asciiName: `report-${summary.kind}-${summary.from}.${which}`,
          data: file.data,
        });
      },
    );
  }

  app.get(
    '/api/reports/:id/summary.docx',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: '下载年度工作总结草稿（Word，仅年报）：全年数字已填入，供办公室修改',
        params: IdParams,
        response: { 400: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const report = await getReport(ctx.db, request.params.id);
      if (!report) throw notFound('报告');
      if (report.kind !== 'annual') {
        throw new AppError('VALIDATION_FAILED', '只有年报可以生成年度工作总结草稿');
      }
      const year = report.from.slice(0, 4);
      return sendDownload(reply, {
        type: DOCX,
        name: `${report.figures.orgName ?? ''}${year}年网络舆情工作总结（草稿）.docx`,
        asciiName: `work-summary-${year}.docx`,
        data: await buildWorkSummaryDocx(report.figures),
      });
    },
  );
}
