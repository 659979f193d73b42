import { Type, type Static } from '@sinclair/typebox';
import type { AppInstance } from '../../../server/app-instance.js';
import { requireActor } from '../../../server/access-hook.js';
import { ErrorReply } from '../../../server/common-schemas.js';
import type { AppContext } from '../../../server/context.js';
import { LocalDate } from '../stats/period.js';
import {
  countArchiveTransfer,
  MAX_TRANSFER_CASES,
  planArchiveTransfer,
  streamArchiveTransfer,
  type TransferQuery,
} from './archive-transfer.js';
import { sendDownload, ZIP } from './download.js';

const tags = ['办件'];

const TransferQuerySchema = Type.Object({
  from: { ...LocalDate, description: '受理日期起，如 2026-01-01（含；本地时区）' },
  to: { ...LocalDate, description: '受理日期止（含）' },
  q: Type.Optional(Type.String({ maxLength: 100, description: '关键词：抄告单号、标题或内容' })),
  unitId: Type.Optional(Type.Integer({ minimum: 1, description: '承办单位（牵头或协办）' })),
});
type TransferQuerySchema = Static<typeof TransferQuerySchema>;

const toQuery = (q: TransferQuerySchema): TransferQuery => ({
  from: q.from,
  to: q.to,
  q: q.q?.trim() || undefined,
  unitId: q.unitId,
});

export function archiveTransferRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/cases/archive-transfer',
    {
      config: { access: 'cases.transfer' },
      schema: {
        tags,
        summary: '归档移交：先数一数该期间（及筛选条件）有多少件归档办件、单次上限多少',
        querystring: TransferQuerySchema,
        response: {
          200: Type.Object({ count: Type.Integer(), limit: Type.Integer() }),
          400: ErrorReply,
          409: ErrorReply,
        },
      },
    },
    async (request) => {
      // Counting never refuses: the page says how many and whether that is too many.
      const count = await countArchiveTransfer({
        ctx,
        actor: requireActor(request),
        query: toQuery(request.query),
      });
      return { count, limit: MAX_TRANSFER_CASES };
    },
  );

  app.get(
    '/api/cases/archive-transfer.zip',
    {
      config: { access: 'cases.transfer' },
      schema: {
        tags,
        summary:
          '归档移交：一个期间的归档办件打包下载（.zip）：每件一个文件夹（同单件数据包），顶层案卷目录.xlsx 和 checksums.sha256；联系方式脱敏',
        querystring: TransferQuerySchema,
        response: { 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const query = toQuery(request.query);
      // Refusals (too many cases, a reversed period) come before the first byte, as JSON.
      const plan = await planArchiveTransfer({ ctx, actor, query });
      const stream = await streamArchiveTransfer({ ctx, actor, plan });
      const key = `${query.from}-${query.to}`;
      return sendDownload(reply, {
        type: ZIP,
        name: `归档移交-${key}.zip`,
        asciiName: `archive-transfer-${key}.zip`,
        data: stream,
      });
    },
  );
}
