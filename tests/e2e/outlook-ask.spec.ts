/**
 * "Ask someone for help with this" from the Outlook pane, end to end: the pane in Chromium with
 * the Office.js stand-in, the real server, and Microsoft's Agents Playground as the Teams client
 * the colleague uses. Reading a mail, the sender is offered and the request carries a link to
 * the mail; writing one, a note about the request goes into the mail. Each time the request is
 * checked in the store, in both people's Requests page of the tab, and as the card that reaches
 * the colleague's chat. Then another tenant, and accessibility.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { escapeCardText } from '../../bot/cards/card-text';
import { HELP_REQUEST_VERB } from '../../bot/cards/help-request-verbs';
import type { ColleaguesResponse, ProblemDetails, ThisWeekResponse } from '../../src/api/contracts';
import { PROBLEM_TYPES } from '../../src/api/contracts';
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { startPlayground, type RunningPlayground } from '../../src/dev/playground';
import { HELP_REQUEST_KIND } from '../../src/domain/help-request';
import { HELP_INBOX_KIND, type HelpRequestRecord } from '../../src/services/help-request-service';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { freePort } from '../support/free-port';
import {
  officeCalls,
  useOfficeStandIn,
  type OfficeStandInOptions,
} from '../support/office-stand-in';
import { PlaygroundClient, type StreamEvent } from '../support/playground-client';
import { startSpotter, type TestSpotter } from '../support/spotter-server';
import { apiAs } from '../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../support/token-issuer';

jest.setTimeout(180_000);

const PANE = path.resolve(__dirname, '../../dist/tab/outlook.html');
/** The playground's tenant and people (`.m365agentsplayground.yml`). */
const TENANT = 'a0000000-0000-4000-8000-000000000001';
const OTHER_TENANT = 'a0000000-0000-4000-8000-0000000000ff';
const ALEX = {
  id: 'user-alex',
  name: 'Alex Rivera',
  aadObjectId: 'a0000000-0000-4000-8000-000000000011',
};
const SAM = {
  id: 'user-sam',
  name: 'Sam Okafor',
  aadObjectId: 'a0000000-0000-4000-8000-000000000012',
};
const SAM_MAIL = { displayName: 'Sam Okafor', emailAddress: 'Sam.Okafor@Contoso.example' };
/** What the stand-in's default item id becomes as an Outlook on the web link. */
const MAIL_LINK = 'https://outlook.office.com/mail/deeplink/read/AAMkAD-stand_in%3D';
const BOT_ID = 'a0000000-0000-4000-8000-0000000000b0';

const scopeOf = (tid: string, oid: string) => scopeFromClaims({ tid, oid }) as Scope;
const alexScope = scopeOf(TENANT, ALEX.aadObjectId);
const samScope = scopeOf(TENANT, SAM.aadObjectId);

let browser: TestBrowser;
let issuer: TokenIssuer;
let spotter: TestSpotter;
let playground: RunningPlayground;
let client: PlaygroundClient;
let alexToken: string;
let samToken: string;

function cardText(event: StreamEvent): string {
  const attachment = event.message?.attachments?.[0] as { content?: unknown } | undefined;
  return JSON.stringify(attachment?.content ?? null);
}

/** Opens a page whose calls to Spotter's API carry `token`, as if the host had signed in. */
async function pageAs(token: string, locale = 'en-US'): Promise<Page> {
  const page = await browser.newPage({ locale, timezoneId: 'Europe/Berlin' });
  await page.route('**/api/v1/**', (route) =>
    route.continue({
      headers: { ...route.request().headers(), authorization: `Bearer ${token}` },
    }),
  );
  return page;
}

/** Opens the pane with the stand-in and waits for the ask form. */
async function openPane(
  options: Partial<OfficeStandInOptions> = {},
  token = alexToken,
  locale = 'en-US',
): Promise<Page> {
  const page = await browser.newPage({ locale, timezoneId: 'Europe/Berlin' });
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await useOfficeStandIn(page, { token, from: SAM_MAIL, ...options });
  await page.goto(`${spotter.baseUrl}/outlook.html`);
  await page.getByRole('button', { name: /Send the request|Bitte senden/ }).waitFor();
  expect(errors).toEqual([]);
  return page;
}

/** Waits until a text field shows `value` (the pane fills it in once the colleagues load). */
async function valueShows(field: Locator, value: string): Promise<void> {
  const element = await field.elementHandle();
  await field
    .page()
    .waitForFunction(
      ([input, expected]) => (input as { value?: string } | null)?.value === expected,
      [element, value] as const,
    );
}

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.help}`);
}

async function requestsOf(scope: Scope): Promise<HelpRequestRecord[]> {
  return (await spotter.store.list<HelpRequestRecord>(scope, HELP_REQUEST_KIND)).items.map(
    (record) => record.data,
  );
}

/** The tab's Requests page as `token`'s person: waits for `what` in the region `box`. */
async function seenInTab(token: string, box: 'You asked' | 'Asked of you', what: string) {
  const page = await pageAs(token);
  await page.goto(`${spotter.baseUrl}/#/requests`);
  await page.getByRole('region', { name: box }).getByText(what).waitFor();
  await page.context().close();
}

beforeAll(async () => {
  if (!existsSync(PANE)) {
    throw new Error(`${PANE} is missing: build the tab first with \`npm run build:tab\`.`);
  }
  browser = await launchBrowser();
  issuer = await startTokenIssuer({ tenantId: TENANT, userId: ALEX.aadObjectId });
  // Room for every scenario's asks to Sam on one day (the default is 3 per colleague).
  spotter = await startSpotter({
    ...issuer.env,
    AAD_APP_CLIENT_ID: 'spotter-client-id',
    HELP_REQUESTS_PER_PAIR_PER_DAY: '10',
  });
  playground = await startPlayground({
    port: await freePort(),
    botEndpoint: `${spotter.baseUrl}/api/messages`,
  });
  client = await PlaygroundClient.connect(playground.url);
  const chatId = (await client.config()).personalChatId;
  const template = await client.activityTemplate(chatId);
  await client.install(chatId);
  // Both meet Spotter in Teams first: that is how it learns to reach them.
  let from = client.received().length;
  await client.say(chatId, 'help', ALEX.id);
  await client.waitFor((e) => /what you can say/i.test(e.message?.text ?? ''), { from });
  from = client.received().length;
  await client.sendCustomActivity({
    ...template,
    id: randomUUID(),
    type: 'message',
    text: 'help',
    locale: 'en-US',
    from: SAM,
  });
  await client.waitFor((e) => /what you can say/i.test(e.message?.text ?? ''), { from });

  alexToken = await issuer.sign({
    oid: ALEX.aadObjectId,
    name: ALEX.name,
    preferred_username: 'alex@contoso.example',
  });
  samToken = await issuer.sign({
    oid: SAM.aadObjectId,
    name: SAM.name,
    preferred_username: 'sam.okafor@contoso.example',
  });
  // Sam has opened the pane once, so Spotter knows the address Sam's mail comes from.
  expect((await apiAs(spotter.baseUrl, `Bearer ${samToken}`).get('/colleagues')).status).toBe(200);
  // Alex named Sam (picked from the directory) in this week's reflection: someone Alex knows.
  const alexApi = apiAs(spotter.baseUrl, `Bearer ${alexToken}`);
  const week = await alexApi.get<ThisWeekResponse>('/week');
  const saved = await alexApi.put('/week/reflection', {
    week: week.body.week,
    answers: {
      helpedBy: [{ id: SAM.aadObjectId, name: 'Sam Okafor' }],
      yesCount: null,
      holdingAlone: '',
      connected: [],
    },
    complete: false,
  });
  expect(saved.status).toBe(200);
});

afterAll(async () => {
  client?.close();
  await browser?.close();
  await playground?.stop();
  await spotter?.stop();
  await issuer?.stop();
});

describe('asking from a mail being read', () => {
  it('offers the sender, sends the request with a link to the mail, and the card reaches Sam', async () => {
    const page = await openPane({ subject: 'Quarterly numbers' });
    const picker = page.getByRole('combobox', { name: 'Who could help?' });
    await valueShows(picker, 'Sam Okafor');
    const what = page.getByRole('textbox', { name: 'What do you need?' });
    expect(await what.inputValue()).toBe('Could you help me with this mail: “Quarterly numbers”?');
    await what.fill('Could you check the Q3 figures in this mail before Friday?');

    const from = client.received().length;
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page
      .getByRole('status')
      .getByText('Sent to Sam Okafor. The card is waiting for them in Teams.')
      .waitFor();
    expect(await violations(page)).toEqual([]);

    // The store: the request in Alex's partition, the pointer in Sam's.
    const [request] = (await requestsOf(alexScope)).map((record) => record.request);
    expect(request).toMatchObject({
      what: 'Could you check the Q3 figures in this mail before Friday?',
      link: MAIL_LINK,
      status: 'sent',
      asker: { userId: ALEX.aadObjectId, name: 'Alex Rivera' },
      helper: { userId: SAM.aadObjectId, name: 'Sam Okafor' },
    });
    const inbox = await spotter.store.list(samScope, HELP_INBOX_KIND);
    expect(inbox.items.map((entry) => entry.id)).toContain(request?.id);

    // Teams: Sam's card, with the helper's buttons and the link to the mail.
    const card = await client.waitFor(
      (e) =>
        e.action === 'createMessage' &&
        cardText(e).includes(escapeCardText('Could you check the Q3 figures')),
      { from },
    );
    expect(cardText(card)).toContain('Alex Rivera asks Sam Okafor for a hand');
    expect(cardText(card)).toContain(`(${MAIL_LINK})`);
    expect(cardText(card)).toContain(HELP_REQUEST_VERB.accept);

    // The tab: both see it in their Requests page.
    await seenInTab(alexToken, 'You asked', 'Could you check the Q3 figures in this mail');
    await seenInTab(samToken, 'Asked of you', 'Could you check the Q3 figures in this mail');
    await page.context().close();
  });

  it('sends no link when the user unticks it, and speaks German when Office does', async () => {
    const page = await openPane(
      { subject: 'Budget', displayLanguage: 'de-DE' },
      alexToken,
      'de-DE',
    );
    await page.getByRole('heading', { name: 'Jemanden dabei um Hilfe bitten' }).waitFor();
    const picker = page.getByRole('combobox', { name: 'Wer könnte helfen?' });
    await valueShows(picker, 'Sam Okafor');
    await page.getByRole('checkbox', { name: 'Link zu dieser Mail mitschicken' }).uncheck();
    await page.getByRole('button', { name: 'Bitte senden' }).click();
    await page.getByRole('status').getByText('An Sam Okafor gesendet.', { exact: false }).waitFor();
    const sent = (await requestsOf(alexScope)).find((record) =>
      record.request.what.includes('„Budget“'),
    );
    expect(sent?.request.link).toBeUndefined();
    await page.context().close();
  });
});

describe('asking from a mail being written', () => {
  it('finds a colleague by typing, sends the request and notes it in the mail', async () => {
    const page = await openPane({ mode: 'compose', subject: 'Offsite planning' });
    // The pane reads the bot's id from GET /app for the link in the note; this test server runs
    // without bot credentials (so the playground can talk to it), so the answer gets one.
    await page.route('**/api/v1/app', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), botId: BOT_ID } });
    });
    const picker = page.getByRole('combobox', { name: 'Who could help?' });
    expect(await picker.inputValue()).toBe('');
    const known = await apiAs(spotter.baseUrl, `Bearer ${alexToken}`).get<ColleaguesResponse>(
      '/colleagues?q=oka',
    );
    expect(known.body.people).toEqual([
      { id: SAM.aadObjectId, name: 'Sam Okafor', source: 'known' },
    ]);
    await picker.click();
    await picker.pressSequentially('oka');
    await page.getByRole('option', { name: 'Sam Okafor' }).click();
    await page
      .getByRole('textbox', { name: 'What do you need?' })
      .fill('Twenty minutes on the offsite agenda?');
    expect(await violations(page)).toEqual([]);

    const from = client.received().length;
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page
      .getByRole('status')
      .getByText('Sent to Sam Okafor, and a note about it is in your mail.')
      .waitFor();

    expect((await officeCalls(page)).inserted).toEqual([
      {
        coercionType: 'html',
        html:
          '<p>I&#39;ve asked Sam Okafor for a hand with this through Spotter: “Twenty minutes on the offsite agenda?”</p>' +
          `<p><a href="https://teams.microsoft.com/l/chat/0/0?users=28:${BOT_ID}">Open Spotter in Teams</a></p>`,
      },
    ]);
    const sent = (await requestsOf(alexScope)).find(
      (record) => record.request.what === 'Twenty minutes on the offsite agenda?',
    );
    expect(sent?.request.link).toBeUndefined();
    await client.waitFor(
      (e) => e.action === 'createMessage' && cardText(e).includes('Twenty minutes on the offsite'),
      { from },
    );
    await seenInTab(samToken, 'Asked of you', 'Twenty minutes on the offsite agenda?');
    await page.context().close();
  });

  it('says so when Outlook does not take the note, and the request still went out', async () => {
    const page = await openPane({ mode: 'compose', subject: 'Hiring', insertFails: true });
    const picker = page.getByRole('combobox', { name: 'Who could help?' });
    await picker.click();
    await picker.pressSequentially('Sam');
    await page.getByRole('option', { name: 'Sam Okafor' }).click();
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page
      .getByRole('status')
      .getByText("The request went to Sam Okafor, but Outlook didn't take the note")
      .waitFor();
    const sent = (await requestsOf(alexScope)).map((record) => record.request.what);
    expect(sent).toContain('Could you help me with this mail: “Hiring”?');
    await page.context().close();
  });
});

describe('another tenant', () => {
  it('cannot pick or ask a colleague of this tenant, even with their ids and address', async () => {
    const elsewhere = await issuer.sign({
      tid: OTHER_TENANT,
      oid: ALEX.aadObjectId,
      name: 'Alex Elsewhere',
    });
    const page = await openPane({ subject: 'Quarterly numbers' }, elsewhere);
    const picker = page.getByRole('combobox', { name: 'Who could help?' });
    await picker.click();
    expect(await page.getByRole('option').count()).toBe(0);
    expect(await picker.inputValue()).toBe('');
    await page.context().close();

    const api = apiAs(spotter.baseUrl, `Bearer ${elsewhere}`);
    const people = await api.get<ColleaguesResponse>(
      `/colleagues?address=${encodeURIComponent(SAM_MAIL.emailAddress)}&q=sam`,
    );
    expect(people.body.people).toEqual([]);
    const inboxBefore = (await spotter.store.list(samScope, HELP_INBOX_KIND)).items.length;
    const asked = await api.post<ProblemDetails>('/requests', {
      colleagueId: SAM.aadObjectId,
      what: 'Across the fence?',
      source: 'outlook',
    });
    expect(asked.status).toBe(409);
    expect(asked.body.type).toBe(PROBLEM_TYPES.colleagueUnreachable);
    expect((await spotter.store.list(samScope, HELP_INBOX_KIND)).items).toHaveLength(inboxBefore);
    expect(await requestsOf(scopeOf(OTHER_TENANT, ALEX.aadObjectId))).toEqual([]);
  });
});
