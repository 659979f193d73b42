import type { Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { IncidentsTable } from '../../db/schema-incidents.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import type { ActionsUnder } from '../audit/action-names.js';
import { recordAudit } from '../audit/record-audit.js';

export type IncidentRow = Selectable<IncidentsTable>;

/** One timeline entry: what happened, in words, with the details a program may want. */
export interface IncidentEvent {
  kind: string;
  text: string;
  data?: Record<string, unknown>;
}

export interface IncidentActContext {
  trx: Transaction<DB>;
  row: IncidentRow;
  now: Date;
}

export interface IncidentActResult<T> {
  changes?: Omit<Updateable<IncidentsTable>, 'id' | 'version' | 'updated_at'>;
  event: IncidentEvent;
  /** The audit row's action (`incident.` is prefixed) and its before/after. */
  audit: { action: ActionsUnder<'incident'>; before?: unknown; after?: unknown };
  value: T;
}

export async function writeEvent(
  trx: Transaction<DB>,
  actor: Actor,
  incidentId: number,
  at: Date,
  event: IncidentEvent,
): Promise<void> {
  await trx
    .insertInto('incident_events')
    .values({
      incident_id: incidentId,
      kind: event.kind,
      text: event.text,
      actor_id: actor.id,
      actor_name: actor.name,
      at,
      data: event.data ? JSON.stringify(event.data) : null,
    })
    .execute();
}

/**
 * The one way an incident changes after it is opened: lock the row, check the version the client
 * saw and that the incident is still open, apply the act, then bump the version and write the
 * timeline entry and the audit row in the same transaction. Two people acting on one page: the
 * second waits for the lock, then finds a newer version and gets a 409.
 */
export async function actOnIncident<T>(
  ctx: AppContext,
  actor: Actor,
  opts: { id: number; version?: number | undefined },
  apply: (act: IncidentActContext) => Promise<IncidentActResult<T>>,
): Promise<T> {
  assertCan(actor, 'incidents.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('舆情事件');
    if (opts.version !== undefined && opts.version !== row.version) {
      throw new AppError('CONFLICT', '舆情事件已被他人更新，请刷新页面后重试');
    }
    if (row.status === 'closed') {
      throw new AppError('INVALID_TRANSITION', '该舆情事件已结束处置，不能再更改');
    }
    const now = ctx.clock.now();
    const result = await apply({ trx, row, now });
    await trx
      .updateTable('incidents')
      .set({ ...result.changes, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await writeEvent(trx, actor, row.id, now, result.event);
    await recordAudit(trx, ctx.clock, actor, {
      action: `incident.${result.audit.action}`,
      entityType: 'incident',
      entityId: row.id,
      summary: `舆情事件「${row.title}」：${result.event.text}`,
      before: result.audit.before,
      after: result.audit.after,
    });
    return result.value;
  });
}
