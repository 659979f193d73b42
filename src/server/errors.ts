export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  PASSWORD_WEAK: 400,
  PASSWORD_WRONG: 400,
  IMPORT_INVALID: 400,
  RULE_SYNTAX: 400,
  AUTH_REQUIRED: 401,
  AUTH_INVALID: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  TOPIC_MERGED: 404,
  CONFLICT: 409,
  UNIT_IN_USE: 409,
  USERNAME_TAKEN: 409,
  UNIT_NAME_TAKEN: 409,
  INVALID_TRANSITION: 409,
  CASE_STALE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  AUTH_LOCKED: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one error type of the domain: a stable code for programs, a Chinese message for people. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra fields of the error body for programs, e.g. where in a rule a syntax error is. */
  readonly details: Record<string, string | number> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, string | number>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在`);
export const forbidden = (message = '没有权限执行此操作') => new AppError('FORBIDDEN', message);

/** A required text trimmed, or a 400 with `message` when only spaces are left (a schema's minLength counts them). */
export function filledIn(text: string, message: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new AppError('VALIDATION_FAILED', message);
  return trimmed;
}
