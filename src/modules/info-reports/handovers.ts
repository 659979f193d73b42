import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';

export interface Handover {
  id: number;
  watchPeriodId: number | null;
  fromUser: { id: number; name: string };
  toUser: { id: number; name: string } | null;
  note: string;
  at: string;
}

/** 交接班记录: what the outgoing watch hands to the next one. */
export async function addHandover(opts: {
  ctx: AppContext;
  actor: Actor;
  input: { watchPeriodId?: number | undefined; toUserId?: number | undefined; note: string };
}): Promise<number> {
  const { ctx, actor, input } = opts;
  assertCan(actor, 'watch.manage');
  if (actor.id === null) throw new AppError('FORBIDDEN', '交接班须由值班人员填写');
  const note = input.note.trim();
  if (!note) throw new AppError('VALIDATION_FAILED', '请填写交接内容');
  if (note.length > 2000) throw new AppError('VALIDATION_FAILED', '交接内容不能超过2000字');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (input.watchPeriodId !== undefined) {
      const p = await trx
        .selectFrom('watch_periods')
        .select('id')
        .where('id', '=', input.watchPeriodId)
        .executeTakeFirst();
      if (!p) throw new AppError('NOT_FOUND', '值守期不存在');
    }
    if (input.toUserId !== undefined) {
      const u = await trx
        .selectFrom('users')
        .select('id')
        .where('id', '=', input.toUserId)
        .executeTakeFirst();
      if (!u) throw new AppError('NOT_FOUND', '接班人不存在');
    }
    const { id } = await trx
      .insertInto('watch_handovers')
      .values({
        watch_period_id: input.watchPeriodId ?? null,
        from_user: actor.id as number,
        to_user: input.toUserId ?? null,
        note,
        at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'watch.handover',
      entityType: 'watch_handover',
      entityId: id,
      summary: `交接班记录：${note.slice(0, 40)}`,
      after: { watchPeriodId: input.watchPeriodId ?? null, toUserId: input.toUserId ?? null },
    });
    return id;
  });
}

/** Newest first; without a period, the notes kept outside any period. */
export async function listHandovers(
  db: Kysely<DB>,
  watchPeriodId: number | undefined,
  limit = 50,
): Promise<Handover[]> {
  let q = db
    .selectFrom('watch_handovers as h')
    .innerJoin('users as f', 'f.id', 'h.from_user')
    .leftJoin('users as t', 't.id', 'h.to_user')
    .select([
      'h.id',
      'h.watch_period_id',
      'h.from_user',
      'f.name as from_name',
      'h.to_user',
      't.name as to_name',
      'h.note',
      'h.at',
    ])
    .orderBy('h.at', 'desc')
    .orderBy('h.id', 'desc')
    .limit(limit);
  q =
    watchPeriodId === undefined
      ? q.where('h.watch_period_id', 'is', null)
      : q.where('h.watch_period_id', '=', watchPeriodId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    watchPeriodId: r.watch_period_id,
    fromUser: { id: r.from_user, name: r.from_name },
    toUser: r.to_user !== null && r.to_name !== null ? { id: r.to_user, name: r.to_name } : null,
    note: r.note,
    at: r.at.toISOString(),
  }));
}
