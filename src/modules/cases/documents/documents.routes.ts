import type { AppInstance } from '../../../server/app-instance.js';
import { requireActor } from '../../../server/access-hook.js';
import { ErrorReply, IdParams } from '../../../server/common-schemas.js';
import type { AppContext } from '../../../server/context.js';
import { AppError } from '../../../server/errors.js';
import { buildCaseBundle } from './case-bundle.js';
import { buildCaseFileDocx } from './case-file-docx.js';
import { loadCaseRecord, type CaseRecord } from './case-record.js';
import { DOCX, sendDownload, ZIP } from './download.js';
import { buildSlipDocx } from './slip-docx.js';

const tags = ['办件'];
const errors = { 404: ErrorReply, 409: ErrorReply };

/** 2026-0042, or #17 for a case without a slip: the part of a download's name that tells which. */
const fileKey = (record: CaseRecord) => record.detail.slipNo ?? `${record.detail.id}`;

export function caseDocumentRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/cases/:id/slip.docx',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '下载《网络舆情抄告单》（.docx）；非办理人员看到的联系方式已脱敏',
        params: IdParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const record = await loadCaseRecord(ctx, requireActor(request), request.params.id);
      if (!record.detail.slipNo) throw new AppError('CONFLICT', '该办件尚未批办，还没有抄告单');
      // The same contact as the case page shows this reader: whole only for those handling it.
      const file = await buildSlipDocx(record, false);
      const key = fileKey(record);
      return sendDownload(reply, {
        type: DOCX,
        name: `抄告单-${key}.docx`,
        asciiName: `slip-${key}.docx`,
        data: file,
      });
    },
  );

  app.get(
    '/api/cases/:id/file.docx',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary:
          '下载办件卷宗（.docx）：留言、抄告单、批示、办理、审定、延期、发布、评价、催办和时间线',
        params: IdParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const record = await loadCaseRecord(ctx, actor, request.params.id);
      const file = await buildCaseFileDocx(record, {
        generatedAt: ctx.clock.now(),
        generatedBy: actor.name,
      });
      const key = fileKey(record);
      return sendDownload(reply, {
        type: DOCX,
        name: `卷宗-${key}.docx`,
        asciiName: `case-file-${key}.docx`,
        data: file,
      });
    },
  );

  app.get(
    '/api/cases/:id/bundle.zip',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary:
          '下载办件数据包（.zip）：case.json、slip.docx、file.docx、attachments/ 和 checksums.sha256',
        params: IdParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const record = await loadCaseRecord(ctx, actor, request.params.id);
      const attachments = await ctx.db
        .selectFrom('case_attachments')
        .select(['id', 'filename', 'sha256', 'data'])
        .where('case_id', '=', record.detail.id)
        .orderBy('id')
        .execute();
      const file = await buildCaseBundle(
        record,
        { generatedAt: ctx.clock.now(), generatedBy: actor.name, version: ctx.version },
        attachments,
      );
      const key = fileKey(record);
      return sendDownload(reply, {
        type: ZIP,
        name: `办件-${key}.zip`,
        asciiName: `case-${key}.zip`,
        data: file,
      });
    },
  );
}
