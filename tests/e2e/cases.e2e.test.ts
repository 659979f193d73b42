import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  DESKTOP,
  e2eSetup,
  hasChromium,
  openedDialog,
  PHONE,
  signedIn,
} from './browser.js';

/** Every act's button on the case page carries `data-testid="act-<act>"`. */
const ACT_BUTTONS = '[data-testid^="act-"]';

describe.skipIf(!hasChromium)(
  hasChromium ? 'a case in the browser' : `a case in the browser (skipped: no ${CHROMIUM})`,
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

    /** The acts offered on the case page now, read from its buttons. */
    async function offeredActs(page: Page): Promise<string[]> {
      const ids = await Promise.all(
        (await page.locator(ACT_BUTTONS).all()).map((button) => button.getAttribute('data-testid')),
      );
      return ids.map((id) => (id ?? '').replace(/^act-/, '')).sort();
    }

    /** Opens an act's modal, lets `fill` complete it, submits, and waits for the case to move on. */
    async function act(
      page: Page,
      name: string,
      label: string,
      fill: (dialog: Locator) => Promise<void> = async () => {},
    ): Promise<void> {
      await page.getByTestId(`act-${name}`).click();
      const dialog = await openedDialog(page, label);
      await fill(dialog);
      // antd spaces out two-character Chinese button labels (签 收).
      const spaced = label.length === 2 ? `${label[0]}\\s*${label[1]}` : label;
      await dialog.getByRole('button', { name: new RegExp(`^${spaced}$`) }).click();
      await dialog.waitFor({ state: 'hidden' });
    }

    async function stateIs(page: Page, label: string): Promise<void> {
      await page
        .getByTestId('case-facts')
        .getByTestId('case-state')
        .filter({ hasText: label })
        .waitFor();
    }

    it('walks one case through all seven steps, showing each user only the acts they may take', async () => {
      const title = `新街路灯不亮${Math.random().toString(36).slice(2, 8)}`;
      const replyText = '经核查，路灯线路老化导致不亮。我办已于本周更换线路，路灯已恢复照明。';
      const publishedUrl = 'https://liuyan.example.gov.cn/reply/9001';

      // 1 受理: the monitor registers the message from the case list and acknowledges it.
      const monitor = await as('monitor');
      let page = monitor.page;
      await page.getByRole('menuitem', { name: '办件管理' }).click();
      await page.getByRole('menuitem', { name: '办件列表' }).click();
      await page.getByRole('heading', { name: '办件列表' }).waitFor();
      await page.getByRole('button', { name: '登记办件' }).first().click();
      const register = await openedDialog(page, '登记办件');
      await register.getByLabel('来源', { exact: true }).fill('人民网领导留言板');
      await register
        .getByLabel('原文链接', { exact: true })
        .fill('https://liuyan.example.gov.cn/threads/1');
      await register.getByLabel('网民', { exact: true }).fill('云溪居民');
      await register.getByLabel('标题', { exact: true }).fill(title);
      await register
        .getByLabel('内容', { exact: true })
        .fill('新街到中心学校路段的路灯坏了两个月，晚上很不安全。');
      await register.getByLabel('联系方式', { exact: true }).fill('13812345678');
      await register.getByRole('button', { name: /^登\s*记$/ }).click();
      await page.waitForURL(/\/cases\/\d+$/);
      const caseId = Number(new URL(page.url()).pathname.split('/').pop());
      expect(caseId).toBeGreaterThan(0);
      await page.getByRole('heading', { name: `办件 #${caseId}` }).waitFor();
      await stateIs(page, '已受理');
      expect(await offeredActs(page)).toEqual(['acknowledge']);
      await act(page, 'acknowledge', '告知已收悉', async (dialog) => {
        // The default text is prefilled.
        expect(await dialog.getByLabel('已收悉告知', { exact: true }).inputValue()).toContain(
          '已收悉',
        );
      });
      await page.getByTestId('case-response').getByText('已收悉').first().waitFor();
      expect(await offeredActs(page)).toEqual([]);
      await monitor.context.close();

      // 2 批办: the leader assigns it to 城建办, not urgent.
      const leader = await as('leader');
      page = leader.page;
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await stateIs(page, '已受理');
      expect(await offeredActs(page)).toEqual(['assign', 'close']);
      await act(page, 'assign', '批办', async (dialog) => {
        // The suggested units load into the form first; the fields move down when they arrive.
        await dialog.getByTestId('routing-suggestions').waitFor();
        await dialog
          .getByLabel('领导批示', { exact: true })
          .fill('请城建办牵头核实，尽快修复并书面回复。');
        // Typed and chosen with Enter, then the list is gone: under load a list still open took
        // the click meant for 批办.
        const leadUnit = dialog.getByLabel('牵头单位', { exact: true });
        await leadUnit.click();
        await leadUnit.fill('城建办');
        await page.getByTitle('城建办', { exact: true }).waitFor();
        await leadUnit.press('Enter');
        await page.locator('.ant-select-item-option').first().waitFor({ state: 'hidden' });
        // 限时反馈 is offered for an urgent slip only.
        expect(await dialog.getByLabel('限时反馈', { exact: true }).count()).toBe(0);
        await dialog.getByRole('switch').click();
        await dialog.getByLabel('限时反馈', { exact: true }).waitFor();
        await dialog.getByRole('switch').click();
        await dialog.getByLabel('限时反馈', { exact: true }).waitFor({ state: 'detached' });
        expect(await dialog.getByRole('switch').getAttribute('aria-checked')).toBe('false');
      });
      await stateIs(page, '已批办');
      await page.getByRole('heading', { name: /^抄告单 \d{4}-\d{4}$/ }).waitFor();
      // Until the lead unit replies, the leader may take the slip back to assign it again.
      expect(await offeredActs(page)).toEqual(['withdraw-slip']);
      await leader.context.close();

      // 3 办理: the liaison of 城建办 finds it under 待签收, signs and replies.
      const liaison = await as('liaison');
      page = liaison.page;
      await page.getByRole('menuitem', { name: '办件管理' }).click();
      await page.getByRole('menuitem', { name: '我的待办' }).click();
      await page.getByTestId('todo-tab-sign').click();
      await page.getByRole('link', { name: title }).click();
      await page.waitForURL(new RegExp(`/cases/${caseId}$`));
      await stateIs(page, '已批办');
      expect(await offeredActs(page)).toEqual(['extension.request', 'return-slip', 'sign']);
      // Never a button the e2e.server would refuse: a liaison does not approve.
      expect(await page.getByRole('button', { name: '审定通过' }).count()).toBe(0);
      await act(page, 'sign', '签收');
      await stateIs(page, '办理中');
      expect(await offeredActs(page)).toEqual(['extension.request', 'reply', 'return-slip']);
      await act(page, 'reply', '提交书面回复', async (dialog) => {
        await dialog.getByLabel('书面回复', { exact: true }).fill(replyText);
      });
      await stateIs(page, '待审定');
      expect(await offeredActs(page)).toEqual([]);
      expect(await page.getByRole('button', { name: '审定通过' }).count()).toBe(0);
      await liaison.context.close();

      // 4 审定: the leader approves it, on a phone.
      const leaderPhone = await as('leader', PHONE);
      page = leaderPhone.page;
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await stateIs(page, '待审定');
      expect(await offeredActs(page)).toEqual(['approve', 'return']);
      await act(page, 'approve', '审定通过', async (dialog) => {
        await dialog.getByText(replyText).waitFor();
        // 答复质量检查: four figures and the overall one, with the reasons, what is missing too.
        const check = dialog.getByTestId('reply-check');
        await check.locator('[data-figure="score"]').waitFor();
        expect(await check.locator('[data-figure]').count()).toBe(5);
        await check.getByText('说明了核实情况（经核查）').waitFor();
        expect(await check.getByText(/^可补充：/).textContent()).toContain('联系方式');
      });
      await stateIs(page, '待发布');
      await leaderPhone.context.close();

      // 5 发布 and the citizen's rating: the monitor records both.
      const monitor2 = await as('monitor');
      page = monitor2.page;
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await stateIs(page, '待发布');
      expect(await offeredActs(page)).toEqual(['publish']);
      await act(page, 'publish', '发布回复', async (dialog) => {
        // The approved reply is there to copy onto the original site.
        expect(await dialog.getByTestId('reply-to-publish').innerText()).toContain(replyText);
        await dialog.getByLabel('发布地址', { exact: true }).fill(publishedUrl);
      });
      await stateIs(page, '已回复');
      await page.getByRole('link', { name: publishedUrl }).waitFor();
      expect(await offeredActs(page)).toEqual(['rate']);
      await act(page, 'rate', '记录评价', async (dialog) => {
        await dialog.getByText('满意', { exact: true }).click();
      });
      await page.getByTestId('case-response').getByText('满意', { exact: true }).waitFor();
      expect(await offeredActs(page)).toEqual([]);
      await monitor2.context.close();

      // 6 归档: the office finds the case under its own 待归档 (not a liaison's tabs) and archives
      // the case file; nothing can be done to it after that.
      const office = await as('office');
      page = office.page;
      await page.getByRole('menuitem', { name: '办件管理' }).click();
      await page.getByRole('menuitem', { name: '我的待办' }).click();
      await page.getByTestId('todo-tab-overdue').waitFor();
      expect(await page.getByTestId('todo-tab-sign').count()).toBe(0);
      await page.getByTestId('todo-tab-archive').click();
      await page.getByRole('link', { name: title }).click();
      await page.waitForURL(new RegExp(`/cases/${caseId}$`));
      await stateIs(page, '已回复');
      expect(await offeredActs(page)).toEqual(['archive']);
      await act(page, 'archive', '归档');
      await stateIs(page, '已归档');
      expect(await offeredActs(page)).toEqual([]);
      await page.getByTestId('case-timeline').getByText('归档').first().waitFor();

      // The case page links the forwarding slip (抄告单) as a Word document: a ZIP, so "PK".
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '抄告单（.docx）' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const slip = readFileSync(await download.path());
      expect(slip.length).toBeGreaterThan(1000);
      expect(slip.subarray(0, 2).toString('latin1')).toBe('PK');
      await office.context.close();

      // The database holds the archived case and its whole history, in order.
      const row = await e2e.server.db
        .selectFrom('cases')
        .select(['state', 'slip_no', 'urgent', 'published_url', 'rating'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        state: 'archived',
        urgent: false,
        published_url: publishedUrl,
        rating: 'satisfied',
      });
      expect(row.slip_no).toMatch(/^\d{4}-\d{4}$/);
      const { rows: events } = await sql<{ action: string }>`
        select action from case_events where case_id = ${caseId} order by id`.execute(
        e2e.server.db,
      );
      expect(events.map((e) => e.action)).toEqual([
        'register',
        'acknowledge',
        'assign',
        'sign',
        'reply',
        'approve',
        'publish',
        'rate',
        'archive',
      ]);
      const { rows: units } = await sql<{ name: string; role: string; signed: boolean }>`
        select u.name, cu.role, cu.signed_at is not null as signed
        from case_units cu join units u on u.id = cu.unit_id
        where cu.case_id = ${caseId}`.execute(e2e.server.db);
      expect(units).toEqual([{ name: '城建办', role: 'lead', signed: true }]);
      expect(e2e.pageErrors).toEqual([]);
    }, 180_000);

    it('shows a liaison the reply sent back for revision under 被退回, from the case list alone', async () => {
      // The demo's case whose written reply the leader returned to 城建办.
      const returned = await e2e.server.db
        .selectFrom('case_replies as r')
        .innerJoin('cases as c', 'c.id', 'r.case_id')
        .select('c.id')
        .where('r.decision', '=', 'returned')
        .where('c.state', '=', 'handling')
        .executeTakeFirstOrThrow();
      const liaison = await as('liaison');
      const page = liaison.page;
      // The todo page asks for case lists only: no case's detail, however many the unit handles.
      const details: string[] = [];
      page.on('request', (request) => {
        if (/\/api\/cases\/\d+(\?|$)/.test(request.url())) details.push(request.url());
      });
      await page.getByRole('menuitem', { name: '办件管理' }).click();
      await page.getByRole('menuitem', { name: '我的待办' }).click();
      await page.getByTestId('todo-tab-returned').click();
      const item = page
        .getByTestId('todo-item')
        .filter({ has: page.locator(`a[href="/cases/${returned.id}"]`) });
      await item.getByText('被退回', { exact: true }).waitFor();
      expect(details).toEqual([]);
      await liaison.context.close();
      expect(e2e.pageErrors).toEqual([]);
    });

    it('lets the lead unit send a wrongly addressed slip back, and tells the leader why at 批办', async () => {
      // The demo has a slip to 城建办 waiting for its signature.
      const { rows } = await sql<{ id: string; slip_no: string }>`
        select c.id, c.slip_no from cases c join units u on u.id = c.lead_unit_id
        where u.name = '城建办' and c.state = 'assigned'
          and not exists (select 1 from case_replies r where r.case_id = c.id)
        order by c.id limit 1`.execute(e2e.server.db);
      const found = rows[0];
      if (!found) throw new Error('the demo has no slip to 城建办 waiting to be signed');
      const caseId = Number(found.id);
      const reason = '非本单位职责，建议由自然资源所办理';

      const liaison = await as('liaison');
      let page = liaison.page;
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await stateIs(page, '已批办');
      expect(await offeredActs(page)).toContain('return-slip');
      await act(page, 'return-slip', '退回（非本单位职责）', async (dialog) => {
        await dialog.getByLabel('退回理由', { exact: true }).fill(reason);
      });
      // The case is no longer the unit's: back to 我的待办, not to a page saying 不存在.
      await page.waitForURL(/\/cases\/todo/);
      await liaison.context.close();

      const leader = await as('leader');
      page = leader.page;
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await stateIs(page, '已受理');
      await page.getByTestId('case-timeline').getByText(reason).first().waitFor();
      await page.getByTestId('act-assign').click();
      const dialog = await openedDialog(page, '批办');
      expect(await dialog.getByTestId('assign-last-return').innerText()).toMatch(
        new RegExp(`城建办于 \\d{2}-\\d{2} \\d{2}:\\d{2} 退回：${reason}`),
      );
      await leader.context.close();

      const row = await e2e.server.db
        .selectFrom('cases')
        .select(['state', 'slip_no', 'handling_due_at'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'registered', slip_no: null, handling_due_at: null });
      expect(e2e.pageErrors).toEqual([]);
    }, 120_000);

    it('lets a co-unit named by mistake leave the slip (退出协办), which stays with the lead unit', async () => {
      // A slip another unit leads, on which 城建办 is named as a co-unit.
      const { rows } = await sql<{ id: string; slip_no: string; state: string }>`
        select c.id, c.slip_no, c.state from cases c join units u on u.id = c.lead_unit_id
        where u.name <> '城建办' and c.state in ('assigned', 'handling')
          and not exists (select 1 from case_replies r where r.case_id = c.id)
        order by c.id limit 1`.execute(e2e.server.db);
      const found = rows[0];
      if (!found) throw new Error('the demo has no slip of another unit being handled');
      const caseId = Number(found.id);
      const unit = await e2e.server.db
        .selectFrom('units')
        .select('id')
        .where('name', '=', '城建办')
        .executeTakeFirstOrThrow();
      await e2e.server.db
        .insertInto('case_units')
        .values({ case_id: caseId, unit_id: unit.id, role: 'co' })
        .execute();
      const reason = '路面管理不属本单位，本单位未参与该市场的管理';

      const liaison = await as('liaison');
      let page = liaison.page;
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await page.getByTestId('act-decline-co').waitFor();
      // The lead unit's own act is not offered to a co-unit.
      expect(await offeredActs(page)).not.toContain('return-slip');
      await act(page, 'decline-co', '退出协办', async (dialog) => {
        await dialog.getByLabel('退出理由', { exact: true }).fill(reason);
      });
      await page.waitForURL(/\/cases\/todo/);
      await liaison.context.close();

      const leader = await as('leader');
      page = leader.page;
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await page.getByTestId('case-timeline').getByText(reason).first().waitFor();
      await leader.context.close();

      const after = await e2e.server.db
        .selectFrom('cases')
        .select(['state', 'slip_no'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(after).toEqual({ state: found.state, slip_no: found.slip_no });
      const units = await e2e.server.db
        .selectFrom('case_units')
        .select('unit_id')
        .where('case_id', '=', caseId)
        .execute();
      expect(units.map((u) => Number(u.unit_id))).not.toContain(Number(unit.id));
      expect(units.length).toBeGreaterThan(0);
      expect(e2e.pageErrors).toEqual([]);
    }, 120_000);
  },
);
