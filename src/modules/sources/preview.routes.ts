import type { AppInstance } from '../../server/app-instance.js';
import { ErrorReply } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { previewSource } from '../../sources/preview-source.js';
import { fetchedDefinition } from './source-definition.js';
import { PreviewBody, PreviewReply } from './sources.schemas.js';

/**
 * 试抓取: what a source as typed in the form would extract; nothing is stored. Five items: the
 * preview keeps to the per-host pace (a second between requests), so each detail page read for it
 * costs the user a second of waiting.
 */
export function previewRoutes(app: AppInstance, ctx: AppContext): void {
  app.post(
    '/api/sources/preview',
    {
      config: { access: 'sources.manage' },
      schema: {
        tags: ['信息源'],
        summary: '试抓取：按填写的地址和选择器 / 字段映射抓取前几条，显示提取结果（不保存）',
        body: PreviewBody,
        response: { 200: PreviewReply, 400: ErrorReply },
      },
    },
    async (request) => {
      const { kind, url, config } = request.body;
      return previewSource(ctx, fetchedDefinition(kind, url, config), { maxItems: 5 });
    },
  );
}
