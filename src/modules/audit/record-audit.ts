import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditAction } from './action-names.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../access/actor.js';
import { auditHash, GENESIS_HASH } from './audit-hash.js';

export interface AuditEvent {
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

// Appends are serialised so that each row links to the one before it, across processes too.
const AUDIT_CHAIN_LOCK = 7_120_002;

/** Call inside the transaction that makes the change: the change and its record commit together. */
export async function recordAudit(
  trx: Transaction<DB> | Kysely<DB>,
  clock: Clock,
  actor: Actor,
  event: AuditEvent,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content = {
    at: clock.now(),
    actorId: actor.id,
    actorName: actor.kind === 'user' ? `${actor.name}(${actor.username})` : actor.name,
    action: event.action,
    entityType: event.entityType,
    entityId:
      event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
    summary: event.summary,
    before: event.before ?? null,
    after: event.after ?? null,
    ip: actor.ip,
  };
  await trx
    .insertInto('audit_log')
    .values({
      at: content.at,
      actor_id: content.actorId,
      actor_name: content.actorName,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      summary: content.summary,
      before: content.before === null ? null : JSON.stringify(content.before),
      after: content.after === null ? null : JSON.stringify(content.after),
      ip: content.ip,
      prev_hash: prevHash,
      hash: auditHash(prevHash, content),
    })
    .execute();
}

/** The fields of `after` that differ from `before`: what an audit summary of an update shows. */
export function changedFields<T extends object>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
