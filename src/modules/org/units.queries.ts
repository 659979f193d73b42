import type { Kysely } from 'kysely';
import type { DB, UnitType } from '../../db/schema.js';
import type { Unit } from './org.schemas.js';

export async function listUnits(db: Kysely<DB>, ids?: number[]): Promise<Unit[]> {
  let q = db
    .selectFrom('units as n')
    .leftJoin('users as l', 'l.id', 'n.liaison_user_id')
    .select([
      'n.id',
      'n.parent_id',
      'n.name',
      'n.type',
      'n.liaison_user_id',
      'l.name as liaison_name',
      'n.phone',
      'n.sort_order',
      'n.active',
      'n.created_at',
      'n.updated_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .select((e) => e.fn.countAll<number>().as('c'))
        .whereRef('u.unit_id', '=', 'n.id')
        .as('user_count'),
    )
    .orderBy('n.sort_order')
    .orderBy('n.id');
  if (ids) q = q.where('n.id', 'in', ids.length > 0 ? ids : [0]);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    type: r.type,
    liaisonUserId: r.liaison_user_id,
    liaisonName: r.liaison_name,
    phone: r.phone,
    sortOrder: r.sort_order,
    active: r.active,
    userCount: Number(r.user_count ?? 0),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

export async function getUnit(db: Kysely<DB>, id: number): Promise<Unit | undefined> {
  return (await listUnits(db, [id]))[0];
}

export interface UnitFields {
  name: string;
  type: UnitType;
  parentId: number | null;
  liaisonUserId: number | null;
  phone: string | null;
  sortOrder: number;
  active: boolean;
}

export function unitFields(u: Unit): UnitFields {
  return {
    name: u.name,
    type: u.type,
    parentId: u.parentId,
    liaisonUserId: u.liaisonUserId,
    phone: u.phone,
    sortOrder: u.sortOrder,
    active: u.active,
  };
}

/** Ancestors of a unit, nearest first: a parent may not be its own descendant. */
export async function ancestorIds(db: Kysely<DB>, id: number): Promise<number[]> {
  const rows = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  const parent = new Map(rows.map((r) => [r.id, r.parent_id]));
  const out: number[] = [];
  let cur = parent.get(id) ?? null;
  while (cur !== null && !out.includes(cur)) {
    out.push(cur);
    cur = parent.get(cur) ?? null;
  }
  return out;
}
