import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { AppInstance } from '../../server/app-instance.js';
import type { AppContext } from '../../server/context.js';

export function healthRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['系统'],
        summary: '健康检查',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            db: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
            version: Type.String(),
          }),
        },
      },
    },
    async () => {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' as const, db: ctx.dbKind, version: ctx.version };
    },
  );
}
