import { sql } from 'kysely';
import type { AppContext } from '../../../server/context.js';
import { AppError, notFound } from '../../../server/errors.js';
import { OTHER } from '../../../nlp/category/model.js';
import { assertCan, type Actor } from '../../access/actor.js';
import { recordAudit } from '../../audit/record-audit.js';

export interface Category {
  id: number;
  name: string;
  /** The shipped model's label, or null for a category added here (learnt only by retraining). */
  modelLabel: string | null;
  active: boolean;
  position: number;
  /** Posts whose category staff confirmed: what retraining learns from. */
  confirmed: number;
}

const MAX_NAME = 20;

function checkName(raw: string): string {
  const name = raw.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', '分类名称不能为空');
  if (name.length > MAX_NAME)
    throw new AppError('VALIDATION_FAILED', `分类名称不能超过 ${MAX_NAME} 个字`);
  return name;
}

export async function listCategories(ctx: AppContext): Promise<Category[]> {
  const rows = await ctx.db
    .selectFrom('categories as c')
    .select([
      'c.id',
      'c.name',
      'c.model_label',
      'c.active',
      'c.position',
      sql<string | number>`(select count(*) from posts p
        where p.category_id = c.id and p.category_confirmed_at is not null)`.as('confirmed'),
    ])
    .orderBy('c.position')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    modelLabel: r.model_label,
    active: r.active,
    position: r.position,
    confirmed: Number(r.confirmed),
  }));
}

async function nameTaken(ctx: AppContext, name: string, except?: number): Promise<void> {
  let q = ctx.db.selectFrom('categories').select('id').where('name', '=', name);
  if (except !== undefined) q = q.where('id', '!=', except);
  if (await q.executeTakeFirst()) throw new AppError('CONFLICT', `已有名为「${name}」的分类`);
}

export async function createCategory(
  ctx: AppContext,
  actor: Actor,
  input: { name: string },
): Promise<Category> {
  assertCan(actor, 'categories.manage');
  const name = checkName(input.name);
  await nameTaken(ctx, name);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { max } = await trx
      .selectFrom('categories')
      .select(sql<number>`coalesce(max(position) filter (where position < 99), 0)`.as('max'))
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('categories')
      .values({ name, position: Number(max) + 1, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'category.create',
      entityType: 'category',
      entityId: row.id,
      summary: `新增分类「${name}」（确认的办件达到一定数量后，重新训练模型即可识别）`,
      after: { name },
    });
    return Number(row.id);
  });
  return getCategory(ctx, id);
}

export async function getCategory(ctx: AppContext, id: number): Promise<Category> {
  const found = (await listCategories(ctx)).find((c) => c.id === id);
  if (!found) throw notFound('分类');
  return found;
}

export async function updateCategory(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { name?: string; active?: boolean },
): Promise<Category> {
  assertCan(actor, 'categories.manage');
  const name = input.name === undefined ? undefined : checkName(input.name);
  if (name !== undefined) await nameTaken(ctx, name, id);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('categories')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('分类');
    if (input.active === false && current.model_label === OTHER)
      throw new AppError('VALIDATION_FAILED', `「${current.name}」用于置信度低的信息，不能停用`);
    const after = { name: name ?? current.name, active: input.active ?? current.active };
    await trx
      .updateTable('categories')
      .set({ ...after, updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
    const changes = [
      after.name !== current.name ? `名称「${current.name}」→「${after.name}」` : null,
      after.active !== current.active ? (after.active ? '启用' : '停用') : null,
    ].filter(Boolean);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'category.update',
      entityType: 'category',
      entityId: id,
      summary: `修改分类「${current.name}」：${changes.join('，') || '无变化'}`,
      before: { name: current.name, active: current.active },
      after,
    });
  });
  return getCategory(ctx, id);
}

/**
 * Staff confirm or correct a post's category (on its case): the label retraining learns from.
 * Setting the category the model already gave also counts as a confirmation.
 */
export async function confirmPostCategory(
  ctx: AppContext,
  actor: Actor,
  postId: number,
  categoryId: number,
): Promise<void> {
  assertCan(actor, 'posts.classify');
  await ctx.db.transaction().execute(async (trx) => {
    const category = await trx
      .selectFrom('categories')
      .select(['id', 'name', 'active'])
      .where('id', '=', categoryId)
      .executeTakeFirst();
    if (!category) throw new AppError('VALIDATION_FAILED', `分类 ${categoryId} 不存在`);
    if (!category.active) throw new AppError('VALIDATION_FAILED', `分类「${category.name}」已停用`);
    const post = await trx
      .selectFrom('posts as p')
      .leftJoin('categories as c', 'c.id', 'p.category_id')
      .select(['p.id', 'p.category_id', 'c.name as category'])
      .where('p.id', '=', postId)
      .forUpdate('p')
      .executeTakeFirst();
    if (!post) throw notFound('信息');
    // An archived case file is read-only (DESIGN §2.6), its post's category with it. The newest
    // case counts: a post whose archived case was registered again is open to correction.
    const latest = await trx
      .selectFrom('cases')
      .select('state')
      .where('post_id', '=', postId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest?.state === 'archived')
      throw new AppError('CONFLICT', '办件已归档，卷宗只读，不能再确认或更正分类');
    await trx
      .updateTable('posts')
      .set({
        category_id: categoryId,
        category_confirmed_by: actor.id,
        category_confirmed_at: ctx.clock.now(),
      })
      .where('id', '=', postId)
      .execute();
    const changed = post.category_id === null || Number(post.category_id) !== categoryId;
    await recordAudit(trx, ctx.clock, actor, {
      action: 'post.category',
      entityType: 'post',
      entityId: postId,
      summary: changed
        ? `更正信息 ${postId} 的分类：「${post.category ?? '未分类'}」→「${category.name}」`
        : `确认信息 ${postId} 的分类「${category.name}」`,
      before: { category: post.category },
      after: { category: category.name },
    });
  });
}
