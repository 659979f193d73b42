import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { systemActor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { formatDateTime } from '../../lib/format.js';
import { addressHash } from '../board/board-source.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { createSession, type NewSession } from './sessions.js';

/** From this many failures in a row the account locks; each further failure doubles the lock. */
export const LOCK_AFTER_FAILURES = 5;
const FIRST_LOCK_MINUTES = 15;
const MAX_LOCK_MINUTES = 24 * 60;

/**
 * The failures that still count: a streak ends a day after its last failure, once any lock it
 * earned has ended too; the same rule for an account and for a name that is no account, so that
 * neither the answers nor their timing tell the two apart. A streak from before the time of the
 * last failure was kept (lastFailedAt null) goes on counting.
 */
export function currentStreak(
  failures: number,
  lastFailedAt: Date | null,
  lockedUntil: Date | null,
  now: Date,
): number {
  if (!lastFailedAt) return failures;
  const quietSince = Math.max(lastFailedAt.getTime(), lockedUntil?.getTime() ?? 0);
  return now.getTime() - quietSince > STREAK_MS ? 0 : failures;
}
const STREAK_MS = 24 * 3600_000;

export function lockMinutes(failures: number): number {
  if (failures < LOCK_AFTER_FAILURES) return 0;
  return Math.min(FIRST_LOCK_MINUTES * 2 ** (failures - LOCK_AFTER_FAILURES), MAX_LOCK_MINUTES);
}

const lockedMessage = (until: Date) =>
  `登录失败次数过多，账户已锁定至 ${formatDateTime(until)}，请届时重试或联系管理员解锁`;

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export async function login(
  ctx: AppContext,
  input: LoginInput,
): Promise<NewSession & { userId: number }> {
  const now = ctx.clock.now();
  const who = systemActor(input.username, input.ip);
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
    .executeTakeFirst();

  if (!user) return refuseUnknownName(ctx, input, who, now);

  const lockedUntil = user.locked_until;
  if (lockedUntil && lockedUntil > now) {
    throw new AppError('AUTH_LOCKED', lockedMessage(lockedUntil));
  }

  const actor = {
    ...who,
    id: user.id,
    name: user.name,
    username: user.username,
    kind: 'user' as const,
  };
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures =
      currentStreak(user.failed_logins, user.last_failed_login_at, user.locked_until, now) + 1;
    const minutes = lockMinutes(failures);
    const until = minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null;
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: failures, locked_until: until, last_failed_login_at: now })
        .where('id', '=', user.id)
        .execute();
      await recordAudit(trx, ctx.clock, actor, {
        action: 'auth.login-failed',
        entityType: 'user',
        entityId: user.id,
        summary: until
          ? `登录失败（连续第 ${failures} 次），账户锁定 ${minutes} 分钟`
          : `登录失败（连续第 ${failures} 次）`,
      });
    });
    if (until) throw new AppError('AUTH_LOCKED', lockedMessage(until));
    throw new AppError('AUTH_INVALID', '用户名或密码错误');
  }

  if (!user.active) throw new AppError('AUTH_INVALID', '账户已停用，请联系系统管理员');

  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        failed_logins: 0,
        locked_until: null,
        last_failed_login_at: null,
        last_login_at: now,
      })
      .where('id', '=', user.id)
      .execute();
    const session = await createSession(trx, {
      userId: user.id,
      now,
      hours: ctx.config.sessionHours,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      summary: `${user.name} 登录`,
    });
    return { ...session, userId: user.id };
  });
}

/**
 * A name that is no account answers as an account would: 用户名或密码错误, and from the fifth
 * failure in a row 账户已锁定至 … for the same doubling time, unchanged by attempts while locked.
 * Otherwise the lock message alone told anyone which usernames exist. The failures are counted
 * under a keyed hash of the lower-cased name (login_failures), never the name itself.
 */
async function refuseUnknownName(
  ctx: AppContext,
  input: LoginInput,
  who: ReturnType<typeof systemActor>,
  now: Date,
): Promise<never> {
  const nameHash = await addressHash(ctx.db, ctx.clock, `login:${input.username.toLowerCase()}`);
  const known = await ctx.db
    .selectFrom('login_failures')
    .select(['failures', 'locked_until', 'last_failed_at'])
    .where('name_hash', '=', nameHash)
    .executeTakeFirst();
  const lockedUntil = known?.locked_until ? new Date(known.locked_until) : null;
  if (lockedUntil && lockedUntil > now)
    throw new AppError('AUTH_LOCKED', lockedMessage(lockedUntil));
  await verifyPassword(await dummyPasswordHash(), input.password);
  const streak = known
    ? currentStreak(known.failures, new Date(known.last_failed_at), lockedUntil, now)
    : 0;
  const failures = streak + 1;
  const minutes = lockMinutes(failures);
  const until = minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_failures')
      .values({ name_hash: nameHash, failures: 1, locked_until: until, last_failed_at: now })
      .onConflict((oc) =>
        oc.column('name_hash').doUpdateSet((eb) => ({
          // Counted in the database while the streak runs: tries at once are each counted.
          failures: streak === 0 ? 1 : eb('login_failures.failures', '+', 1),
          locked_until: until,
          last_failed_at: now,
        })),
      )
      .execute();
    await recordAudit(trx, ctx.clock, who, {
      action: 'auth.login-failed',
      entityType: 'user',
      summary: `登录失败：用户名 ${input.username.slice(0, 40)} 不存在（连续第 ${failures} 次）`,
    });
  });
  if (until) throw new AppError('AUTH_LOCKED', lockedMessage(until));
  throw new AppError('AUTH_INVALID', '用户名或密码错误');
}

/** Failures under unknown names whose streak has ended (currentStreak): only their rows go. */
export async function purgeLoginFailures(ctx: AppContext): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - 24 * 3600_000);
  const result = await ctx.db
    .deleteFrom('login_failures')
    .where('last_failed_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
