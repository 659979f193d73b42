import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { requestBackup } from './backup-runs.js';
import { BackupStatus, backupStatus, PendingBackupReply } from './backup-status.js';

const tags = ['系统'];

/**
 * 数据备份: what the nightly backup does and did, and 立即备份. No file leaves the server through
 * the web and nothing is restored from it: restoring is `yuqing restore` on the server.
 */
export function backupRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/system/backup',
    {
      config: { access: 'backup.manage' },
      schema: {
        tags,
        summary: '数据备份：备份目录、是否加密、保留份数、时间安排、已有备份文件、最近一次结果',
        response: { 200: BackupStatus },
      },
    },
    async () => backupStatus(ctx),
  );
  app.post(
    '/api/system/backup',
    {
      config: { access: 'backup.manage' },
      schema: {
        tags,
        summary: '立即备份：加入后台任务队列，一分钟内开始；同一时间只有一次',
        response: { 202: PendingBackupReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const pending = await requestBackup({ ctx, actor: requireActor(request) });
      return reply.status(202).send({
        ...pending,
        requestedAt: pending.requestedAt.toISOString(),
        startedAt: pending.startedAt?.toISOString() ?? null,
      });
    },
  );
}
