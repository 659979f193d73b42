import type { AppContext } from '../../../server/context.js';
import { AppError } from '../../../server/errors.js';
import { assertCan, type Actor } from '../../access/actor.js';
import { recordAudit } from '../../audit/record-audit.js';
import { MIN_CONFIRMED, queueRetrain } from './retrain.js';

export interface CategoryModelRun {
  id: number;
  status: 'queued' | 'running' | 'ok' | 'failed';
  trigger: 'manual' | 'schedule';
  requestedBy: string | null;
  requestedAt: string;
  finishedAt: string | null;
  samples: number;
  counts: Record<string, number>;
  holdoutAccuracy: number | null;
  baselineAccuracy: number | null;
  error: string | null;
  /** The model classifying new posts now. */
  inUse: boolean;
}

export async function listCategoryModels(ctx: AppContext): Promise<CategoryModelRun[]> {
  const rows = await ctx.db
    .selectFrom('category_models as m')
    .leftJoin('users as u', 'u.id', 'm.requested_by')
    .select([
      'm.id',
      'm.status',
      'm.trigger',
      'u.name as requested_by',
      'm.requested_at',
      'm.finished_at',
      'm.samples',
      'm.counts',
      'm.holdout_accuracy',
      'm.baseline_accuracy',
      'm.error',
    ])
    .orderBy('m.id', 'desc')
    .limit(20)
    .execute();
  const inUse = rows.find((r) => r.status === 'ok')?.id;
  return rows.map((r) => ({
    id: Number(r.id),
    status: r.status,
    trigger: r.trigger,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    samples: r.samples,
    counts: (typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts) as Record<
      string,
      number
    >,
    holdoutAccuracy: r.holdout_accuracy,
    baselineAccuracy: r.baseline_accuracy,
    error: r.error,
    inUse: r.id === inUse,
  }));
}

/** 重新训练: queues a run that the every-minute job picks up. */
export async function requestRetrain(ctx: AppContext, actor: Actor): Promise<CategoryModelRun> {
  assertCan(actor, 'categories.manage');
  // Said now, not a minute later as a failed run: on a new installation nothing is confirmed yet.
  const { n } = await ctx.db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('category_confirmed_at', 'is not', null)
    .where('category_id', 'is not', null)
    .executeTakeFirstOrThrow();
  if (Number(n) < MIN_CONFIRMED) {
    throw new AppError(
      'CONFLICT',
      `已确认分类的信息只有 ${Number(n)} 条，至少需要 ${MIN_CONFIRMED} 条才能重新训练：请先在办件或舆情信息中确认或更正分类`,
    );
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const queued = await queueRetrain({ ...ctx, db: trx }, 'manual', actor.id);
    if (queued === null) throw new AppError('CONFLICT', '已有一次训练在排队或进行中，请等它完成');
    await recordAudit(trx, ctx.clock, actor, {
      action: 'category-model.retrain',
      entityType: 'category_model',
      entityId: queued,
      summary: '请求用已确认的分类重新训练分类模型',
    });
    return queued;
  });
  const run = (await listCategoryModels(ctx)).find((r) => r.id === id);
  if (!run) throw new AppError('INTERNAL', '训练请求未能保存');
  return run;
}
