import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../../src/config.js';
import type { DB } from '../../src/db/schema.js';
import { webDistDir } from '../../src/lib/paths.js';
import type { RouteInfo } from '../../src/server/access-hook.js';
import { startServer } from '../../src/server/start.js';
import { testConfig } from './db.js';

export interface TestServer {
  url: string;
  adminPassword: string;
  demoPassword: string;
  db: Kysely<DB>;
  /** The settings it runs with (its backup folder in its data directory). */
  config: Config;
  /** Every API route with the access it declares. */
  routes: RouteInfo[];
  close(): Promise<void>;
}

type Options = { demo?: boolean; /** YUQING_TIME_ZONE */ timeZone?: string };

function configFor(dataDir: string, options: Options): Config {
  const defaults = testConfig();
  return testConfig({
    dataDir,
    databaseUrl: undefined,
    port: 0,
    host: '127.0.0.1',
    demo: options.demo ?? true,
    deadlines: { ...defaults.deadlines, timeZone: options.timeZone ?? defaults.deadlines.timeZone },
    // In the data directory that is removed after the test, never ./data/backups of the checkout.
    backup: { ...defaults.backup, dir: join(dataDir, 'backups') },
  });
}

// Data directories as a first start leaves them (migrated, admin and, with demo, the demo township),
// one per demo setting, made once per test worker and copied for each server: a copy takes a
// fraction of a second, where initdb, the migrations and the demo take about 6 s.
const firstStarts = new Map<boolean, Promise<string>>();

function firstStart(options: Options): Promise<string> {
  const demo = options.demo ?? true;
  let dir = firstStarts.get(demo);
  if (!dir) {
    dir = (async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'yq-e2e-first-'));
      const server = await startServer(configFor(dataDir, { demo }), { logger: false });
      await server.close();
      process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
      return dataDir;
    })();
    firstStarts.set(demo, dir);
  }
  return dir;
}

/** The real server, in process, on a free port, with PGlite in a temporary directory and the built web app. */
export async function startTestServer(options: Options = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yq-e2e-'));
  cpSync(await firstStart(options), dataDir, { recursive: true });
  const config = configFor(dataDir, options);
  const server = await startServer(config, { webDir: webDistDir, logger: false });
  return {
    url: server.url,
    adminPassword: config.adminPassword ?? '',
    demoPassword: config.demoPassword,
    db: server.database.db,
    config,
    routes: server.routes,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
