import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { containsPattern } from '../../db/like.js';
import { paginate, type PageResult } from '../../db/paginate.js';
import { isRole } from '../access/roles.js';
import type { User, UserListQuery } from './org.schemas.js';

function baseQuery(db: Kysely<DB>) {
  return db.selectFrom('users as u').leftJoin('units as n', 'n.id', 'u.unit_id');
}

const COLUMNS = [
  'u.id',
  'u.username',
  'u.name',
  'u.unit_id',
  'n.name as unit_name',
  'u.roles',
  'u.phone',
  'u.email',
  'u.active',
  'u.locked_until',
  'u.last_login_at',
  'u.created_at',
] as const;

type UserRowOut = {
  id: number;
  username: string;
  name: string;
  unit_id: number | null;
  unit_name: string | null;
  roles: string[];
  phone: string | null;
  email: string | null;
  active: boolean;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
};

function toUser(r: UserRowOut): User {
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    roles: r.roles.filter(isRole),
    phone: r.phone,
    email: r.email,
    active: r.active,
    lockedUntil: r.locked_until?.toISOString() ?? null,
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}

/** `unitScope` null means every unit; otherwise only users of those units. */
export async function listUsers(
  db: Kysely<DB>,
  query: UserListQuery,
  unitScope: number[] | null,
): Promise<PageResult<User>> {
  let q = baseQuery(db);
  if (unitScope) q = q.where('u.unit_id', 'in', unitScope.length > 0 ? unitScope : [0]);
  if (query.unitId !== undefined) q = q.where('u.unit_id', '=', query.unitId);
  if (query.role !== undefined) {
    const role = query.role;
    q = q.where(sql<boolean>`${role} = any(u.roles)`);
  }
  if (query.active !== undefined) q = q.where('u.active', '=', query.active);
  const text = query.q?.trim();
  if (text) {
    const like = containsPattern(text);
    q = q.where((eb) =>
      eb.or([
        eb('u.username', 'ilike', like),
        eb('u.name', 'ilike', like),
        eb('u.phone', 'like', like),
        eb('u.email', 'ilike', like),
      ]),
    );
  }
  return paginate(q.select(COLUMNS).orderBy('u.id'), query, toUser);
}

export async function getUser(db: Kysely<DB>, id: number): Promise<User | undefined> {
  const row = await baseQuery(db).select(COLUMNS).where('u.id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}
