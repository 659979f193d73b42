import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ZIP = 'application/zip';

/**
 * Answers with a file to save: the Chinese name for browsers (RFC 6266 `filename*`), an ASCII
 * one for the rest, and no caching, since documents carry personal information.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { type: string; name: string; asciiName: string; data: Buffer | Readable },
): FastifyReply {
  return reply
    .type(file.type)
    .header(
      'content-disposition',
      `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    .header('cache-control', 'no-store')
    .send(file.data);
}
