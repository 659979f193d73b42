import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { AppError } from '../server/errors.js';
import type { IncomingPost } from './ingest-posts.js';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const count = (v: unknown): number | null =>
  typeof v === 'number' && Number.isInteger(v) ? v : null;

/** One JSON line `{ id?, title?, body, time?, url?, author?, likes?, dislikes? }` as a post. */
export function postFromJson(value: unknown, line: number): IncomingPost {
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as { body?: unknown }).body !== 'string'
  ) {
    throw new AppError('VALIDATION_FAILED', `第 ${line} 行缺少 body（正文）`);
  }
  const v = value as Record<string, unknown>;
  const id = v.id;
  return {
    externalId: typeof id === 'string' || typeof id === 'number' ? id : null,
    title: text(v.title),
    body: v.body as string,
    postedAt: text(v.time),
    url: text(v.url),
    // The TipDM exports name the author `user`.
    author: text(v.author) ?? text(v.user),
    likes: count(v.likes),
    dislikes: count(v.dislikes),
  };
}

/** Reads a JSON Lines file in chunks, so a large import never sits in memory whole. */
export async function* readPostsJsonl(
  file: string,
  chunkSize = 5000,
): AsyncGenerator<IncomingPost[]> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let chunk: IncomingPost[] = [];
  let n = 0;
  for await (const raw of lines) {
    n++;
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AppError('VALIDATION_FAILED', `第 ${n} 行不是有效的 JSON`);
    }
    chunk.push(postFromJson(value, n));
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
