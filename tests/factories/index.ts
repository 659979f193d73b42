import { randomBytes } from 'node:crypto';
import type { UnitType } from '../../src/db/schema.js';
import type { Actor } from '../../src/modules/access/actor.js';
import { isRole, permissionsOf, type Role } from '../../src/modules/access/roles.js';
import { hashPassword } from '../../src/modules/auth/passwords.js';
import type { AppContext } from '../../src/server/context.js';

export const DEFAULT_PASSWORD = 'Factory@2026';
let defaultHash: Promise<string> | undefined;

const uniq = () => randomBytes(3).toString('hex');

export async function buildUnit(
  ctx: AppContext,
  overrides: Partial<{
    name: string;
    type: UnitType;
    parentId: number | null;
    phone: string | null;
  }> = {},
): Promise<{ id: number; name: string }> {
  const now = ctx.clock.now();
  const name = overrides.name ?? `单位${uniq()}`;
  const row = await ctx.db
    .insertInto('units')
    .values({
      name,
      type: overrides.type ?? 'department',
      parent_id: overrides.parentId ?? null,
      liaison_user_id: null,
      phone: overrides.phone ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name };
}

export interface BuiltUser {
  id: number;
  username: string;
  password: string;
  name: string;
  roles: Role[];
  unitId: number | null;
}

export async function buildUser(
  ctx: AppContext,
  overrides: Partial<{
    username: string;
    name: string;
    roles: Role[];
    unitId: number | null;
    password: string;
    active: boolean;
    mustChangePassword: boolean;
  }> = {},
): Promise<BuiltUser> {
  const password = overrides.password ?? DEFAULT_PASSWORD;
  const passwordHash =
    password === DEFAULT_PASSWORD
      ? await (defaultHash ??= hashPassword(DEFAULT_PASSWORD))
      : await hashPassword(password);
  const now = ctx.clock.now();
  const username = overrides.username ?? `u_${uniq()}`;
  const roles = overrides.roles ?? ['viewer'];
  const row = await ctx.db
    .insertInto('users')
    .values({
      username,
      name: overrides.name ?? `用户${uniq()}`,
      unit_id: overrides.unitId ?? null,
      roles,
      phone: null,
      active: overrides.active ?? true,
      must_change_password: overrides.mustChangePassword ?? false,
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    username,
    password,
    name: row.name,
    roles,
    unitId: overrides.unitId ?? null,
  };
}

/** The actor a signed-in user would be, for calling use cases directly. */
export function actorFor(user: BuiltUser, unitIds: number[] = []): Actor {
  const roles = user.roles.filter(isRole);
  return {
    kind: 'user',
    id: user.id,
    username: user.username,
    name: user.name,
    roles,
    unitId: user.unitId,
    unitIds: [...new Set([...(user.unitId === null ? [] : [user.unitId]), ...unitIds])],
    permissions: new Set(permissionsOf(roles)),
    ip: '127.0.0.1',
  };
}

/**
 * Units by key, each with a liaison of its own: the cast of a ledger or supervision test. The
 * records are filled in place, so a test file can declare them once at the top.
 */
export async function buildLiaisonUnits(
  ctx: AppContext,
  names: readonly (readonly [key: string, name: string])[],
  into: {
    units: Record<string, { id: number; name: string }>;
    liaisons: Record<string, Actor>;
  },
): Promise<void> {
  for (const [key, name] of names) {
    const unit = await buildUnit(ctx, { name });
    into.units[key] = unit;
    into.liaisons[key] = actorFor(await buildUser(ctx, { roles: ['liaison'], unitId: unit.id }));
  }
}

/**
 * A collected post, stored as the pipeline leaves it (relevant, an original) unless told
 * otherwise; `collectedAt` is when it came in (created_at), by default when it was posted.
 */
export async function buildPost(
  ctx: AppContext,
  overrides: Partial<{
    title: string;
    body: string;
    source: string;
    postedAt: Date;
    collectedAt: Date;
    urgent: boolean;
    relevant: boolean;
    duplicateOf: number | null;
  }> = {},
): Promise<{ id: number; title: string }> {
  const postedAt = overrides.postedAt ?? ctx.clock.now();
  const title = overrides.title ?? `测试信息${uniq()}`;
  const source = overrides.source ?? '云溪论坛';
  const row = await ctx.db
    .insertInto('posts')
    .values({
      source,
      source_key: `test:${source}`,
      posted_at: postedAt,
      title,
      body: overrides.body ?? `${title}：正文 ${uniq()}`,
      url: null,
      author: null,
      contact: null,
      created_at: overrides.collectedAt ?? postedAt,
      urgent: overrides.urgent ?? false,
      relevant: overrides.relevant ?? true,
      duplicate_of: overrides.duplicateOf ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, title };
}
