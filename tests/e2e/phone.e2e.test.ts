import { sql } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, e2eSetup, hasChromium, openedDialog, PHONE, signedIn } from './browser.js';

/** A finger hits a 40px target reliably; antd's controls are 32px by default. */
const FINGER = 40;

describe.skipIf(!hasChromium)(
  hasChromium ? 'on a phone' : `on a phone (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    const onPhone = (username: string) =>
      signedIn(e2e.browser, {
        url: e2e.server.url,
        username,
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
        viewport: PHONE,
        touch: true,
      });

    /** Nothing on the page is wider than the phone: no sideways scrolling. */
    async function fitsTheScreen(page: Page): Promise<void> {
      // A string, run in the page: the tests are compiled without the DOM's types.
      const width = await page.evaluate<number>('document.scrollingElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(PHONE.width);
    }

    async function size(
      locator: Locator,
    ): Promise<{ x: number; y: number; width: number; height: number }> {
      const box = await locator.boundingBox();
      if (!box) throw new Error('not on the screen');
      return box;
    }

    async function fingerSized(locator: Locator): Promise<void> {
      const box = await size(locator);
      expect(box.height).toBeGreaterThanOrEqual(FINGER);
      expect(box.width).toBeGreaterThanOrEqual(FINGER);
    }

    /** The date picker that is open: on the screen from its left to its right edge. */
    async function pickerOnScreen(page: Page): Promise<Locator> {
      const picker = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
      await picker.waitFor();
      await expect
        .poll(async () => (await picker.getAttribute('class')) ?? '')
        .not.toMatch(/ant-slide-up/);
      const box = await size(picker);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await fitsTheScreen(page);
      return picker;
    }

    /**
     * Every link, button, tab, field and pager on the page (in the open dialog, when one is open)
     * that is shorter than a finger: what a tap lands on (antd's tab, pager item, field wrapper),
     * described for the failure message. A string, run in the page (no DOM types here).
     */
    const SHORT_TARGETS = `(() => {
      const dialog = [...document.querySelectorAll('.ant-modal')].find(
        (m) => m.getBoundingClientRect().height > 0,
      );
      const outer = '.ant-tabs-tab, .ant-pagination-item, .ant-pagination-prev, ' +
        '.ant-pagination-next, .ant-input-affix-wrapper, .ant-select, .ant-picker, ' +
        '.ant-collapse-header, .ant-checkbox-wrapper, .ant-radio-wrapper, .ant-radio-button-wrapper';
      const seen = new Set();
      const short = [];
      for (const el of (dialog || document).querySelectorAll(
        'a[href], button, [role=button], [role=tab], input:not([type=hidden]), textarea, ' +
          '[role=combobox], .ant-pagination-item, .ant-segmented-item',
      )) {
        const target = el.closest(outer) || el;
        if (seen.has(target)) continue;
        seen.add(target);
        const box = target.getBoundingClientRect();
        // Not on the page: folded away, or the skip link waiting above the top for the keyboard.
        if (box.width === 0 || box.height === 0 || box.bottom <= 0) continue;
        if (getComputedStyle(target).visibility === 'hidden') continue;
        if (target.closest('[aria-hidden=true]')) continue;
        if (box.height < ${FINGER})
          short.push(Math.round(box.height) + 'px ' + target.tagName.toLowerCase() + ' "' +
            (target.textContent || target.getAttribute('aria-label') || '').trim().slice(0, 30) + '"');
      }
      return short;
    })()`;

    async function shortTargets(page: Page, where: string): Promise<string[]> {
      const short = await page.evaluate<string[]>(SHORT_TARGETS);
      return short.map((s) => `${where}: ${s}`);
    }

    /** The page at `path` once its data is in: no request pending, no spinner turning. */
    async function settledAt(page: Page, path: string): Promise<void> {
      await page.goto(`${e2e.server.url}${path}`);
      await settled(page);
    }

    async function settled(page: Page): Promise<void> {
      await page.waitForLoadState('networkidle');
      // A second by default: on a busy machine a list's spinner turned longer (two browser tests at once).
      await expect
        .poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 10_000 })
        .toBe(0);
    }

    it('a leader assigns from the inbox; a liaison signs, replies and asks for more time; the leader returns the reply and refuses', async () => {
      // 1 The leader: the header's controls are finger-sized, the menu is an overlay.
      const leader = await onPhone('leader');
      let page = leader.page;
      await fitsTheScreen(page);
      await fingerSized(page.getByRole('button', { name: '打开菜单' }));
      await fingerSized(page.getByTestId('inbox-bell'));
      await fingerSized(page.getByTestId('user-menu'));
      await page.getByRole('button', { name: '打开菜单' }).tap();
      await page.getByRole('menuitem', { name: '我的通知' }).tap();
      await page.waitForURL(/\/inbox$/);
      await expect
        .poll(() => page.getByRole('menuitem', { name: '我的通知' }).isVisible())
        .toBe(false);

      // The inbox, reached from the bell: no tooltip left over it by the tap.
      await page.goto(`${e2e.server.url}/`);
      await page.getByTestId('inbox-bell').tap();
      await page.waitForURL(/\/inbox$/);
      const item = page.getByTestId('inbox-item').filter({ hasText: '新办件待批办' }).first();
      await item.waitFor();
      expect(await page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').count()).toBe(0);
      await fingerSized(item.getByTestId('inbox-mark-read'));
      await fitsTheScreen(page);

      // 2 批办 from the notification: the suggestions, both unit selects and 紧急.
      await item.getByRole('button').first().tap();
      await page.waitForURL(/\/cases\/\d+$/);
      const caseId = Number(/\/cases\/(\d+)$/.exec(page.url())?.[1]);
      await fingerSized(page.getByTestId('act-assign'));
      await page.getByTestId('act-assign').tap();
      let dialog = await openedDialog(page, '批办');
      expect((await size(dialog)).width).toBeLessThanOrEqual(PHONE.width);
      // A suggested unit's name on one line, not one character a line beside its button.
      const suggestion = dialog
        .getByTestId('routing-suggestions')
        .locator('.ant-list-item')
        .first();
      await suggestion.waitFor();
      const name = suggestion.locator('.ant-list-item-meta-title span[style*="nowrap"]').first();
      expect((await size(name)).height).toBeLessThan(30);
      await dialog.getByLabel('领导批示').fill('请城建办牵头核实，综治办配合，按时书面回复。');
      await fingerSized(dialog.locator('.ant-select', { has: page.getByLabel('牵头单位') }));
      await dialog.getByLabel('牵头单位').tap();
      // antd's options: what is drawn; role="option" marks hidden copies for screen readers.
      const option = (name: RegExp) =>
        page
          .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
          .filter({ hasText: name });
      const lead = option(/^城建办$/);
      await lead.waitFor();
      // Measured once the dropdown has stopped sliding in (it is scaled while it does).
      await expect
        .poll(() => page.locator('.ant-select-dropdown[class*="ant-slide-up"]').count())
        .toBe(0);
      await fingerSized(lead);
      await lead.tap();
      await expect
        .poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count())
        .toBe(0);
      await dialog.getByLabel('协办单位').tap();
      await option(/^综治办/).tap();
      // A multiple select stays open after a pick, and may open upwards over the form: closed by
      // its own Escape (which the dialog does not see), not a tap that its list may cover.
      await page.keyboard.press('Escape');
      await expect
        .poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count())
        .toBe(0);
      await expect(dialog.isVisible()).resolves.toBe(true);
      const urgent = dialog.getByRole('switch');
      expect((await size(urgent)).height).toBeGreaterThanOrEqual(32);
      await urgent.tap();
      await fitsTheScreen(page);
      const assign = dialog.getByRole('button', { name: /^批\s*办$/ });
      await fingerSized(assign);
      await assign.tap();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('case-state').getByText('已批办').waitFor();
      await leader.context.close();

      // 3 The liaison signs, adds a photo and replies; asks for more time on another case.
      const liaison = await onPhone('liaison');
      page = liaison.page;
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await page.getByTestId('act-sign').tap();
      dialog = await openedDialog(page, '签收');
      await dialog.getByRole('button', { name: /^签\s*收$/ }).tap();
      await dialog.waitFor({ state: 'hidden' });
      await fingerSized(page.getByTestId('attachment-upload'));
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: /上传附件/ }).tap(),
      ]);
      await chooser.setFiles({
        name: '现场照片.jpg',
        mimeType: 'image/jpeg',
        buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]),
      });
      await page.getByRole('link', { name: '现场照片.jpg' }).waitFor();
      await page.getByTestId('act-reply').tap();
      dialog = await openedDialog(page, '提交书面回复');
      await dialog
        .getByLabel('书面回复', { exact: true })
        .fill('经现场核查，校门口车辆乱停属实。下周一起增设临时停车区，早晚高峰安排人员疏导。');
      await dialog.getByRole('button', { name: /^提交书面回复$/ }).tap();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('case-state').getByText('待审定').waitFor();

      await page.goto(`${e2e.server.url}/cases/todo`);
      await page.getByTestId('todo-tab-reply').tap();
      await page.getByRole('link', { name: '小区停车位不足' }).tap();
      await page.waitForURL(/\/cases\/\d+$/);
      const otherId = Number(/\/cases\/(\d+)$/.exec(page.url())?.[1]);
      await page.getByTestId('act-extension.request').tap();
      dialog = await openedDialog(page, '申请延期');
      await dialog.getByLabel('理由').fill('需会同物业核对车位规划');
      // The date-and-time picker was 401px wide and pushed the page sideways, 确定 off screen.
      await dialog.getByLabel('延期至').tap();
      let picker = await pickerOnScreen(page);
      await picker
        .locator('td.ant-picker-cell-in-view:not(.ant-picker-cell-disabled)')
        .last()
        .tap();
      await picker.getByRole('button', { name: /^确\s*定$/ }).tap();
      await picker.waitFor({ state: 'hidden' });
      await dialog.getByRole('button', { name: /^申请延期$/ }).tap();
      await dialog.waitFor({ state: 'hidden' });
      await liaison.context.close();

      // 4 The leader returns the reply with comments, refuses the extension, reads the timeline.
      const leader2 = await onPhone('leader');
      page = leader2.page;
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await page.getByTestId('act-return').tap();
      dialog = await openedDialog(page, '退回修改');
      await dialog.locator('textarea').last().fill('请写明临时停车区的位置和启用日期。');
      await dialog.getByRole('button', { name: /^退回修改$/ }).tap();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('case-state').getByText('办理中').waitFor();
      await page.goto(`${e2e.server.url}/cases/${otherId}`);
      await page.getByTestId('act-extension.decide').tap();
      dialog = await openedDialog(page, '审批延期');
      await dialog.getByText('不同意', { exact: true }).tap();
      await dialog.getByLabel('意见').fill('请按期答复，先报送阶段性处理情况。');
      await dialog.getByRole('button', { name: /^审批延期$/ }).tap();
      await dialog.waitFor({ state: 'hidden' });
      const timeline = page.getByTestId('case-timeline');
      await timeline.getByText('不同意延期：请按期答复，先报送阶段性处理情况。').waitFor();
      await fitsTheScreen(page);

      // The case list's date range picker: one month on the screen, its presets above it.
      await page.goto(`${e2e.server.url}/cases`);
      await page.getByRole('button', { name: /展开筛选/ }).tap();
      await page.getByTestId('cases-assigned').first().tap();
      picker = await pickerOnScreen(page);
      await picker.getByText('最近 30 天').waitFor();
      await leader2.context.close();

      const { rows } = await sql<{ id: number; state: string; extension_state: string | null }>`
        select id, state, extension_state from cases where id in (${caseId}, ${otherId})
        order by id`.execute(e2e.server.db);
      expect(rows).toEqual(
        [
          { id: caseId, state: 'handling', extension_state: null },
          { id: otherId, state: 'handling', extension_state: 'refused' },
        ].sort((a, b) => a.id - b.id),
      );
      const { rows: events } = await sql<{ action: string }>`
        select action from case_events where case_id = ${caseId} order by id`.execute(
        e2e.server.db,
      );
      expect(events.map((e) => e.action)).toEqual([
        'register',
        'assign',
        'sign',
        'attach',
        'reply',
        'return',
      ]);
      expect(e2e.pageErrors).toEqual([]);
    }, 180_000);

    it('a liaison’s links, tabs and pagers are finger-sized: 工作台, 我的待办, 办件列表, the case and the reply form', async () => {
      // A slip 城建办 leads, has signed and is handling, with a co-unit's input to merge.
      const { rows } = await sql<{ id: number }>`
        select c.id from cases c
        join units l on l.id = c.lead_unit_id
        join case_units lu on lu.case_id = c.id and lu.role = 'lead' and lu.signed_at is not null
        join case_units cu on cu.case_id = c.id and cu.role = 'co'
        where l.name = '城建办' and c.state = 'handling'
        order by c.id limit 1`.execute(e2e.server.db);
      const caseId = rows[0]?.id;
      if (caseId === undefined)
        throw new Error('the demo has no slip 城建办 handles with a co-unit');
      await e2e.server.db
        .updateTable('case_units')
        .set({ signed_at: new Date(), contribution: '已到现场查看。', contributed_at: new Date() })
        .where('case_id', '=', caseId)
        .where('role', '=', 'co')
        .execute();
      const { context, page } = await onPhone('liaison');
      const short: string[] = [];
      await page.getByTestId('home-pressing-item').first().waitFor();
      short.push(...(await shortTargets(page, '工作台')));

      await page.goto(`${e2e.server.url}/cases/todo`);
      for (const tab of ['sign', 'reply', 'returned']) {
        await page.getByTestId(`todo-tab-${tab}`).tap();
        await page.getByRole('tabpanel').first().waitFor();
        short.push(...(await shortTargets(page, `我的待办 ${tab}`)));
      }

      await page.goto(`${e2e.server.url}/cases`);
      await page.locator('.ant-pagination').waitFor();
      short.push(...(await shortTargets(page, '办件列表')));

      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await page.getByTestId('case-documents').waitFor();
      short.push(...(await shortTargets(page, '办件')));

      // A published one: the link to the reply where the citizen reads it.
      const published = await e2e.server.db
        .selectFrom('cases')
        .select('id')
        .where('published_url', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await page.goto(`${e2e.server.url}/cases/${published.id}`);
      await page.getByTestId('case-documents').waitFor();
      short.push(...(await shortTargets(page, '已发布的办件')));
      // A finger-sized link beside a label (来源 → 查看原文, the published reply's address) keeps
      // its text on the label's line: it was 9px lower.
      const offsets = await page.evaluate<(number | null)[]>(`(() => {
        const textTop = (node) => {
          const range = document.createRange();
          range.selectNodeContents(node);
          return range.getBoundingClientRect().top;
        };
        return [...document.querySelectorAll('.ant-descriptions-item-content .tap-target')].map(
          (link) => {
            const label = link.closest('tr')?.querySelector('.ant-descriptions-item-label');
            return label ? Math.round(textTop(link) - textTop(label)) : null;
          },
        );
      })()`);
      expect(offsets.length).toBeGreaterThan(0);
      for (const offset of offsets) expect(Math.abs(offset ?? 99)).toBeLessThanOrEqual(2);

      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await page.getByTestId('act-reply').tap();
      const dialog = await openedDialog(page, '提交书面回复');
      await dialog.getByTestId('act-asked').waitFor();
      short.push(...(await shortTargets(page, '提交书面回复')));
      expect(short).toEqual([]);
      await fitsTheScreen(page);
      await context.close();
      expect(e2e.pageErrors).toEqual([]);
    }, 120_000);

    it('a leader’s, a monitor’s and the office’s main pages and the public board are finger-sized', async () => {
      const db = e2e.server.db;
      const caseIn = async (state: 'registered' | 'reviewing') =>
        (
          await db
            .selectFrom('cases')
            .select('id')
            .where('state', '=', state)
            .orderBy('id')
            .executeTakeFirstOrThrow()
        ).id;
      const toAssign = await caseIn('registered');
      const toApprove = await caseIn('reviewing');
      const daily = await db
        .selectFrom('reports')
        .select('id')
        .where('kind', '=', 'daily')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const short: string[] = [];

      // The leader: 工作台, 我的待办's tabs, 办件列表, 批办 and 审定 with their forms, the reports.
      let { context, page } = await onPhone('leader');
      await settled(page);
      short.push(...(await shortTargets(page, 'leader 工作台')));
      await settledAt(page, '/cases/todo');
      const tabs: string[] = [];
      for (const tab of await page.locator('[data-testid^="todo-tab-"]').all())
        tabs.push((await tab.getAttribute('data-testid')) ?? '');
      expect(tabs.length).toBeGreaterThan(1);
      for (const tab of tabs) {
        await page.getByTestId(tab).tap();
        await settled(page);
        short.push(...(await shortTargets(page, `leader 我的待办 ${tab}`)));
      }
      await settledAt(page, '/cases');
      short.push(...(await shortTargets(page, 'leader 办件列表')));
      for (const [id, act, name] of [
        [toAssign, 'assign', '批办'],
        [toApprove, 'approve', '审定通过'],
      ] as const) {
        await settledAt(page, `/cases/${id}`);
        short.push(...(await shortTargets(page, `leader 办件 ${act}`)));
        await page.getByTestId(`act-${act}`).tap();
        const dialog = await openedDialog(page, name);
        await settled(page);
        short.push(...(await shortTargets(page, `leader ${name}`)));
        await dialog.getByRole('button', { name: /取\s*消/ }).tap();
        await dialog.waitFor({ state: 'hidden' });
      }
      for (const [path, where] of [
        ['/reports', '舆情报告'],
        [`/reports/${daily.id}`, '当日舆情'],
        ['/situation', '舆情态势'],
      ] as const) {
        await settledAt(page, path);
        short.push(...(await shortTargets(page, `leader ${where}`)));
      }
      await context.close();

      // The monitor: 舆情信息 with its 研判 buttons, 热点话题 and 预警 with one of each opened.
      ({ context, page } = await onPhone('monitor'));
      await settled(page);
      short.push(...(await shortTargets(page, 'monitor 工作台')));
      await settledAt(page, '/monitoring');
      await page.getByTestId('posts-batch').waitFor();
      short.push(...(await shortTargets(page, 'monitor 舆情信息')));
      for (const [path, where] of [
        ['/monitoring/topics', '热点话题'],
        ['/monitoring/alerts', '预警'],
      ] as const) {
        await settledAt(page, path);
        short.push(...(await shortTargets(page, `monitor ${where}`)));
        await page.locator('.ant-table-row').first().tap();
        await page.waitForURL(/\/\d+$/);
        await settled(page);
        short.push(...(await shortTargets(page, `monitor ${where} ${page.url()}`)));
      }
      await context.close();

      // The office: 督办看板, 台账, 通报, 审计日志 (its rows open with a button).
      ({ context, page } = await onPhone('office'));
      await settled(page);
      short.push(...(await shortTargets(page, 'office 工作台')));
      for (const [path, where] of [
        ['/supervision', '督办'],
        ['/reports/units', '台账'],
        ['/notices', '通报'],
        ['/admin/audit', '审计日志'],
      ] as const) {
        await settledAt(page, path);
        short.push(...(await shortTargets(page, `office ${where}`)));
      }
      expect(
        await page
          .locator('.ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)')
          .count(),
      ).toBeGreaterThan(0);
      await context.close();

      // The citizen on the public board, signed in to nothing.
      context = await e2e.browser.newContext({
        locale: 'zh-CN',
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      });
      page = await context.newPage();
      page.on('pageerror', (error) => e2e.pageErrors.push(`board: ${error.message}`));
      await settledAt(page, '/board');
      await page.getByTestId('board-message').first().waitFor();
      short.push(...(await shortTargets(page, '留言板')));
      await page.getByTestId('board-message').first().getByRole('link').tap();
      await page.waitForURL(/\/board\/p\/\d+$/);
      await settled(page);
      short.push(...(await shortTargets(page, '留言')));
      await settledAt(page, '/board/new');
      short.push(...(await shortTargets(page, '我要留言')));
      await fitsTheScreen(page);
      await context.close();

      expect(short).toEqual([]);
      expect(e2e.pageErrors).toEqual([]);
    }, 240_000);
  },
);
