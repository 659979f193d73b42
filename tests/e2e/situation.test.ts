import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Situation } from '../../src/modules/analysis/situation/situation.schemas.js';
import { CHROMIUM, e2eSetup, hasChromium, signedIn } from './browser.js';
import { todayRange } from '../../web/src/features/home/today-range.js';

/** Every chart of 舆情态势, by its data-testid. */
const CHARTS = [
  'chart-volume',
  'chart-sentiment',
  'chart-category',
  'chart-keywords',
  'chart-places',
  'chart-units',
  'chart-topics',
] as const;

/** What the test reads of a canvas in the page (the tests compile without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  } | null;
}

/** How many pixels of the chart's canvas are drawn on (not transparent). */
function paintedPixels(chart: Locator): Promise<number> {
  return chart
    .locator('canvas')
    .first()
    .evaluate((element) => {
      const canvas = element as unknown as CanvasLike;
      const image = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height);
      if (!image) return 0;
      let painted = 0;
      for (let i = 3; i < image.data.length; i += 4) if ((image.data[i] ?? 0) > 0) painted += 1;
      return painted;
    });
}

describe.skipIf(!hasChromium)(
  hasChromium ? '舆情态势' : `situation (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    it('shows the leader every chart of the demo township, each opening the posts behind it', async () => {
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'leader',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
      });

      await page.getByRole('menuitem', { name: '舆情态势' }).click();
      await page.waitForURL(/\/situation$/);
      await page.getByRole('heading', { name: '舆情态势' }).waitFor();
      await page.getByTestId('situation').waitFor();

      // A picture of the whole page first, to look at should an assertion below fail.
      await page.getByTestId('chart-volume').locator('canvas').first().waitFor();
      await page.waitForTimeout(500);
      const shot = join(mkdtempSync(join(tmpdir(), 'yq-situation-')), 'situation.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      process.stdout.write(`舆情态势 screenshot: ${shot}\n`);

      // Every chart has data and has drawn it on its canvas.
      for (const id of CHARTS) {
        const chart = page.getByTestId(id);
        await chart.locator('canvas').first().waitFor({ timeout: 10_000 });
        expect(Number(await chart.getAttribute('data-points')), id).toBeGreaterThan(0);
        await expect.poll(() => paintedPixels(chart), { message: id }).toBeGreaterThan(500);
      }
      const alerts = page.getByTestId('situation-alerts');
      await alerts.waitFor();
      expect(Number(await alerts.getAttribute('data-points'))).toBeGreaterThan(0);
      for (const stat of ['posts', 'negative', 'urgent', 'open', 'overdue', 'alerts'])
        await page.getByTestId(`stat-${stat}`).waitFor();

      // The figures the page drew, as the API gave them.
      const data = await page.evaluate(async () => {
        const res = await fetch('/api/analysis/situation');
        return (await res.json()) as Situation;
      });
      const top = data.byCategory[0];
      if (!top) throw new Error('no category in the demo data');

      // The biggest category is the top bar: click it, and the posts page opens filtered by it.
      const chart = page.getByTestId('chart-category');
      const box = await chart.boundingBox();
      if (!box) throw new Error('the category chart has no box');
      // The grid's inner top is 8 px down; each category gets an equal band; labels take at
      // most 110 px on the left, so 136 px in is on the bar.
      const band = (box.height - 16) / data.byCategory.length;
      await chart.click({ position: { x: 136, y: 8 + band / 2 } });
      await page.waitForURL(/\/monitoring\?/);
      const url = new URL(page.url());
      expect(url.searchParams.get('category')).toBe(top.key);
      expect(url.searchParams.get('from')).toBe(data.from);
      expect(url.searchParams.get('to')).toBe(data.to);
      await expect
        .poll(() => page.getByTestId('post-filter-category').textContent())
        .toContain(top.name);
      // Each post shows what analysis made of it: here the category clicked.
      const first = page.getByTestId('post-item').first();
      await expect.poll(() => first.getByTitle('一级分类').textContent()).toBe(top.name);

      // Its tag's × drops the filter.
      await page.getByTestId('post-filter-category').locator('.anticon-close').click();
      await expect.poll(() => new URL(page.url()).searchParams.has('category')).toBe(false);

      expect(e2e.pageErrors).toEqual([]);
      await context.close();
    });

    it("the 工作台 shows the leader today's figures and what waits for them, each opening its list", async () => {
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'leader',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
      });
      // 今日舆情: today's figures of 舆情态势 (yesterday's too before 06:00).
      const range = todayRange(new Date(), 'Asia/Shanghai');
      await page
        .getByTestId('home-today')
        .getByText(
          range.night ? `昨日以来舆情 · ${range.from} 至 ${range.to}` : `今日舆情 · ${range.to}`,
        )
        .waitFor();
      const data = await page.evaluate(async ({ from, to }) => {
        const res = await fetch(`/api/analysis/situation?from=${from}&to=${to}`);
        return (await res.json()) as Situation;
      }, range);
      const stat = (key: string) =>
        page.getByTestId('home-today').getByTestId(`stat-${key}`).locator('.ant-statistic-content');
      await expect.poll(() => stat('posts').textContent()).toBe(String(data.totals.posts));
      expect(await stat('overdue').textContent()).toBe(String(data.totals.overdueCases));

      // 我的待办: the leader's three tabs, counted as the case list counts them.
      const waiting = async (state: 'registered' | 'reviewing') =>
        Number(
          (
            await e2e.server.db
              .selectFrom('cases')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('state', '=', state)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const assign = page.getByTestId('home-todo-assign');
      await expect
        .poll(() => assign.locator('.ant-statistic-content').textContent())
        .toBe(String(await waiting('registered')));
      expect(
        await page.getByTestId('home-todo-review').locator('.ant-statistic-content').textContent(),
      ).toBe(String(await waiting('reviewing')));
      await page.getByTestId('home-todo-extension').waitFor();
      expect(await page.getByTestId('home-todo-sign').count()).toBe(0);

      // 最紧迫: of the cases waiting for a leader, the one whose running deadline ends first leads.
      const waitingForLeader = await e2e.server.db
        .selectFrom('cases as c')
        .innerJoin('posts as p', 'p.id', 'c.post_id')
        .select(['p.title', 'c.state', 'c.reply_due_at', 'c.handling_due_at'])
        .where((eb) =>
          eb.or([
            eb('c.state', 'in', ['registered', 'reviewing']),
            eb.and([
              eb('c.extension_state', '=', 'requested'),
              eb('c.state', 'in', ['assigned', 'handling']),
            ]),
          ]),
        )
        .execute();
      const firstDue = (c: (typeof waitingForLeader)[number]) =>
        Math.min(
          c.reply_due_at.getTime(),
          c.handling_due_at && ['assigned', 'handling'].includes(c.state)
            ? c.handling_due_at.getTime()
            : Infinity,
        );
      const [soonest] = [...waitingForLeader].sort((a, b) => firstDue(a) - firstDue(b));
      const pressing = page.getByTestId('home-pressing-item');
      await pressing.first().waitFor();
      expect(await pressing.count()).toBe(Math.min(3, waitingForLeader.length));
      expect(await pressing.first().getByRole('link').textContent()).toBe(soonest?.title);

      // 待审定 opens 我的待办 on that tab (not on the first tab with cases, 待批办).
      await page.getByTestId('home-todo-review').click();
      await page.waitForURL(/\/cases\/todo\?tab=review$/);
      await expect
        .poll(() => page.getByRole('tab', { name: /待审定/ }).getAttribute('aria-selected'))
        .toBe('true');
      await page.getByTestId('todo-item').first().waitFor();
      expect(e2e.pageErrors).toEqual([]);
      await context.close();
    });
  },
);
