import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { IncidentPostHow } from '../../db/schema-incidents.js';
import { AppError, notFound } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { permissionsOf } from '../access/roles.js';

/** The posts among `ids` that exist; a missing one is a 404 (a typo, or a stale page). */
export async function assertPostsExist(trx: Transaction<DB>, ids: readonly number[]) {
  if (ids.length === 0) return;
  const found = await trx
    .selectFrom('posts')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  if (found.length !== new Set(ids).size) throw notFound('信息');
}

/**
 * Links posts not linked yet, and the cases registered from them (a case is about its post).
 * Returns what was newly linked.
 */
export async function linkPosts(
  trx: Transaction<DB>,
  actor: Actor,
  incidentId: number,
  postIds: readonly number[],
  how: IncidentPostHow,
  now: Date,
): Promise<{ posts: number[]; cases: number[] }> {
  const ids = [...new Set(postIds)];
  if (ids.length === 0) return { posts: [], cases: [] };
  const posts = await trx
    .insertInto('incident_posts')
    .values(
      ids.map((post_id) => ({
        incident_id: incidentId,
        post_id,
        added_by: actor.id,
        added_at: now,
        how,
      })),
    )
    .onConflict((oc) => oc.columns(['incident_id', 'post_id']).doNothing())
    .returning('post_id')
    .execute();
  const linked = posts.map((p) => p.post_id);
  const cases =
    linked.length === 0 ? [] : await linkCasesOfPosts(trx, actor, incidentId, linked, now);
  return { posts: linked, cases };
}

async function linkCasesOfPosts(
  trx: Transaction<DB>,
  actor: Actor,
  incidentId: number,
  postIds: number[],
  now: Date,
): Promise<number[]> {
  const rows = await trx
    .insertInto('incident_cases')
    .columns(['incident_id', 'case_id', 'added_by', 'added_at'])
    .expression((eb) =>
      eb
        .selectFrom('cases')
        .select([
          sql<number>`${incidentId}::bigint`.as('incident_id'),
          'id',
          sql<number | null>`${actor.id}::bigint`.as('added_by'),
          sql<Date>`${now}::timestamptz`.as('added_at'),
        ])
        .where('post_id', 'in', postIds),
    )
    .onConflict((oc) => oc.columns(['incident_id', 'case_id']).doNothing())
    .returning('case_id')
    .execute();
  return rows.map((r) => r.case_id);
}

/** A new owner must be an active user who may work incidents (a monitor or a leader). */
export async function assertOwner(trx: Transaction<DB>, ownerId: number): Promise<string> {
  const user = await trx
    .selectFrom('users')
    .select(['name', 'roles', 'active'])
    .where('id', '=', ownerId)
    .executeTakeFirst();
  if (!user?.active || !permissionsOf(user.roles).includes('incidents.manage')) {
    throw new AppError('VALIDATION_FAILED', '负责人须为在岗的舆情管理员、领导或办公室人员');
  }
  return user.name;
}
