import type { FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from './errors.js';

/**
 * Runs the reading of a multipart upload, turning the parser's own errors (a missing boundary, a
 * body cut short: plain Errors with no status, which answered 500) into a 400 in Chinese. Errors
 * that carry a status (the file size limit's 413) and the domain's own pass through.
 */
export async function readingUpload<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof Error && 'statusCode' in err && typeof err.statusCode === 'number')
      throw err;
    throw new AppError(
      'VALIDATION_FAILED',
      '上传的内容不完整或格式不正确（multipart/form-data），请重新选择文件上传',
    );
  }
}

/**
 * The one file of a multipart upload (field file): a 400 in Chinese when the request is no upload
 * or holds no file (`code`, `missing`), a 413 when it is over the size limit (`tooLarge`).
 */
export async function uploadedFile(
  request: FastifyRequest,
  options: { code: ErrorCode; missing: string; tooLarge: string; fileSize?: number },
): Promise<{ filename: string; mimetype: string; data: Buffer }> {
  if (!request.isMultipart()) {
    throw new AppError(options.code, '请以 multipart/form-data 上传文件（字段名 file）');
  }
  const upload = await readingUpload(async () => {
    const part = await request.file(
      options.fileSize ? { limits: { fileSize: options.fileSize } } : undefined,
    );
    return part ? { part, data: await part.toBuffer() } : null;
  });
  if (!upload) throw new AppError(options.code, options.missing);
  const { part, data } = upload;
  if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', options.tooLarge);
  return { filename: part.filename, mimetype: part.mimetype, data };
}
