import { Type, type Static } from '@sinclair/typebox';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { containsPattern } from '../../db/like.js';
import type { DB } from '../../db/schema.js';
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
