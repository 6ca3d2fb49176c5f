/**
 * The personal tab in Chromium against the real server, outside any host: the development
 * identity and its banner, live theme changes, German, and the production refusal that sends
 * people to Teams or Outlook.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { DEV_IDENTITY } from '../../src/config/config';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startSpotter, type TestSpotter } from '../support/spotter-server';

jest.setTimeout(60_000);

const TAB_INDEX = path.resolve(__dirname, '../../dist/tab/index.html');

let browser: TestBrowser;

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) {
    throw new Error(`${TAB_INDEX} is missing: build the tab first with \`npm run build:tab\`.`);
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the tab and waits until its top heading is there (the start-up has finished). */
async function openTab(baseUrl: string, options?: BrowserContextOptions): Promise<Page> {
  const page = await browser.newPage(options);
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(pageErrors).toEqual([]);
  return page;
}

/** The theme the shell wears and its computed background colour. */
function shellLook(page: Page): Promise<{ theme: string | null; background: string }> {
  // Runs in the page; the tests' own compilation has no DOM library, hence `defaultView`.
  return page.locator('[data-theme]').evaluate((shell) => ({
    theme: shell.getAttribute('data-theme'),
    background: shell.ownerDocument.defaultView.getComputedStyle(shell).backgroundColor,
  }));
}

describe('in development', () => {
  let spotter: TestSpotter;

  beforeAll(async () => {
    spotter = await startSpotter();
  });

  afterAll(async () => {
    await spotter?.stop();
  });

  it('greets the development identity by name under a clear banner', async () => {
    const page = await openTab(spotter.baseUrl, { locale: 'en-US' });

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      `Hi, ${DEV_IDENTITY.givenName}`,
    );
    await expect(page.getByTestId('dev-identity-banner').textContent()).resolves.toContain(
      'Local development identity',
    );
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.context().close();
  });

  it('follows the system theme and contrast live, without a reload', async () => {
    const page = await openTab(spotter.baseUrl, { colorScheme: 'light' });
    await page.evaluate(() => Object.assign(globalThis, { stillSamePage: true }));
    const light = await shellLook(page);
    expect(light.theme).toBe('light');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('[data-theme="dark"]').waitFor();
    const dark = await shellLook(page);
    expect(dark.background).not.toBe(light.background);

    await page.emulateMedia({ contrast: 'more' });
    await page.locator('[data-theme="contrast"]').waitFor();

    await page.emulateMedia({ colorScheme: 'light', contrast: 'no-preference' });
    await page.locator('[data-theme="light"]').waitFor();
    await expect(shellLook(page)).resolves.toEqual(light);
    await expect(page.evaluate(() => 'stillSamePage' in globalThis)).resolves.toBe(true);
    await page.context().close();
  });

  it('speaks German to a German browser', async () => {
    const page = await openTab(spotter.baseUrl, { locale: 'de-DE' });

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      `Hallo, ${DEV_IDENTITY.givenName}`,
    );
    await expect(page.getByTestId('dev-identity-banner').textContent()).resolves.toContain(
      'Lokale Entwicklungsidentität',
    );
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await page.context().close();
  });
});

describe('in production, opened outside Teams and Outlook', () => {
  let spotter: TestSpotter;

  beforeAll(async () => {
    spotter = await startSpotter({
      NODE_ENV: 'production',
      BOT_ID: '00000000-0000-4000-8000-0000000000b0',
      BOT_PASSWORD: 'not-a-real-secret',
      AAD_APP_CLIENT_ID: '00000000-0000-4000-8000-0000000000a0',
      AAD_APP_ID_URI: 'api://localhost/00000000-0000-4000-8000-0000000000a0',
    });
  });

  afterAll(async () => {
    await spotter?.stop();
  });

  it('asks to open Spotter in a host and shows no one’s data', async () => {
    const page = await openTab(spotter.baseUrl, { locale: 'en-US' });

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Open Spotter in Microsoft Teams, Outlook or the Microsoft 365 app',
    );
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(DEV_IDENTITY.givenName);
    expect(text).not.toContain('Local development identity');
    await expect(page.getByTestId('dev-identity-banner').count()).resolves.toBe(0);
    await page.context().close();
  });
});
