import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { importOrg } from './import-org.js';
import { RoleSchema } from '../auth/auth.schemas.js';
import { buildOrgTemplate } from './org-template.js';
import { uploadedFile } from '../../server/uploads.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ImportReport = Type.Object({
  ok: Type.Boolean(),
  dryRun: Type.Boolean(),
  created: Type.Object({ units: Type.Integer(), users: Type.Integer() }),
  rows: Type.Array(
    Type.Object({
      sheet: Type.String(),
      row: Type.Integer(),
      ok: Type.Boolean(),
      message: Type.String(),
    }),
  ),
  passwords: Type.Array(
    Type.Object({
      username: Type.String(),
      password: Type.String({ description: '初始密码，只在这一次回复中出现' }),
      name: Type.String(),
      unit: Type.Union([Type.String(), Type.Null()], { description: '所属单位' }),
      roles: Type.Array(RoleSchema),
    }),
  ),
});

export function importRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['组织导入'];
  app.get(
    '/api/org/import/template.xlsx',
    {
      config: { access: 'org.manage' },
      schema: { tags, summary: '下载单位和用户导入模板（.xlsx）' },
    },
    async (_request, reply) => {
      const file = await buildOrgTemplate();
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent('组织导入模板.xlsx')}`,
        )
        .send(file);
    },
  );
  app.post(
    '/api/org/import',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: '从 .xlsx 导入单位和用户（multipart 字段 file；dryRun=true 只预检）',
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: true })) }),
        response: { 200: ImportReport, 400: ErrorReply },
      },
    },
    async (request) => {
      const { data: file } = await uploadedFile(request, {
        code: 'IMPORT_INVALID',
        missing: '请选择要上传的 .xlsx 文件',
        tooLarge: '文件超过 10 MB',
      });
      return importOrg({
        ctx,
        actor: requireActor(request),
        file,
        dryRun: request.query.dryRun ?? true,
      });
    },
  );
}
