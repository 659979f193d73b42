import { defineConfig } from 'vitest/config';

// Every integration test runs twice: on embedded PGlite and on the PostgreSQL server
// (TEST_DATABASE_URL, default the local server's `test` database; YUQING_TEST_POSTGRES=0 skips it).
const withPostgres = process.env.YUQING_TEST_POSTGRES !== '0';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are heavy and the machine has two cores.
    maxWorkers: 2,
    // A worker keeps its module cache from one test file to the next instead of importing the
    // server again for each (measured: the browser tests alone 153.6 s → 122.6 s). A test must
    // not depend on module state another file left behind; each file opens its own database.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          env: { YUQING_TEST_DB: 'pglite' },
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
                exclude: ['tests/e2e/**', 'tests/process/**'],
                env: { YUQING_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          // A browser test's steps wait on their own (30 s each); this bound only catches a hang.
          // The staff-pages accessibility test took 24.6 s of the default 30 s in CI.
          testTimeout: 120_000,
          // After the other projects (as vitest runs files that may not run in parallel anyway).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
