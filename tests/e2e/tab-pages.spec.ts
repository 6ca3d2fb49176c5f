/**
 * Every page of the personal tab in Chromium against the real server, as the development
 * identity: this week's reps and reflection (and the same record in the chat, both ways),
 * history with search, paging and details, trends with their tables, the support network,
 * settings, the export files and deleting everything; keyboard-only use; and, through bearer
 * tokens, that another tenant sees nothing of it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DELETE_CONFIRMATION } from '../../src/api/contracts';
import { colleagueScope, scopeFromClaims, type Scope } from '../../src/auth/scope';
import { DEV_IDENTITY } from '../../src/config/config';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../src/domain/practice-week';
import { SETTINGS_RECORD, type UserSettings } from '../../src/domain/settings';
import { exportAll, toCsv, toJson } from '../../src/services/data-rights-service';
import { HelpRequestService } from '../../src/services/help-request-service';
import { PracticeService } from '../../src/services/practice-service';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { parseCsvRecords } from '../support/csv';
import { cardOf, DirectBotClient, textsOf, type DirectAnswer } from '../support/direct-bot-client';
import { seedWeeks } from '../support/practice-seed';
import { startSpotter, type TestSpotter } from '../support/spotter-server';
import { apiAs } from '../support/tab-api';
import { DEMO_COLLEAGUES, seedDemoPractice, seedDemoRequests } from '../support/tab-demo-data';
import { startTokenIssuer, type TokenIssuer } from '../support/token-issuer';

jest.setTimeout(90_000);

const TAB_INDEX = path.resolve(__dirname, '../../dist/tab/index.html');
const NOW = new Date('2026-11-26T12:00:00Z');
const THIS_WEEK = '2026-W48';
const ZONE = 'Europe/Berlin';
const me = scopeFromClaims({ tid: DEV_IDENTITY.tenantId, oid: DEV_IDENTITY.userId }) as Scope;
const colleague = scopeFromClaims({
  tid: DEV_IDENTITY.tenantId,
  oid: 'a0000000-0000-4000-8000-000000000099',
}) as Scope;

let browser: TestBrowser;
let issuer: TokenIssuer;
let spotter: TestSpotter;
let practice: PracticeService;
let bot: DirectBotClient;

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) {
    throw new Error(`${TAB_INDEX} is missing: build the tab first with \`npm run build:tab\`.`);
  }
  browser = await launchBrowser();
  issuer = await startTokenIssuer({ tenantId: 'b2000000-0000-4000-8000-000000000001' });
  spotter = await startSpotter(
    { ...issuer.env, AAD_APP_CLIENT_ID: 'spotter-client-id' },
    { now: () => NOW },
  );
  practice = new PracticeService(spotter.store, () => NOW);
  bot = new DirectBotClient(spotter.baseUrl, {
    tenantId: DEV_IDENTITY.tenantId,
    userId: DEV_IDENTITY.userId,
    name: DEV_IDENTITY.name,
    timeZone: ZONE,
  });
});

afterAll(async () => {
  await browser?.close();
  await spotter?.stop();
  await issuer?.stop();
});

beforeEach(async () => {
  for (const scope of [
    me,
    colleague,
    ...Object.values(DEMO_COLLEAGUES).map((c) => colleagueScope(me, c.id) as Scope),
  ]) {
    await spotter.store.deleteUser(scope);
  }
  await practice.saveSettings(me, {
    reminderDay: 5,
    reminderTime: '16:00',
    timeZone: ZONE,
    paused: false,
    quietHours: null,
    language: null,
  });
});

/** Opens the tab at a page and waits for the page's heading. */
async function open(hash: string, locale = 'en-US'): Promise<Page> {
  const page = await browser.newPage({ locale, timezoneId: ZONE });
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${spotter.baseUrl}/${hash}`);
  await page.locator('#page-heading').waitFor();
  expect(errors).toEqual([]);
  return page;
}

async function storedWeek(week = THIS_WEEK): Promise<PracticeWeek | undefined> {
  return (await spotter.store.get<PracticeWeek>(me, PRACTICE_WEEK_KIND, week))?.data;
}

/** The `value` of a card input, by id. */
function inputValue(answer: DirectAnswer, id: string): unknown {
  let value: unknown;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['id'] === id) value = record['value'];
      Object.values(record).forEach(visit);
    }
  };
  visit(cardOf(answer));
  return value;
}

describe('This week', () => {
  it('logs reps in one tap, undoes the last one, and the chat counts the same record', async () => {
    const page = await open('#/week');
    await page.getByLabel('Note (optional)').fill('Asked Sam to review');
    await page.getByRole('button', { name: 'I asked for something' }).click();
    await page.getByTestId('reps-status').getByText('Logged: Asked for something.').waitFor();
    await page.getByRole('button', { name: 'I said thank you' }).click();
    await page.getByTestId('rep-counts').getByText('1 thanks').waitFor();
    expect((await storedWeek())?.reps.map((rep) => [rep.kind, rep.note])).toEqual([
      ['asked', 'Asked Sam to review'],
      ['thanked', undefined],
    ]);

    await page.getByRole('button', { name: 'Undo last' }).click();
    await page.getByTestId('reps-status').getByText('Taken back: Said thank you.').waitFor();
    expect((await storedWeek())?.reps.map((rep) => rep.kind)).toEqual(['asked']);
    expect(textsOf(await bot.say('log'))).toContain('This week: 1 asked, 0 accepted, 0 thanks.');
    await page.context().close();
  });

  it('saves a reflection that the chat then opens with the same answers', async () => {
    const page = await open('#/week');
    const helpers = page.getByTestId('helped-by-input');
    await helpers.fill('Sam Okafor, Priya');
    await helpers.press('Enter');
    await page.getByRole('button', { name: 'Remove Priya' }).waitFor();
    await page.getByLabel('How many times did you say yes when someone offered to help?').fill('3');
    await page
      .getByLabel("Where could you use help that you haven't asked for yet?", { exact: false })
      .fill('The budget plan');
    await page.getByTestId('connected-input').fill('Lee');
    await page.getByTestId('connected-input').press('Enter');
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await page.getByTestId('reflection-status').getByText('Done').waitFor();

    const stored = (await practice.week(me, THIS_WEEK, ZONE)).value.reflection;
    expect(stored).toEqual({
      helpedBy: [{ name: 'Sam Okafor' }, { name: 'Priya' }],
      yesCount: 3,
      holdingAlone: 'The budget plan',
      connected: [{ name: 'Lee' }],
      completedAt: NOW.toISOString(),
    });
    const opened = await bot.say('reflect');
    expect(textsOf(opened)).toContain('change anything you like');
    expect(inputValue(opened, 'helpedByNames')).toBe('Sam Okafor, Priya');
    expect(inputValue(opened, 'yesCount')).toBe(3);
    expect(inputValue(opened, 'holdingAlone')).toBe('The budget plan');
    await page.context().close();
  });

  it('shows a reflection and reps written the way the bot writes them, with streak and challenge', async () => {
    await practice.saveReflection(
      me,
      ZONE,
      THIS_WEEK,
      { helpedBy: [{ name: 'Dana' }], yesCount: 1, holdingAlone: 'From the chat', connected: [] },
      { complete: false },
    );
    await practice.logRep(me, ZONE, 'accepted');

    const page = await open('#/week');
    await page.getByRole('button', { name: 'Remove Dana' }).waitFor();
    await expect(
      page
        .getByLabel("Where could you use help that you haven't asked for yet?", { exact: false })
        .inputValue(),
    ).resolves.toBe('From the chat');
    await expect(page.getByTestId('rep-counts').textContent()).resolves.toBe(
      'This week: 0 asked, 1 accepted, 0 thanks.',
    );
    await expect(page.getByTestId('streak').textContent()).resolves.toContain('1 week');
    await expect(page.getByTestId('challenge').textContent()).resolves.toMatch(
      /^This week's challenge: \S/,
    );
    await page.context().close();
  });

  it('keeps the answers typed in the tab when a rep was logged in the chat meanwhile', async () => {
    const page = await open('#/week');
    await page
      .getByLabel("Where could you use help that you haven't asked for yet?", { exact: false })
      .fill('Typed in the tab');
    await practice.logRep(me, ZONE, 'asked');
    await page.getByRole('button', { name: 'Save for later' }).click();
    await page.getByTestId('reflection-status').getByText('Saved').waitFor();
    const week = await storedWeek();
    expect(week?.reflection?.holdingAlone).toBe('Typed in the tab');
    expect(week?.reps).toHaveLength(1);
    await page.context().close();
  });
});

describe('History', () => {
  it('lists reflections newest first, pages, searches by text and person, and opens one', async () => {
    const weeks = await seedWeeks(spotter.store, me, THIS_WEEK, 30);
    const page = await open('#/history');
    const items = page.getByTestId('history-item');
    await items.first().waitFor();
    await expect(items.count()).resolves.toBe(20);
    await page.getByRole('button', { name: 'Show more' }).click();
    await page.getByTestId('history-summary').getByText('30 reflections').waitFor();
    await expect(
      items.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-week'))),
    ).resolves.toEqual(weeks.map((week) => week.week));

    await page.getByLabel('Words').fill('budget');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('Words: budget').waitFor();
    const budget = weeks.filter((week) => week.reflection?.holdingAlone.includes('budget'));
    await page.getByTestId('history-summary').getByText(`${budget.length} reflections`).waitFor();

    await page.getByRole('button', { name: 'Clear the word search' }).click();
    await page.getByLabel('Person (full name)').fill('mia chen');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('Person: mia chen').waitFor();
    const mia = weeks.filter((week) =>
      [...(week.reflection?.helpedBy ?? []), ...(week.reflection?.connected ?? [])].some(
        (person) => person.name === 'Mia Chen',
      ),
    );
    await page.getByTestId('history-summary').getByText(`${mia.length} reflections`).waitFor();

    const first = mia[0] as PracticeWeek;
    await items.first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: /^Week \d+/ }).waitFor();
    expect(page.url()).toContain(`#/history/${first.week}`);
    await page.getByText(first.reflection?.holdingAlone ?? '').waitFor();
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('page-heading');

    await page.goBack();
    await page.getByText('Person: mia chen').waitFor();
    await expect(items.count()).resolves.toBe(mia.length);
    await page.context().close();
  });

  it('says there is nothing at a guessed week', async () => {
    const page = await open('#/history/2019-W10');
    await page.getByRole('heading', { name: "There's nothing here" }).waitFor();
    await page.context().close();
  });
});

describe('Trends and People', () => {
  it('loads the charts only on the Trends page and offers their numbers as tables', async () => {
    await seedDemoPractice(spotter.store, me, THIS_WEEK);
    const page = await open('#/week');
    const chunks: string[] = [];
    page.on('request', (request) => chunks.push(new URL(request.url()).pathname));
    expect(chunks.some((chunk) => chunk.includes('trend-chart'))).toBe(false);

    await page.getByRole('tab', { name: 'Trends' }).click();
    await page.locator('svg rect').first().waitFor();
    expect(chunks.some((chunk) => chunk.includes('trend-chart'))).toBe(true);
    await page.getByText('Show the numbers as a table').first().click();
    const table = page.getByRole('table').first();
    await table.waitFor();
    const stored = (await storedWeek()) as PracticeWeek;
    await expect(
      table.getByRole('row').nth(1).getByRole('cell').last().textContent(),
    ).resolves.toBe(String(stored.reps.length));
    await page.context().close();
  });

  it('lists the support network and links each person to their reflections', async () => {
    await seedDemoPractice(spotter.store, me, THIS_WEEK);
    const page = await open('#/people');
    const people = page.getByTestId('person');
    await people.first().waitFor();
    await expect(people.count()).resolves.toBe(6);
    await page.getByRole('link', { name: 'Show reflections with Lee Park' }).click();
    await page.getByText('Person: Lee Park').waitFor();
    await page.getByTestId('history-item').first().waitFor();
    await page.context().close();
  });
});

describe('Requests', () => {
  it('shows both boxes and runs the card’s actions through the same state machine', async () => {
    const ids = await seedDemoRequests(spotter.store, me, () => NOW);
    const page = await open('#/week');
    await page.getByRole('tab', { name: 'Requests' }).click();
    const fromDana = page
      .getByTestId('request')
      .filter({ hasText: 'Could you look over my onboarding checklist' });
    await fromDana.getByRole('button', { name: 'Not this time' }).click();
    const dialog = page.getByRole('dialog', { name: 'Not this time' });
    await dialog.getByLabel('Want to say why? (optional)').fill('Out until Monday');
    await dialog.getByRole('button', { name: 'Send answer' }).click();
    await fromDana.getByText("can't this time: “Out until Monday”").waitFor();
    await expect(fromDana.getAttribute('data-status')).resolves.toBe('declined');

    const toSam = page.getByTestId('request').filter({ hasText: 'migration plan' });
    await toSam.getByRole('button', { name: 'Mark done' }).click();
    await toSam.getByText('Done. Sam Okafor helped.').waitFor();
    await toSam.getByRole('button', { name: 'Say thanks' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send thanks' }).click();
    await toSam.getByText('said thank you').waitFor();

    const service = new HelpRequestService(spotter.store, practice, { now: () => NOW });
    const received = await service.listReceived(me);
    expect(received.items.find((view) => view.request.id === ids.fromDana)?.request).toMatchObject({
      status: 'declined',
      declineReason: 'Out until Monday',
    });
    const sent = await service.listSent(me);
    expect(sent.items.find((view) => view.request.id === ids.toSam)?.request.status).toBe('done');
    await page.context().close();
  });
});

describe('Settings', () => {
  it('saves the reminder and the language, and speaks German at once', async () => {
    const page = await open('#/settings');
    await page.getByLabel('Remind me on').selectOption({ label: 'Thursday' });
    await page.getByLabel('At', { exact: true }).fill('09:30');
    await page.getByLabel('Time zone').selectOption('America/New_York');
    await page.getByRole('switch', { name: 'Pause reminders' }).check();
    await page.getByLabel("Spotter's language").selectOption('de');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 2, name: 'Einstellungen' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');

    const saved = await spotter.store.get<UserSettings>(
      me,
      SETTINGS_RECORD.kind,
      SETTINGS_RECORD.id,
    );
    expect(saved?.data).toEqual({
      reminderDay: 4,
      reminderTime: '09:30',
      timeZone: 'America/New_York',
      paused: true,
      quietHours: null,
      language: 'de',
    });
    await page.context().close();
  });
});

describe('My data', () => {
  async function download(page: Page, name: string): Promise<{ filename: string; text: string }> {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name }).click(),
    ]);
    const filePath = await file.path();
    return { filename: file.suggestedFilename(), text: readFileSync(filePath, 'utf8') };
  }

  it('downloads exactly the person’s data as JSON and CSV', async () => {
    await seedDemoPractice(spotter.store, me, THIS_WEEK, 8);
    await seedWeeks(spotter.store, colleague, THIS_WEEK, 3, (week) => ({
      week,
      timeZone: 'UTC',
      reflection: { helpedBy: [], yesCount: 1, holdingAlone: 'colleague secret', connected: [] },
      reps: [],
    }));
    await spotter.store.put(me, 'turn-state', 'conversation', { dialog: 'internal bookkeeping' });
    const expected = await exportAll(spotter.store, me, NOW);
    const page = await open('#/data');

    const json = await download(page, 'Download as JSON');
    expect(json.filename).toBe('spotter-export-2026-11-26.json');
    expect(json.text).toBe(toJson(expected));

    const csv = await download(page, 'Download as CSV');
    expect(csv.filename).toBe('spotter-export-2026-11-26.csv');
    expect(csv.text).toBe(`\uFEFF${toCsv(expected)}`);
    const rows = parseCsvRecords(csv.text.slice(1));
    expect(rows.filter((row) => row['record'] === 'reflection')).toHaveLength(9);
    for (const text of [json.text, csv.text]) {
      expect(text).not.toContain('colleague secret');
      expect(text).not.toContain('internal bookkeeping');
    }
    await page.context().close();
  });

  it('deletes everything of the person after a confirmation, and nothing of anyone else', async () => {
    await seedDemoPractice(spotter.store, me, THIS_WEEK, 8);
    await seedWeeks(spotter.store, colleague, THIS_WEEK, 2);
    const colleagueBefore = await spotter.store.exportUser(colleague);
    const page = await open('#/data');

    await page.getByRole('button', { name: 'Delete everything…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete everything?' });
    await dialog.getByRole('button', { name: 'Keep my data' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await spotter.store.exportUser(me)).length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Delete everything…' }).click();
    await dialog.getByRole('button', { name: 'Yes, delete everything' }).click();
    await page
      .getByTestId('data-status')
      .getByText('everything Spotter kept about you is deleted')
      .waitFor();
    await expect(spotter.store.exportUser(me)).resolves.toEqual([]);
    await expect(spotter.store.exportUser(colleague)).resolves.toEqual(colleagueBefore);
    await page.context().close();
  });
});

/**
 * Runs in the page (as text: the tests compile without the DOM library): the accessible name
 * of the focused element, from `aria-label`, `aria-labelledby`, a `<label for>` or its text.
 */
const FOCUSED_NAME = `(() => {
  const element = document.activeElement;
  if (!element) return '';
  const labelledBy = element.getAttribute('aria-labelledby');
  const label =
    element.getAttribute('aria-label') ??
    (labelledBy ? document.getElementById(labelledBy.split(' ')[0])?.textContent : null) ??
    (element.id ? document.querySelector('label[for="' + element.id + '"]')?.textContent : null);
  return (label ?? element.textContent ?? '').trim();
})()`;

describe('keyboard only', () => {
  /** Presses Tab until `name` has focus (at most `limit` times); the names passed on the way. */
  async function tabTo(page: Page, name: string, limit = 60): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < limit; i += 1) {
      await page.keyboard.press('Tab');
      const focused = (await page.evaluate(FOCUSED_NAME)) as string;
      seen.push(focused);
      if (focused === name) return seen;
    }
    throw new Error(`never reached “${name}”; saw ${seen.join(' | ')}`);
  }

  it('reaches and works every control of This week with the keyboard alone', async () => {
    const page = await open('#/week');
    const passed = await tabTo(page, 'I asked for something');
    expect(passed).toEqual(expect.arrayContaining(['This week', 'Note (optional)']));
    await page.keyboard.press('Enter');
    await page.getByTestId('reps-status').getByText('Logged: Asked for something.').waitFor();
    const rest = await tabTo(page, 'Done');
    // “Add” is skipped: it is disabled until a name is typed.
    expect(rest).toEqual(
      expect.arrayContaining(['Undo last', 'Who helped you this week?', 'I said thank you']),
    );
    await expect(page.evaluate('document.activeElement?.tagName')).resolves.toBe('BUTTON');
    await page.context().close();
  });

  it('moves between pages with the arrow keys and Enter in the tab list', async () => {
    const page = await open('#/week');
    await page.getByRole('tab', { name: 'This week' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('History');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await page.getByRole('heading', { level: 2, name: 'Trends' }).waitFor();
    await page.context().close();
  });
});

describe('with tokens of two tenants', () => {
  it('shows tenant B none of tenant A’s data; a guessed week is a 404', async () => {
    await seedDemoPractice(spotter.store, me, THIS_WEEK);
    // The same user id as the development identity, in another tenant.
    const b = apiAs(
      spotter.baseUrl,
      `Bearer ${await issuer.sign({ oid: DEV_IDENTITY.userId, name: 'Other Tenant' })}`,
    );
    const secret = (await storedWeek())?.reflection?.holdingAlone as string;
    for (const path of ['/week', '/reflections', '/people', '/trends', '/settings', '/export']) {
      const answer = await b.get(path);
      expect(answer.status).toBe(200);
      expect(answer.text).not.toContain(secret);
      expect(answer.text).not.toContain('Dana Ortiz');
      expect(answer.text).not.toContain(DEV_IDENTITY.tenantId);
    }
    expect((await b.get(`/reflections/${THIS_WEEK}`)).status).toBe(404);
    expect((await b.get('/reflections/2026-W60')).status).toBe(404);
    expect((await b.delete('/me/data', { confirm: DELETE_CONFIRMATION })).status).toBe(200);
    expect((await storedWeek())?.reflection?.holdingAlone).toBe(secret);
  });
});
