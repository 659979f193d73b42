import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { AppContext } from '../../server/context.js';
import { AppError, filledIn, notFound } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { ROLE_LABELS, type Role } from '../access/roles.js';
import { changedFields, recordAudit } from '../audit/record-audit.js';
import { assertStrongPassword, generatePassword, hashPassword } from '../auth/passwords.js';
import { deleteUserSessions } from '../auth/sessions.js';
import type { CreateUserInput, UpdateUserInput, User } from './org.schemas.js';
import { getUser } from './users.queries.js';

const roleNames = (roles: readonly Role[]) => roles.map((r) => ROLE_LABELS[r]).join('、');

export interface NewUserFields {
  username: string;
  name: string;
  unitId: number | null;
  roles: Role[];
  phone: string | null;
  email?: string | null;
}

/** Inserts a user and its audit row inside the caller's transaction (also used by the import). */
export async function insertUser(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  fields: NewUserFields,
  passwordHash: string,
): Promise<number> {
  const now = ctx.clock.now();
  const row = await trx
    .insertInto('users')
    .values({
      username: fields.username,
      name: fields.name,
      unit_id: fields.unitId,
      roles: fields.roles,
      phone: fields.phone,
      email: fields.email ?? null,
      password_hash: passwordHash,
      // Whoever set the password is not the user: the first login asks for a new one.
      must_change_password: true,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx.clock, actor, {
    action: 'user.create',
    entityType: 'user',
    entityId: row.id,
    summary: `新增用户「${fields.name}」（${fields.username}，${roleNames(fields.roles)}）`,
    after: fields,
  });
  return row.id;
}

export async function createUser({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: CreateUserInput;
}): Promise<{ user: User; initialPassword: string | null }> {
  assertCan(actor, 'users.manage');
  const generated = input.password ? null : generatePassword();
  const password = input.password ?? generated ?? '';
  assertStrongPassword(password);
  const passwordHash = await hashPassword(password);
  const fields: NewUserFields = {
    username: input.username.trim(),
    name: filledIn(input.name, '请填写姓名'),
    unitId: input.unitId ?? null,
    roles: [...input.roles],
    phone: input.phone?.trim() || null,
    email: input.email?.trim() || null,
  };
  assertLiaisonHasUnit(fields.roles, fields.unitId);
  let id: number;
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      await assertUnitExists(trx, fields.unitId);
      return insertUser(trx, ctx, actor, fields, passwordHash);
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('USERNAME_TAKEN', `登录名「${fields.username}」已被使用`);
    }
    throw err;
  }
  const user = await getUser(ctx.db, id);
  if (!user) throw notFound('用户');
  return { user, initialPassword: generated };
}

export async function updateUser({
  ctx,
  actor,
  id,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  input: UpdateUserInput;
}): Promise<User> {
  assertCan(actor, 'users.manage');
  const current = await getUser(ctx.db, id);
  if (!current) throw notFound('用户');
  if (
    actor.id === id &&
    (input.active === false || (input.roles && !input.roles.includes('admin')))
  ) {
    throw new AppError('CONFLICT', '不能停用自己的账户或取消自己的管理员角色');
  }
  const pick = (u: User) => ({
    name: u.name,
    unitId: u.unitId,
    roles: [...u.roles].sort(),
    phone: u.phone,
    email: u.email,
    active: u.active,
  });
  const before = pick(current);
  const after = {
    ...before,
    ...input,
    name: input.name === undefined ? before.name : filledIn(input.name, '请填写姓名'),
    roles: input.roles ? [...input.roles].sort() : before.roles,
    phone: input.phone === undefined ? before.phone : input.phone?.trim() || null,
    email: input.email === undefined ? before.email : input.email?.trim() || null,
  };
  const changes = changedFields(before, after);
  if (Object.keys(changes.after).length === 0) return current;
  assertLiaisonHasUnit(after.roles, after.unitId);
  await ctx.db.transaction().execute(async (trx) => {
    await assertUnitExists(trx, after.unitId);
    await trx
      .updateTable('users')
      .set({
        name: after.name,
        unit_id: after.unitId,
        roles: after.roles,
        phone: after.phone,
        email: after.email,
        active: after.active,
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    // A deactivated user, or one whose roles shrank, must not keep an open session.
    if (!after.active || changes.after.roles) await deleteUserSessions(trx, id);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      summary: `修改用户「${after.name}」（${current.username}）：${userChangeText(before, after)}`,
      ...changes,
    });
  });
  return (await getUser(ctx.db, id)) ?? Promise.reject(notFound('用户'));
}

const USER_FIELD_NAMES: Record<string, string> = {
  name: '姓名',
  unitId: '单位',
  roles: '角色',
  phone: '电话',
  email: '邮箱',
};

/** What changed, as an inspector reads it: 停用, 启用, 角色, 单位 … */
function userChangeText(
  before: { active: boolean } & Record<string, unknown>,
  after: { active: boolean } & Record<string, unknown>,
): string {
  const parts = Object.keys(USER_FIELD_NAMES)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `修改${USER_FIELD_NAMES[k]}`);
  if (before.active !== after.active) parts.unshift(after.active ? '启用' : '停用');
  return parts.join('、');
}

/** A liaison signs for the slips of a unit: without one the account could do nothing. */
function assertLiaisonHasUnit(roles: readonly string[], unitId: number | null): void {
  if (roles.includes('liaison') && unitId === null) {
    throw new AppError('VALIDATION_FAILED', '联络员必须选择所属单位');
  }
}

export async function resetUserPassword({
  ctx,
  actor,
  id,
  password,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  password?: string | undefined;
}): Promise<{ initialPassword: string }> {
  assertCan(actor, 'users.manage');
  const user = await getUser(ctx.db, id);
  if (!user) throw notFound('用户');
  const initialPassword = password ?? generatePassword();
  assertStrongPassword(initialPassword);
  const passwordHash = await hashPassword(initialPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: true,
        failed_logins: 0,
        locked_until: null,
        password_changed_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await deleteUserSessions(trx, id);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'user.reset-password',
      entityType: 'user',
      entityId: id,
      summary: `重置用户「${user.name}」（${user.username}）的密码`,
    });
  });
  return { initialPassword };
}

export async function unlockUser({
  ctx,
  actor,
  id,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
}): Promise<void> {
  assertCan(actor, 'users.manage');
  const user = await getUser(ctx.db, id);
  if (!user) throw notFound('用户');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'user.unlock',
      entityType: 'user',
      entityId: id,
      summary: `解锁用户「${user.name}」（${user.username}）`,
    });
  });
}

async function assertUnitExists(db: Kysely<DB>, unitId: number | null): Promise<void> {
  if (unitId === null) return;
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) throw new AppError('VALIDATION_FAILED', '所属单位不存在');
}
