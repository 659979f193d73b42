import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../modules/access/actor.js';
import type { Permission } from '../modules/access/roles.js';
import {
  findSession,
  SESSION_COOKIE,
  touchSession,
  type ActiveSession,
} from '../modules/auth/sessions.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';

/**
 * Every API route says who may call it: `public`, any signed-in user (`authenticated`), or the
 * holders of one permission. A route that says nothing does not start.
 */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Allowed while the user still has to change an initial password. */
    allowPasswordChangePending?: boolean;
  }
  interface FastifyRequest {
    session: ActiveSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}

export function installAccessHook(
  app: FastifyInstance,
  ctx: AppContext,
  routes: RouteInfo[],
): void {
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.url} does not declare config.access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    const session = await loadSession(ctx, request);
    request.session = session;
    if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
    if (access === 'public') return;
    if (!session) throw new AppError('AUTH_REQUIRED', '请先登录');
    if (!SAFE_METHODS.has(request.method)) {
      const token = request.headers['x-csrf-token'];
      if (token !== session.csrfToken) {
        throw new AppError('CSRF_INVALID', '安全校验失败，请刷新页面后重试');
      }
    }
    if (session.mustChangePassword && !request.routeOptions.config.allowPasswordChangePending) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码');
    }
    if (access !== 'authenticated' && !session.actor.permissions.has(access)) {
      throw new AppError('FORBIDDEN', '没有权限执行此操作');
    }
  });
}

/**
 * For routes a plugin adds without config.access (the API docs): signed-in users only, as a
 * route declaring 'authenticated' would be.
 */
export async function requireSignedIn(ctx: AppContext, request: FastifyRequest): Promise<void> {
  request.session = await loadSession(ctx, request);
  if (!request.session) throw new AppError('AUTH_REQUIRED', '请先登录');
}

async function loadSession(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<ActiveSession | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const now = ctx.clock.now();
  const { sessionHours, sessionMaxHours } = ctx.config;
  const session = await findSession(ctx.db, token, now, request.ip, sessionMaxHours);
  if (session) await touchSession(ctx.db, session, now, sessionHours, sessionMaxHours);
  return session;
}

/** A browser's cross-site write carries a foreign Origin: refuse it even before CSRF tokens. */
function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('CSRF_INVALID', '请求来源无效');
  }
  if (host !== request.host) throw new AppError('CSRF_INVALID', '不允许跨站提交');
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('AUTH_REQUIRED', '请先登录');
  return request.session.actor;
}
