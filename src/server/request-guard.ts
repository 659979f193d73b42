import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** What is wrong with a request value, and where: a dotted path ('' for the value itself). */
export interface BadInput {
  path: string;
  problem: 'nul' | 'control' | 'surrogate' | 'infinite' | 'deep';
  /** The offending character, for 'control'. */
  char?: string;
}

/** Deeper than any request the UI or a script sends; a recursive walk of [[[…]]] ran out of stack. */
export const MAX_DEPTH = 32;

// C0 controls other than tab, line feed and carriage return (vertical tab and form feed are
// changed into line feeds first), and DEL: never typed, and invalid in the XML of a .docx.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0001-\u0008\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const WORD_BREAK = /[\u000b\u000c]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): Pick<BadInput, 'problem' | 'char'> | null {
  if (text.includes('\u0000')) return { problem: 'nul' };
  const control = CONTROL.exec(text);
  if (control) return { problem: 'control', char: control[0] };
  if (LONE_SURROGATE.test(text)) return { problem: 'surrogate' };
  return null;
}

/**
 * The first value in a parsed request that PostgreSQL, JSON or a Word document cannot take: a
 * string with U+0000, another control character or half of a surrogate pair; a number that is not
 * finite (JSON's 1e400); nesting past MAX_DEPTH. Word's manual line breaks (vertical tab) and form
 * feeds, which come with text pasted from Word, are changed into line feeds in place.
 */
export function badInputAt(value: unknown): BadInput | null {
  if (typeof value === 'string') {
    const problem = textProblem(value.replace(WORD_BREAK, '\n'));
    return problem ? { path: '', ...problem } : null;
  }
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: node, path, depth } = stack.pop()!;
    // Binary (an upload's bytes) is not text.
    if (!node || typeof node !== 'object' || ArrayBuffer.isView(node)) continue;
    if (depth >= MAX_DEPTH) return { path, problem: 'deep' };
    const record = node as Record<string, unknown>;
    for (const [key, inner] of Object.entries(record)) {
      const at = path ? `${path}.${key}` : key;
      if (typeof inner === 'string') {
        const text = inner.replace(WORD_BREAK, '\n');
        const problem = textProblem(text);
        if (problem) return { path: at, ...problem };
        if (text !== inner) record[key] = text;
      } else if (typeof inner === 'number' && !Number.isFinite(inner)) {
        return { path: at, problem: 'infinite' };
      } else {
        stack.push({ value: inner, path: at, depth: depth + 1 });
      }
    }
  }
  return null;
}

function describe(bad: BadInput): string {
  switch (bad.problem) {
    case 'nul':
      return '含有空字符（U+0000），请删除后重试';
    case 'control': {
      const code = (bad.char ?? '').codePointAt(0) ?? 0;
      return `含有不可见的控制字符（U+${code.toString(16).toUpperCase().padStart(4, '0')}），请删除后重试`;
    }
    case 'surrogate':
      return '含有无效的字符（不成对的 UTF-16 代理项），请检查文字编码后重试';
    case 'infinite':
      return '的数值超出范围';
    case 'deep':
      return `嵌套超过 ${MAX_DEPTH} 层`;
  }
}

const PARTS: [keyof FastifyRequest & ('params' | 'query' | 'body'), string][] = [
  ['params', '路径参数'],
  ['query', '查询参数'],
  ['body', '请求内容'],
];

/**
 * Refuses, with a 400 naming the field, a request whose values badInputAt finds wrong. Before:
 * U+0000 or a lone surrogate in a name failed its insert with a 500, a control character made
 * the case file's .docx unreadable, 1e400 passed every bound, and [[[…]]] overflowed the stack.
 * (Uploaded files are not parsed here.)
 */
export function installRequestGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    for (const [part, label] of PARTS) {
      const bad = badInputAt(request[part]);
      if (bad !== null) {
        const field = bad.path ? `字段 ${bad.path} ` : '';
        done(new AppError('VALIDATION_FAILED', `${label}不正确：${field}${describe(bad)}`));
        return;
      }
    }
    done();
  });
}
