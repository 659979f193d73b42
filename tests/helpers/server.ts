import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { webDistDir } from '../../src/lib/paths.js';
import { startServer } from '../../src/server/start.js';
import { testConfig } from './db.js';

export interface TestServer {
  url: string;
  adminPassword: string;
  demoPassword: string;
  db: Kysely<DB>;
  close(): Promise<void>;
}

/** The real server, in process, on a free port, with PGlite in a temporary directory and the built web app. */
export async function startTestServer(
  options: { demo?: boolean; /** YUQING_TIME_ZONE */ timeZone?: string } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yq-e2e-'));
  const defaults = testConfig();
  const config = testConfig({
    dataDir,
    databaseUrl: undefined,
    port: 0,
    host: '127.0.0.1',
    demo: options.demo ?? true,
    deadlines: { ...defaults.deadlines, timeZone: options.timeZone ?? defaults.deadlines.timeZone },
  });
  const server = await startServer(config, { webDir: webDistDir, logger: false });
  return {
    url: server.url,
    adminPassword: config.adminPassword ?? '',
    demoPassword: config.demoPassword,
    db: server.database.db,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
