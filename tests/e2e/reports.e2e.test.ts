import { describe, expect, it } from 'vitest';
import { startOfLocalDay } from '../../src/modules/cases/stats/period.js';
import {
  CHROMIUM,
  DESKTOP,
  e2eSetup,
  hasChromium,
  openedDialog,
  PHONE,
  signedIn,
} from './browser.js';

const DAY = 86_400_000;

/** A date as the server counts it: in Asia/Shanghai, whatever the machine's zone. */
function shanghaiDate(at: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at));
}

const chineseDate = (d: string) =>
  `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

describe.skipIf(!hasChromium)(
  hasChromium ? 'notices, statistics and print views' : `reports (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    /** A fresh e2e.browser for one demo user, signed in and on the dashboard. */
    const as = (username: string, viewport = DESKTOP) =>
      signedIn(e2e.browser, {
        url: e2e.server.url,
        username,
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
        viewport,
      });

    it('lets the office issue a notice, read the statistics and print a slip', async () => {
      const { context, page } = await as('office');

      // 通报: issue one for the last 30 days from the list, then find it listed.
      // Twice (fresh-clone and busy-machine runs) the click on 通报 went astray while the submenu
      // was still unfolding: open the submenu when its item is hidden, click the item until the
      // address changes.
      const item = page.getByRole('menuitem', { name: '通报' });
      await expect
        .poll(
          async () => {
            if (await item.isVisible()) await item.click();
            else await page.getByRole('menuitem', { name: '办件管理' }).click();
            return new URL(page.url()).pathname;
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe('/notices');
      await page.getByRole('heading', { name: '通报', exact: true }).waitFor();
      await page.getByTestId('issue-notice').click();
      const dialog = await openedDialog(page, '生成通报');
      // A click on the picker can still be lost on a busy machine: open it again until its
      // presets show.
      const preset = page.locator('.ant-picker-presets').getByText('最近 30 天');
      await expect
        .poll(async () => {
          if (!(await preset.isVisible())) await dialog.locator('.ant-picker').click();
          return preset.isVisible();
        })
        .toBe(true);
      await preset.click();
      // Before a number is taken, the dialog says whom the notice will name (the demo's overdue
      // slips fall within the last 30 days).
      await dialog
        .getByTestId('notice-preview')
        .getByText(/^将通报 \d+ 个单位/)
        .waitFor();
      await dialog.getByRole('button', { name: /^生\s*成$/ }).click();
      await page.waitForURL(/\/notices\/\d+$/);
      const noticeId = Number(new URL(page.url()).pathname.split('/').pop());
      const heading = page.getByRole('heading', { name: /^通报 〔\d{4}〕第\d+期$/ });
      await heading.waitFor();
      const number = ((await heading.textContent()) ?? '').replace(/^通报 /, '');
      await page.getByTestId('notice-facts').waitFor();

      const today = shanghaiDate(Date.now());
      const from = shanghaiDate(Date.now() - 29 * DAY);
      const row = await e2e.server.db
        .selectFrom('notices')
        .select(['title', 'year', 'seq'])
        .where('id', '=', noticeId)
        .executeTakeFirstOrThrow();
      expect(row.title).toBe(
        `关于${chineseDate(from)}至${chineseDate(today)}网络舆情办理超期情况的通报`,
      );
      expect(number).toBe(`〔${row.year}〕第${row.seq}期`);

      await page.getByRole('menuitem', { name: '通报' }).click();
      await page.waitForURL(/\/notices$/);
      await page.getByTestId('notices-table').getByRole('link', { name: number }).waitFor();

      // 统计: the chart is drawn and the ledger has a row for 城建办; the row leads to its cases.
      await page.getByRole('menuitem', { name: '统计报表' }).click();
      await page.getByRole('menuitem', { name: '单位办理统计' }).click();
      await page.getByRole('heading', { name: '单位办理统计' }).waitFor();
      await page.getByTestId('unit-stats-chart').locator('canvas').first().waitFor();
      const ledger = page.getByTestId('stats-table');
      const chengjian = ledger.getByRole('row').filter({ hasText: '城建办' });
      await chengjian.waitFor();
      const cells = await chengjian.getByRole('cell').allTextContents();
      // 城建办 has demo slips this month: it received at least one.
      expect(Number(cells[1])).toBeGreaterThan(0);
      await ledger.getByTestId('stats-totals').waitFor();
      const xlsx = await page.getByTestId('stats-xlsx').getAttribute('href');
      expect(xlsx).toMatch(/^\/api\/stats\/units\.xlsx\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/);
      await chengjian.getByRole('link', { name: '城建办' }).click();
      // Its slips issued in the ledger's period, this month so far.
      await page.waitForURL(
        /\/cases\?unitId=\d+&assignedFrom=\d{4}-\d{2}-01&assignedTo=\d{4}-\d{2}-\d{2}$/,
      );
      await page.getByRole('heading', { name: '办件列表' }).waitFor();
      // The case list reads its filter from the address: the unit and the period are filled in.
      const filterForm = page.locator('form[id="case-filters"]');
      await filterForm.getByTitle('城建办').waitFor();
      const assignedFrom = new URL(page.url()).searchParams.get('assignedFrom') ?? '';
      expect(await filterForm.locator('.ant-picker-range input').first().inputValue()).toBe(
        assignedFrom,
      );
      // 回复期限 sorts the unit's cases on the server, earliest first, and the address keeps it.
      const unitId = Number(new URL(page.url()).searchParams.get('unitId'));
      await page.getByTestId('cases-table').getByRole('columnheader', { name: '回复期限' }).click();
      await page.waitForURL(/[?&]sort=replyDue/);
      const earliest = await e2e.server.db
        .selectFrom('cases as c')
        .innerJoin('case_units as cu', 'cu.case_id', 'c.id')
        .select('c.id')
        .where('cu.unit_id', '=', unitId)
        .where('c.assigned_at', '>=', startOfLocalDay(assignedFrom, 'Asia/Shanghai'))
        .orderBy('c.reply_due_at')
        .orderBy('c.id')
        .executeTakeFirstOrThrow();
      await expect
        .poll(() =>
          page
            .getByTestId('cases-table')
            .locator('tbody tr.ant-table-row')
            .first()
            .getAttribute('data-row-key'),
        )
        .toBe(String(earliest.id));

      // The slip's print view, from the case page: the form with its number, nothing else printed.
      const slipCase = await e2e.server.db
        .selectFrom('cases')
        .select(['id', 'slip_no'])
        .where('slip_no', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await page.goto(`${e2e.server.url}/cases/${slipCase.id}`);
      await page.getByTestId('slip-print-link').click();
      await page.waitForURL(new RegExp(`/cases/${slipCase.id}/slip/print$`));
      const sheet = page.getByTestId('slip-sheet');
      await sheet.getByText('网络舆情抄告单').waitFor();
      expect(await sheet.getByTestId('slip-no').textContent()).toBe(slipCase.slip_no);
      await sheet.getByText('领导批示', { exact: true }).waitFor();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
      expect(await page.getByTestId('print').isVisible()).toBe(false);
      expect(await sheet.isVisible()).toBe(true);
      await context.close();

      // A leader reads the same pages on a phone, without the office's 生成通报.
      const leader = await as('leader', PHONE);
      await leader.page.goto(`${e2e.server.url}/notices/${noticeId}`);
      await leader.page.getByTestId('notice-facts').waitFor();
      await leader.page.goto(`${e2e.server.url}/notices`);
      await leader.page.getByTestId('notices-table').getByRole('link', { name: number }).waitFor();
      expect(await leader.page.getByTestId('issue-notice').count()).toBe(0);
      await leader.page.goto(`${e2e.server.url}/reports/units`);
      await leader.page.getByTestId('unit-stats-chart').locator('canvas').first().waitFor();
      await leader.context.close();

      // Without `cases.supervise` (which the API asks for) the page says so, like other pages.
      const viewer = await as('viewer');
      await viewer.page.goto(`${e2e.server.url}/reports/units`);
      await viewer.page.getByText('您没有访问此页面的权限').waitFor();
      await viewer.context.close();

      expect(e2e.pageErrors).toEqual([]);
    }, 120_000);
  },
);
