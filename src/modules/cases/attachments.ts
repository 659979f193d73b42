import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { can, type Actor } from '../access/actor.js';
import { actOnCase, visibleTo } from './act-on-case.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Those who handle cases may attach files; office and viewers only read them. */
export function mayAttach(actor: Actor): boolean {
  return can(actor, 'cases.attach');
}

/** A name for the file that is only a name: no directories, no control characters, not too long. */
export function cleanFilename(name: string): string {
  const plain = basename(name.replaceAll('\\', '/'))
    .split('')
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  if (!plain || plain === '.' || plain === '..') return '附件';
  if (plain.length <= 200) return plain;
  const dot = plain.lastIndexOf('.');
  const ext = dot > 0 && plain.length - dot <= 10 ? plain.slice(dot) : '';
  return plain.slice(0, 200 - ext.length) + ext;
}

export async function addAttachment({
  ctx,
  actor,
  caseId,
  file,
}: {
  ctx: AppContext;
  actor: Actor;
  caseId: number;
  file: { filename: string; contentType: string; data: Buffer };
}): Promise<{ id: number }> {
  if (!mayAttach(actor)) throw forbidden('只有办理人员可以上传附件');
  if (file.data.length === 0) throw new AppError('VALIDATION_FAILED', '文件为空');
  if (file.data.length > MAX_ATTACHMENT_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', '附件不能超过 10 MB');
  const filename = cleanFilename(file.filename);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  let id = 0;
  await actOnCase(ctx, actor, { caseId, action: 'attach' }, async ({ trx, now }) => {
    const row = await trx
      .insertInto('case_attachments')
      .values({
        case_id: caseId,
        filename,
        content_type: file.contentType || 'application/octet-stream',
        size: file.data.length,
        sha256,
        data: file.data,
        uploaded_by: actor.id,
        uploaded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
    return {
      comment: `${filename}（${Math.ceil(file.data.length / 1024)} KB）`,
      data: { attachmentId: row.id, sha256 },
    };
  });
  return { id };
}

export async function readAttachment({
  ctx,
  actor,
  caseId,
  attachmentId,
}: {
  ctx: AppContext;
  actor: Actor;
  caseId: number;
  attachmentId: number;
}): Promise<{ filename: string; contentType: string; data: Buffer }> {
  if (!(await visibleTo(ctx.db, actor, caseId))) throw notFound('附件');
  const row = await ctx.db
    .selectFrom('case_attachments')
    .select(['filename', 'content_type', 'data'])
    .where('id', '=', attachmentId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw notFound('附件');
  return { filename: row.filename, contentType: row.content_type, data: Buffer.from(row.data) };
}
