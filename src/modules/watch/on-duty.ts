import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * The people the duty roster (值班表) has on duty at `at`, active ones only, in the order their
 * shift began. Who is on watch at 23:40 is who must hear of a fire at once: the day's monitors and
 * leaders may be asleep, and office staff (who stand watches too) hold no role the urgent news
 * would otherwise reach.
 */
export async function onDutyAt(
  db: Kysely<DB> | Transaction<DB>,
  at: Date,
): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .selectFrom('watch_duties as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['u.id', 'u.name'])
    .where('d.starts_at', '<=', at)
    .where('d.ends_at', '>', at)
    .where('u.active', '=', true)
    .orderBy('d.starts_at')
    .orderBy('d.id')
    .execute();
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
}
