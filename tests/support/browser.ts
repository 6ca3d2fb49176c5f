/**
 * Chromium for end-to-end tests: Debian's browser driven by playwright-core, headless and cut off
 * from everything but this machine.
 *
 * @remarks
 * `npx playwright install` downloads a browser and fails here, so the system Chromium is used.
 * Each `launch` gets a fresh temporary profile from Playwright (it manages `--user-data-dir`
 * itself and removes the directory on close). Requests to any host other than localhost are
 * aborted, because teams-js and Chromium itself reach for the internet, which tests must not need.
 */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

/** Where Debian installs Chromium (`apt-get install chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A running Chromium with helpers for isolated contexts. */
export interface TestBrowser {
  /** The browser itself, for anything the helpers do not cover. */
  readonly browser: Browser;
  /** A fresh context (own cookies, storage, locale, media) that can reach only this machine. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in its own fresh context; closing the browser closes it too. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Closes every context and the browser; call it in `afterAll` so Jest can exit. */
  close(): Promise<void>;
}

/** Starts headless Chromium. */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });

  async function newContext(options?: BrowserContextOptions): Promise<BrowserContext> {
    const context = await browser.newContext(options);
    await context.route('**/*', (route) =>
      LOCAL_HOSTS.has(new URL(route.request().url()).hostname) ? route.continue() : route.abort(),
    );
    return context;
  }

  return {
    browser,
    newContext,
    async newPage(options) {
      return (await newContext(options)).newPage();
    },
    close: () => browser.close(),
  };
}
