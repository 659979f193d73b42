import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/connection.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { VERSION } from '../lib/version.js';
import { startJobs, type JobRunner } from '../jobs/runner.js';
import { alignDemoSources } from '../modules/demo/seed-demo-sources.js';
import { startHolidaySync } from '../modules/holidays/holiday-sync.js';
import { bootstrap } from '../modules/system/bootstrap.js';
import { buildApp } from './app.js';
import type { RouteInfo } from './access-hook.js';
import type { AppInstance } from './app-instance.js';
import type { AppContext } from './context.js';

export interface RunningServer {
  app: AppInstance;
  database: Database;
  jobs: JobRunner | null;
  url: string;
  /** Every API route with the access it declares. */
  routes: RouteInfo[];
  close(): Promise<void>;
}

export async function openContext(config: Config, clock: Clock = systemClock) {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const ctx: AppContext = {
    db: database.db,
    dbKind: database.kind,
    clock,
    config,
    version: VERSION,
  };
  return { database, ctx };
}

/** `yuqing start`: schema, first admin and demo, then the API, the web app and the workers. */
export async function startServer(
  config: Config,
  options: { clock?: Clock; webDir?: string; logger?: boolean } = {},
): Promise<RunningServer> {
  const { database, ctx } = await openContext(config, options.clock);
  const { app, routes } = await buildApp(ctx, {
    ...(options.webDir ? { webDir: options.webDir } : {}),
    ...(options.logger === false ? { logger: false } : {}),
  });
  try {
    const boot = await bootstrap(ctx);
    if (boot.migrationsApplied > 0) app.log.info(`applied ${boot.migrationsApplied} migration(s)`);
    if (boot.generatedAdminPassword) {
      // Printed once, on the start that created the account; it is stored only as a hash.
      process.stdout.write(
        `\n  已创建系统管理员 admin，初始密码：${boot.generatedAdminPassword}\n` +
          `  The admin account was created with the password above. It is shown only this once;\n` +
          `  you will be asked to change it at the first login.\n\n`,
      );
    }
    if (boot.demoSeeded) app.log.info('demo township created');
    else if (boot.adminCreated) {
      // An empty organisation: nothing else tells the admin where its name is set.
      process.stdout.write(
        `  未创建示范乡镇。请以 admin 登录，在“系统管理 → 工作小组”填写本级名称（抄告单、通报和报告的落款），\n` +
          `  在“单位管理”“用户管理”中建立单位和用户（可用 Excel 模板导入）。\n\n`,
      );
    }
    // Before any deadline is counted: the holidays entered under 节假日安排, kept current.
    const stopHolidaySync = await startHolidaySync(ctx, app.log);
    const jobs = config.workers ? await startJobs(database, ctx, app.log, { work: true }) : null;
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    if (config.demo) await alignDemoSources(ctx, url);
    return {
      app,
      database,
      jobs,
      url,
      routes,
      async close() {
        stopHolidaySync();
        await app.close();
        await jobs?.stop();
        await database.close();
      },
    };
  } catch (err) {
    await app.close();
    await database.close();
    throw err;
  }
}
