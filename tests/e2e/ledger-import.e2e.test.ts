import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, e2eSetup, hasChromium, signedIn } from './browser.js';

const HEADER = [
  '受理时间',
  '来源',
  '标题',
  '留言内容',
  '承办单位',
  '抄告单号',
  '交办时间',
  '回复内容',
  '回复时间',
  '办结情况',
];

async function ledger(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(HEADER);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const GOOD = [
  [
    '2025-03-08 09:30',
    '县长信箱',
    '台账导入测试：路灯不亮',
    '幸福路路灯坏了半个月，请尽快维修。',
    '城建办',
    '2025-0042',
    '2025-03-08 11:00',
    '已于3月10日更换完毕。',
    '2025-03-10 16:00',
    '已办结',
  ],
  [
    '2025-06-01 10:00',
    '网络问政',
    '台账导入测试：垃圾清运',
    '青石村村口垃圾堆了一周没人清运。',
    '青石村委会',
    '',
    '',
    '已安排每日清运。',
    '2025-06-06 09:00',
    '已办结',
  ],
];

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'ledger import in the browser'
    : `ledger import in the browser (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    it('lists a bad file’s problems by row, then imports a good file once, marked 历史导入', async () => {
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'office',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
      });
      await page.goto(`${e2e.server.url}/archive`);
      await page.getByRole('button', { name: '历史台账导入' }).click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByRole('link', { name: /下载台账模板/ }).waitFor();
      const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

      await drawer.locator('input[type=file]').setInputFiles({
        name: '坏台账.xlsx',
        mimeType: xlsx,
        buffer: await ledger([
          ...GOOD,
          ['2025-04-01 09:00', '县长信箱', '', '内容', '水务站', '', '', '', '', '已办结'],
        ]),
      });
      await page.getByTestId('ledger-dry-run').click();
      const errors = page.getByTestId('ledger-errors');
      await errors.getByRole('row', { name: /水务站/ }).waitFor();
      expect(await errors.getByRole('row', { name: /^4\s*承办单位/ }).count()).toBe(1);
      expect(await page.getByTestId('ledger-commit').isDisabled()).toBe(true);

      await drawer.locator('input[type=file]').setInputFiles({
        name: '2025年台账.xlsx',
        mimeType: xlsx,
        buffer: await ledger(GOOD),
      });
      await page.getByTestId('ledger-dry-run').click();
      await page
        .getByTestId('ledger-summary')
        .getByText(/预检通过：将导入 2 件/)
        .waitFor();
      await page.getByTestId('ledger-commit').click();
      await page
        .getByTestId('ledger-summary')
        .getByText(/导入完成：新建归档办件 2 件/)
        .waitFor();

      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from cases
        where import_id is not null and state = 'archived'`.execute(e2e.server.db);
      expect(rows[0]?.n).toBe(2);

      await page.keyboard.press('Escape');
      const row = page
        .getByTestId('archive-table')
        .getByRole('row', { name: /台账导入测试：路灯不亮/ });
      await row.getByText('历史导入').waitFor();
      await row.getByRole('link', { name: /台账导入测试：路灯不亮/ }).click();
      await page.getByTestId('case-imported').getByText('2025年台账.xlsx 第 2 行').waitFor();
      expect(e2e.pageErrors).toEqual([]);
      await context.close();
    });
  },
);
