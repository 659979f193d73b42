import { Value } from '@sinclair/typebox/value';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { ColumnMapping } from './column-mapping.js';
import { enterPost, ManualPostBody, ManualPostReply } from './enter-post.js';
import { ImportReply, importFile, InspectReply, inspectImport } from './import-file.js';
import { readingUpload } from '../../server/uploads.js';

const tags = ['信息源'];
const fileErrors = { 400: ErrorReply, 413: ErrorReply, 415: ErrorReply };

interface Upload {
  filename: string;
  file: Buffer;
  fields: Record<string, string>;
}

/** The uploaded file and the form's text fields, in whatever order the browser sent them. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('IMPORT_INVALID', '请以 multipart/form-data 上传文件（字段名 file）');
  }
  const fields: Record<string, string> = {};
  const upload = await readingUpload(async () => {
    let found: { filename: string; file: Buffer } | null = null;
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const file = await part.toBuffer();
        if (part.file.truncated)
          throw new AppError('PAYLOAD_TOO_LARGE', '文件超过 10 MB，请拆分后分批导入');
        if (part.fieldname === 'file') found = { filename: part.filename, file };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
    return found;
  });
  if (!upload) throw new AppError('IMPORT_INVALID', '请选择要导入的 .xlsx 或 .csv 文件');
  return { ...upload, fields };
}

function parseMapping(text: string | undefined): ColumnMapping {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    throw new AppError('VALIDATION_FAILED', '缺少列对应关系（mapping，JSON）');
  }
  if (!Value.Check(ColumnMapping, value)) {
    throw new AppError('VALIDATION_FAILED', '列对应关系格式不正确，请重新选择各字段对应的列');
  }
  return value;
}

/** 录入 and 导入: posts that come from people rather than from fetching. */
export function importRoutes(app: AppInstance, ctx: AppContext): void {
  app.post(
    '/api/posts/manual',
    {
      config: { access: 'posts.import' },
      schema: {
        tags,
        summary: '人工录入一条帖子（经过去重、相关性判断；说明是否重复）',
        body: ManualPostBody,
        response: { 200: ManualPostReply, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => enterPost({ ctx, actor: requireActor(request), input: request.body }),
  );

  app.post(
    '/api/sources/import/inspect',
    {
      config: { access: 'posts.import' },
      schema: {
        tags,
        summary: '导入第一步：读取 .xlsx / .csv 的列名、前 5 行和行数，并猜测列对应关系',
        consumes: ['multipart/form-data'],
        response: { 200: InspectReply, ...fileErrors },
      },
    },
    async (request) => {
      const upload = await readUpload(request);
      return inspectImport({ actor: requireActor(request), ...upload });
    },
  );

  app.post(
    '/api/sources/import',
    {
      config: { access: 'posts.import' },
      schema: {
        tags,
        summary:
          '导入第二步：multipart 字段 file、mapping（JSON：字段 → 列名）、sourceName；逐行报告结果',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReply, ...fileErrors },
      },
    },
    async (request) => {
      const upload = await readUpload(request);
      return importFile({
        ctx,
        actor: requireActor(request),
        filename: upload.filename,
        file: upload.file,
        mapping: parseMapping(upload.fields.mapping),
        sourceName: upload.fields.sourceName ?? '',
      });
    },
  );
}
