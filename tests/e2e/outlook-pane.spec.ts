/**
 * The Outlook task pane in Chromium against the real server, with a stand-in for Office.js:
 * thanking the sender (rep and reply draft), noting an accepted offer (rep and *let in*), the
 * compose view, the plain messages outside Outlook and without SSO, German, accessibility, and
 * that another tenant sees none of it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { ThisWeekResponse } from '../../src/api/contracts';
import { scopeFromClaims, tenantScopeOf, type Scope } from '../../src/auth/scope';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../src/domain/practice-week';
import { builtInOrgDefaults, ORG_DEFAULTS_RECORD } from '../../src/domain/org-defaults';
import { OrgDefaultsService } from '../../src/services/org-defaults-service';
import { PracticeService } from '../../src/services/practice-service';
import { launchBrowser, type TestBrowser } from '../support/browser';
import {
  officeCalls,
  OFFICE_JS_URL,
  useOfficeStandIn,
  type OfficeStandInOptions,
} from '../support/office-stand-in';
import { startSpotter, type TestSpotter } from '../support/spotter-server';
import { apiAs, type TabApi } from '../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../support/token-issuer';

jest.setTimeout(90_000);

const PANE = path.resolve(__dirname, '../../dist/tab/outlook.html');
const NOW = new Date('2026-11-26T12:00:00Z');
const THIS_WEEK = '2026-W48';
const ZONE = 'Europe/Berlin';
const TENANT = 'b3000000-0000-4000-8000-000000000001';
const OTHER_TENANT = 'b3000000-0000-4000-8000-000000000002';
const USER = 'a3000000-0000-4000-8000-000000000001';
const SENDER = { displayName: 'Ana <Ops> & Co', emailAddress: 'ana@contoso.example' };
const me = scopeFromClaims({ tid: TENANT, oid: USER }) as Scope;

let browser: TestBrowser;
let issuer: TokenIssuer;
let spotter: TestSpotter;
let token: string;
let myApi: TabApi;

beforeAll(async () => {
  if (!existsSync(PANE)) {
    throw new Error(`${PANE} is missing: build the tab first with \`npm run build:tab\`.`);
  }
  browser = await launchBrowser();
  issuer = await startTokenIssuer({ tenantId: TENANT, userId: USER });
  spotter = await startSpotter(
    { ...issuer.env, AAD_APP_CLIENT_ID: 'spotter-client-id', ORG_DEFAULTS_CACHE_SECONDS: '0' },
    { now: () => NOW },
  );
  token = await issuer.sign({ name: 'Mail Reader' });
  myApi = apiAs(spotter.baseUrl, `Bearer ${token}`);
});

afterAll(async () => {
  await browser?.close();
  await spotter?.stop();
  await issuer?.stop();
});

beforeEach(async () => {
  await spotter.store.deleteUser(me);
  await new PracticeService(spotter.store, () => NOW).saveSettings(me, {
    reminderDay: 5,
    reminderTime: '16:00',
    timeZone: ZONE,
    paused: false,
    quietHours: null,
    language: null,
  });
});

/** Opens the pane with the stand-in and waits until it has settled on `heading`. */
async function openPane(
  heading: string,
  options: Partial<OfficeStandInOptions> = {},
  locale = 'en-US',
): Promise<{ page: Page; officeJsRequests: string[] }> {
  const page = await browser.newPage({ locale, timezoneId: ZONE });
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  const { officeJsRequests } = await useOfficeStandIn(page, { token, from: SENDER, ...options });
  await page.goto(`${spotter.baseUrl}/outlook.html`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  expect(errors).toEqual([]);
  return { page, officeJsRequests };
}

async function storedWeek(): Promise<PracticeWeek | undefined> {
  return (await spotter.store.get<PracticeWeek>(me, PRACTICE_WEEK_KIND, THIS_WEEK))?.data;
}

async function apiWeek(api: TabApi = myApi): Promise<ThisWeekResponse> {
  const answer = await api.get<ThisWeekResponse>('/week');
  expect(answer.status).toBe(200);
  return answer.body;
}

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.help}`);
}

describe('Outlook pane, reading a mail', () => {
  it('loads Office.js from Microsoft’s CDN and signs in with Office’s SSO token', async () => {
    const { page, officeJsRequests } = await openPane('Spotter');
    expect(officeJsRequests).toEqual([OFFICE_JS_URL]);
    expect((await officeCalls(page)).tokenRequests).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('thanks the sender: a thanked rep and a reply draft the user sends', async () => {
    const { page } = await openPane('Spotter');
    await page.getByRole('button', { name: 'Note the thank-you' }).click();
    await page.getByRole('status').getByText('Your reply is open').waitFor();

    const stored = await storedWeek();
    expect(stored?.reps.map((rep) => [rep.kind, rep.note])).toEqual([
      ['thanked', 'Thanked Ana <Ops> & Co for: Quarterly numbers'],
    ]);
    const week = await apiWeek();
    expect(week.counts.thanked).toBe(1);
    expect((await officeCalls(page)).replyForms).toEqual([
      '<p>Thank you, Ana &#60;Ops&#62; &#38; Co – this really helped.</p>',
    ]);
    await page.context().close();
  });

  it('thanks without a reply when the user unticks it', async () => {
    const { page } = await openPane('Spotter');
    await page.getByRole('checkbox', { name: /Also start a reply/ }).uncheck();
    await page.getByRole('button', { name: 'Note the thank-you' }).click();
    await page.getByRole('status').getByText('Noted: you said thank you.').waitFor();
    expect((await officeCalls(page)).replyForms).toEqual([]);
    expect((await apiWeek()).counts.thanked).toBe(1);
    await page.context().close();
  });

  it('notes an accepted offer and adds the sender to let in, keeping the draft', async () => {
    const draft = await myApi.get<ThisWeekResponse>('/week');
    const saved = await myApi.put(
      '/week/reflection',
      {
        week: THIS_WEEK,
        answers: {
          helpedBy: [{ name: 'Ben' }],
          yesCount: 2,
          holdingAlone: 'the migration',
          connected: [],
        },
        complete: false,
      },
      draft.headers.get('etag') ? { 'If-Match': draft.headers.get('etag')! } : {},
    );
    expect(saved.status).toBe(200);

    const { page } = await openPane('Spotter');
    await page.getByRole('button', { name: 'I accepted the offer' }).click();
    await page
      .getByRole('status')
      .getByText("is in this week's let in", { exact: false })
      .waitFor();

    const stored = await storedWeek();
    expect(stored?.reps.map((rep) => rep.kind)).toEqual(['accepted']);
    const week = await apiWeek();
    expect(week.counts.accepted).toBe(1);
    expect(week.reflection).toMatchObject({
      helpedBy: [{ name: 'Ben' }, { name: 'Ana <Ops> & Co' }],
      yesCount: 2,
      holdingAlone: 'the migration',
    });
    expect(week.reflection?.completedAt).toBeUndefined();
    await page.context().close();
  });

  it('notes an accepted offer without touching let in when unticked', async () => {
    const { page } = await openPane('Spotter');
    await page.getByRole('checkbox', { name: /let in/ }).uncheck();
    await page.getByRole('button', { name: 'I accepted the offer' }).click();
    await page.getByRole('status').getByText('Noted: you accepted an offer.').waitFor();
    const week = await apiWeek();
    expect(week.counts.accepted).toBe(1);
    expect(week.reflection).toBeNull();
    await page.context().close();
  });

  it('speaks German when Office does', async () => {
    const { page } = await openPane('Spotter', { displayLanguage: 'de-DE' }, 'de-DE');
    await page.getByRole('button', { name: 'Dank festhalten' }).click();
    await page.getByRole('status').getByText('Festgehalten: Du hast Danke gesagt.').waitFor();
    expect((await officeCalls(page)).replyForms[0]).toContain('Danke, Ana');
    await page.context().close();
  });

  it('keeps the reps in the signed-in tenant: the same user id elsewhere sees none', async () => {
    const { page } = await openPane('Spotter');
    await page.getByRole('button', { name: 'Note the thank-you' }).click();
    await page.getByRole('status').waitFor();
    const other = apiAs(
      spotter.baseUrl,
      `Bearer ${await issuer.sign({ tid: OTHER_TENANT, oid: USER })}`,
    );
    expect((await apiWeek(other)).reps).toEqual([]);
    expect((await apiWeek()).counts.thanked).toBe(1);
    await page.context().close();
  });
});

describe('Outlook pane, elsewhere', () => {
  it('composing, offers the help-request form instead of the mail actions', async () => {
    const { page } = await openPane('Spotter', { mode: 'compose' });
    await page.getByRole('heading', { name: 'Ask someone for help with this' }).waitFor();
    expect(await page.getByRole('button', { name: 'Note the thank-you' }).count()).toBe(0);
    await page.context().close();
  });

  it('offers only what the organization has switched on', async () => {
    const orgDefaults = new OrgDefaultsService(spotter.store, { cacheMs: 0 });
    const switches = async (reps: boolean, helpRequests: boolean) => {
      const defaults = builtInOrgDefaults();
      await orgDefaults.save(me, {
        ...defaults,
        features: { ...defaults.features, reps, helpRequests },
      });
    };
    try {
      await switches(false, true);
      let { page } = await openPane('Spotter');
      await page.getByRole('heading', { name: 'Ask someone for help with this' }).waitFor();
      expect(await page.getByRole('button', { name: 'Note the thank-you' }).count()).toBe(0);
      await page.context().close();

      await switches(true, false);
      ({ page } = await openPane('Spotter'));
      await page.getByRole('button', { name: 'Note the thank-you' }).waitFor();
      expect(
        await page.getByRole('heading', { name: 'Ask someone for help with this' }).count(),
      ).toBe(0);
      await page.context().close();

      await switches(false, false);
      ({ page } = await openPane('Spotter'));
      await page.getByRole('heading', { name: 'Turned off in your organization' }).waitFor();
      expect(await page.getByRole('button', { name: 'Note the thank-you' }).count()).toBe(0);
      expect(await violations(page)).toEqual([]);
      await page.context().close();
    } finally {
      await spotter.store.delete(
        tenantScopeOf(me),
        ORG_DEFAULTS_RECORD.kind,
        ORG_DEFAULTS_RECORD.id,
      );
    }
  });

  it('says plainly when Outlook offers no SSO, and writes nothing', async () => {
    const { page } = await openPane("Spotter can't sign you in here", { token: null });
    expect(await violations(page)).toEqual([]);
    expect(await storedWeek()).toBeUndefined();
    await page.context().close();
  });

  it('says the same when Office refuses the SSO call (13003, unsupported account)', async () => {
    const { page } = await openPane("Spotter can't sign you in here", { ssoErrorCode: 13003 });
    expect((await officeCalls(page)).tokenRequests).toBe(1);
    expect(await storedWeek()).toBeUndefined();
    await page.context().close();
  });

  it('says where it belongs when opened outside Outlook', async () => {
    await openPane('Open Spotter from Outlook', { host: null }).then(({ page }) =>
      page.context().close(),
    );
  });

  it('refuses a forged token from the pane like any other', async () => {
    const forged = await issuer.sign({}, { key: 'foreign' });
    const { page } = await openPane("That didn't load", { token: forged });
    expect(await storedWeek()).toBeUndefined();
    await page.context().close();
  });
});
