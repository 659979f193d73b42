import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, e2eSetup, hasChromium, openedDialog, signedIn } from './browser.js';

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'archive transfer in the browser'
    : `archive transfer in the browser (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    it('counts the period’s archived cases, then downloads them as one .zip with its index', async () => {
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'office',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
      });
      await page.goto(`${e2e.server.url}/archive`);
      await page.getByTestId('transfer-open').click();
      const dialog = await openedDialog(page, '批量导出卷宗（归档移交）');
      const count = dialog.getByText(/^\d[\d,]* 件$/);
      await count.waitFor();
      const n = Number((await count.innerText()).replace(/[^\d]/g, ''));
      expect(n).toBeGreaterThan(0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('transfer-download').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^归档移交-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.zip$/,
      );
      await page.getByTestId('transfer-started').waitFor();
      const zip = unzipSync(readFileSync(await download.path()));
      const folders = Object.keys(zip).filter((name) => /^[^/]+\/$/.test(name));
      expect(folders).toHaveLength(n);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(
        Buffer.from(zip['案卷目录.xlsx'] ?? new Uint8Array()) as unknown as ArrayBuffer,
      );
      const ws = wb.worksheets[0];
      const folderColumn = ws?.getColumn(9).values.slice(5).map(String) ?? [];
      expect(folderColumn.map((f) => `${f}/`).sort()).toEqual([...folders].sort());
      expect(strFromU8(zip['checksums.sha256'] ?? new Uint8Array())).toContain('  案卷目录.xlsx');

      const { rows } = await sql<{ summary: string }>`
        select summary from audit_log where action = 'case.transfer-export'`.execute(e2e.server.db);
      expect(rows.map((r) => r.summary)).toEqual([expect.stringContaining(`批量导出卷宗 ${n} 件`)]);
      expect(e2e.pageErrors).toEqual([]);
      await context.close();
    });
  },
);
