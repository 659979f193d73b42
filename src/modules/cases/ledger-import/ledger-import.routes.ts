import type { AppInstance } from '../../../server/app-instance.js';
import { requireActor } from '../../../server/access-hook.js';
import { ErrorReply } from '../../../server/common-schemas.js';
import type { AppContext } from '../../../server/context.js';
import { AppError } from '../../../server/errors.js';
import { readingUpload } from '../../../server/uploads.js';
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
      if (!request.isMultipart()) {
        throw new AppError('IMPORT_INVALID', '请以 multipart/form-data 上传文件（字段名 file）');
      }
      const upload = await readingUpload(async () => {
        const part = await request.file();
        return part ? { part, file: await part.toBuffer() } : null;
      });
      if (!upload) throw new AppError('IMPORT_INVALID', '请选择要上传的 .xlsx 文件');
      const { part, file } = upload;
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', '文件超过 10 MB');
      return importLedger({
        ctx,
        actor: requireActor(request),
        file,
        fileName: part.filename || '台账.xlsx',
        dryRun: request.query.dryRun ?? true,
      });
    },
  );
}
