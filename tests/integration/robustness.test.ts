import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_ROLES, type Role } from '../../src/modules/access/roles.js';
import { TEST_DB } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { zh } from '../../web/src/app/i18n/zh.js';

/**
 * Bad input gets a 4xx, never a 500 or a dead server: every operation of the OpenAPI document is
 * called on the demo township with bodies and queries built from its own schemas, at their edges
 * (longest strings, largest numbers, first and last dates, spaces only, U+0000, ids out of range).
 * Each kind of failure this found once is named in the test that now guards it.
 */

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** A value for a schema: variant 0 is plain and valid, the others sit at its edges. */
function sample(schema: Schema | undefined, variant: number): unknown {
  if (!schema) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[variant % schema.enum.length];
  const choices = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (choices) {
    const usable = choices.filter((c) => c.type !== 'null');
    return sample(usable[variant % usable.length] ?? choices[0], variant);
  }
  const type = Array.isArray(schema.type) ? (schema.type[0] as string) : (schema.type as string);
  const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
  switch (type) {
    case 'string':
      if (schema.format === 'date-time')
        return [
          '2026-11-27T08:00:00+08:00',
          '9999-12-31T23:59:59Z',
          '0001-01-01T00:00:00Z',
          '2099-12-31T23:59:59Z',
        ][variant % 4];
      if (schema.format === 'date')
        return ['2026-11-27', '9999-12-31', '2026-02-30', '1900-01-01'][variant % 4];
      if (schema.pattern) return undefined;
      return [
        '测试'.repeat(Math.max(1, Math.ceil(min / 2))),
        '长'.repeat(typeof schema.maxLength === 'number' ? schema.maxLength : 5000),
        ' '.repeat(min),
        `\u0000${'x'.repeat(min)}`,
      ][variant % 4];
    case 'integer':
    case 'number': {
      const low = typeof schema.minimum === 'number' ? schema.minimum : 0;
      const high = typeof schema.maximum === 'number' ? schema.maximum : 1e20;
      return [Math.max(1, low), high, low, 1e20][variant % 4];
    }
    case 'boolean':
      return variant % 2 === 0;
    case 'array': {
      const items = schema.items as Schema | undefined;
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : 3;
      const count = [schema.minItems ?? 1, Math.min(maxItems, 50), 0, 1][variant % 4] as number;
      const values = Array.from({ length: count }, (_, i) => sample(items, variant + i));
      return schema.uniqueItems
        ? [...new Map(values.map((v) => [JSON.stringify(v), v])).values()]
        : values;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = (schema.required as string[] | undefined) ?? [];
      for (const [key, inner] of Object.entries(
        (schema.properties as Record<string, Schema>) ?? {},
      ))
        if (required.includes(key) || variant % 2 === 1) out[key] = sample(inner, variant);
      return out;
    }
    default:
      return null;
  }
}

/** Operations that would end the sessions or replace the database under the test. */
const SKIPPED = /\/auth\/(login|logout|password)|\/backup|\/restore/;

describe.runIf(TEST_DB === 'pglite')(
  'every operation, with inputs at the edges of its schema',
  () => {
    let server: TestServer;
    const sessions = new Map<Role | 'public', { cookie: string; csrf: string }>();

    async function session(role: Role | 'public') {
      const known = sessions.get(role);
      if (known) return known;
      const username = role === 'public' ? 'admin' : role;
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username,
          password: username === 'admin' ? server.adminPassword : server.demoPassword,
        }),
      });
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const made = { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
      sessions.set(role, made);
      return made;
    }

    let target = 0;
    beforeAll(async () => {
      server = await startTestServer();
      const admin = await session('admin');
      const made = await fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrf,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ username: 'robust_target', name: '测试对象', roles: ['viewer'] }),
      });
      target = ((await made.json()) as { user: { id: number } }).user.id;
    }, 120_000);
    afterAll(async () => {
      await server?.close();
    });

    it('answers each with less than 500, and the server stays up', async () => {
      const doc = (await (
        await fetch(`${server.url}/api/openapi.json`, {
          headers: { cookie: (await session('admin')).cookie },
        })
      ).json()) as {
        paths: Record<string, Record<string, Operation>>;
      };
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      let calls = 0;
      for (const [path, operations] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(operations)) {
          if (SKIPPED.test(path)) continue;
          const role = roleFor(server, method, path);
          const { cookie, csrf } = await session(role);
          // Users are changed only through one made for it: the sessions' own accounts stay usable.
          const first = path.startsWith('/api/users/') ? [String(target)] : ['1', '3'];
          const ids = path.includes('{') ? [...first, '99999999999999999999'] : [''];
          for (const id of ids)
            for (let variant = 0; variant < 4; variant++) {
              const query = (op.parameters ?? [])
                .filter((p) => p.in === 'query')
                .map((p) => [p.name, sample(p.schema, variant)] as const)
                .filter(([, v]) => v !== undefined && v !== null)
                .map(
                  ([k, v]) =>
                    `${k}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v))}`,
                )
                .join('&');
              const url = `${path.replace(/\{[^}]+\}/g, id)}${query ? `?${query}` : ''}`;
              const schema = op.requestBody?.content?.['application/json']?.schema;
              const body = schema ? JSON.stringify(sample(schema, variant)) : undefined;
              const res = await fetch(`${server.url}${url}`, {
                method: method.toUpperCase(),
                headers: {
                  cookie,
                  'x-csrf-token': csrf,
                  ...(body ? { 'content-type': 'application/json' } : {}),
                },
                body,
              });
              calls += 1;
              const text = await res.text();
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              if (res.status >= 500)
                failures.push(
                  `${res.status} ${method.toUpperCase()} ${url.slice(0, 120)} ${body?.slice(0, 120) ?? ''} → ${text.slice(0, 120)}`,
                );
            }
        }
      }
      process.stdout.write(
        `robustness: ${calls} calls, by status ${JSON.stringify([...statuses])}\n`,
      );
      expect(calls).toBeGreaterThan(1000);
      expect(failures).toEqual([]);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    }, 300_000);

    // What those calls and the demo wrote to the audit log is read in 审计日志: in Chinese, never
    // as a raw code such as info.send-for-review.
    it('leaves audit entries whose actions and objects all have Chinese names', async () => {
      const rows = await server.db
        .selectFrom('audit_log')
        .select(['action', 'entity_type'])
        .distinct()
        .execute();
      const actions = new Set(rows.map((r) => r.action));
      expect(actions.size).toBeGreaterThan(20);
      const names = zh as Record<string, string>;
      expect([...actions].filter((a) => !names[`action.${a}`])).toEqual([]);
      expect(
        [...new Set(rows.map((r) => r.entity_type))].filter((e) => !names[`entity.${e}`]),
      ).toEqual([]);
    });
  },
);

/** The role to call a route as: the first that holds the permission the route declares. */
function roleFor(server: TestServer, method: string, path: string): Role | 'public' {
  const url = path.replace(/\{(\w+)\}/g, ':$1');
  const route = server.routes.find((r) => r.method === method.toUpperCase() && r.url === url);
  const access = route?.access ?? 'authenticated';
  if (access === 'public') return 'public';
  if (access === 'authenticated') return 'admin';
  return PERMISSION_ROLES[access][0];
}
