import type { JobDefinition } from '../../jobs/job.js';
import { verifyAudit } from './verify-audit.js';

/** Nightly, the chain is checked and the result kept where the audit page can show it. */
export const verifyAuditJob: JobDefinition = {
  id: 'audit.verify-chain',
  schedule: '30 2 * * *',
  retryLimit: 1,
  async handler(ctx) {
    const result = await verifyAudit(ctx.db);
    const now = ctx.clock.now();
    const value = JSON.stringify({ ...result, at: now.toISOString() });
    await ctx.db
      .insertInto('settings')
      .values({ key: 'audit.last-verification', value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
    if (!result.ok) throw new Error(`audit chain broken: ${result.message}`);
  },
};
