import { describe, expect, it } from 'vitest';
import { CHROMIUM, DESKTOP, e2eSetup, hasChromium, signedIn } from './browser.js';

describe.skipIf(!hasChromium)(
  hasChromium ? 'alert rules and alerts' : `alert rules and alerts (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    it('a monitor writes a rule, enters two posts, and the alert is there at once; a third entered becomes a case from the entry page', async () => {
      const tag = Math.random().toString(36).slice(2, 8);
      const name = `化工厂异味${tag}`;
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'monitor',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
        viewport: DESKTOP,
      });

      // 1 The rule: a syntax error is shown where it is, in Chinese; then the fixed expression.
      await page.goto(`${e2e.server.url}/monitoring/alert-rules`);
      await page.getByTestId('alert-rules').waitFor();
      await page.getByRole('button', { name: '新增规则' }).click();
      const drawer = page.getByRole('dialog', { name: '新增规则' });
      await drawer.getByLabel('规则名称').fill(name);
      const expression = drawer.getByLabel('关键词表达式');
      await expression.fill(`化工厂 AND (异味 OR ${tag}`);
      await drawer.getByTestId('rule-expression-error').waitFor();
      expect(await drawer.getByTestId('rule-expression-error').innerText()).toMatch(/括号/);
      await expression.fill(`化工厂 AND (异味 OR 臭味) AND ${tag}`);
      await drawer.getByTestId('rule-expression-ok').waitFor();
      await drawer.getByLabel('条数阈值').fill('2');
      await drawer.locator('.ant-drawer-extra button.ant-btn-primary').click();
      await drawer.waitFor({ state: 'hidden' });
      await page.getByTestId('alert-rules').getByText(name).waitFor();

      // 2 Two posts through 人工录入: the second crosses the threshold as it is stored.
      for (const [title, body] of [
        [`化工厂异味太重${tag}`, `青石村旁边的化工厂晚上排气，异味很重，老人小孩受不了。${tag}`],
        [`又闻到臭味${tag}`, `新街社区也闻到化工厂的臭味，请环保部门查一查。${tag}`],
      ] as const) {
        await page.goto(`${e2e.server.url}/monitoring/entry`);
        await page.getByLabel('标题').fill(title);
        await page.getByLabel('内容').fill(body);
        await page.getByRole('button', { name: /录\s*入/ }).click();
        await page.getByTestId('entry-result').getByText('新帖').waitFor();
      }

      // 3 预警 lists it without waiting for the five-minute evaluation; its page shows the posts.
      await page.goto(`${e2e.server.url}/monitoring/alerts`);
      const row = page.getByTestId('alerts').locator('tr').filter({ hasText: name });
      await row.waitFor({ timeout: 10_000 });
      expect(await row.innerText()).toMatch(/黄色[\s\S]*待处理[\s\S]*2 条/);
      await row.getByText(name).click();
      await page.waitForURL(/\/monitoring\/alerts\/\d+$/);
      await page.getByRole('heading', { name: `黄色预警：${name}` }).waitFor();
      const samples = page.getByTestId('alert-samples');
      await samples.getByText(`又闻到臭味${tag}`).waitFor();
      await samples.getByText(`化工厂异味太重${tag}`).waitFor();
      await page.getByRole('button', { name: /确\s*认/ }).click();
      await page.getByTestId('alert-detail').getByText('已确认').first().waitFor();

      // 4 A message taken down by hand becomes a case from the entry page itself.
      await page.goto(`${e2e.server.url}/monitoring/entry`);
      await page.getByLabel('标题').fill(`化工厂排气时间${tag}`);
      await page.getByLabel('内容').fill(`化工厂每天夜里十一点排气，请查处。${tag}`);
      await page.getByRole('button', { name: /录\s*入/ }).click();
      await page.getByTestId('entry-register').click();
      await page.waitForURL(/\/cases\/\d+$/);
      await page.getByText(`化工厂每天夜里十一点排气，请查处。${tag}`).first().waitFor();
      expect(e2e.pageErrors).toEqual([]);
      await context.close();
    }, 90_000);
  },
);
