import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, e2eSetup, hasChromium, openedDialog, PHONE, signedIn } from './browser.js';

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
  },
);
