import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertStrongPassword, hashPassword, verifyPassword } from './passwords.js';
import { deleteUserSessions } from './sessions.js';

export async function changePassword({
  ctx,
  actor,
  sessionId,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  sessionId: string;
  input: { currentPassword: string; newPassword: string };
}): Promise<void> {
  if (actor.id === null) throw new AppError('AUTH_REQUIRED', '请先登录');
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('id', '=', actor.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('PASSWORD_WRONG', '原密码不正确');
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError('PASSWORD_WEAK', '新密码不能与原密码相同');
  }
  assertStrongPassword(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: false,
        password_changed_at: now,
        updated_at: now,
      })
      .where('id', '=', user.id)
      .execute();
    // Other devices signed in with the old password are signed out.
    await deleteUserSessions(trx, user.id, sessionId);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'auth.password-change',
      entityType: 'user',
      entityId: user.id,
      summary: `${actor.name} 修改了自己的密码`,
    });
  });
}
