import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Debian's Chromium, never a downloaded one; with a CJK font installed Chinese renders. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`tests/e2e skipped: Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const WEB_INDEX = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));

/**
 * The server serves dist/web; build it when it is missing (npm ci builds it: `prepare`). Built as
 * production: under vitest NODE_ENV is 'test', and a bundle built so gives every antd dialog the
 * id 'test-id', so that dialogs lose their names (getByRole('dialog', { name }) finds none).
 */
export async function ensureWebBuilt(): Promise<void> {
  if (existsSync(WEB_INDEX)) return;
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)),
      logLevel: 'warn',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * The real server with the demo township and one Chromium, started before a describe block's
 * tests and closed after them; pageErrors collects what the pages throw.
 */
export function e2eSetup(options: Parameters<typeof startTestServer>[0] = {}): {
  readonly server: TestServer;
  readonly browser: Browser;
  pageErrors: string[];
} {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer(options);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser test setup has not run');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    pageErrors: [],
  };
}

export const DESKTOP = { width: 1366, height: 900 };
/** A leader approves on a phone (DESIGN §9). */
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh browser context for one user, signed in through the login page and on the dashboard.
 * Errors thrown in the page are collected into `pageErrors` for the test to assert on.
 */
export async function signedIn(
  browser: Browser,
  opts: {
    url: string;
    username: string;
    password: string;
    pageErrors: string[];
    viewport?: typeof DESKTOP;
    /** The browser's time zone (IANA), when it should not be the machine's. */
    timezoneId?: string;
    /** Let a test inject a script tag (axe-core) despite the app's Content-Security-Policy. */
    bypassCSP?: boolean;
    /** A phone's screen: touch, a mobile viewport and twice the pixels (with `viewport: PHONE`). */
    touch?: boolean;
  },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: opts.viewport ?? DESKTOP,
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
    ...(opts.bypassCSP ? { bypassCSP: true } : {}),
    ...(opts.touch ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => opts.pageErrors.push(`${opts.username}: ${error.message}`));
  await page.goto(`${opts.url}/login`);
  await page.getByLabel('用户名').fill(opts.username);
  await page.getByLabel('密码').fill(opts.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('welcome').waitFor();
  return { context, page };
}

/**
 * The modal dialog named `name` once its opening animation has ended (antd's `ant-zoom-*`
 * classes are gone). On a busy machine a click on a button during the animation was lost twice in
 * full test runs: the dialog stayed open and the test timed out.
 */
export async function openedDialog(page: Page, name: string | RegExp): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  await expect
    .poll(async () => (await dialog.getAttribute('class')) ?? '', { timeout: 10_000 })
    .not.toMatch(/\bant-zoom/);
  return dialog;
}

/**
 * Chooses the option titled `title` in the antd Select that opens on a click on `field` (a single
 * choice, whose list closes once chosen), and waits for the list to be gone. On a busy machine a
 * click on an option was lost (CI, admin.e2e): the list stayed open for 30 s with the option
 * active. So the click waits for the list to stop sliding in, and is made again while the list is
 * still open after it.
 */
export async function chooseOption(page: Page, field: Locator, title: string): Promise<void> {
  const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const option = list
    .locator('.ant-select-item-option')
    .and(page.getByTitle(title, { exact: true }));
  for (let attempt = 1; ; attempt++) {
    if ((await list.count()) === 0) await field.click();
    await option.waitFor();
    await expect
      .poll(() => page.locator('.ant-select-dropdown[class*="ant-slide-up"]').count())
      .toBe(0);
    await option.click();
    try {
      await expect.poll(() => list.count(), { timeout: 5_000 }).toBe(0);
      return;
    } catch (cause) {
      if (attempt === 3) throw cause;
    }
  }
}
