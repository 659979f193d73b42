import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type Factories = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type ValidatorFactory = NonNullable<Factories['buildValidator']>;
type SerializerFactory = NonNullable<Factories['buildSerializer']>;
type Serializer = ReturnType<ReturnType<SerializerFactory>>;

// The compilers fastify itself would use, taken from fastify's own dependencies.
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const ajvCompiler = fromFastify('@fastify/ajv-compiler') as () => ValidatorFactory;
const fjsCompiler = fromFastify('@fastify/fast-json-stringify-compiler') as {
  SerializerSelector: () => SerializerFactory;
};

// fastify compiles every route's request and response schemas when an app gets ready: 2 s of CPU
// for this app's routes, and each test file builds at least one app. Shared by the apps of one
// process, a schema is compiled once. A validator depends only on the schema and the ajv options,
// which are the same for every app (the pool keeps one ajv per options, and ajv keeps each schema
// object's function); a serializer only on its schema. `yuqing start` builds one app and gains
// nothing, nor loses anything.
const sharedValidators = ajvCompiler();
const serializerFactory = fjsCompiler.SerializerSelector();
const serializers = new WeakMap<object, Serializer>();

const buildValidator: ValidatorFactory = (externalSchemas, options) => {
  const compile = sharedValidators(externalSchemas, options);
  return (route) => {
    // With a compiler of its own, fastify no longer lower-cases a headers schema's names itself.
    if (route.httpPart === 'headers')
      throw new Error(`${route.method} ${route.url}: headers schemas need fastify's own compiler`);
    return compile(route);
  };
};

const buildSerializer: SerializerFactory = (externalSchemas, options) => {
  const compile = serializerFactory(externalSchemas, options);
  // Apps that add schemas of their own (none here) must not share functions compiled without them.
  const shared = !externalSchemas || Object.keys(externalSchemas).length === 0;
  return (route) => {
    const { schema } = route;
    if (!shared || typeof schema !== 'object' || schema === null) return compile(route);
    let serializer = serializers.get(schema);
    if (!serializer) {
      serializer = compile(route);
      serializers.set(schema, serializer);
    }
    return serializer;
  };
};

export const sharedSchemaCompilers: Factories = { buildValidator, buildSerializer };
