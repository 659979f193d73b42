import { sql } from 'kysely';
import { migrate } from '../../db/migrate.js';
import { systemActor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { ensureBoardSource } from '../board/board-source.js';
import { assertStrongPassword, generatePassword, hashPassword } from '../auth/passwords.js';
import { evaluateAlertRules } from '../analysis/alerts/evaluate-alert-rules.js';
import { seedDemoAlerts } from '../analysis/alerts/seed-demo-alerts.js';
import { seedDemo } from '../demo/seed-demo.js';
import { seedDemoIncidents } from '../incidents/seed-demo-incidents.js';
import { seedDemoInfoReports } from '../info-reports/seed-demo-info-reports.js';
import { awaitDemoFirstCrawl, seedDemoReports } from '../reports/seed-demo-reports.js';
import { seedDemoCases } from '../demo/seed-demo-cases.js';
import { seedDemoSources, seedDemoTerms } from '../demo/seed-demo-sources.js';
import type { AppContext } from '../../server/context.js';

export const BOOTSTRAP_LOCK = 7_120_003;

export interface BootstrapResult {
  migrationsApplied: number;
  /** Set only on the start that created `admin` with a random password: print it once. */
  generatedAdminPassword: string | null;
  adminCreated: boolean;
  demoSeeded: boolean;
}

/** Everything a start does before serving: schema, the first admin, the demo township. */
export async function bootstrap(ctx: AppContext): Promise<BootstrapResult> {
  const { db, config, clock } = ctx;
  const { applied } = await migrate(db);
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  let generated: string | null = null;
  let adminCreated = false;
  let demoSeeded = false;
  if (!anyUser) {
    if (config.adminPassword) assertStrongPassword(config.adminPassword);
    generated = config.adminPassword ? null : generatePassword(16);
    const passwordHash = await hashPassword(config.adminPassword ?? generated ?? '');
    const now = clock.now();
    adminCreated = await db.transaction().execute(async (trx) => {
      // Two processes starting at once against one server: the second finds the admin.
      await sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`.execute(trx);
      if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return false;
      const row = await trx
        .insertInto('users')
        .values({
          username: 'admin',
          name: '系统管理员',
          unit_id: null,
          roles: ['admin'],
          phone: null,
          password_hash: passwordHash,
          must_change_password: generated !== null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, clock, systemActor(), {
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        summary: '首次启动：创建系统管理员 admin',
      });
      return true;
    });
    if (!adminCreated) generated = null;
    if (adminCreated && config.demo) {
      demoSeeded = await seedDemo(db, clock, config.demoPassword);
      if (demoSeeded) {
        await seedDemoTerms(ctx);
        await seedDemoCases(ctx);
        const demoSources = await seedDemoSources(ctx);
        await seedDemoAlerts(ctx);
        // The demo's alerts are raised at once rather than by the first five-minute run.
        await evaluateAlertRules(ctx);
        await seedDemoIncidents(ctx);
        await seedDemoReports(ctx);
        // Made before the sources are first read: made again once they have been.
        await awaitDemoFirstCrawl(ctx, demoSources);
        await seedDemoInfoReports(ctx);
      }
    }
  }
  await ensureBoardSource(db, clock);
  return {
    migrationsApplied: applied.length,
    generatedAdminPassword: generated,
    adminCreated,
    demoSeeded,
  };
}
