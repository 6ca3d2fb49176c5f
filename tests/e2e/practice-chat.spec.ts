/**
 * The weekly practice end to end through Microsoft's Agents Playground, against the built
 * server running as a child process: install → reflect by card → reflect by text → edit →
 * summary; reps and undo; settings; the server killed mid-conversation and started again on
 * the same database, carrying on with the earlier answers kept; and a user of another tenant
 * (through the playground's custom activities) who sees and changes nothing of the first.
 */
import { randomUUID } from 'node:crypto';
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { DEV_IDENTITY } from '../../src/config/config';
import { startPlayground, type RunningPlayground } from '../../src/dev/playground';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../src/domain/practice-week';
import { SETTINGS_RECORD, type UserSettings } from '../../src/domain/settings';
import { SqliteStore } from '../../src/store/sqlite-store';
import { freePort } from '../support/free-port';
import { PlaygroundClient, type StreamEvent } from '../support/playground-client';
import { startSpotterProcess, type SpotterProcess } from '../support/spotter-process';

jest.setTimeout(120_000);

const ALEX = 'user-alex';
const SAM_OID = 'a0000000-0000-4000-8000-000000000012';
const OTHER_TENANT = 'b0000000-0000-4000-8000-000000000002';
const alexScope = scopeFromClaims({
  tid: DEV_IDENTITY.tenantId,
  oid: DEV_IDENTITY.userId,
}) as Scope;
const sameIdOtherTenant = scopeFromClaims({
  tid: OTHER_TENANT,
  oid: DEV_IDENTITY.userId,
}) as Scope;

type Card = Record<string, unknown>;

let spotter: SpotterProcess;
let playground: RunningPlayground;
let client: PlaygroundClient;
let reader: SqliteStore;
let chatId: string;
let week: string;

function cardIn(event: StreamEvent): Card | undefined {
  const attachment = (event.message?.attachments ?? []).find(
    (a) =>
      (a as { contentType?: string }).contentType === 'application/vnd.microsoft.card.adaptive',
  ) as { content?: Card } | undefined;
  return attachment?.content;
}

function textOf(card: unknown): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['type'] === 'TextBlock' && typeof record['text'] === 'string') {
        texts.push(record['text']);
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return texts.join('\n');
}

function inputValue(card: unknown, id: string): unknown {
  let value: unknown;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['id'] === id) value = record['value'];
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return value;
}

/** Says something as Alex and waits for the bot's next message. */
async function say(text: string, match: RegExp = /./): Promise<StreamEvent> {
  const from = client.received().length;
  await client.say(chatId, text, ALEX);
  return client.waitFor(
    (e) =>
      e.action === 'createMessage' &&
      e.message?.from?.id !== ALEX &&
      match.test(`${e.message?.text ?? ''}\n${textOf(cardIn(e))}`),
    { from },
  );
}

/** Presses an Action.Execute button of a card in the chat, as the playground's UI would. */
async function press(cardEvent: StreamEvent, verb: string, data: Card): Promise<unknown> {
  const response = await fetch(`${playground.url}/_conversation/v1/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
      from: { id: ALEX },
      conversation: { id: chatId },
      replyToId: (cardEvent.message as { messageId?: string } | undefined)?.messageId,
    }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as unknown;
}

/** A message of another tenant's user (same user id as Alex) through custom activities. */
async function otherTenantSays(text: string, match: RegExp): Promise<StreamEvent> {
  const template = await client.activityTemplate(chatId);
  const from = client.received().length;
  await client.sendCustomActivity({
    ...template,
    id: randomUUID(),
    type: 'message',
    text,
    from: { id: 'user-other', name: 'Robin Other', aadObjectId: DEV_IDENTITY.userId },
    conversation: { ...(template['conversation'] as object), tenantId: OTHER_TENANT },
    channelData: { ...(template['channelData'] as object), tenant: { id: OTHER_TENANT } },
  });
  return client.waitFor(
    (e) => e.action === 'createMessage' && match.test(`${e.message?.text}\n${textOf(cardIn(e))}`),
    { from },
  );
}

/** An invoke of another tenant's user, straight to the bot so its response comes back. */
async function otherTenantPresses(verb: string, data: Card): Promise<unknown> {
  const template = await client.activityTemplate(chatId);
  const response = await fetch(`${spotter.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...template,
      id: randomUUID(),
      type: 'invoke',
      name: 'adaptiveCard/action',
      serviceUrl: `${playground.url}/_connector`,
      value: { action: { type: 'Action.Execute', verb, data } },
      from: { id: 'user-other', name: 'Robin Other', aadObjectId: DEV_IDENTITY.userId },
      conversation: { ...(template['conversation'] as object), tenantId: OTHER_TENANT },
      channelData: { ...(template['channelData'] as object), tenant: { id: OTHER_TENANT } },
    }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as unknown;
}

async function alexWeek(): Promise<PracticeWeek | undefined> {
  return (await reader.get<PracticeWeek>(alexScope, PRACTICE_WEEK_KIND, week))?.data;
}

beforeAll(async () => {
  spotter = await startSpotterProcess();
  playground = await startPlayground({
    port: await freePort(),
    botEndpoint: `${spotter.baseUrl}/api/messages`,
  });
  client = await PlaygroundClient.connect(playground.url);
  chatId = (await client.config()).personalChatId;
  reader = SqliteStore.open(spotter.sqlitePath);
});

afterAll(async () => {
  client?.close();
  await reader?.close();
  await playground?.stop();
  await spotter?.stop();
});

it('installs and says hello', async () => {
  const from = client.received().length;
  await client.install(chatId);
  await client.waitFor((e) => /Hi Alex, I'm Spotter/.test(e.message?.text ?? ''), { from });
  expect((await say('help', /what you can say/)).message?.text).toContain('**reflect**');
});

it('reflects by card: people, the yes-count and the rest, then the summary', async () => {
  const opened = await say('reflect', /Your five minutes/);
  const card = cardIn(opened);
  const save = ((card?.['actions'] ?? []) as { verb?: string; data?: { week?: string } }[]).find(
    (action) => action.verb === 'reflect.save',
  );
  week = save?.data?.week ?? '';
  expect(week).toMatch(/^\d{4}-W\d{2}$/);

  const answer = (await press(opened, 'reflect.save', {
    week,
    helpedByPicked: SAM_OID,
    helpedByNames: 'Priya',
    yesCount: '2',
    holdingAlone: 'The offsite plan',
    connectedPicked: '',
    connectedNames: 'Jordan',
  })) as { value?: unknown };
  expect(textOf(answer.value)).toMatch(/reflected/);
  expect(textOf(answer.value)).toMatch(/One week of practice/);
  expect((await alexWeek())?.reflection).toMatchObject({
    helpedBy: [{ id: SAM_OID, name: 'A colleague' }, { name: 'Priya' }],
    yesCount: 2,
    holdingAlone: 'The offsite plan',
    connected: [{ name: 'Jordan' }],
  });
});

it('reflects by text, survives a server kill mid-conversation, and finishes', async () => {
  const first = await say('reflect in chat', /1 of 4/);
  expect(first.message?.text).toContain('Right now: A colleague, Priya.');
  expect((await say('Sam, Mei', /2 of 4/)).message?.text).toContain('Right now: 2.');
  await say('4', /3 of 4/);

  await spotter.kill();
  await spotter.restart();

  const third = await say('The offsite plan, and the hiring panel', /4 of 4/);
  expect(third.message?.text).toContain('Right now: Jordan.');
  expect((await alexWeek())?.reflection).toMatchObject({
    helpedBy: [{ name: 'Sam' }, { name: 'Mei' }],
    yesCount: 4,
    holdingAlone: 'The offsite plan, and the hiring panel',
  });
  const summary = await say('skip', /reflected/);
  expect(textOf(cardIn(summary))).toMatch(/Next week's challenge/);
  expect((await alexWeek())?.reflection?.connected).toEqual([{ name: 'Jordan' }]);
});

it('edits: reflect again shows the current answers on the card', async () => {
  const opened = await say('reflect', /change anything you like/);
  const card = cardIn(opened);
  expect(inputValue(card, 'helpedByNames')).toBe('Sam, Mei');
  expect(inputValue(card, 'yesCount')).toBe(4);
  expect(inputValue(card, 'holdingAlone')).toBe('The offsite plan, and the hiring panel');
  const answer = (await press(opened, 'reflect.save', {
    week,
    helpedByNames: 'Sam, Mei, Tomás',
    yesCount: '5',
    holdingAlone: 'The hiring panel',
    connectedNames: 'Jordan',
  })) as { value?: unknown };
  expect(textOf(answer.value)).toMatch(/reflected/);
  expect((await alexWeek())?.reflection).toMatchObject({
    yesCount: 5,
    holdingAlone: 'The hiring panel',
  });
});

it('logs reps by button and by text, and undoes the last one', async () => {
  const card = await say('log', /Log a rep/);
  expect(textOf(cardIn(card))).toContain('This week: 0 asked, 0 accepted, 0 thanks.');
  const logged = (await press(card, 'reps.log', {
    kind: 'asked',
    note: 'Asked Sam to review',
  })) as {
    value?: unknown;
  };
  expect(textOf(logged.value)).toContain('This week: 1 asked, 0 accepted, 0 thanks.');
  expect((await say('log thanked Mei', /Logged: Said thank you/)).message?.text).toContain(
    '1 asked, 0 accepted, 1 thanks',
  );
  const undone = (await press(card, 'reps.undo', {})) as { value?: unknown };
  expect(textOf(undone.value)).toContain('Taken back: Said thank you.');
  expect((await alexWeek())?.reps.map((rep) => [rep.kind, rep.note])).toEqual([
    ['asked', 'Asked Sam to review'],
  ]);
});

it('saves settings from the card, refuses invalid ones, and confirms in words', async () => {
  const card = await say('settings', /Your settings/);
  expect(inputValue(cardIn(card), 'reminderDay')).toBe('5');
  const invalid = (await press(card, 'settings.save', {
    reminderDay: '5',
    reminderTime: '16:00',
    timeZone: 'Moon/Base',
    paused: 'false',
  })) as { value?: unknown };
  expect(textOf(invalid.value)).toContain('Nothing was saved');
  expect(await reader.get(alexScope, SETTINGS_RECORD.kind, SETTINGS_RECORD.id)).toBeUndefined();
  const saved = (await press(card, 'settings.save', {
    reminderDay: '4',
    reminderTime: '17:30',
    timeZone: 'Europe/Berlin',
    paused: 'false',
    quietStart: '',
    quietEnd: '',
  })) as { value?: unknown };
  expect(textOf(saved.value)).toContain("I'll remind you on Thursdays at 17:30 (Europe/Berlin).");
  const stored = await reader.get<UserSettings>(
    alexScope,
    SETTINGS_RECORD.kind,
    SETTINGS_RECORD.id,
  );
  expect(stored?.data).toMatchObject({ reminderDay: 4, reminderTime: '17:30', paused: false });
});

it('keeps a user of another tenant away from the reflection, reps and settings', async () => {
  const reflectionBefore = await alexWeek();
  const settingsBefore = await reader.get(alexScope, SETTINGS_RECORD.kind, SETTINGS_RECORD.id);

  const card = await otherTenantSays('reflect', /Your five minutes/);
  expect(textOf(cardIn(card))).toContain('Three short questions');
  expect(inputValue(cardIn(card), 'holdingAlone')).toBeUndefined();
  const reps = await otherTenantSays('log', /Log a rep/);
  expect(textOf(cardIn(reps))).toContain('This week: 0 asked, 0 accepted, 0 thanks.');
  const exported = await otherTenantSays('export', /everything I keep about you/);
  expect(exported.message?.text).not.toContain('hiring panel');
  expect(exported.message?.text).not.toContain(DEV_IDENTITY.tenantId);

  const undo = JSON.stringify(await otherTenantPresses('reps.undo', {}));
  expect(undo).toContain('nothing to take back');
  await otherTenantPresses('settings.pause', {});
  await otherTenantPresses('reflect.save', { holdingAlone: 'Robin was here' });

  expect(await alexWeek()).toEqual(reflectionBefore);
  expect(await reader.get(alexScope, SETTINGS_RECORD.kind, SETTINGS_RECORD.id)).toEqual(
    settingsBefore,
  );
  const theirs = await reader.get<PracticeWeek>(sameIdOtherTenant, PRACTICE_WEEK_KIND, week);
  expect(theirs?.data.reflection?.holdingAlone ?? '').not.toContain('hiring');
});
