import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { recordAudit } from '../audit/record-audit.js';
import { ErrorReply } from '../../server/common-schemas.js';
import { LoginBody, PasswordBody, SessionReply, type Me } from './auth.schemas.js';
import { changePassword } from './change-password.js';
import { login } from './login.js';
import { deleteSession, SESSION_COOKIE } from './sessions.js';
import { isRole, permissionsOf } from '../access/roles.js';

export function authRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['认证'];

  app.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: '登录',
        body: LoginBody,
        response: { 200: SessionReply, 401: ErrorReply, 429: ErrorReply },
      },
    },
    async (request, reply) => {
      const session = await login(ctx, {
        username: request.body.username.trim(),
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie(ctx, request),
        expires: session.expiresAt,
      });
      return { user: await loadMe(ctx, session.userId), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated', allowPasswordChangePending: true },
      schema: { tags, summary: '退出登录', response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const session = request.session;
      if (session) {
        await ctx.db.transaction().execute(async (trx) => {
          await deleteSession(trx, session.id);
          await recordAudit(trx, ctx.clock, actor, {
            action: 'auth.logout',
            entityType: 'user',
            entityId: actor.id,
            summary: `${actor.name} 退出登录`,
          });
        });
      }
      clearCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated', allowPasswordChangePending: true },
      schema: { tags, summary: '当前用户', response: { 200: SessionReply } },
    },
    async (request) => {
      const actor = requireActor(request);
      return {
        user: await loadMe(ctx, actor.id ?? 0),
        csrfToken: request.session?.csrfToken ?? '',
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', allowPasswordChangePending: true },
      schema: {
        tags,
        summary: '修改本人密码',
        body: PasswordBody,
        response: { 204: { type: 'null' }, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await changePassword({
        ctx,
        actor,
        sessionId: request.session?.id ?? '',
        input: request.body,
      });
      return reply.status(204).send(null);
    },
  );
}

function secureCookie(ctx: AppContext, request: FastifyRequest): boolean {
  switch (ctx.config.cookieSecure) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'auto':
      return request.protocol === 'https';
  }
}

function clearCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function loadMe(ctx: AppContext, userId: number): Promise<Me> {
  const row = await ctx.db
    .selectFrom('users as u')
    .leftJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.name', 'u.unit_id', 'n.name as unit_name', 'u.roles'])
    .select('u.must_change_password')
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new AppError('AUTH_REQUIRED', '请先登录');
  const roles = row.roles.filter(isRole);
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    roles,
    permissions: permissionsOf(roles),
    mustChangePassword: row.must_change_password,
  };
}
