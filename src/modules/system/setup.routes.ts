import type { AppInstance } from '../../server/app-instance.js';
import type { AppContext } from '../../server/context.js';
import { SetupStatus, setupStatus } from './setup-status.js';

export function setupRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/system/setup',
    {
      config: { access: 'org.manage' },
      schema: {
        tags: ['系统'],
        summary: '上线准备：本级名称、单位与联络员、各角色用户、工作小组组长、信息源是否已就绪',
        response: { 200: SetupStatus },
      },
    },
    async () => setupStatus(ctx.db),
  );
}
