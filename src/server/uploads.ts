import { AppError } from './errors.js';

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
