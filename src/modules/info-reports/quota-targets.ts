import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { PERMISSION_ROLES } from '../access/roles.js';

/**
 * Who may owe briefs. A person only if their roles let them write briefs ('info.write'), and is
 * active; a unit only if such a person belongs to it, since a brief counts for its author's unit
 * (write-brief.ts). A quota for anyone else could never be met and would rank them at 0 %.
 */
const WRITERS: readonly string[] = PERMISSION_ROLES['info.write'];

export interface QuotaTargets {
  units: { id: number; name: string }[];
  users: { id: number; name: string; unitName: string | null }[];
}

const writes = sql<boolean>`u.roles && array[${sql.join(WRITERS)}]::text[]`;

export async function quotaTargets(db: Kysely<DB>): Promise<QuotaTargets> {
  const users = await db
    .selectFrom('users as u')
    .leftJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.name', 'n.name as unitName'])
    .where('u.active', '=', true)
    .where(writes)
    .orderBy('n.name')
    .orderBy('u.name')
    .execute();
  const units = await db
    .selectFrom('units as n')
    .select(['n.id', 'n.name'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('users as u')
          .select('u.id')
          .whereRef('u.unit_id', '=', 'n.id')
          .where('u.active', '=', true)
          .where(writes),
      ),
    )
    .orderBy('n.sort_order')
    .orderBy('n.id')
    .execute();
  return { units, users };
}

/** Whether a unit (someone in it) or a person may owe briefs. */
export async function canOweBriefs(
  db: Kysely<DB>,
  target: { unitId: number } | { userId: number },
): Promise<boolean> {
  const row = await db
    .selectFrom('users as u')
    .select('u.id')
    .where(
      'unitId' in target ? 'u.unit_id' : 'u.id',
      '=',
      'unitId' in target ? target.unitId : target.userId,
    )
    .where('u.active', '=', true)
    .where(writes)
    .executeTakeFirst();
  return row !== undefined;
}
