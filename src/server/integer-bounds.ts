import type { FastifyInstance } from 'fastify';

/** The largest PostgreSQL integer (int4); ids are bigint but never come near it. */
export const INT4_MAX = 2_147_483_647;

const PARTS = ['params', 'querystring', 'body', 'headers'] as const;

/**
 * Gives every integer in a request schema an upper bound, INT4_MAX where the schema sets none, in
 * place. Ids, versions and counts all end in integer or bigint columns, and a number past them
 * (an id of 99999999999999999999 in a path) failed the query with a 500 instead of a 400.
 */
export function boundIntegers(schema: unknown): void {
  if (Array.isArray(schema)) {
    for (const part of schema) boundIntegers(part);
    return;
  }
  if (!schema || typeof schema !== 'object') return;
  const s = schema as Record<string, unknown>;
  const integer = s.type === 'integer' || (Array.isArray(s.type) && s.type.includes('integer'));
  if (integer && s.maximum === undefined && s.exclusiveMaximum === undefined) s.maximum = INT4_MAX;
  const properties = s.properties;
  if (properties && typeof properties === 'object') {
    for (const property of Object.values(properties)) boundIntegers(property);
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties']) {
    boundIntegers(s[key]);
  }
}

/** Bounds the integers of every route registered after this (before the routes, then). */
export function installIntegerBounds(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    for (const part of PARTS) boundIntegers(route.schema?.[part]);
  });
}
