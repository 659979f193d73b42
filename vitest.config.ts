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
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});
