import { Type, type Static } from '@sinclair/typebox';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { containsPattern } from '../../db/like.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { maskContactsInText, seesContacts } from '../cases/mask-contact.js';

/** The filters of the 审计日志 page; the .xlsx export takes the same ones. */
export const AuditFilters = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 50, description: '操作人姓名或登录名' })),
  actorId: Type.Optional(Type.Integer({ minimum: 1 })),
  action: Type.Optional(Type.String({ maxLength: 60 })),
  entityType: Type.Optional(Type.String({ maxLength: 40 })),
  entityId: Type.Optional(Type.String({ maxLength: 40 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: '摘要关键字' })),
});
export type AuditFilters = Static<typeof AuditFilters>;

type AuditSelect<O> = SelectQueryBuilder<DB, 'audit_log', O>;

/**
 * Readers who see contacts masked may not find entries by a contact either: a search for a phone
 * number would tell them which citizen wrote what, and when, through the log's raw text (DESIGN
 * §7: no tracking of people beyond the case at hand). Seven digits or more in a row (spaces and
 * dashes aside; a slip number such as 2026-0042 is no contact), or an e-mail address, are refused
 * for them with a 400.
 */
export function assertAuditSearchAllowed(actor: Actor | null, f: AuditFilters): void {
  const q = f.q?.trim();
  if (!q || (actor && seesContacts(actor))) return;
  const digits = q.replace(/(?<![\d-])\d{4}-\d{4}(?![\d-])/g, '').replace(/[\s\-－]/g, '');
  if (/\d{7,}/.test(digits) || /\S@\S/.test(q)) {
    throw new AppError(
      'VALIDATION_FAILED',
      '审计日志不能按电话号码、证件号或电子邮箱查找：联系方式对您是脱敏的。请按操作人、操作类型、对象或时间筛选。',
    );
  }
}

/** The audit rows the filters select. SQL only. */
export function filterAudit<O>(q: AuditSelect<O>, f: AuditFilters): AuditSelect<O> {
  if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
  if (f.actor?.trim()) q = q.where('actor_name', 'ilike', containsPattern(f.actor.trim()));
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.from) q = q.where('at', '>=', new Date(f.from));
  if (f.to) q = q.where('at', '<=', new Date(f.to));
  if (f.q?.trim()) q = q.where('summary', 'ilike', containsPattern(f.q.trim()));
  return q;
}

export function countAudit(db: Kysely<DB>, f: AuditFilters): Promise<number> {
  return filterAudit(
    db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')),
    f,
  )
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Every string inside a JSON value with contact details masked (audit before / after). */
export function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskContactsInText(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  }
  return value;
}

/**
 * The audit log records what citizens wrote as staff acted on it (a rating's note, a message's
 * title): its readers (admin, office) handle no case, so they read contacts masked (DESIGN §7),
 * as on the case pages; an export is masked for everyone.
 */
export function auditMasker(actor: Actor | null): {
  text: (s: string) => string;
  json: (v: unknown) => unknown;
} {
  return actor && seesContacts(actor)
    ? { text: (s) => s, json: (v) => v }
    : { text: maskContactsInText, json: maskDeep };
}
