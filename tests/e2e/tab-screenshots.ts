/**
 * Screenshots of every page of the tab in light and dark, for the README: `npm run screenshots`
 * (builds the tab first). Writes `docs/screenshots/tab-<page>-<theme>.png`.
 *
 * @remarks
 * Runs the real server on a temporary store with the development identity, seeded with half a
 * year of practice, a fixed clock and a fixed browser time zone and locale, so the pictures only
 * change when the tab does. Each picture is one 900 px wide viewport at 1× scale, which keeps
 * the files small enough to commit.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEV_IDENTITY } from '../../src/config/config';
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { launchBrowser } from '../support/browser';
import { startSpotter } from '../support/spotter-server';
import { seedDemoPractice, seedDemoRequests } from '../support/tab-demo-data';

const OUTPUT = path.resolve(__dirname, '../../docs/screenshots');
const NOW = new Date('2026-11-26T15:00:00Z');
const THIS_WEEK = '2026-W48';

/** The pages pictured, with what to wait for before the picture is taken. */
const PAGES: readonly { name: string; hash: string; ready: (page: Page) => Promise<unknown> }[] = [
  { name: 'week', hash: '#/week', ready: (page) => page.getByTestId('rep-counts').waitFor() },
  {
    name: 'history',
    hash: '#/history',
    ready: (page) => page.getByTestId('history-item').first().waitFor(),
  },
  {
    name: 'trends',
    hash: '#/trends',
    ready: (page) => page.locator('svg rect').first().waitFor(),
  },
  {
    name: 'people',
    hash: '#/people',
    ready: (page) => page.getByTestId('person').first().waitFor(),
  },
  {
    name: 'requests',
    hash: '#/requests',
    ready: (page) => page.getByTestId('request').nth(2).waitFor(),
  },
  {
    name: 'settings',
    hash: '#/settings',
    ready: (page) => page.getByRole('button', { name: 'Save' }).waitFor(),
  },
  {
    name: 'data',
    hash: '#/data',
    ready: (page) => page.getByRole('button', { name: 'Download as JSON' }).waitFor(),
  },
];

async function main(): Promise<void> {
  mkdirSync(OUTPUT, { recursive: true });
  const spotter = await startSpotter({}, { now: () => NOW });
  const browser = await launchBrowser();
  try {
    const scope = scopeFromClaims({
      tid: DEV_IDENTITY.tenantId,
      oid: DEV_IDENTITY.userId,
    }) as Scope;
    await seedDemoPractice(spotter.store, scope, THIS_WEEK);
    await seedDemoRequests(spotter.store, scope, () => NOW);
    for (const theme of ['light', 'dark'] as const) {
      const page = await browser.newPage({
        viewport: { width: 900, height: 1100 },
        deviceScaleFactor: 1,
        colorScheme: theme,
        locale: 'en-US',
        timezoneId: 'UTC',
        reducedMotion: 'reduce',
      });
      for (const { name, hash, ready } of PAGES) {
        await page.goto(`${spotter.baseUrl}/${hash}`);
        await ready(page);
        // Fonts and the last layout pass settle before the picture.
        await page.evaluate('document.fonts.ready.then(() => true)');
        const file = path.join(OUTPUT, `tab-${name}-${theme}.png`);
        await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
        console.log(`wrote ${path.relative(process.cwd(), file)}`);
      }
      await page.context().close();
    }
  } finally {
    await browser.close();
    await spotter.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
