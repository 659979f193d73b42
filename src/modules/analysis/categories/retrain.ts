import { sql } from 'kysely';
import type { AppContext } from '../../../server/context.js';
import { AppError } from '../../../server/errors.js';
import {
  classifierOf,
  shippedCategoryModel,
  type CategoryModel,
} from '../../../nlp/category/classify.js';
import {
  applyDelta,
  deltaOf,
  fineTune,
  type LabelledInput,
  type ModelDelta,
} from '../../../nlp/category/fine-tune.js';
import { OTHER, rng, shuffle } from '../../../nlp/category/model.js';

/** Fewer confirmed posts than this teach nothing reliable. */
export const MIN_CONFIRMED = 10;
/** The newest confirmed posts learnt from; older ones have been learnt by earlier models. */
const MAX_SAMPLES = 20_000;

export interface RetrainResult {
  modelId: number;
  status: 'ok' | 'failed';
  samples: number;
  holdoutAccuracy: number | null;
  baselineAccuracy: number | null;
  error: string | null;
}

function accuracy(model: CategoryModel, held: readonly LabelledInput[]): number {
  const out = classifierOf(model).classify(held.map((s) => s.input));
  return out.filter((r, i) => r.label === held[i]?.label).length / held.length;
}

/** The model in use now (to compare against): the newest retrained one, else the shipped file. */
async function currentModel(ctx: AppContext, base: CategoryModel) {
  const row = await ctx.db
    .selectFrom('category_models')
    .select('model')
    .where('status', '=', 'ok')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row?.model) return null;
  const delta = (typeof row.model === 'string' ? JSON.parse(row.model) : row.model) as ModelDelta;
  try {
    return applyDelta(base, delta);
  } catch {
    return null; // made over an older shipped model: the shipped one is what classifies now
  }
}

/**
 * Retrains the category model on the posts staff confirmed: the shipped model fine-tuned on them
 * (src/nlp/category/fine-tune.ts), labels being category ids, so renamed and added categories are
 * learnt. A fifth is held out first to report the new model's accuracy beside the current one's.
 * Runs the queued row `modelId`.
 */
export async function runRetrain(ctx: AppContext, modelId: number): Promise<RetrainResult> {
  await ctx.db
    .updateTable('category_models')
    .set({ status: 'running', started_at: ctx.clock.now() })
    .where('id', '=', modelId)
    .execute();
  try {
    const categories = await ctx.db
      .selectFrom('categories')
      .select(['id', 'name', 'model_label', 'active'])
      .orderBy('position')
      .orderBy('id')
      .execute();
    const rows = await ctx.db
      .selectFrom('posts')
      .select(['title', 'body', 'category_id'])
      .where('category_confirmed_at', 'is not', null)
      .where('category_id', 'is not', null)
      .orderBy('category_confirmed_at', 'desc')
      .limit(MAX_SAMPLES)
      .execute();
    if (rows.length < MIN_CONFIRMED) {
      throw new AppError(
        'VALIDATION_FAILED',
        `已确认分类的信息只有 ${rows.length} 条，至少需要 ${MIN_CONFIRMED} 条才能重新训练`,
      );
    }
    const names = new Map(categories.map((c) => [Number(c.id), c.name]));
    const counts: Record<string, number> = {};
    for (const r of rows) {
      const name = names.get(Number(r.category_id)) ?? String(r.category_id);
      counts[name] = (counts[name] ?? 0) + 1;
    }
    // 其他 is what a low confidence gives, never a class of its own.
    const learnt = categories.filter((c) => c.model_label !== OTHER);
    const labels = learnt.map((c) => String(c.id));
    const from = learnt.map((c) => c.model_label);
    const samples: LabelledInput[] = rows
      .map((r) => ({ input: { title: r.title, body: r.body }, label: String(r.category_id) }))
      .filter((s) => labels.includes(s.label));
    const base = shippedCategoryModel();
    const spec = { labels, from };

    let holdoutAccuracy: number | null = null;
    let baselineAccuracy: number | null = null;
    if (samples.length >= 5 * MIN_CONFIRMED) {
      const order = shuffle(
        samples.map((_, i) => i),
        rng(modelId),
      );
      const cut = Math.floor(samples.length / 5);
      const held = order.slice(0, cut).map((i) => samples[i] as LabelledInput);
      const train = order.slice(cut).map((i) => samples[i] as LabelledInput);
      holdoutAccuracy = accuracy(fineTune(base, train, spec), held);
      // The shipped model names categories by model label, a retrained one by id.
      const current = await currentModel(ctx, base);
      const modelLabel = new Map(categories.map((c) => [String(c.id), c.model_label ?? '']));
      baselineAccuracy = current
        ? accuracy(current, held)
        : accuracy(
            base,
            held.map((s) => ({ ...s, label: modelLabel.get(s.label) ?? '' })),
          );
    }
    const tuned = fineTune(base, samples, spec);
    await ctx.db
      .updateTable('category_models')
      .set({
        status: 'ok',
        finished_at: ctx.clock.now(),
        samples: samples.length,
        counts: JSON.stringify(counts),
        holdout_accuracy: holdoutAccuracy,
        baseline_accuracy: baselineAccuracy,
        model: JSON.stringify(deltaOf(base, tuned, from)),
      })
      .where('id', '=', modelId)
      .execute();
    return {
      modelId,
      status: 'ok',
      samples: samples.length,
      holdoutAccuracy,
      baselineAccuracy,
      error: null,
    };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await ctx.db
      .updateTable('category_models')
      .set({ status: 'failed', finished_at: ctx.clock.now(), error })
      .where('id', '=', modelId)
      .execute();
    return {
      modelId,
      status: 'failed',
      samples: 0,
      holdoutAccuracy: null,
      baselineAccuracy: null,
      error,
    };
  }
}

/** Queues a run; one at a time (a unique index on the pending state). */
export async function queueRetrain(
  ctx: AppContext,
  trigger: 'manual' | 'schedule',
  requestedBy: number | null,
): Promise<number | null> {
  const row = await ctx.db
    .insertInto('category_models')
    .values({ status: 'queued', trigger, requested_by: requestedBy, requested_at: ctx.clock.now() })
    .onConflict((oc) =>
      oc
        .expression(sql`(true)`)
        .where('status', 'in', ['queued', 'running'])
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** The queued run, if any, claimed by this worker. */
export async function runQueuedRetrain(ctx: AppContext): Promise<RetrainResult | null> {
  const row = await ctx.db
    .selectFrom('category_models')
    .select('id')
    .where('status', '=', 'queued')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return row ? runRetrain(ctx, Number(row.id)) : null;
}

/** The weekly run retrains only when staff confirmed something since the last model. */
export async function retrainIfConfirmed(ctx: AppContext): Promise<RetrainResult | null> {
  const last = await ctx.db
    .selectFrom('category_models')
    .select('requested_at')
    .where('status', '=', 'ok')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let q = ctx.db.selectFrom('posts').select('id').where('category_confirmed_at', 'is not', null);
  if (last) q = q.where('category_confirmed_at', '>', last.requested_at);
  if (!(await q.limit(1).executeTakeFirst())) return null;
  const id = await queueRetrain(ctx, 'schedule', null);
  return id === null ? null : runRetrain(ctx, id);
}
