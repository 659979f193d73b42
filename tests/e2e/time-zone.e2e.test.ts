import { describe, expect, it } from 'vitest';
import { formatDateTimeIn } from '../../src/lib/format.js';
import { CHROMIUM, e2eSetup, hasChromium, signedIn } from './browser.js';

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'a deployment set to another time zone'
    : `a deployment set to another time zone (skipped: no ${CHROMIUM})`,
  () => {
    // Urumqi is two hours behind Beijing: a page still on Beijing time is caught.
    const e2e = e2eSetup({ demo: false, timeZone: 'Asia/Urumqi' });

    it("the web pages show and take times on YUQING_TIME_ZONE's clock, whatever the browser's zone", async () => {
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'admin',
        password: e2e.server.adminPassword,
        pageErrors: e2e.pageErrors,
        timezoneId: 'America/New_York',
      });
      expect(await page.locator('meta[name="yuqing-time-zone"]').getAttribute('content')).toBe(
        'Asia/Urumqi',
      );

      // 舆情信息 of 20–21 November: from 00:00 on the 20th to 00:00 on the 22nd, Urumqi time (UTC+6).
      const search = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/posts');
      await page.goto(`${e2e.server.url}/monitoring?from=2026-11-20&to=2026-11-21`);
      const query = new URL((await search).url()).searchParams;
      expect([query.get('from'), query.get('to')]).toEqual([
        '2026-11-19T18:00:00.000Z',
        '2026-11-21T18:00:00.000Z',
      ]);

      // The audit log shows the sign-in at its time in Urumqi.
      const login = await e2e.server.db
        .selectFrom('audit_log')
        .select('at')
        .where('action', '=', 'auth.login')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      await page.goto(`${e2e.server.url}/admin/audit`);
      await page
        .getByRole('cell', { name: formatDateTimeIn(login.at, 'Asia/Urumqi'), exact: true })
        .first()
        .waitFor();
      await context.close();
      expect(e2e.pageErrors).toEqual([]);
    }, 60_000);
  },
);
