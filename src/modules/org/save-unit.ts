import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError, filledIn, notFound } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { changedFields, recordAudit } from '../audit/record-audit.js';
import {
  UNIT_TYPE_LABELS,
  type CreateUnitInput,
  type Unit,
  type UpdateUnitInput,
} from './org.schemas.js';
import { ancestorIds, getUnit, unitFields, type UnitFields } from './units.queries.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';

export async function createUnit({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: CreateUnitInput;
}): Promise<Unit> {
  assertCan(actor, 'org.manage');
  const fields: UnitFields = {
    name: filledIn(input.name, '请填写单位名称'),
    type: input.type,
    parentId: input.parentId ?? null,
    liaisonUserId: input.liaisonUserId ?? null,
    phone: input.phone?.trim() || null,
    sortOrder: input.sortOrder ?? 0,
    active: true,
  };
  const now = ctx.clock.now();
  const id = await withUniqueName(fields.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      await checkReferences(trx, null, fields);
      const row = await trx
        .insertInto('units')
        .values({
          name: fields.name,
          type: fields.type,
          parent_id: fields.parentId,
          liaison_user_id: fields.liaisonUserId,
          phone: fields.phone,
          sort_order: fields.sortOrder,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.clock, actor, {
        action: 'unit.create',
        entityType: 'unit',
        entityId: row.id,
        summary: `新增单位「${fields.name}」（${UNIT_TYPE_LABELS[fields.type]}）`,
        after: fields,
      });
      return row.id;
    }),
  );
  return (await getUnit(ctx.db, id)) ?? Promise.reject(notFound('单位'));
}

export async function updateUnit({
  ctx,
  actor,
  id,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  input: UpdateUnitInput;
}): Promise<Unit> {
  assertCan(actor, 'org.manage');
  const current = await getUnit(ctx.db, id);
  if (!current) throw notFound('单位');
  const before = unitFields(current);
  const after: UnitFields = {
    ...before,
    ...input,
    name: input.name === undefined ? before.name : filledIn(input.name, '请填写单位名称'),
    phone: input.phone === undefined ? before.phone : input.phone?.trim() || null,
  };
  const changes = changedFields(before, after);
  if (Object.keys(changes.after).length === 0) return current;
  await withUniqueName(after.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      await checkReferences(trx, id, after);
      await trx
        .updateTable('units')
        .set({
          name: after.name,
          type: after.type,
          parent_id: after.parentId,
          liaison_user_id: after.liaisonUserId,
          phone: after.phone,
          sort_order: after.sortOrder,
          active: after.active,
          updated_at: ctx.clock.now(),
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, ctx.clock, actor, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: id,
        summary: `修改单位「${after.name}」：${Object.keys(changes.after).join('、')}`,
        ...changes,
      });
    }),
  );
  return (await getUnit(ctx.db, id)) ?? Promise.reject(notFound('单位'));
}

export async function deleteUnit({
  ctx,
  actor,
  id,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
}): Promise<void> {
  assertCan(actor, 'org.manage');
  let name = '';
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const unit = await trx
        .selectFrom('units')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!unit) throw notFound('单位');
      name = unit.name;
      const child = await trx
        .selectFrom('units')
        .select('id')
        .where('parent_id', '=', id)
        .executeTakeFirst();
      if (child) throw new AppError('UNIT_IN_USE', `单位「${unit.name}」下还有下级单位，不能删除`);
      const user = await trx
        .selectFrom('users')
        .select('id')
        .where('unit_id', '=', id)
        .executeTakeFirst();
      if (user) {
        throw new AppError('UNIT_IN_USE', `单位「${unit.name}」下还有用户，不能删除；可改为停用`);
      }
      await trx.deleteFrom('working_group_units').where('unit_id', '=', id).execute();
      await trx.deleteFrom('units').where('id', '=', id).execute();
      await recordAudit(trx, ctx.clock, actor, {
        action: 'unit.delete',
        entityType: 'unit',
        entityId: id,
        summary: `删除单位「${unit.name}」`,
        before: { name: unit.name, type: unit.type, parentId: unit.parent_id, phone: unit.phone },
      });
    })
    .catch((err: unknown) => {
      // Cases it led or helped with, briefs, quotas …: its history stays, so it stays too.
      if (isForeignKeyViolation(err))
        throw new AppError(
          'UNIT_IN_USE',
          `单位「${name}」已有办件或报送记录，不能删除；可改为停用`,
        );
      throw err;
    });
}

async function checkReferences(
  trx: Transaction<DB>,
  id: number | null,
  f: UnitFields,
): Promise<void> {
  if (f.parentId !== null) {
    const parent = await trx
      .selectFrom('units')
      .select('id')
      .where('id', '=', f.parentId)
      .executeTakeFirst();
    if (!parent) throw new AppError('VALIDATION_FAILED', '上级单位不存在');
    if (id !== null && (f.parentId === id || (await ancestorIds(trx, f.parentId)).includes(id))) {
      throw new AppError('VALIDATION_FAILED', '上级单位不能是本单位或其下级单位');
    }
  }
  if (f.liaisonUserId !== null) {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'name', 'roles', 'active'])
      .where('id', '=', f.liaisonUserId)
      .executeTakeFirst();
    if (!user) throw new AppError('VALIDATION_FAILED', '联络员用户不存在');
    if (!user.roles.includes('liaison') || !user.active) {
      throw new AppError(
        'VALIDATION_FAILED',
        `用户「${user.name}」不是启用的联络员，请先为其分配联络员角色`,
      );
    }
  }
}

async function withUniqueName<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('UNIT_NAME_TAKEN', `同一上级下已有名为「${name}」的单位`);
    }
    throw err;
  }
}
