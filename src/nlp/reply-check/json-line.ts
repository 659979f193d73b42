import { checkReply } from './check-reply.js';
import { replyCheckModel, type ReplyCheckModel } from './model.js';

/**
 * One line of `yuqing reply-check`: `{ id, title?, body, reply }` in,
 * `{ id, relevance, completeness, explanation, score }` out, or `{ id, error }` (id null when it
 * cannot be read) for a line that is not such an object. Never throws on its input.
 */
export function replyCheckJsonLine(raw: string, model?: ReplyCheckModel): string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return JSON.stringify({ id: null, error: raw.trim() ? '不是有效的 JSON' : '空行' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return JSON.stringify({ id: null, error: '应为 JSON 对象 { id, title?, body, reply }' });
  const v = value as Record<string, unknown>;
  const id = typeof v.id === 'string' || typeof v.id === 'number' ? v.id : null;
  if (typeof v.body !== 'string') return JSON.stringify({ id, error: '缺少 body（留言正文）' });
  if (typeof v.reply !== 'string') return JSON.stringify({ id, error: '缺少 reply（答复意见）' });
  if (v.title !== undefined && v.title !== null && typeof v.title !== 'string')
    return JSON.stringify({ id, error: 'title（标题）应为字符串' });
  const r = checkReply(
    { title: v.title ?? null, body: v.body, reply: v.reply },
    model ?? replyCheckModel(),
  );
  return JSON.stringify({
    id,
    relevance: r.relevance,
    completeness: r.completeness,
    explanation: r.explanation,
    score: r.score,
  });
}
