import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, DESKTOP, e2eSetup, hasChromium, signedIn } from './browser.js';

describe.skipIf(!hasChromium)(
  hasChromium ? "the monitor's 待研判" : `the monitor's 待研判 (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    const as = (username: string) =>
      signedIn(e2e.browser, {
        url: e2e.server.url,
        username,
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
        viewport: DESKTOP,
      });

    /** Posts waiting for 研判 as 舆情信息 counts them: relevant originals, unmarked, no case. */
    const pendingInDb = async () => {
      const { rows } = await sql<{ n: string | number; urgent: string | number }>`
        select count(*) as n, count(*) filter (where p.urgent) as urgent from posts p
        where p.relevant and p.duplicate_of is null and p.review is null
          and not exists (select 1 from cases c where c.post_id = p.id)`.execute(e2e.server.db);
      return { all: Number(rows[0]?.n ?? 0), urgent: Number(rows[0]?.urgent ?? 0) };
    };

    it('lists under 我的待办 → 待研判 what waits, urgent first, and opens 舆情信息 so filtered', async () => {
      const now = new Date();
      const tag = `待研判${now.getTime() % 100000}`;
      for (const [title, urgent] of [
        [`青石村路灯不亮${tag}`, false],
        [`柳塘村民房起火${tag}`, true],
      ] as const) {
        await e2e.server.db
          .insertInto('posts')
          .values({
            source: '云溪论坛',
            source_key: 'test:todo',
            posted_at: now,
            title,
            body: `${title}，请尽快处理。`,
            url: null,
            author: null,
            contact: null,
            created_at: now,
            urgent,
            relevant: true,
            duplicate_of: null,
          })
          .execute();
      }
      const expected = await pendingInDb();
      expect(expected.urgent).toBeGreaterThan(0);

      const { context, page } = await as('monitor');
      await page.getByRole('menuitem', { name: '办件管理' }).click();
      await page.getByRole('menuitem', { name: '我的待办' }).click();
      // Posts wait: 待研判 is the tab it opens on, with their count.
      const tab = page.getByTestId('todo-tab-posts');
      await tab.getByText('待研判').waitFor();
      await expect.poll(() => tab.locator('sup').getAttribute('title')).toBe(String(expected.all));
      await page
        .getByTestId('todo-posts-urgent')
        .getByText(`只看紧急（${expected.urgent} 条）`)
        .waitFor();
      const first = page.getByTestId('todo-post').first();
      await first.getByText(`柳塘村民房起火${tag}`, { exact: true }).waitFor();
      expect(
        await page
          .getByTestId('todo-post')
          .getByText(`青石村路灯不亮${tag}`, { exact: true })
          .count(),
      ).toBe(1);

      await page.getByTestId('todo-posts-go').click();
      await page.waitForURL(/\/monitoring\?review=pending$/);
      await page.getByTestId('post-item').first().waitFor();
      // Nothing was marked by looking.
      expect(await pendingInDb()).toEqual(expected);
      await context.close();

      // A leader does not mark posts: no 待研判 among the leader's to-dos.
      const leader = await as('leader');
      await leader.page.goto(`${e2e.server.url}/cases/todo?tab=posts`);
      await leader.page.getByTestId('todo-tab-assign').waitFor();
      expect(await leader.page.getByTestId('todo-tab-posts').count()).toBe(0);
      await leader.context.close();
      expect(e2e.pageErrors).toEqual([]);
    }, 90_000);

    it('shows a monitor the 信息研判 of the daily report made on demand', async () => {
      const { context, page } = await as('monitor');
      await page.goto(`${e2e.server.url}/reports`);
      await page.getByTestId('generate-report').click();
      const dialog = page.getByRole('dialog', { name: '生成报告' });
      await dialog.getByRole('button', { name: /^生成报告$/ }).click();
      await page.waitForURL(/\/reports\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split('/').pop());
      const card = page.getByTestId('report-review');
      await card.waitFor();
      const row = await e2e.server.db
        .selectFrom('reports')
        .select('figures')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const figures = (typeof row.figures === 'string' ? JSON.parse(row.figures) : row.figures) as {
        posts: { total: number };
        review: { collected: number; pending: number; urgentPending: number };
      };
      expect(figures.review.collected).toBe(figures.posts.total);
      const value = (key: string) =>
        card.getByTestId(`report-review-${key}`).locator('.ant-statistic-content').textContent();
      expect(await value('collected')).toBe(String(figures.review.collected));
      expect(await value('pending')).toBe(String(figures.review.pending));
      expect(await value('urgentPending')).toBe(String(figures.review.urgentPending));
      await card.getByTestId('report-review-go').click();
      await page.waitForURL(/\/monitoring\?review=pending$/);
      await context.close();
      expect(e2e.pageErrors).toEqual([]);
    }, 90_000);
  },
);
