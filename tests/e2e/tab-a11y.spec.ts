/**
 * axe-core on every page of the tab, in the light, dark and high-contrast themes at desktop
 * width, and at 320 px in the light theme: no violations.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { DEV_IDENTITY } from '../../src/config/config';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startSpotter, type TestSpotter } from '../support/spotter-server';
import { seedDemoPractice, seedDemoRequests } from '../support/tab-demo-data';

jest.setTimeout(120_000);

const TAB_INDEX = path.resolve(__dirname, '../../dist/tab/index.html');
const THIS_WEEK = '2026-W48';
const NOW = new Date('2026-11-26T12:00:00Z');
const me = scopeFromClaims({ tid: DEV_IDENTITY.tenantId, oid: DEV_IDENTITY.userId }) as Scope;

/** Each page (and state of a page worth its own audit), with what shows it is ready. */
const PAGES: readonly {
  name: string;
  hash: string;
  ready: (page: Page) => Promise<unknown>;
}[] = [
  { name: 'This week', hash: '#/week', ready: (page) => page.getByTestId('rep-counts').waitFor() },
  {
    name: 'History',
    hash: '#/history',
    ready: (page) => page.getByTestId('history-item').first().waitFor(),
  },
  {
    name: 'History, filtered',
    hash: '#/history?q=budget&person=Sam%20Okafor',
    ready: (page) => page.getByText('Person: Sam Okafor').waitFor(),
  },
  {
    name: 'a week in full',
    hash: '#/history/2026-W46',
    ready: (page) => page.getByRole('heading', { name: /^Week 46/ }).waitFor(),
  },
  {
    name: 'a guessed week',
    hash: '#/history/2019-W01',
    ready: (page) => page.getByRole('heading', { name: "There's nothing here" }).waitFor(),
  },
  {
    name: 'Trends, with its tables open',
    hash: '#/trends',
    ready: async (page) => {
      await page.locator('svg rect').first().waitFor();
      for (const summary of await page.getByText('Show the numbers as a table').all()) {
        await summary.click();
      }
      await page.getByRole('table').nth(1).waitFor();
    },
  },
  {
    name: 'People',
    hash: '#/people',
    ready: (page) => page.getByTestId('person').first().waitFor(),
  },
  {
    name: 'Requests',
    hash: '#/requests',
    ready: (page) => page.getByTestId('request').nth(2).waitFor(),
  },
  {
    name: 'Requests, answering with a reason',
    hash: '#/requests',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Not this time' }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'Settings',
    hash: '#/settings',
    ready: (page) => page.getByRole('button', { name: 'Save' }).waitFor(),
  },
  {
    name: 'My data',
    hash: '#/data',
    ready: (page) => page.getByRole('button', { name: 'Download as JSON' }).waitFor(),
  },
  {
    name: 'My data, confirming the delete',
    hash: '#/data',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Delete everything…' }).click();
      await page.getByRole('alertdialog').waitFor();
    },
  },
];

const WIDE = { width: 1024, height: 900 };
const NARROW = { width: 320, height: 800 };

/**
 * The themes, each at desktop width; the narrowest width (where layout, not colour, changes)
 * once, in the light theme, to keep the suite's time in bounds.
 */
const THEMES = [
  {
    theme: 'light',
    media: { colorScheme: 'light', contrast: 'no-preference' },
    viewports: [WIDE, NARROW],
  },
  { theme: 'dark', media: { colorScheme: 'dark', contrast: 'no-preference' }, viewports: [WIDE] },
  { theme: 'contrast', media: { colorScheme: 'dark', contrast: 'more' }, viewports: [WIDE] },
] as const;

let browser: TestBrowser;
let spotter: TestSpotter;

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) {
    throw new Error(`${TAB_INDEX} is missing: build the tab first with \`npm run build:tab\`.`);
  }
  browser = await launchBrowser();
  spotter = await startSpotter({}, { now: () => NOW });
  await seedDemoPractice(spotter.store, me, THIS_WEEK);
  await seedDemoRequests(spotter.store, me, () => NOW);
});

afterAll(async () => {
  await browser?.close();
  await spotter?.stop();
});

/**
 * The violations axe finds, one line each, for a readable failure.
 *
 * @remarks
 * Tabster, Fluent's focus manager, puts invisible `<i tabindex="0" aria-hidden="true"
 * data-tabster-dummy>` sentinels at the edges of focus groups (tab lists, tag groups, dialogs,
 * charts); they hand focus on at once and are never read, but axe reports them as
 * `aria-hidden-focus`. Only those sentinels are left out; everything else is audited.
 */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
}

describe.each(THEMES)('in the $theme theme', ({ theme, media, viewports }) => {
  it.each(PAGES.map((page) => [page.name, page] as const))(
    'has no violations on %s',
    async (_name, { hash, ready }) => {
      for (const viewport of viewports) {
        const page = await browser.newPage({ viewport, locale: 'en-US', timezoneId: 'UTC' });
        await page.emulateMedia(media);
        await page.goto(`${spotter.baseUrl}/${hash}`);
        await page.locator(`[data-theme="${theme}"]`).waitFor();
        await ready(page);
        expect({ viewport: viewport.width, violations: await violations(page) }).toEqual({
          viewport: viewport.width,
          violations: [],
        });
        await page.context().close();
      }
    },
  );
});
