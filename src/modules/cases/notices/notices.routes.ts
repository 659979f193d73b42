import type { AppInstance } from '../../../server/app-instance.js';
import { requireActor } from '../../../server/access-hook.js';
import { ErrorReply, IdParams, Page } from '../../../server/common-schemas.js';
import type { AppContext } from '../../../server/context.js';
import { notFound } from '../../../server/errors.js';
import { loadOrgName } from '../documents/case-record.js';
import { DOCX, sendDownload } from '../documents/download.js';
import { issueNotice, previewNotice } from './issue-notice.js';
import { buildNoticeDocx } from './notice-docx.js';
import {
  IssueNoticeBody,
  Notice,
  NoticeListQuery,
  NoticePreview,
  NoticeSummary,
} from './notices.schemas.js';
import { getNotice, listNotices } from './notices.queries.js';

const tags = ['督办'];

/** 通报: the office issues them (`cases.urge`); the office and leaders read them (`cases.supervise`). */
export function noticeRoutes(app: AppInstance, ctx: AppContext): void {
  const timeZone = ctx.config.deadlines.timeZone;
  const load = async (id: number) => {
    const notice = await getNotice(ctx.db, id, timeZone);
    if (!notice) throw notFound('通报');
    // The paper's masthead and signature carry the township's name, on screen as in the .docx.
    return { ...notice, orgName: await loadOrgName(ctx.db) };
  };

  app.post(
    '/api/notices',
    {
      config: { access: 'cases.urge' },
      schema: {
        tags,
        summary: '生成通报：列出期限落在期间内、既未回复也未说明理由或申请延期的单位及办件',
        body: IssueNoticeBody,
        response: { 201: Notice, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { id } = await issueNotice({ ctx, actor: requireActor(request), input: request.body });
      return reply.status(201).send(await load(id));
    },
  );

  app.post(
    '/api/notices/preview',
    {
      config: { access: 'cases.urge' },
      schema: {
        tags,
        summary: '预览通报：这一期间将被通报的单位及其办件，不编号、不保存',
        body: IssueNoticeBody,
        response: { 200: NoticePreview, 400: ErrorReply },
      },
    },
    async (request) => ({
      units: await previewNotice(ctx, requireActor(request), request.body),
    }),
  );

  app.get(
    '/api/notices',
    {
      config: { access: 'cases.supervise' },
      schema: {
        tags,
        summary: '通报列表（按年份筛选，最新的在前）',
        querystring: NoticeListQuery,
        response: { 200: Page(NoticeSummary) },
      },
    },
    async (request) => listNotices(ctx.db, request.query, timeZone),
  );

  app.get(
    '/api/notices/:id',
    {
      config: { access: 'cases.supervise' },
      schema: {
        tags,
        summary: '通报详情：单位及其超期办件',
        params: IdParams,
        response: { 200: Notice, 404: ErrorReply },
      },
    },
    async (request) => load(request.params.id),
  );

  app.get(
    '/api/notices/:id.docx',
    {
      config: { access: 'cases.supervise' },
      schema: {
        tags,
        summary: '下载通报（.docx，公文格式）',
        params: IdParams,
        response: { 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const notice = await load(request.params.id);
      const file = await buildNoticeDocx(notice, { orgName: notice.orgName ?? null });
      return sendDownload(reply, {
        type: DOCX,
        name: `通报${notice.number}.docx`,
        asciiName: `notice-${notice.year}-${notice.seq}.docx`,
        data: file,
      });
    },
  );
}
