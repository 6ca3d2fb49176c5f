/**
 * The Admin page in Chromium against the real server: shown only to admins, anonymous figures
 * with groups under five hidden, retention saved and audited, organization defaults saved and
 * audited, with a switched-off feature gone from the tab.
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEV_AUTHORIZATION } from '../../src/api/contracts';
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { DEV_IDENTITY } from '../../src/config/config';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../src/domain/practice-week';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startSpotter, type TestSpotter } from '../support/spotter-server';

jest.setTimeout(90_000);

const TAB_INDEX = path.resolve(__dirname, '../../dist/tab/index.html');
const NOW = new Date('2026-11-26T12:00:00Z');
const THIS_WEEK = '2026-W48';

let browser: TestBrowser;
let admin: TestSpotter;
let plain: TestSpotter;

function person(index: number): Scope {
  return scopeFromClaims({
    tid: DEV_IDENTITY.tenantId,
    oid: `a0000000-0000-4000-8000-${String(500 + index).padStart(12, '0')}`,
  }) as Scope;
}

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) {
    throw new Error(`${TAB_INDEX} is missing: build the tab first with \`npm run build:tab\`.`);
  }
  browser = await launchBrowser();
  admin = await startSpotter(
    { ADMIN_USER_IDS: `${DEV_IDENTITY.tenantId}:${DEV_IDENTITY.userId}` },
    { now: () => NOW },
  );
  plain = await startSpotter({}, { now: () => NOW });
  for (let index = 0; index < 5; index += 1) {
    const week: PracticeWeek = {
      week: THIS_WEEK,
      timeZone: 'UTC',
      reflection: {
        helpedBy: [{ name: 'Jordan Secretname' }],
        yesCount: 1,
        holdingAlone: 'Private words',
        connected: [],
        completedAt: NOW.toISOString(),
      },
      reps: [],
    };
    await admin.store.put(person(index), PRACTICE_WEEK_KIND, THIS_WEEK, week, {
      sortKey: THIS_WEEK,
    });
  }
});

afterAll(async () => {
  await browser?.close();
  await admin?.stop();
  await plain?.stop();
});

async function open(baseUrl: string, hash: string, locale = 'en-US'): Promise<Page> {
  const page = await browser.newPage({ locale });
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${baseUrl}/${hash}`);
  await page.locator('#page-heading').waitFor();
  expect(errors).toEqual([]);
  return page;
}

it('is not offered to someone who is not an admin', async () => {
  const page = await open(plain.baseUrl, '#/admin');
  await page.locator('#nav-tab-week').waitFor();
  expect(await page.locator('#nav-tab-admin').count()).toBe(0);
  expect(await page.locator('#page-heading').textContent()).toBe('This week');
  await page.close();
});

it('shows an admin the anonymous figures, saves retention and lists it in the audit log', async () => {
  const page = await open(admin.baseUrl, '#/week');
  await page.locator('#nav-tab-admin').click();
  expect(await page.locator('#page-heading').textContent()).toBe('Admin');

  const figures = page.getByTestId('admin-figures');
  await figures.waitFor();
  const text = await figures.textContent();
  expect(text).toContain('People practising5');
  expect(text).toContain('Reflections completed5');
  expect(text).toContain('Help requests sentfewer than 5');
  expect(await page.content()).not.toMatch(/Secretname|Private words/);

  await page.getByLabel('Delete reflections older than').selectOption('6');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved. It applies from the next daily run.').waitFor();
  await page
    .getByTestId('admin-audit')
    .getByText(/Keeping reflections changed/)
    .waitFor();

  const api = await page.evaluate(async (authorization) => {
    const response = await fetch('/api/v1/admin/retention', { headers: { authorization } });
    return (await response.json()) as unknown;
  }, DEV_AUTHORIZATION);
  expect(api).toEqual({ months: 6 });
  await page.close();
});

it('saves the organization’s defaults with a group, audits them, and hides switched-off reps', async () => {
  const page = await open(admin.baseUrl, '#/week');
  await page.getByText('Light reps').waitFor();
  await page.locator('#nav-tab-admin').click();
  await page.getByLabel('Reminder day').first().selectOption('3');
  await page.getByRole('switch', { name: 'Reps' }).click();
  await page.getByRole('switch', { name: 'Quiet hours (no reminders)' }).click();
  await page.getByLabel('Weekly challenges').first().selectOption('gentle');
  await page.getByRole('button', { name: 'Add a group' }).click();
  const group = page.getByTestId('admin-defaults-group');
  await group.getByLabel('Group object id').fill('0e000000-0000-4000-8000-0000000000f1');
  await group.getByLabel('Name (for you)').fill('Pilot team');
  await group.getByLabel('Reps').selectOption('on');
  await page.getByRole('button', { name: 'Save defaults' }).click();
  await page.getByText('Saved. It applies within a minute.').waitFor();
  await page
    .getByTestId('admin-audit')
    .getByText(/Organization defaults changed/)
    .waitFor();

  const api = await page.evaluate(async (authorization) => {
    const response = await fetch('/api/v1/admin/org-defaults', { headers: { authorization } });
    return (await response.json()) as unknown;
  }, DEV_AUTHORIZATION);
  expect(api).toEqual({
    reminderDay: 3,
    reminderTime: '16:00',
    quietHours: { start: '22:00', end: '07:00' },
    challengeSet: 'gentle',
    features: { reps: false, helpRequests: true, composeExtension: true },
    groups: [
      {
        groupId: '0e000000-0000-4000-8000-0000000000f1',
        label: 'Pilot team',
        features: { reps: true },
      },
    ],
  });
  await page.close();

  // The admin is in no listed group: reps are off for them, and This week shows none.
  const week = await open(admin.baseUrl, '#/week');
  await week.getByTestId('challenge').waitFor();
  await week.getByRole('textbox').first().waitFor();
  // Shown until the tab learns the switches, then gone.
  await week.getByText('Light reps').waitFor({ state: 'detached' });
  await week.close();
});

it('passes axe (Fluent focus sentinels aside, as in tab-a11y)', async () => {
  const page = await open(admin.baseUrl, '#/admin');
  await page.getByTestId('admin-figures').waitFor();
  await page.getByTestId('admin-defaults-group').waitFor();
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
  await page.close();
});

it('speaks German', async () => {
  const page = await open(admin.baseUrl, '#/admin', 'de-DE');
  await page.getByTestId('admin-figures').waitFor();
  expect(await page.locator('#page-heading').textContent()).toBe('Admin');
  expect(await page.getByTestId('admin-figures').textContent()).toContain('weniger als 5');
  await page.close();
});
