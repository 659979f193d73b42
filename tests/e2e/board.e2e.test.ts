import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/lib/format.js';
import {
  CHROMIUM,
  DESKTOP,
  e2eSetup,
  hasChromium,
  openedDialog,
  PHONE,
  signedIn,
} from './browser.js';

describe.skipIf(!hasChromium)(
  hasChromium ? 'the public message board' : `the public message board (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    it('a citizen posts on a phone; the monitor finds the post on 舆情信息 and registers it', async () => {
      const tag = Math.random().toString(36).slice(2, 8);
      const title = `幸福路口红绿灯坏了${tag}`;
      const phone = '13912345678';

      // 1 A citizen, not signed in, on a phone: the form, the proof of work, the code.
      const citizen = await e2e.browser.newContext({ locale: 'zh-CN', viewport: PHONE });
      let page = await citizen.newPage();
      page.on('pageerror', (error) => e2e.pageErrors.push(`citizen: ${error.message}`));
      await page.goto(`${e2e.server.url}/board`);
      await page.getByRole('link', { name: '我要留言' }).first().click();
      await page.waitForURL(/\/board\/new$/);
      await page.getByLabel('标题').fill(title);
      await page
        .getByLabel('留言内容')
        .fill('幸福路口的红绿灯已经坏了三天，早晚高峰车多人多，过马路很危险，请尽快维修。');
      await page.getByLabel('昵称（选填）').fill('幸福路居民');
      await page.getByLabel('联系方式（选填）').fill(phone);
      await page.getByRole('button', { name: '提交留言' }).click();
      const code = (await page.getByTestId('board-code').textContent({ timeout: 60_000 })) ?? '';
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
      await page.getByText('留言已提交').waitFor();
      // A reload (a phone's pull to refresh) keeps the code on the screen.
      await page.reload();
      expect(await page.getByTestId('board-code').textContent()).toBe(code);

      // Its page shows the message, never the contact.
      await page.getByRole('link', { name: '查看我的留言' }).click();
      await page.waitForURL(new RegExp(`/board/m/${code}$`));
      await page.getByTestId('board-message').getByText(title).waitFor();
      await page.getByText(`请妥善保存查询码 ${code}`).waitFor();
      expect(await page.locator('body').innerText()).not.toContain(phone);
      // The board's list has it too, with its status; the lookup box finds it again.
      await page.goto(`${e2e.server.url}/board`);
      const item = page.getByTestId('board-message').filter({ hasText: title });
      await item.getByText('待受理').waitFor();
      // Its public page, from the list, never shows the query code: it is the citizen's key.
      await item.getByRole('link', { name: title }).click();
      await page.waitForURL(/\/board\/p\/\d+$/);
      await page.getByTestId('board-message').getByText(title).waitFor();
      expect(await page.locator('body').innerText()).not.toContain(code);
      await page.goto(`${e2e.server.url}/board`);
      await page.getByPlaceholder('输入查询码查看您的留言').fill(code.toLowerCase());
      await page.getByRole('button', { name: /^查\s*询$/ }).click();
      await page.waitForURL(new RegExp(`/board/m/${code}$`));
      await citizen.close();

      // 2 The monitor searches 舆情信息 for the message's words and registers it in one click.
      const monitor = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'monitor',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
        viewport: DESKTOP,
      });
      page = monitor.page;
      await page.goto(`${e2e.server.url}/monitoring`);
      await page.getByLabel('关键字').fill(`红绿灯 ${tag}`);
      await page.getByRole('button', { name: /^查\s*询$/ }).click();
      const post = page.getByTestId('post-item').filter({ hasText: title });
      await post.getByText('网络问政').first().waitFor();
      expect(await post.innerText()).not.toContain(phone);
      await post.getByRole('button', { name: '登记为办件' }).click();
      await page.waitForURL(/\/cases\/\d+$/);
      const caseId = Number(new URL(page.url()).pathname.split('/').pop());
      await page.getByRole('heading', { name: `办件 #${caseId}` }).waitFor();
      await monitor.context.close();

      // 3 The database: a case whose post is the board message, contact kept for the handlers.
      const row = await e2e.server.db
        .selectFrom('cases as c')
        .innerJoin('posts as p', 'p.id', 'c.post_id')
        .innerJoin('board_messages as b', 'b.post_id', 'p.id')
        .select(['c.id', 'c.state', 'p.source', 'p.title', 'p.contact', 'p.author'])
        .where('b.lookup_code', '=', code)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        id: caseId,
        state: 'registered',
        source: '网络问政',
        title,
        contact: phone,
        author: '幸福路居民',
      });
      expect(e2e.pageErrors).toEqual([]);
    }, 120_000);

    it('the office is warned before archiving an unrated reply; the citizen rates it on a phone, the monitor may reopen', async () => {
      const db = e2e.server.db;
      // The demo's published board message: its rating, recorded by the monitor, taken back.
      const published = await db
        .selectFrom('cases as c')
        .innerJoin('board_messages as b', 'b.post_id', 'c.post_id')
        .select(['c.id', 'b.lookup_code'])
        .where('c.state', '=', 'published')
        .orderBy('c.id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('cases')
        .set({ rating: null, rated_at: null, rating_note: null })
        .where('id', '=', published.id)
        .execute();

      const office = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'office',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
      });
      await office.page.goto(`${e2e.server.url}/cases/${published.id}`);
      await office.page.getByTestId('act-archive').click();
      const dialog = await openedDialog(office.page, '归档');
      expect(await dialog.getByTestId('archive-unrated').innerText()).toContain(
        '网民尚未评价，归档后将不能再评价',
      );
      await dialog.getByRole('button', { name: /取\s*消/ }).click();
      await office.context.close();

      const citizen = await e2e.browser.newContext({ locale: 'zh-CN', viewport: PHONE });
      const page = await citizen.newPage();
      page.on('pageerror', (error) => e2e.pageErrors.push(`citizen: ${error.message}`));
      await page.goto(`${e2e.server.url}/board/m/${published.lookup_code}`);
      const form = page.getByTestId('board-rate');
      await form.getByText('不满意', { exact: true }).click();
      await form.getByLabel('评价说明（选填）').fill('还是三天才清运一次');
      await form.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('您的评价：不满意').waitFor({ timeout: 60_000 });
      expect(await form.count()).toBe(0);
      await citizen.close();

      // Recorded as the citizen's, the case left for staff to decide on.
      expect(
        await db
          .selectFrom('cases')
          .select(['state', 'rating', 'rating_note'])
          .where('id', '=', published.id)
          .executeTakeFirstOrThrow(),
      ).toEqual({ state: 'published', rating: 'unsatisfied', rating_note: '还是三天才清运一次' });
      const event = await db
        .selectFrom('case_events')
        .select(['action', 'actor_id', 'actor_name'])
        .where('case_id', '=', published.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(event).toEqual({ action: 'rate', actor_id: null, actor_name: '网民（网络问政）' });

      // The monitor may now hand it back for another round.
      const monitor = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'monitor',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
      });
      await monitor.page.goto(`${e2e.server.url}/cases/${published.id}`);
      await monitor.page.getByTestId('act-reopen').click();
      const reopen = await openedDialog(monitor.page, '重新办理');
      await reopen.getByText('网民对本次答复不满意').waitFor();
      await monitor.context.close();
      expect(e2e.pageErrors).toEqual([]);
    }, 120_000);

    it('a monitor whose browser is set to another time zone still filters and records in Beijing time', async () => {
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'monitor',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
        timezoneId: 'America/New_York',
      });
      // 舆情信息 of 20–21 November: from 00:00 on the 20th to 00:00 on the 22nd, Beijing time.
      const search = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/posts');
      await page.goto(`${e2e.server.url}/monitoring?from=2026-11-20&to=2026-11-21`);
      const query = new URL((await search).url()).searchParams;
      expect([query.get('from'), query.get('to')]).toEqual([
        '2026-11-19T16:00:00.000Z',
        '2026-11-21T16:00:00.000Z',
      ]);

      // 人工录入 offers now on Beijing's clock, and what is saved is now, not 13 hours off.
      await page.goto(`${e2e.server.url}/monitoring/entry`);
      const title = `东湖路井盖缺失${Math.random().toString(36).slice(2, 8)}`;
      await page.getByLabel('标题').fill(title);
      await page
        .getByLabel('内容')
        .fill('东湖路与新华街交叉口的井盖缺失两天了，夜里很危险，请尽快处理。');
      const shown = await page.getByLabel('发帖时间').inputValue();
      const before = Date.now();
      await page.getByRole('button', { name: /录\s*入$/ }).click();
      await page.getByTestId('entry-result').waitFor();
      const row = await e2e.server.db
        .selectFrom('posts')
        .select('posted_at')
        .where('title', '=', title)
        .executeTakeFirstOrThrow();
      expect(shown).toBe(formatDateTime(row.posted_at));
      expect(Math.abs(row.posted_at.getTime() - before)).toBeLessThan(5 * 60_000);
      await context.close();
    });

    it('a monitor enters wage arrears before the new year and 舆情信息 shows why it is urgent', async () => {
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'monitor',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
      });
      await page.goto(`${e2e.server.url}/monitoring/entry`);
      const title = `厂房工地拖欠工资${Math.random().toString(36).slice(2, 8)}`;
      await page.getByLabel('标题').fill(title);
      await page
        .getByLabel('内容')
        .fill(
          '我们十几个人在云溪镇工业园厂房工地干了五个月，包工头一直拖欠工资。快过年了，家里等着钱用。',
        );
      await page.getByRole('button', { name: /录\s*入$/ }).click();
      await page.getByTestId('entry-result').waitFor();

      // Urgent whatever today's date, as the writer says the new year is near.
      await page.goto(`${e2e.server.url}/monitoring?urgent=true`);
      const item = page.getByTestId('post-item').filter({ hasText: title });
      await item.waitFor();
      const signal = item.getByTitle('触发词');
      expect(await signal.textContent()).toBe('欠薪：拖欠工资、快过年');
      expect(await signal.getAttribute('class')).toContain('ant-tag-red');
      expect(await item.getByTitle('一级分类').textContent()).toBe('劳动和社会保障');
      expect(await item.getByTitle('情感倾向').textContent()).toBe('负面');
      expect(e2e.pageErrors).toEqual([]);
      await context.close();
    });

    it('a monitor on a phone reads the whole count above the posts, the sort going below it', async () => {
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'monitor',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
        viewport: PHONE,
      });
      await page.goto(`${e2e.server.url}/monitoring`);
      const title = page.locator('.ant-card-head-title', { hasText: /^共 \d+ 条$/ });
      await title.waitFor();
      // Squeezed beside 开启舆情事件 and the sort, the title used to show only 「共」.
      const fits = await title.evaluate((element) => {
        const box = element as unknown as { scrollWidth: number; clientWidth: number };
        return box.scrollWidth <= box.clientWidth;
      });
      expect(fits).toBe(true);
      const sort = page.getByText('排序', { exact: true });
      const [titleBox, sortBox] = [await title.boundingBox(), await sort.boundingBox()];
      expect(sortBox?.y ?? 0).toBeGreaterThan((titleBox?.y ?? 0) + (titleBox?.height ?? 0) - 1);
      expect(e2e.pageErrors).toEqual([]);
      await context.close();
    });
  },
);
