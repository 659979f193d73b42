import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, e2eSetup, hasChromium, signedIn } from './browser.js';

const CHINESE = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

/**
 * The interface's own words on the page — labels, headers, buttons, tabs, menu entries, card
 * titles, empty states — that contain Chinese. Data (names, titles, messages) is Chinese in either
 * language and is not looked at; the language switch (「中文」) and the user menu are left out.
 */
async function chineseChrome(page: Page): Promise<string[]> {
  const chrome = [
    'th',
    '.ant-form-item-label',
    '.ant-descriptions-item-label',
    '.ant-menu-title-content',
    '.ant-tabs-tab',
    '.ant-card-head-title',
    '.ant-empty-description',
    '.ant-statistic-title',
    '.ant-radio-button-wrapper',
    '.ant-segmented-item-label',
    '.ant-select-selection-placeholder',
    'button:not([data-testid="language-switch"]):not([data-testid="user-menu"])',
  ].join(', ');
  const texts = await page.locator(chrome).allInnerTexts();
  return texts.map((text) => text.trim().replace(/\s+/g, ' ')).filter((t) => CHINESE.test(t));
}

/** Menu entries whose words do not fit the menu's width (shown cut off with an ellipsis). */
function cutMenuEntries(page: Page): Promise<string[]> {
  return page.locator('.ant-menu-title-content').evaluateAll((elements) =>
    elements.flatMap((element) => {
      const box = element as unknown as { scrollWidth: number; clientWidth: number };
      const cut = box.clientWidth > 0 && box.scrollWidth > box.clientWidth + 1;
      return cut ? [(element as unknown as { innerText: string }).innerText] : [];
    }),
  );
}

describe.skipIf(!hasChromium)(
  hasChromium ? 'the interface in English' : `English (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    it('leads the server’s Chinese error with its gist in English', async () => {
      const context = await e2e.browser.newContext({ locale: 'en-US' });
      await context.addInitScript("localStorage.setItem('yuqing.lang', 'en')");
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/login`);
      await page.getByLabel('Username').fill('viewer');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Sign-in failed: 用户名或密码错误').waitFor();
      await context.close();
    }, 60_000);

    it('speaks English on the pages an admin reads, with English punctuation', async () => {
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'admin',
        password: e2e.server.adminPassword,
        pageErrors: e2e.pageErrors,
      });
      await page.getByTestId('language-switch').click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      // Every submenu open, so that every entry is measured.
      for (const name of ['Monitoring', 'Cases', 'Reports', 'Administration']) {
        await page.getByRole('menuitem', { name }).click();
      }
      expect(await cutMenuEntries(page)).toEqual([]);

      // 上线准备 words its figures in English (the server's details are Chinese).
      const setup = page.getByTestId('setup-card');
      await setup.getByText('13 unit(s)').waitFor();
      expect(await setup.innerText()).toMatch(/and others, 12 units without a liaison/);
      const duty = await page.getByTestId('today-duty').innerText();
      expect(duty).toMatch(/On duty now: /);
      expect(duty).not.toMatch(/[：、（）]/);

      const report = await e2e.server.db
        .selectFrom('reports')
        .select('id')
        .where('kind', '=', 'daily')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const pages = [
        '/',
        '/situation',
        '/monitoring',
        '/monitoring/alerts',
        '/watch',
        '/cases',
        '/supervision',
        '/incidents',
        '/reports',
        `/reports/${report.id}`,
        '/info-ranking',
        '/admin/working-group',
        '/admin/users',
        '/admin/audit',
        '/admin/holidays',
        '/admin/backup',
      ];
      const found: Record<string, string[]> = {};
      for (const path of pages) {
        await page.goto(`${e2e.server.url}${path}`);
        await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
        await page.waitForLoadState('networkidle');
        const chinese = await chineseChrome(page);
        if (chinese.length > 0) found[path] = chinese;
      }
      expect(found).toEqual({});

      // The report keeps its Chinese names for its document; the screen names them in English.
      await page.goto(`${e2e.server.url}/reports/${report.id}`);
      await page.getByText('Incidents by level').waitFor();
      expect(await page.getByText(/^General \d+$/).count()).toBe(1);
      expect(await page.getByRole('tab', { name: /^Negative \(\d+\)$/ }).count()).toBe(1);

      // The posts list: "Author: …", not 「Author：…」.
      await page.goto(`${e2e.server.url}/monitoring`);
      await page
        .getByText(/^Author: /)
        .first()
        .waitFor();
      expect(await page.getByText(/^Author：/).count()).toBe(0);
      expect(e2e.pageErrors).toEqual([]);
      await context.close();
    }, 180_000);
  },
);
