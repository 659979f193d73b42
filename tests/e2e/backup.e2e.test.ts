import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/lib/clock.js';
import { runQueuedBackup } from '../../src/modules/system/backup-runs.js';
import { CHROMIUM, e2eSetup, hasChromium, signedIn } from './browser.js';

describe.skipIf(!hasChromium)(
  hasChromium ? '数据备份 in the browser' : `数据备份 in the browser (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    it('shows an admin where backups go and makes one now', async () => {
      const { server, browser, pageErrors } = e2e;
      const { context, page } = await signedIn(browser, {
        url: server.url,
        username: 'admin',
        password: server.adminPassword,
        pageErrors,
      });
      try {
        await page.getByRole('menuitem', { name: '系统管理' }).click();
        await page.getByRole('menuitem', { name: '数据备份' }).click();
        await page.getByRole('heading', { name: '数据备份' }).waitFor();

        // Where, unencrypted, how many, when; nothing yet, and how the first one comes.
        await page.getByText(server.config.backup.dir, { exact: true }).waitFor();
        await page.getByText('未加密', { exact: true }).first().waitFor();
        await page.getByText(/最近 14 天的备份/).waitFor();
        await page.getByText(/^每天 03:17（Asia\/Shanghai）/).waitFor();
        await page
          .getByText(/备份目录中还没有备份文件。第一个备份将在每天 03:17 自动生成/)
          .waitFor();
        // Restoring is on the server, and nothing here downloads a file.
        await page.getByText('yuqing restore', { exact: false }).first().waitFor();
        expect(await page.getByRole('link', { name: /下载/ }).count()).toBe(0);

        await page.getByRole('button', { name: '立即备份' }).click();
        await page
          .getByTestId('backup-pending')
          .getByText(/立即备份已排队/)
          .waitFor();
        const queued = await server.db
          .selectFrom('backup_runs')
          .select(['status', 'trigger'])
          .execute();
        expect(queued).toEqual([{ status: 'queued', trigger: 'manual' }]);

        // The test server runs no workers: made here as the every-minute job would make it.
        const ctx = {
          db: server.db,
          dbKind: 'pglite' as const,
          clock: systemClock,
          config: server.config,
          version: 'test',
        };
        expect(await runQueuedBackup(ctx)).toMatchObject({ made: true });

        // The page looks again by itself and shows the outcome and the file.
        await page.getByText('备份已完成').waitFor();
        const last = page.getByTestId('backup-last');
        await last.getByText('成功', { exact: true }).waitFor();
        await last.getByText('立即备份', { exact: true }).waitFor();
        await page
          .getByTestId('backup-files')
          .getByRole('row', { name: /yuqing-backup-\d{4}-\d{2}-\d{2}-\d{6}\.jsonl\.gz/ })
          .waitFor();
        expect(await page.getByRole('button', { name: '立即备份' }).isEnabled()).toBe(true);

        const audit = await server.db
          .selectFrom('audit_log')
          .select(['action', 'actor_name'])
          .where('action', 'in', ['system.backup-requested', 'system.backup'])
          .orderBy('id')
          .execute();
        expect(audit.map((a) => a.action)).toEqual(['system.backup-requested', 'system.backup']);
        expect(audit[0]?.actor_name).toMatch(/admin/);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  },
);
