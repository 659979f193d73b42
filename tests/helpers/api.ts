import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type BuiltApp } from '../../src/server/app.js';
import type { AppContext } from '../../src/server/context.js';

export async function buildTestApp(ctx: AppContext): Promise<BuiltApp> {
  const built = await buildApp(ctx, { logger: false, webDir: '/nonexistent' });
  await built.app.ready();
  return built;
}

export interface ApiClient {
  csrfToken: string;
  cookie: string;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** Signs in through the real login route and keeps the cookie and CSRF token, as the browser does. */
export async function loginAs(built: BuiltApp, username: string, password: string): Promise<ApiClient> {
  const res = await built.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'yq_session');
  if (!cookie) throw new Error('no session cookie');
  const client: ApiClient = {
    csrfToken: (res.json<{ csrfToken: string }>()).csrfToken,
    cookie: `yq_session=${cookie.value}`,
    request(method, url, body, headers = {}) {
      return built.app.inject({
        method,
        url,
        headers: {
          cookie: client.cookie,
          ...(method === 'GET' ? {} : { 'x-csrf-token': client.csrfToken }),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
  };
  return client;
}
