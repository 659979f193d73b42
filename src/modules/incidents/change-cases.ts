import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { actOnIncident } from './act-on-incident.js';

interface CasesAct {
  ctx: AppContext;
  actor: Actor;
  id: number;
  version?: number | undefined;
  caseIds: number[];
}

const label = (c: { id: number; slip_no: string | null }) => c.slip_no ?? `#${c.id}`;

/** 关联办件: cases registered on the matter (those of linked posts are linked on their own). */
export async function addCases(opts: CasesAct): Promise<void> {
  await actOnIncident(opts.ctx, opts.actor, opts, async ({ trx, row, now }) => {
    const ids = [...new Set(opts.caseIds)];
    const cases = await trx
      .selectFrom('cases')
      .select(['id', 'slip_no'])
      .where('id', 'in', ids)
      .execute();
    if (cases.length !== ids.length) throw notFound('办件');
    const added = await trx
      .insertInto('incident_cases')
      .values(
        ids.map((case_id) => ({
          incident_id: row.id,
          case_id,
          added_by: opts.actor.id,
          added_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['incident_id', 'case_id']).doNothing())
      .returning('case_id')
      .execute();
    if (added.length === 0) throw new AppError('CONFLICT', '所选办件已关联到该事件');
    const caseIds = added.map((a) => a.case_id);
    const names = cases.filter((c) => caseIds.includes(c.id)).map(label);
    return {
      event: {
        kind: 'cases_added',
        text: `关联办件 ${names.join('、')}`,
        data: { caseIds },
      },
      audit: { action: 'cases.add', after: { caseIds } },
      value: undefined,
    };
  });
}

/** 取消关联办件: the case itself is untouched; the timeline keeps the change. */
export async function removeCases(opts: CasesAct): Promise<void> {
  await actOnIncident(opts.ctx, opts.actor, opts, async ({ trx, row }) => {
    const removed = await trx
      .deleteFrom('incident_cases')
      .where('incident_id', '=', row.id)
      .where('case_id', 'in', [...new Set(opts.caseIds)])
      .returning('case_id')
      .execute();
    if (removed.length === 0) throw new AppError('CONFLICT', '所选办件未关联到该事件');
    const caseIds = removed.map((r) => r.case_id);
    const cases = await trx
      .selectFrom('cases')
      .select(['id', 'slip_no'])
      .where('id', 'in', caseIds)
      .execute();
    return {
      event: {
        kind: 'cases_removed',
        text: `取消关联办件 ${cases.map(label).join('、')}`,
        data: { caseIds },
      },
      audit: { action: 'cases.remove', before: { caseIds } },
      value: undefined,
    };
  });
}
