import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** Where in a parsed request value a string holds U+0000: a dotted path ('' for the value itself). */
export function nulAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  // Binary (an upload's bytes) is not text.
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    const at = nulAt(inner, path ? `${path}.${key}` : key);
    if (at !== null) return at;
  }
  return null;
}

const PARTS: [keyof FastifyRequest & ('params' | 'query' | 'body'), string][] = [
  ['params', '路径参数'],
  ['query', '查询参数'],
  ['body', '请求内容'],
];

/**
 * Refuses a request whose text holds U+0000 with a 400: PostgreSQL refuses it in text, so a reply,
 * a name or a search with one failed with a 500. (Uploaded files are not parsed here.)
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    for (const [part, label] of PARTS) {
      const at = nulAt(request[part]);
      if (at !== null) {
        done(
          new AppError(
            'VALIDATION_FAILED',
            `${label}不正确：${at ? `字段 ${at} ` : ''}含有空字符（U+0000），请删除后重试`,
          ),
        );
        return;
      }
    }
    done();
  });
}
