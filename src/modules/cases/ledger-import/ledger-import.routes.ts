import type { AppInstance } from '../../../server/app-instance.js';
import { requireActor } from '../../../server/access-hook.js';
import { ErrorReply } from '../../../server/common-schemas.js';
import type { AppContext } from '../../../server/context.js';
import { uploadedFile } from '../../../server/uploads.js';
import { importLedger } from './import-ledger.js';
import { LedgerImportQuery, LedgerImportReport } from './ledger-import.schemas.js';
import { buildLedgerTemplate } from './ledger-template.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ledgerImportRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['历史台账导入'];
  app.get(
    '/api/cases/import/template.xlsx',
    {
      config: { access: 'cases.import' },
      schema: { tags, summary: '下载历史台账导入模板（.xlsx）' },
    },
    async (_request, reply) =>
      reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent('历史台账导入模板.xlsx')}`,
        )
        .send(await buildLedgerTemplate()),
  );
  app.post(
    '/api/cases/import',
    {
      config: { access: 'cases.import' },
      schema: {
        tags,
        summary:
          '从 .xlsx（或 .csv）导入历史台账的办件（multipart 字段 file；dryRun=true 只预检）：逐行检查，有错误时不导入任何一行',
        querystring: LedgerImportQuery,
        response: { 200: LedgerImportReport, 400: ErrorReply, 413: ErrorReply, 415: ErrorReply },
      },
    },
    async (request) => {
      const upload = await uploadedFile(request, {
        code: 'IMPORT_INVALID',
        missing: '请选择要上传的 .xlsx 文件',
        tooLarge: '文件超过 10 MB',
      });
      return importLedger({
        ctx,
        actor: requireActor(request),
        file: upload.data,
        fileName: upload.filename || '台账.xlsx',
        dryRun: request.query.dryRun ?? true,
      });
    },
  );
}
