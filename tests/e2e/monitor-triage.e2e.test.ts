import { describe, expect, it } from 'vitest';
import { CHROMIUM, DESKTOP, e2eSetup, hasChromium, signedIn } from './browser.js';

describe.skipIf(!hasChromium)(
  hasChromium
    ? "the monitor's morning triage"
    : `the monitor's morning triage (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    it('marks posts 不予处理 one by one and 已阅 a page at a time, the list keeping its filters', async () => {
      // A run of Han characters is searched as written (an ASCII tag inside Chinese is not).
      const han = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
      const tag = Array.from({ length: 5 }, () =>
        han.charAt(Math.floor(Math.random() * han.length)),
      ).join('');
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'monitor',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
        viewport: DESKTOP,
      });
      const posts = [
        [`青石村路灯不亮${tag}`, `青石村东头三盏路灯坏了一个月，晚上回家看不清路。${tag}`],
        [`外县楼盘广告${tag}`, `外县某楼盘开盘优惠，首付五万起，欢迎青石村的朋友咨询。${tag}`],
        [`新街社区停水${tag}`, `新街社区昨天停水一整天，事先没有任何通知，老人做饭都难。${tag}`],
      ] as const;
      for (const [title, body] of posts) {
        await page.goto(`${e2e.server.url}/monitoring/entry`);
        await page.getByLabel('标题').fill(title);
        await page.getByLabel('内容').fill(body);
        await page.getByRole('button', { name: /录\s*入/ }).click();
        await page.getByTestId('entry-result').getByText('新帖').waitFor();
      }

      // The home page opens 待研判; 待研判 is in the form, so it survives a search and an action.
      await page.goto(`${e2e.server.url}/`);
      await page.getByTestId('home-todo-posts-pending').click();
      await page.waitForURL(/\/monitoring\?review=pending$/);
      await page.getByLabel('关键字').fill(tag);
      await page.getByLabel('关键字').press('Enter');
      // The three posts are the only ones pending before the search too: wait for its answer.
      await page.waitForURL(/review=pending.*q=|q=.*review=pending/);
      await page
        .getByTestId('posts-list')
        .locator('.ant-spin-spinning')
        .waitFor({ state: 'detached' });
      const items = page.getByTestId('post-item');
      await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(3);
      await page.getByRole('checkbox', { name: `选择：外县楼盘广告${tag}` }).check();
      // A reload showing the same rows keeps what is ticked (it cleared it, and 不予处理 with it).
      const reloaded = page.waitForResponse((res) => res.url().includes('/api/posts?'));
      await page.getByRole('button', { name: '刷新' }).click();
      await reloaded;
      await page
        .getByTestId('posts-list')
        .locator('.ant-spin-spinning')
        .waitFor({ state: 'detached' });
      // React's effects after the new rows have run by the second frame.
      await page.evaluate(
        'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))',
      );
      expect(await page.getByTestId('posts-batch').textContent()).toContain('已选 1 条');
      await page.getByTestId('posts-batch').getByRole('button', { name: '不予处理' }).click();
      await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(2);
      expect(page.url()).toContain('review=pending');

      await page.getByTestId('posts-batch').getByText('全选本页').click();
      await page.getByTestId('posts-batch').getByRole('button', { name: '标为已阅' }).click();
      await page.getByText('没有待研判的信息').waitFor();

      const marks = async (review: string) => {
        const res = await page.request.get(
          `${e2e.server.url}/api/posts?relevant=all&review=${review}&q=${tag}`,
        );
        const body = (await res.json()) as { items: { title: string }[] };
        return body.items.map((p) => p.title).sort();
      };
      expect(await marks('dismissed')).toEqual([`外县楼盘广告${tag}`]);
      expect(await marks('read')).toEqual([`新街社区停水${tag}`, `青石村路灯不亮${tag}`].sort());

      // Back to 待研判 from the 不予处理 list, and 只看紧急 is a switch in the form.
      await page.goto(`${e2e.server.url}/monitoring?review=dismissed&q=${tag}`);
      await items.first().getByText('不予处理').waitFor();
      await page.getByTestId('posts-batch').getByText('全选本页').click();
      await page.getByTestId('posts-batch').getByRole('button', { name: '恢复待研判' }).click();
      await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(0);
      expect(await marks('pending')).toEqual([`外县楼盘广告${tag}`]);
      await page.getByRole('switch', { name: '只看紧急' }).click();
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.waitForURL(/urgent=true/);
      expect(e2e.pageErrors).toEqual([]);
      await context.close();
    }, 90_000);
  },
);
