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
export async function loginAs(
  built: BuiltApp,
  username: string,
  password: string,
): Promise<ApiClient> {
  const res = await built.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200)
    throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'yq_session');
  if (!cookie) throw new Error('no session cookie');
  const client: ApiClient = {
    csrfToken: res.json<{ csrfToken: string }>().csrfToken,
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

/** A multipart/form-data body with one file field, as a browser's upload sends it. */
export function multipart(
  field: string,
  filename: string,
  content: Buffer,
  type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----yuqing${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      `Content-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
