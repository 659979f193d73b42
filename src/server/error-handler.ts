import type { FastifyError, FastifyInstance } from 'fastify';
import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import { AppError, type ErrorCode } from './errors.js';
import { DATE_RANGE } from './formats.js';

// ajv-i18n is CommonJS whose types claim a default export it does not have under NodeNext.
const localizeZh = createRequire(import.meta.url)('ajv-i18n/localize/zh') as (
  errors: ErrorObject[],
) => void;

interface ErrorBody {
  error: { code: ErrorCode; message: string } & Record<string, string | number>;
}

const TYPE_NAMES: Record<string, string> = {
  integer: '整数',
  number: '数字',
  string: '文字',
  boolean: '是或否（true / false）',
  array: '列表',
  object: '对象',
  null: '空值',
};

const FORMAT_NAMES: Record<string, string> = {
  uri: '有效的网址，如 https://www.example.gov.cn/',
  url: '有效的网址，如 https://www.example.gov.cn/',
  email: '有效的电子邮箱地址',
  time: '有效的时刻，如 08:30',
  uuid: '有效的 UUID',
};

/**
 * The 4xx that Fastify and its plugins raise themselves, in Chinese: their English messages
 * ("Body is not valid JSON but content-type is set to 'application/json'") are logged, not sent.
 */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: '请求内容不是有效的 JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求内容为空：Content-Type 为 application/json 时须附 JSON 内容',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求内容长度与 Content-Length 不符',
  FST_ERR_CTP_BODY_TOO_LARGE: '上传内容过大',
  FST_ERR_BAD_URL: '请求地址含有无效的编码（%），请检查后重试',
  FST_ERR_MAX_PARAM_LENGTH: '请求地址中的参数过长',
};

const STATUS_ERRORS: Record<number, { code: ErrorCode; message: string }> = {
  403: { code: 'FORBIDDEN', message: '拒绝访问' },
  404: { code: 'NOT_FOUND', message: '请求的内容不存在' },
  405: { code: 'VALIDATION_FAILED', message: '不支持的请求方法' },
  406: { code: 'VALIDATION_FAILED', message: '无法提供所要求的内容格式' },
  409: { code: 'CONFLICT', message: '请求与当前数据冲突，请刷新后重试' },
};

/** A 4xx from the framework or a plugin as `{ error: { code, message } }` with a Chinese message. */
export function frameworkError(err: FastifyError): { status: number; body: ErrorBody } {
  const status = err.statusCode ?? 400;
  const known = err.code ? FRAMEWORK_MESSAGES[err.code] : undefined;
  const byStatus = STATUS_ERRORS[status];
  return {
    // 414 (a parameter too long) reads better to people as the 400 it is.
    status: status === 414 ? 400 : status,
    body: {
      error: known
        ? { code: 'VALIDATION_FAILED', message: known }
        : (byStatus ?? { code: 'VALIDATION_FAILED', message: '请求无法处理，请检查后重试' }),
    },
  };
}

function validationMessage(errors: ErrorObject[], context: string | undefined): string {
  localizeZh(errors);
  const where: Record<string, string> = {
    body: '请求内容',
    querystring: '查询参数',
    params: '路径参数',
    headers: '请求头',
  };
  const first = errors[0];
  if (!first) return '请求参数不正确';
  const field = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = first.keyword === 'required' ? String(first.params.missingProperty ?? '') : '';
  const name = field || missing;
  const place = where[context ?? ''] ?? '请求';
  if (first.keyword === 'const' || first.keyword === 'enum' || first.keyword === 'anyOf') {
    return `${place}不正确：字段 ${name} 的取值不在允许范围内`;
  }
  // ajv-i18n says 「应当是 integer 类型」 and 「应当为 <= 2147483647」.
  if (first.keyword === 'type') {
    const type = String(first.params.type ?? '');
    return `${place}不正确：${name ? `字段 ${name} ` : ''}应当是${TYPE_NAMES[type] ?? type}`;
  }
  if (
    first.keyword === 'format' &&
    (first.params.format === 'date' || first.params.format === 'date-time')
  ) {
    const example = first.params.format === 'date' ? '2026-11-27' : '2026-11-27T08:00:00+08:00';
    return `${place}不正确：字段 ${name} 应当是 ${DATE_RANGE}间的有效日期${first.params.format === 'date' ? '' : '时间'}，如 ${example}`;
  }
  if (first.keyword === 'maximum' || first.keyword === 'minimum') {
    const bound = first.keyword === 'maximum' ? '大于' : '小于';
    return `${place}不正确：字段 ${name} 不能${bound} ${String(first.params.limit)}`;
  }
  if (first.keyword === 'exclusiveMaximum' || first.keyword === 'exclusiveMinimum') {
    const bound = first.keyword === 'exclusiveMaximum' ? '小于' : '大于';
    return `${place}不正确：字段 ${name} 应当${bound} ${String(first.params.limit)}`;
  }
  // ajv-i18n would show the regular expression, or the format's name.
  if (first.keyword === 'pattern') return `${place}不正确：字段 ${name} 的格式不正确`;
  if (first.keyword === 'format') {
    const format = String(first.params.format ?? '');
    return `${place}不正确：字段 ${name} 应当是${FORMAT_NAMES[format] ?? '正确的格式'}`;
  }
  return `${place}不正确：${name ? `字段 ${name} ` : ''}${first.message ?? ''}`;
}

/** One shape for every error: `{ error: { code, message } }`, message in Chinese, no stacks. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError | AppError>((err, request, reply) => {
    let status: number;
    let body: ErrorBody;
    if (err instanceof AppError) {
      status = err.status;
      body = { error: { ...err.details, code: err.code, message: err.message } };
    } else if (err.validation) {
      status = 400;
      body = {
        error: {
          code: 'VALIDATION_FAILED',
          message: validationMessage(err.validation as ErrorObject[], err.validationContext),
        },
      };
    } else if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      status = 413;
      body = { error: { code: 'PAYLOAD_TOO_LARGE', message: '上传内容过大' } };
    } else if (err.statusCode === 415) {
      status = 415;
      body = { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' } };
    } else if (err.statusCode === 429) {
      status = 429;
      body = { error: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } };
    } else if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      request.log.info({ err }, 'request refused by the framework');
      ({ status, body } = frameworkError(err));
    } else {
      request.log.error({ err }, 'unhandled error');
      status = 500;
      body = { error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' } };
    }
    return reply.status(status).send(body);
  });
}
