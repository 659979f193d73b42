import { sql } from 'kysely';
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

/**
 * A department liaison racing the deadline (the liaison's walk): merging the co-unit's input into
 * the written reply and asking for an extension, on a phone.
 */
describe.skipIf(!hasChromium)(
  hasChromium ? 'a liaison in the browser' : `a liaison in the browser (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    /** The demo's slip 城建办 leads and has signed, with a co-unit, still being handled. */
    async function leadSlipWithCoUnit(): Promise<{ caseId: number; coUnit: string }> {
      const { rows } = await sql<{ id: string; co: string; co_id: string }>`
        select c.id, u.name as co, u.id as co_id from cases c
        join units l on l.id = c.lead_unit_id
        join case_units cu on cu.case_id = c.id and cu.role = 'co'
        join units u on u.id = cu.unit_id
        join case_units lu on lu.case_id = c.id and lu.role = 'lead' and lu.signed_at is not null
        where l.name = '城建办' and c.state = 'handling' and c.extension_state is null
        order by c.id limit 1`.execute(e2e.server.db);
      const found = rows[0];
      if (!found) throw new Error('the demo has no slip led by 城建办 with a co-unit in handling');
      return { caseId: Number(found.id), coUnit: found.co };
    }

    it('lists every slip that waits for the unit on the home page, by the unit’s own due time', async () => {
      // A slip led by another unit, with 城建办 as a co-unit that has not signed for it yet.
      const other = await e2e.server.db
        .selectFrom('cases as c')
        .innerJoin('units as l', 'l.id', 'c.lead_unit_id')
        .select('c.id')
        .where('l.name', '!=', '城建办')
        .where('c.state', '=', 'assigned')
        .orderBy('c.id')
        .executeTakeFirstOrThrow();
      const unit = await e2e.server.db
        .selectFrom('units')
        .select('id')
        .where('name', '=', '城建办')
        .executeTakeFirstOrThrow();
      await e2e.server.db
        .insertInto('case_units')
        .values({ case_id: other.id, unit_id: unit.id, role: 'co' })
        .execute();
      // The lead has sent its reply for review: the co-unit still signs and gives its input, due
      // at the slip's time, though the server's 办理 clock stops with the case's handling.
      await e2e.server.db
        .updateTable('cases')
        .set({ state: 'reviewing' })
        .where('id', '=', other.id)
        .execute();
      // What 城建办 owes (我的待办's 待签收 and 待回复): signing, or the lead's reply, the co's input.
      const { rows } = await sql<{ id: string; handling_due_at: Date; reply_due_at: Date }>`
        select c.id, c.handling_due_at, c.reply_due_at from cases c
        join case_units cu on cu.case_id = c.id and cu.unit_id = ${unit.id}
        where (cu.signed_at is null and c.state in ('assigned','handling','reviewing','approved'))
           or (cu.signed_at is not null and c.state in ('assigned','handling')
               and (cu.role = 'lead' or cu.contributed_at is null))
        order by c.handling_due_at, c.id`.execute(e2e.server.db);
      // The demo's 待签收 slip is due last: the home page used to show only the first three.
      expect(rows.length).toBeGreaterThan(3);
      // Its public reply ends before the unit's own time: the list is not ordered by that.
      expect(rows.some((r) => r.reply_due_at < r.handling_due_at)).toBe(true);
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'liaison',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
      });
      const items = page.getByTestId('home-pressing-item');
      await expect.poll(() => items.count()).toBe(rows.length);
      const hrefs = [];
      for (const link of await items.locator('a').all())
        hrefs.push(await link.getAttribute('href'));
      expect(hrefs).toEqual(rows.map((r) => `/cases/${r.id}`));
      // Each says the unit’s own time (办理), and the public reply’s beside it.
      for (const tag of await items.getByTestId('deadline-tag').all())
        expect(await tag.textContent()).toMatch(/^办理 (剩余|超期)/);
      expect(await items.getByTestId('home-pressing-reply').count()).toBe(rows.length);

      // 我的待办 lists each tab's slips in the same order.
      const dueOf = new Map(rows.map((r) => [`/cases/${r.id}`, r.handling_due_at.getTime()]));
      for (const tab of ['sign', 'reply']) {
        await page.goto(`${e2e.server.url}/cases/todo?tab=${tab}`);
        const listed = page.getByRole('tabpanel').getByTestId('todo-item');
        await listed.first().waitFor();
        const dues = [];
        for (const link of await listed.locator('a').all())
          dues.push(dueOf.get((await link.getAttribute('href')) ?? ''));
        expect(dues.length).toBeGreaterThan(1);
        expect(dues).toEqual(dues.map((d) => d ?? NaN).sort((a, b) => a - b));
      }
      // The co-unit's slip under review: 待签收 with the unit's own clock, not the reply's alone.
      await page.goto(`${e2e.server.url}/cases/todo?tab=sign`);
      const coSlip = page
        .getByRole('tabpanel')
        .getByTestId('todo-item')
        .filter({ has: page.locator(`a[href="/cases/${other.id}"]`) });
      expect(await coSlip.getByTestId('deadline-tag').first().textContent()).toMatch(
        /^办理 (剩余|超期)/,
      );
      await context.close();
      expect(e2e.pageErrors).toEqual([]);
    }, 120_000);

    it('adds a co-unit’s input to the reply with one tap, and says once it is in', async () => {
      const { caseId, coUnit } = await leadSlipWithCoUnit();
      const input = '已会同社区到现场查看，已告知施工方晚22时后停止高噪音作业。';
      await e2e.server.db
        .updateTable('case_units')
        .set({ signed_at: new Date(), contribution: input, contributed_at: new Date() })
        .where('case_id', '=', caseId)
        .where('role', '=', 'co')
        .execute();
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'liaison',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
        viewport: PHONE,
        touch: true,
      });
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await page.getByTestId('act-reply').tap();
      const dialog = await openedDialog(page, '提交书面回复');
      const reply = dialog.getByRole('textbox', { name: '书面回复' });
      // Whatever a returned draft held, the clerk starts their own words and then adds the input.
      await reply.fill('网友您好：经城建办核查，情况属实。');
      const add = dialog.getByRole('button', { name: `把${coUnit}的意见加入书面回复` });
      await add.tap();
      await expect
        .poll(() => reply.inputValue())
        .toBe(`网友您好：经城建办核查，情况属实。\n${input}`);
      // Added once: the button now says so and cannot add it twice.
      await expect.poll(() => add.textContent()).toMatch(/已加入回复/);
      expect(await add.isDisabled()).toBe(true);
      await context.close();
      expect(e2e.pageErrors).toEqual([]);
    }, 120_000);

    for (const [device, viewport] of [
      ['a phone', PHONE],
      ['a desktop', DESKTOP],
    ] as const) {
      it(`reads the citizen’s message and the leader’s instruction while writing the reply, on ${device}`, async () => {
        const { caseId } = await leadSlipWithCoUnit();
        const asked = await e2e.server.db
          .selectFrom('cases as c')
          .innerJoin('posts as p', 'p.id', 'c.post_id')
          .select(['p.id', 'p.title', 'p.body', 'c.instruction'])
          .where('c.id', '=', caseId)
          .executeTakeFirstOrThrow();
        // The contact field is not part of what was asked: the form does not repeat it.
        const contact = '13907251234';
        await e2e.server.db
          .updateTable('posts')
          .set({ contact })
          .where('id', '=', asked.id)
          .execute();
        const { context, page } = await signedIn(e2e.browser, {
          url: e2e.server.url,
          username: 'liaison',
          password: e2e.server.demoPassword,
          pageErrors: e2e.pageErrors,
          viewport,
          touch: viewport === PHONE,
        });
        await page.goto(`${e2e.server.url}/cases/${caseId}`);
        await page.getByTestId('act-reply').click();
        const dialog = await openedDialog(page, '提交书面回复');
        const panel = dialog.getByTestId('act-asked');
        expect(await panel.getByTestId('act-asked-title').textContent()).toBe(asked.title);
        expect(await panel.getByTestId('act-asked-body').textContent()).toBe(asked.body);
        expect(await panel.getByTestId('act-asked-instruction').textContent()).toBe(
          asked.instruction,
        );
        expect(await dialog.textContent()).not.toContain(contact);
        // At the top of the form, on the screen as it opens, above the reply being written.
        const body = await panel.getByTestId('act-asked-body').boundingBox();
        const reply = dialog.getByRole('textbox', { name: '书面回复' });
        const field = await reply.boundingBox();
        if (!body || !field) throw new Error('not on the screen');
        expect(body.y + body.height).toBeLessThanOrEqual(viewport.height);
        expect(body.y).toBeLessThan(field.y);
        await reply.fill('网友您好：');
        expect(await panel.getByTestId('act-asked-body').isVisible()).toBe(true);
        // Folded away with one tap, for room to write.
        await panel.getByRole('button', { name: '网民留言与领导批示' }).click();
        await expect.poll(() => panel.getByTestId('act-asked-body').isVisible()).toBe(false);
        await context.close();
        expect(e2e.pageErrors).toEqual([]);
      }, 120_000);
    }

    it('asks for an extension to the day tapped at the time the reply is now due', async () => {
      const { caseId } = await leadSlipWithCoUnit();
      const detail = await e2e.server.db
        .selectFrom('cases')
        .select(['reply_due_at'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      const due = new Date(detail.reply_due_at);
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'liaison',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
        viewport: PHONE,
        touch: true,
        timezoneId: 'Asia/Shanghai',
      });
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await page.getByTestId('act-extension.request').tap();
      const dialog = await openedDialog(page, '申请延期');
      await dialog.getByLabel('延期至').tap();
      // The day after the due day: at the due time of that day, not at its 00:00.
      const nextDay = new Date(due.getTime() + 24 * 3600_000);
      const wall = (d: Date) =>
        new Intl.DateTimeFormat('sv-SE', {
          timeZone: 'Asia/Shanghai',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
        }).format(d);
      const [day] = wall(nextDay).split(' ');
      // A tap while the calendar still slides open is lost: wait for it to stand still.
      const calendar = page.locator('.ant-picker-dropdown');
      await calendar.waitFor();
      await expect
        .poll(async () => (await calendar.getAttribute('class')) ?? '', { timeout: 10_000 })
        .not.toMatch(/\bant-slide/);
      // The due day itself would give the due time again: it is not offered (absent from the
      // month shown, or greyed out).
      const [dueDay] = wall(due).split(' ');
      const dueCell = calendar.locator(`td[title="${dueDay}"]`);
      if ((await dueCell.count()) > 0)
        expect(await dueCell.getAttribute('class')).toContain('ant-picker-cell-disabled');
      await calendar.locator(`td[title="${day}"]`).tap();
      await calendar.getByRole('button', { name: /^确\s*定$/ }).tap();
      await calendar.waitFor({ state: 'hidden' });
      expect(await dialog.getByLabel('延期至').inputValue()).toBe(wall(nextDay));
      await dialog.getByLabel('理由').fill('需协调测量排水沟走向，雨天无法施工。');
      await dialog.getByRole('button', { name: '申请延期' }).tap();
      await dialog.waitFor({ state: 'hidden' });
      const row = await e2e.server.db
        .selectFrom('cases')
        .select(['extension_state'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(row.extension_state).toBe('requested');
      await context.close();
      expect(e2e.pageErrors).toEqual([]);
    }, 120_000);

    it('opens a co-unit’s submitted input again for correction, not an empty form', async () => {
      const { caseId } = await leadSlipWithCoUnit();
      const co = await e2e.server.db
        .selectFrom('case_units')
        .select('unit_id')
        .where('case_id', '=', caseId)
        .where('role', '=', 'co')
        .executeTakeFirstOrThrow();
      const input = '已到现场查看，排水沟堵塞属实。';
      await e2e.server.db
        .updateTable('case_units')
        .set({ signed_at: new Date(), contribution: input, contributed_at: new Date() })
        .where('case_id', '=', caseId)
        .where('role', '=', 'co')
        .execute();
      // The co-unit's liaison: the demo has none, so one is made here.
      const liaison = await e2e.server.db
        .selectFrom('users')
        .select(['password_hash', 'password_changed_at'])
        .where('username', '=', 'liaison')
        .executeTakeFirstOrThrow();
      await e2e.server.db
        .insertInto('users')
        .values({
          username: 'co-liaison',
          name: '刘洋',
          unit_id: co.unit_id,
          roles: ['liaison'],
          password_hash: liaison.password_hash,
          password_changed_at: liaison.password_changed_at,
          created_at: new Date(),
          updated_at: new Date(),
        })
        .execute();
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'co-liaison',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
      });
      await page.goto(`${e2e.server.url}/cases/${caseId}`);
      await page.getByTestId('act-contribute').click();
      const dialog = await openedDialog(page, '提交协办意见');
      expect(await dialog.getByRole('textbox', { name: '协办意见' }).inputValue()).toBe(input);
      await context.close();
      expect(e2e.pageErrors).toEqual([]);
    }, 120_000);
  },
);
