import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isRole, permissionsOf } from '../access/roles.js';
import type { Actor } from '../access/actor.js';

export const SESSION_COOKIE = 'yq_session';

export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** The cookie carries a random token; the database keeps only its hash. */
export async function createSession(
  db: Kysely<DB>,
  opts: { userId: number; now: Date; hours: number; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(opts.now.getTime() + opts.hours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({
      id: sessionId(token),
      user_id: opts.userId,
      csrf_token: csrfToken,
      created_at: opts.now,
      last_seen_at: opts.now,
      expires_at: expiresAt,
      ip: opts.ip,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface ActiveSession {
  id: string;
  csrfToken: string;
  mustChangePassword: boolean;
  lastSeenAt: Date;
  createdAt: Date;
  actor: Actor;
}

/**
 * The session of a cookie, or null when there is none, its user is disabled, it sat idle past its
 * expiry, or it was signed in more than `maxHours` ago: activity keeps a session alive only up to
 * then, so a stolen or forgotten token does not live for ever (ASVS 3.3.2).
 */
export async function findSession(
  db: Kysely<DB>,
  token: string,
  now: Date,
  ip: string | null,
  maxHours: number,
): Promise<ActiveSession | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      's.created_at',
      'u.id as user_id',
      'u.username',
      'u.name',
      'u.roles',
      'u.unit_id',
      'u.active',
      'u.must_change_password',
    ])
    .where('s.id', '=', sessionId(token))
    .executeTakeFirst();
  if (!row || !row.active || row.expires_at <= now) return null;
  if (row.created_at.getTime() + maxHours * 3_600_000 <= now.getTime()) return null;
  const roles = row.roles.filter(isRole);
  const unitIds = new Set<number>();
  if (row.unit_id !== null) unitIds.add(row.unit_id);
  // Only a liaison's view is limited to units; only then are the units they serve looked up.
  if (roles.includes('liaison')) {
    const served = await db
      .selectFrom('units')
      .select('id')
      .where('liaison_user_id', '=', row.user_id)
      .execute();
    for (const u of served) unitIds.add(u.id);
  }
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password,
    lastSeenAt: row.last_seen_at,
    createdAt: row.created_at,
    actor: {
      kind: 'user',
      id: row.user_id,
      username: row.username,
      name: row.name,
      roles,
      unitId: row.unit_id,
      unitIds: [...unitIds],
      permissions: new Set(permissionsOf(roles)),
      ip,
    },
  };
}

// last_seen_at is for the sessions list and idle expiry; writing it on every request is waste.
const TOUCH_AFTER_MS = 5 * 60_000;

export async function touchSession(
  db: Kysely<DB>,
  session: ActiveSession,
  now: Date,
  hours: number,
  maxHours: number,
): Promise<void> {
  if (now.getTime() - session.lastSeenAt.getTime() < TOUCH_AFTER_MS) return;
  const expiresAt = Math.min(
    now.getTime() + hours * 3_600_000,
    session.createdAt.getTime() + maxHours * 3_600_000,
  );
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: new Date(expiresAt) })
    .where('id', '=', session.id)
    .execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(
  db: Kysely<DB>,
  userId: number,
  exceptId?: string,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  await q.execute();
}

export async function purgeExpiredSessions(db: Kysely<DB>, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
