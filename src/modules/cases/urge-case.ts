import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { formatDateTime } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, systemActor, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { actOnCase, caseLabel, recordCaseEvent, tellAbout } from './act-on-case.js';

export type UrgeKind = 'handling' | 'reply';

const KIND_LABELS: Record<UrgeKind, string> = { handling: '书面回复', reply: '公开答复' };

/** A unit urged by hand on a case is not urged by hand again within this time (a double click). */
export const MANUAL_URGE_GAP_MS = 60 * 60_000;

/**
 * Records one urging of a unit for one missed (or nearly missed) due time. The job's urging
 * (actorId null) is once per due time by a partial unique key, however many workers run it: a
 * second is a no-op. The office may urge again, on top of it and of its own earlier urgings.
 */
async function insertUrge(
  trx: Transaction<DB>,
  row: { caseId: number; unitId: number; kind: UrgeKind; dueAt: Date },
  now: Date,
  actorId: number | null,
): Promise<boolean> {
  const values = {
    case_id: row.caseId,
    unit_id: row.unitId,
    kind: row.kind,
    due_at: row.dueAt,
    urged_at: now,
    urged_by: actorId,
  };
  const inserted = await trx
    .insertInto('case_urges')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['case_id', 'unit_id', 'kind', 'due_at'])
        .where('urged_by', 'is', null)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Whether a unit on a slip being handled still owes its part: the lead unit its written reply, a
 * co-unit its contribution (signing is part of either). The supervision board's waitingOn says
 * the same; once the reply is in, no unit owes anything and urge is not allowed at all.
 */
export function owesPart(unit: { role: 'lead' | 'co'; contributed_at: Date | null }): boolean {
  return unit.role === 'lead' || unit.contributed_at === null;
}

/** 催办 by the office: urges one unit that owes its part on a case (the lead unit unless named). */
export async function urgeCase({
  ctx,
  actor,
  id,
  unitId,
  comment,
  version,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  unitId?: number | undefined;
  comment?: string | undefined;
  version?: number | undefined;
}): Promise<void> {
  assertCan(actor, 'cases.urge');
  await actOnCase(
    ctx,
    actor,
    { caseId: id, action: 'urge', version },
    async ({ trx, row, now }) => {
      const target = unitId ?? row.lead_unit_id;
      const onCase = target
        ? await trx
            .selectFrom('case_units')
            .select(['unit_id', 'role', 'contributed_at'])
            .where('case_id', '=', id)
            .where('unit_id', '=', target)
            .executeTakeFirst()
        : undefined;
      if (!target || !onCase) throw new AppError('VALIDATION_FAILED', '只能催办本办件的承办单位');
      if (!owesPart(onCase))
        throw new AppError('CONFLICT', '该协办单位已提交协办意见，正等牵头单位回复，无需催办');
      // Only while units handle the slip (the transition map): their written reply is what is due.
      const kind: UrgeKind = 'handling';
      const dueAt = row.handling_due_at ?? row.reply_due_at;
      const recent = await trx
        .selectFrom('case_urges')
        .select('urged_at')
        .where('case_id', '=', id)
        .where('unit_id', '=', target)
        .where('urged_by', 'is not', null)
        .where('urged_at', '>', new Date(now.getTime() - MANUAL_URGE_GAP_MS))
        .orderBy('urged_at', 'desc')
        .executeTakeFirst();
      if (recent)
        throw new AppError(
          'CONFLICT',
          `${formatDateTime(new Date(recent.urged_at))} 刚催办过该单位，一小时内不再重复催办`,
        );
      await insertUrge(trx, { caseId: id, unitId: target, kind, dueAt }, now, actor.id);
      return {
        unitId: target,
        comment: `催办${KIND_LABELS[kind]}（期限 ${formatDateTime(dueAt)}）${comment?.trim() ? `：${comment.trim()}` : ''}`,
        data: { kind, dueAt: dueAt.toISOString() },
        tell: [
          {
            kind: 'case.urged',
            to: { unitIds: [target] },
            title: '催办',
            body: `请抓紧办理${KIND_LABELS[kind]}，期限 ${formatDateTime(dueAt)}。${comment?.trim() ?? ''}`,
          },
        ],
      };
    },
  );
}

interface OverdueRow {
  case_id: number;
  unit_id: number;
  kind: UrgeKind;
  due_at: Date;
  slip_no: string | null;
}

/**
 * The overdue job: every unit past a due time with its part undone is urged once per due time.
 * Handling: a unit that has not replied (lead) or contributed (co-unit) by the slip's due time.
 * Reply: the lead unit of a case whose public reply is past due and not yet approved. Only the
 * lead unit answers the public; a co-unit is urged, and named in a notice (late-units.ts), for
 * its contribution by the handling due time alone.
 */
export async function urgeOverdue(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const actor = systemActor('系统（自动催办）');
  const due = await sql<OverdueRow>`
    select cu.case_id, cu.unit_id, 'handling' as kind, c.handling_due_at as due_at, c.slip_no
    from case_units cu join cases c on c.id = cu.case_id
    where c.state in ('assigned', 'handling') and c.handling_due_at < ${now}
      and ((cu.role = 'lead') or (cu.role = 'co' and cu.contributed_at is null))
    union all
    select c.id, c.lead_unit_id, 'reply', c.reply_due_at, c.slip_no
    from cases c
    where c.state in ('assigned', 'handling') and c.reply_due_at < ${now}
      and c.lead_unit_id is not null
    order by 1, 2`.execute(ctx.db);
  let urged = 0;
  for (const r of due.rows) {
    await ctx.db.transaction().execute(async (trx) => {
      const dueAt = new Date(r.due_at);
      if (
        !(await insertUrge(
          trx,
          { caseId: r.case_id, unitId: r.unit_id, kind: r.kind, dueAt },
          now,
          null,
        ))
      )
        return;
      urged += 1;
      const comment = `${KIND_LABELS[r.kind]}已超过期限 ${formatDateTime(dueAt)}，自动催办`;
      await recordCaseEvent(trx, {
        caseId: r.case_id,
        at: now,
        actor: { id: null, name: actor.name },
        action: 'urge',
        from: null,
        to: null,
        unitId: r.unit_id,
        comment,
        data: { kind: r.kind, dueAt: dueAt.toISOString(), automatic: true },
      });
      await recordAudit(trx, ctx.clock, actor, {
        action: 'case.urge',
        entityType: 'case',
        entityId: r.case_id,
        summary: `催办：${caseLabel({ id: r.case_id, slip_no: r.slip_no })}，${comment}`,
        after: { unitId: r.unit_id, kind: r.kind },
      });
      await tellAbout(
        trx,
        ctx,
        actor,
        { id: r.case_id, slip_no: r.slip_no },
        {
          kind: 'case.overdue',
          to: { unitIds: [r.unit_id] },
          title: '办件已超期',
          body: `${comment}。请立即办理，确有困难的请说明情况。`,
        },
      );
    });
  }
  return urged;
}
