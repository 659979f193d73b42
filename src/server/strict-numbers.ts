import type { FastifyInstance, preValidationHookHandler } from 'fastify';
import { AppError } from './errors.js';

type Schema = Record<string, unknown>;

// Long enough for the bounds to answer "不能大于 …"; short enough to stay finite.
const INTEGER = /^-?\d{1,300}$/;
const DECIMAL = /^-?\d{1,300}(\.\d{1,300})?$/;

function types(schema: Schema): string[] {
  const t = schema.type;
  return typeof t === 'string' ? [t] : Array.isArray(t) ? (t as string[]) : [];
}

/** 'integer' or 'number' when the schema takes only that (or null), else null. */
function numericKind(schema: Schema): 'integer' | 'number' | null {
  const own = types(schema).filter((t) => t !== 'null');
  if (own.length > 0) {
    if (own.every((t) => t === 'integer')) return 'integer';
    if (own.every((t) => t === 'integer' || t === 'number')) return 'number';
    return null;
  }
  const branches = ((schema.anyOf ?? schema.oneOf) as Schema[] | undefined)?.filter(
    (b) => !(types(b).length === 1 && types(b)[0] === 'null'),
  );
  if (!branches || branches.length === 0) return null;
  const kinds = branches.map(numericKind);
  if (kinds.every((k) => k === 'integer')) return 'integer';
  if (kinds.every((k) => k !== null)) return 'number';
  return null;
}

/**
 * Where a request value is a string that the schema wants as a number but that is not written as
 * a plain decimal. ajv's type coercion reads strings with JavaScript's `+s`, which takes " 1",
 * "+1", "0x10", "1e0" and "Infinity" (the last past every minimum and maximum): a DELETE of
 * /api/watch-periods/%201 deleted watch period 1.
 */
export function looseNumberAt(
  schema: unknown,
  value: unknown,
  path = '',
): { path: string; kind: 'integer' | 'number' } | null {
  if (!schema || typeof schema !== 'object') return null;
  const s = schema as Schema;
  if (typeof value === 'string') {
    const kind = numericKind(s);
    if (kind !== null) {
      return (kind === 'integer' ? INTEGER : DECIMAL).test(value) ? null : { path, kind };
    }
    // A query parameter given once where the schema takes a list (coerceTypes: 'array').
    if (types(s).includes('array')) return looseNumberAt(s.items, value, path);
    return null;
  }
  if (Array.isArray(value)) {
    if (!types(s).includes('array')) return null;
    for (const [i, item] of value.entries()) {
      const at = looseNumberAt(s.items, item, path ? `${path}.${i}` : String(i));
      if (at !== null) return at;
    }
    return null;
  }
  if (value && typeof value === 'object' && s.properties && typeof s.properties === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const property = (s.properties as Record<string, unknown>)[key];
      const at = looseNumberAt(property, inner, path ? `${path}.${key}` : key);
      if (at !== null) return at;
    }
  }
  return null;
}

const PARTS = [
  ['params', 'params', '路径参数'],
  ['querystring', 'query', '查询参数'],
  ['body', 'body', '请求内容'],
] as const;

/** Refuses numbers written otherwise than as plain decimals, on every route registered after this. */
export function installStrictNumbers(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema;
    if (!schema) return;
    const check: preValidationHookHandler = (request, _reply, done) => {
      for (const [part, field, label] of PARTS) {
        const at = looseNumberAt(schema[part], request[field]);
        if (at !== null) {
          const name = at.path ? `字段 ${at.path} ` : '';
          const what = at.kind === 'integer' ? '整数' : '数字';
          done(new AppError('VALIDATION_FAILED', `${label}不正确：${name}应当是${what}`));
          return;
        }
      }
      done();
    };
    const existing = route.preValidation;
    route.preValidation = existing
      ? [...(Array.isArray(existing) ? existing : [existing]), check]
      : [check];
  });
}
