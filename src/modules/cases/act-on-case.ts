import type { Transaction, Updateable } from 'kysely';
import type { CasesTable, DB } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { unitScope, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyRoles, notifyUnits } from '../notifications/notify.js';
import type { Role } from '../access/roles.js';
import {
  ACTION_LABELS,
  assertTransition,
  STATE_LABELS,
  type CaseAction,
  type CaseState,
} from './case-status.js';
import type { CaseRow } from './cases.queries.js';

export interface ActContext {
  trx: Transaction<DB>;
  row: CaseRow;
  /** The state the act leads to (the current one for acts that do not move the case). */
  to: CaseState;
  now: Date;
}

/** Who hears of an act: holders of roles, or the liaisons of units (inbox, e-mail, group robots). */
export interface CaseTidings {
  kind: string;
  to: { roles: Role[] } | { unitIds: number[] };
  title: string;
  body: string;
}

export interface ActResult {
  changes?: Omit<Updateable<CasesTable>, 'state' | 'version'>;
  /** A second transition the act sets off (the lead unit's signature starts the handling). */
  then?: CaseAction;
  /** For the timeline and the audit summary. */
  comment?: string | null;
  unitId?: number | null;
  data?: Record<string, unknown>;
  tell?: CaseTidings[];
}

export const caseLabel = (row: { id: number; slip_no: string | null }) =>
  row.slip_no ? `抄告单 ${row.slip_no}` : `办件 #${row.id}`;

/**
 * The one way a case changes: lock the row, check who may see it, check the transition table
 * and the version the client saw, apply the act, then write the case, its timeline entry and the
 * audit record in the same transaction. Two people acting at once: the second waits for the lock,
 * then finds the case moved on and gets a 409.
 */
export async function actOnCase(
  ctx: AppContext,
  actor: Actor,
  opts: { caseId: number; action: CaseAction; version?: number | undefined },
  apply: (act: ActContext) => Promise<ActResult> | ActResult,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', opts.caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!row || !(await visibleTo(trx, actor, row.id))) throw notFound('办件');
    if (opts.version !== undefined && opts.version !== row.version) {
      throw new AppError('CASE_STALE', '办件已被他人更新，请刷新页面后重试');
    }
    const next = assertTransition(row.state, opts.action);
    const now = ctx.clock.now();
    const result = await apply({ trx, row, to: next, now });
    const to = result.then ? assertTransition(next, result.then) : next;
    await trx
      .updateTable('cases')
      .set({ ...result.changes, state: to, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await recordCaseEvent(trx, {
      caseId: row.id,
      at: now,
      actor,
      action: opts.action,
      from: row.state,
      to,
      unitId: result.unitId ?? null,
      comment: result.comment ?? null,
      data: result.data ?? null,
    });
    const moved = to === row.state ? '' : `（${STATE_LABELS[row.state]} → ${STATE_LABELS[to]}）`;
    await recordAudit(trx, ctx.clock, actor, {
      action: `case.${opts.action}`,
      entityType: 'case',
      entityId: row.id,
      summary: `${ACTION_LABELS[opts.action]}：${caseLabel(row)}${moved}${result.comment ? `，${result.comment.slice(0, 80)}` : ''}`,
      before: { state: row.state, version: row.version },
      after: { state: to, version: row.version + 1, ...(result.data ?? {}) },
    });
    // A slip issued by this act is known by its new number (抄告单 2026-0042, not 办件 #42); one
    // sent or taken back keeps the number it had.
    const named = { id: row.id, slip_no: result.changes?.slip_no ?? row.slip_no };
    for (const tidings of result.tell ?? []) await tellAbout(trx, ctx, actor, named, tidings);
    // Whoever acts on a case has seen it: what their inbox still holds unread about it (待批办,
    // 待审定 …) is done with, and would only keep the bell's count up.
    if (actor.id !== null)
      await trx
        .updateTable('notifications')
        .set({ read_at: now })
        .where('user_id', '=', actor.id)
        .where('case_id', '=', row.id)
        .where('read_at', 'is', null)
        .execute();
  });
}

/** One entry of a case's timeline (办理过程): who did what, when, from which state to which. */
export async function recordCaseEvent(
  trx: Transaction<DB>,
  e: {
    caseId: number;
    at: Date;
    actor: Pick<Actor, 'id' | 'name'>;
    action: string;
    from: string | null;
    to: string | null;
    unitId: number | null;
    comment: string | null;
    data: Record<string, unknown> | null;
  },
): Promise<void> {
  await trx
    .insertInto('case_events')
    .values({
      case_id: e.caseId,
      at: e.at,
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      unit_id: e.unitId,
      comment: e.comment,
      data: e.data ? JSON.stringify(e.data) : null,
    })
    .execute();
}

/** Notifies inside the case's transaction: a rolled-back act tells nobody. */
export async function tellAbout(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  row: { id: number; slip_no: string | null },
  tidings: CaseTidings,
): Promise<void> {
  const message = {
    kind: tidings.kind,
    title: `${tidings.title}：${caseLabel(row)}`,
    body: tidings.body,
    link: `/cases/${row.id}`,
    caseId: row.id,
    exceptUserIds: actor.id === null ? [] : [actor.id],
  };
  if ('roles' in tidings.to) await notifyRoles(trx, ctx, { ...message, roles: tidings.to.roles });
  else await notifyUnits(trx, ctx, { ...message, unitIds: tidings.to.unitIds });
}

/** A liaison sees only cases on which one of their units is named. */
export async function visibleTo(
  db: Transaction<DB> | AppContext['db'],
  actor: Actor,
  caseId: number,
): Promise<boolean> {
  const scope = unitScope(actor);
  if (scope === null) return true;
  if (scope.length === 0) return false;
  const hit = await db
    .selectFrom('case_units')
    .select('unit_id')
    .where('case_id', '=', caseId)
    .where('unit_id', 'in', scope)
    .executeTakeFirst();
  return hit !== undefined;
}

/**
 * Why a liaison who cannot see a case once could: their unit was on a slip that was sent back
 * (退回抄告单) or taken back by a leader (收回抄告单), or it left the slip as a co-unit (退出协办).
 * Their inbox still links to the case, and "办件不存在" would read as lost data.
 * Null when none of their units was ever on the case.
 */
export async function whyNoLongerVisible(
  db: Transaction<DB> | AppContext['db'],
  actor: Actor,
  caseId: number,
): Promise<string | null> {
  const scope = unitScope(actor);
  if (scope === null || scope.length === 0) return null;
  const returns = await db
    .selectFrom('case_events')
    .select(['data', 'action'])
    .where('case_id', '=', caseId)
    .where('action', 'in', ['return-slip', 'withdraw-slip', 'decline-co'])
    .orderBy('id', 'desc')
    .execute();
  for (const e of returns) {
    const data = (e.data ?? {}) as {
      slipNo?: string | null;
      leadUnitId?: number | null;
      coUnitIds?: number[];
      unitId?: number;
    };
    const slip = data.slipNo ? `抄告单 ${data.slipNo} ` : '抄告单';
    if (e.action === 'decline-co') {
      if (typeof data.unitId === 'number' && scope.includes(data.unitId))
        return `本单位已退出该办件${slip}的协办，不再看到此办件；如有疑问请联系领导`;
      continue;
    }
    const units = [data.leadUnitId, ...(data.coUnitIds ?? [])];
    if (units.some((u) => typeof u === 'number' && scope.includes(u))) {
      const how = e.action === 'withdraw-slip' ? '已由领导收回' : '已被退回';
      return `该办件的${slip}${how}，本单位不再承办，待领导重新批办；如有疑问请联系领导`;
    }
  }
  return null;
}

/** The case's unit the actor acts for: named explicitly, or their only one on the case. */
export async function actingUnit(
  trx: Transaction<DB>,
  actor: Actor,
  caseId: number,
  role: 'lead' | 'co' | 'any',
  unitId?: number,
): Promise<{
  unit_id: number;
  role: 'lead' | 'co';
  signed_at: Date | null;
  contributed_at: Date | null;
}> {
  let q = trx
    .selectFrom('case_units')
    .select(['unit_id', 'role', 'signed_at', 'contributed_at'])
    .where('case_id', '=', caseId)
    .where('unit_id', 'in', actor.unitIds.length > 0 ? actor.unitIds : [0]);
  if (role !== 'any') q = q.where('role', '=', role);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  const rows = await q.execute();
  const first = rows[0];
  if (!first) {
    const what = role === 'lead' ? '牵头单位' : role === 'co' ? '协办单位' : '承办单位';
    throw new AppError('FORBIDDEN', `您不是本办件${what}的联络员，不能执行此操作`);
  }
  if (rows.length > 1) {
    throw new AppError('VALIDATION_FAILED', '您联络多个承办单位，请指明代表哪个单位（unitId）');
  }
  return first;
}
