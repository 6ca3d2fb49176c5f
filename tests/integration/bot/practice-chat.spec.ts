/**
 * The weekly practice in chat, through the real server's `/api/messages` (in-process, replies
 * returned with `deliveryMode: 'expectReplies'`): reflection by card and by conversation,
 * summary, reps, settings, export and delete — each also from another tenant, which must see
 * and change nothing of the first.
 */
import type { Activity } from 'botbuilder';
import { createBot } from '../../../bot/app';
import type { BotDependencies } from '../../../bot/bot-context';
import { readReflectionDialog } from '../../../bot/dialogs/reflection-dialog';
import { SpotterAdapter } from '../../../bot/spotter-adapter';
import { TURN_STATE_KIND } from '../../../src/store/store';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../../src/domain/practice-week';
import { PROFILE_RECORD } from '../../../src/domain/profile';
import { SETTINGS_RECORD, type UserSettings } from '../../../src/domain/settings';
import type { Config } from '../../../src/config/config';
import { createLogger } from '../../../src/logging/logger';
import { PracticeService } from '../../../src/services/practice-service';
import type { Store } from '../../../src/store/store';
import {
  cardOf,
  DirectBotClient,
  textsOf,
  type DirectAnswer,
} from '../../support/direct-bot-client';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

const TENANT_A = 'a0000000-0000-4000-8000-00000000000a';
const TENANT_B = 'b0000000-0000-4000-8000-00000000000b';
const USER = 'a0000000-0000-4000-8000-000000000011';
const SAM = 'a0000000-0000-4000-8000-000000000012';
const WEEK = '2026-W48';

let clock = new Date('2026-11-27T15:00:00Z'); // Friday 16:00 in Berlin
let spotter: TestSpotter;
let alex: DirectBotClient;
/** Same user id, another tenant: must never reach tenant A's records. */
let intruder: DirectBotClient;

const scopeA = scopeFromClaims({ tid: TENANT_A, oid: USER }) as Scope;
const scopeB = scopeFromClaims({ tid: TENANT_B, oid: USER }) as Scope;

async function weekOf(scope: Scope): Promise<PracticeWeek | undefined> {
  return (await spotter.store.get<PracticeWeek>(scope, PRACTICE_WEEK_KIND, WEEK))?.data;
}

async function dialogOf(scope: Scope) {
  const records = await spotter.store.exportUser(scope);
  const state = records.find((r) => r.kind === TURN_STATE_KIND && r.id.includes('/conversations/'));
  return readReflectionDialog((state?.data as { dialog?: unknown } | undefined)?.dialog);
}

/** What is left of a person after `delete my data`: nothing, not even a reminder log. */
async function leftOver(scope: Scope) {
  const records = await spotter.store.exportUser(scope);
  return records.map((record) => record.kind);
}

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

beforeAll(async () => {
  spotter = await startSpotter({}, { now: () => clock });
  alex = new DirectBotClient(spotter.baseUrl, {
    tenantId: TENANT_A,
    userId: USER,
    name: 'Alex Rivera',
  });
  intruder = new DirectBotClient(spotter.baseUrl, {
    tenantId: TENANT_B,
    userId: USER,
    name: 'Robin Other',
    timeZone: 'America/New_York',
  });
});

afterAll(async () => {
  await spotter?.stop();
});

describe('reflection', () => {
  it('opens an empty card, saves it from the card and answers with the summary', async () => {
    // Sam uses Spotter in tenant A; a namesake id in tenant B must not lend a name.
    await spotter.store.put(
      scopeFromClaims({ tid: TENANT_A, oid: SAM }) as Scope,
      PROFILE_RECORD.kind,
      PROFILE_RECORD.id,
      { displayName: 'Sam Okafor' },
    );
    await spotter.store.put(
      scopeFromClaims({ tid: TENANT_B, oid: SAM }) as Scope,
      PROFILE_RECORD.kind,
      PROFILE_RECORD.id,
      { displayName: 'Not Sam' },
    );

    const opened = await alex.say('Reflect');
    expect(textsOf(opened)).toContain('Your five minutes · week 48');
    expect(inputValue(opened, 'helpedByPicked')).toBeUndefined();

    const saved = await alex.execute('reflect.save', {
      week: WEEK,
      helpedByPicked: `${SAM},a0000000-0000-4000-8000-0000000000ff`,
      helpedByNames: 'Priya, priya; Mei',
      yesCount: '3',
      holdingAlone: '  The budget plan  ',
      connectedNames: 'Jordan',
    });
    expect(saved.status).toBe(200);
    expect(textsOf(saved)).toContain('Week 48, reflected');
    expect(textsOf(saved)).toContain('One week of practice');
    expect(textsOf(saved)).toMatch(/Next week's challenge: /);

    const week = await weekOf(scopeA);
    expect(week?.reflection).toEqual({
      helpedBy: [
        { id: SAM, name: 'Sam Okafor' },
        { id: 'a0000000-0000-4000-8000-0000000000ff', name: 'A colleague' },
        { name: 'Priya' },
        { name: 'Mei' },
      ],
      yesCount: 3,
      holdingAlone: 'The budget plan',
      connected: [{ name: 'Jordan' }],
      completedAt: clock.toISOString(),
    });
  });

  it('edits: a second reflect shows the current answers, picked people still picked', async () => {
    const opened = await alex.say('reflect');
    expect(textsOf(opened)).toContain('change anything you like');
    expect(inputValue(opened, 'helpedByPicked')).toBe(
      `${SAM},a0000000-0000-4000-8000-0000000000ff`,
    );
    expect(inputValue(opened, 'helpedByNames')).toBe('Priya, Mei');
    expect(inputValue(opened, 'yesCount')).toBe(3);
  });

  it('answers the Action.Submit fallback like Action.Execute, as a new message', async () => {
    const saved = await alex.submit({
      verb: 'reflect.draft',
      week: WEEK,
      helpedByPicked: SAM,
      yesCount: '4',
      holdingAlone: 'The budget plan',
    });
    expect(saved.invoke).toBeUndefined();
    expect(textsOf(saved)).toContain('Saved. Pick it up any time this week');
    const week = await weekOf(scopeA);
    expect(week?.reflection?.yesCount).toBe(4);
    expect(week?.reflection?.helpedBy).toEqual([{ id: SAM, name: 'Sam Okafor' }]);
    expect(week?.reflection?.completedAt).toBe(clock.toISOString());
  });

  it('shows the card again with a friendly line for bad answers, and saves nothing', async () => {
    const before = await weekOf(scopeA);
    for (const [data, message] of [
      [{ yesCount: '-2' }, 'whole number from 0 to 999'],
      [{ yesCount: 'lots', holdingAlone: 'kept as typed' }, 'whole number'],
      [{ holdingAlone: 'x'.repeat(2001) }, 'more than 2000 characters'],
      [
        { helpedByNames: Array.from({ length: 21 }, (_, i) => `P${i}`).join(',') },
        'up to 20 people',
      ],
      [{ helpedByPicked: 'not an id!' }, "couldn't read that card"],
      [{ holdingAlone: 42 }, "couldn't read that card"],
      [{ week: '2026-W40' }, 'a week that has ended'],
    ] as const) {
      const answer = await alex.execute('reflect.save', { week: WEEK, ...data });
      expect([answer.status, textsOf(answer)]).toEqual([200, expect.stringContaining(message)]);
    }
    const typedBack = await alex.execute('reflect.save', {
      week: WEEK,
      yesCount: 'lots',
      holdingAlone: 'kept as typed',
    });
    expect(inputValue(typedBack, 'holdingAlone')).toBe('kept as typed');
    expect(await weekOf(scopeA)).toEqual(before);
  });

  it('talks it through in chat: skip, back, cancel; each answer saved as it arrives', async () => {
    const start = await alex.say('reflect in chat');
    expect(textsOf(start)).toContain('**1 of 4**');
    expect(textsOf(start)).toContain('Right now: Sam Okafor.');
    expect(await dialogOf(scopeA)).toMatchObject({ step: 0 });

    expect(textsOf(await alex.say('Sam Okafor, Tomás'))).toContain('**2 of 4**');
    expect((await weekOf(scopeA))?.reflection?.helpedBy).toEqual([
      { id: SAM, name: 'Sam Okafor' },
      { name: 'Tomás' },
    ]);
    expect(textsOf(await alex.say('a few'))).toContain('A number works best here');
    expect(await dialogOf(scopeA)).toMatchObject({ step: 1 });
    expect(textsOf(await alex.say('2'))).toContain('**3 of 4**');
    const back = await alex.say('back');
    expect(textsOf(back)).toContain('**2 of 4**');
    expect(textsOf(back)).toContain('Right now: 2.');
    expect(textsOf(await alex.say('skip'))).toContain('**3 of 4**');
    const cancelled = await alex.say('cancel');
    expect(textsOf(cancelled)).toContain('Everything you answered is saved');
    expect(await dialogOf(scopeA)).toBeUndefined();
    expect((await weekOf(scopeA))?.reflection?.yesCount).toBe(2);

    // After cancel, text is commands again.
    expect(textsOf(await alex.say('nonsense words'))).toMatch(/didn't quite catch that/);
  });

  it('finishes in chat with the summary, and the card button switches to chat', async () => {
    const moved = await alex.execute('reflect.chat', { week: WEEK });
    expect(moved.invoke?.value).toMatch(/Let's do it in chat/);
    expect(textsOf(moved)).toContain('**1 of 4**');
    await alex.say('skip');
    await alex.say('skip');
    await alex.say('reflect less, ask more');
    const done = await alex.say('Jordan, Mei');
    expect(textsOf(done)).toContain('Week 48, reflected');
    expect(await dialogOf(scopeA)).toBeUndefined();
    expect((await weekOf(scopeA))?.reflection).toMatchObject({
      holdingAlone: 'reflect less, ask more',
      connected: [{ name: 'Jordan' }, { name: 'Mei' }],
    });
  });

  it('drops a conversation from a week that has ended and answers normally', async () => {
    await alex.say('reflect in chat');
    clock = new Date('2026-11-30T09:00:00Z'); // Monday of W49
    try {
      expect(textsOf(await alex.say('help'))).toMatch(/what you can say/);
      expect(await dialogOf(scopeA)).toBeUndefined();
    } finally {
      clock = new Date('2026-11-27T15:00:00Z');
    }
  });

  it('keeps another tenant’s user of the same id away from this reflection', async () => {
    const before = await weekOf(scopeA);
    const opened = await intruder.say('reflect');
    expect(textsOf(opened)).toContain('Three short questions');
    expect(inputValue(opened, 'helpedByPicked')).toBeUndefined();
    const chat = await intruder.say('reflect in chat');
    expect(textsOf(chat)).not.toContain('Right now');
    await intruder.say('Robin');
    await intruder.say('cancel');
    await intruder.execute('reflect.save', { week: WEEK, holdingAlone: 'theirs' });
    expect(await weekOf(scopeA)).toEqual(before);
    expect((await weekOf(scopeB))?.reflection?.holdingAlone).toBe('theirs');
  });

  it('refuses group chats, where others would see a reflection', async () => {
    const group = new DirectBotClient(spotter.baseUrl, {
      tenantId: TENANT_A,
      userId: USER,
      conversationType: 'groupChat',
    });
    const before = await weekOf(scopeA);
    for (const answer of [
      await group.say('reflect'),
      await group.execute('reflect.save', { week: WEEK, holdingAlone: 'in public' }),
      await group.say('export'),
      await group.execute('reps.log', { kind: 'asked' }),
    ]) {
      expect(textsOf(answer)).toContain('just for you');
    }
    expect(await weekOf(scopeA)).toEqual(before);
  });
});

describe('reps', () => {
  it('logs by button and by text, confirms the week counts, and undoes the last one', async () => {
    const card = await alex.say('log');
    expect(textsOf(card)).toContain("This week's challenge:");
    expect(textsOf(card)).toContain('This week: 0 asked, 0 accepted, 0 thanks.');
    const tapped = await alex.execute('reps.log', { kind: 'accepted', note: 'Sam took the call' });
    expect(textsOf(tapped)).toContain('Logged: Accepted an offer.');
    expect(textsOf(tapped)).toContain('This week: 0 asked, 1 accepted, 0 thanks.');
    const typed = await alex.say('log thanks Priya for the review');
    expect(textsOf(typed)).toBe(
      'Logged: Said thank you. This week: 0 asked, 1 accepted, 1 thanks.',
    );
    expect((await weekOf(scopeA))?.reps.map((rep) => [rep.kind, rep.note])).toEqual([
      ['accepted', 'Sam took the call'],
      ['thanked', 'Priya for the review'],
    ]);
    const undone = await alex.execute('reps.undo', {});
    expect(textsOf(undone)).toContain('Taken back: Said thank you.');
    expect(textsOf(await alex.say('log undo'))).toContain('Taken back: Accepted an offer.');
    expect(textsOf(await alex.say('log undo'))).toContain("There's nothing to take back");
    expect(textsOf(await alex.say('log lifted a box'))).toContain('I know three kinds of rep');
    expect(textsOf(await alex.execute('reps.log', { kind: 'heavy' }))).toContain(
      "couldn't read that card",
    );
    await alex.say('log asked for a second pair of eyes');
  });

  it('counts the reps on the summary', async () => {
    const summary = await alex.execute('reflect.save', { week: WEEK, yesCount: '1' });
    expect(JSON.stringify(cardOf(summary))).toContain('"title":"Asked for something","value":"1"');
  });

  it('keeps another tenant’s user of the same id away from these reps', async () => {
    const before = await weekOf(scopeA);
    expect(textsOf(await intruder.say('log'))).toContain('This week: 0 asked');
    expect(textsOf(await intruder.execute('reps.undo', {}))).toContain('nothing to take back');
    await intruder.say('log accepted');
    expect(await weekOf(scopeA)).toEqual(before);
  });
});

describe('settings', () => {
  it('shows the defaults with the Teams time zone, saves valid input and confirms it', async () => {
    const card = await alex.say('settings');
    expect(inputValue(card, 'timeZone')).toBe('Europe/Berlin');
    expect(inputValue(card, 'reminderDay')).toBe('5');
    const saved = await alex.execute('settings.save', {
      reminderDay: '1',
      reminderTime: '09:15',
      timeZone: 'America/New_York',
      paused: 'false',
      quietStart: '22:00',
      quietEnd: '07:00',
    });
    expect(textsOf(saved)).toContain(
      "Saved. I'll remind you on Mondays at 09:15 (America/New\\_York). Quiet hours: 22:00–07:00.",
    );
    const stored = await spotter.store.get<UserSettings>(scopeA, SETTINGS_RECORD.kind, 'me');
    expect(stored?.data).toEqual({
      reminderDay: 1,
      reminderTime: '09:15',
      timeZone: 'America/New_York',
      paused: false,
      quietHours: { start: '22:00', end: '07:00' },
      language: null,
    });
  });

  it('answers invalid input with the card and a friendly line, saving nothing', async () => {
    const before = await spotter.store.get(scopeA, SETTINGS_RECORD.kind, 'me');
    const invalid = await alex.execute('settings.save', {
      reminderDay: '5',
      reminderTime: '16:00',
      timeZone: '**Atlantis**',
      paused: 'false',
    });
    expect(textsOf(invalid)).toContain('I don\'t know the time zone "\\*\\*Atlantis\\*\\*"');
    expect(inputValue(invalid, 'timeZone')).toBe('**Atlantis**');
    await alex.execute('settings.save', { reminderDay: '9' });
    await alex.execute('settings.save', { quietStart: '22:00' });
    await alex.execute('settings.save', 'junk');
    expect(await spotter.store.get(scopeA, SETTINGS_RECORD.kind, 'me')).toEqual(before);
  });

  it('pauses and resumes in one tap', async () => {
    expect(textsOf(await alex.execute('settings.pause', {}))).toContain('Reminders are paused');
    expect((await spotter.store.get<UserSettings>(scopeA, 'settings', 'me'))?.data.paused).toBe(
      true,
    );
    expect(textsOf(await alex.submit({ verb: 'settings.resume' }))).toContain('on Mondays');
  });

  it('keeps another tenant’s user of the same id away from these settings', async () => {
    const before = await spotter.store.get(scopeA, SETTINGS_RECORD.kind, 'me');
    const card = await intruder.say('settings');
    expect(inputValue(card, 'timeZone')).toBe('America/New_York');
    expect(inputValue(card, 'reminderDay')).toBe('5');
    await intruder.execute('settings.pause', {});
    expect(await spotter.store.get(scopeA, SETTINGS_RECORD.kind, 'me')).toEqual(before);
  });
});

describe('data rights', () => {
  it('exports everything of the person as JSON, without turn state', async () => {
    const answer = await alex.say('export');
    const text = textsOf(answer);
    const json = /```json\n([\s\S]*)\n```/.exec(text)?.[1] ?? '';
    const bundle = JSON.parse(json) as { tenantId: string; records: { kind: string }[] };
    expect(bundle.tenantId).toBe(TENANT_A);
    expect(bundle.records.map((r) => r.kind)).toEqual(
      expect.arrayContaining(['profile', 'settings', 'week']),
    );
    expect(bundle.records.map((r) => r.kind)).not.toContain(TURN_STATE_KIND);
    expect(json).toContain('for a second pair of eyes');
  });

  it('exports nothing of tenant A to a user of the same id in tenant B', async () => {
    const text = textsOf(await intruder.say('export'));
    expect(text).toContain(TENANT_B);
    expect(text).not.toContain(TENANT_A);
    expect(text).not.toContain('second pair of eyes');
  });

  it('deletes only after confirmation, and only the person’s own data', async () => {
    expect(textsOf(await alex.say('delete my data'))).toContain('Delete everything?');
    expect(textsOf(await alex.execute('data.delete.cancel', {}))).toContain('Nothing was deleted');
    expect(await weekOf(scopeA)).toBeDefined();

    const bBefore = await spotter.store.exportUser(scopeB);
    expect(textsOf(await intruder.execute('data.delete.confirm', {}))).toContain('is deleted');
    expect(await weekOf(scopeA)).toBeDefined();
    expect(await leftOver(scopeB)).toEqual([]);
    expect(bBefore.length).toBeGreaterThan(0);

    expect(textsOf(await alex.execute('data.delete.confirm', {}))).toContain('is deleted');
    expect(await leftOver(scopeA)).toEqual([]);
    // A colleague's records in the same tenant stay.
    expect(
      await spotter.store.get(
        scopeFromClaims({ tid: TENANT_A, oid: SAM }) as Scope,
        PROFILE_RECORD.kind,
        PROFILE_RECORD.id,
      ),
    ).toBeDefined();
  });
});

describe('the summary and the help-request switch', () => {
  /** Presses "Done" on a reflection card, in a bot built with help requests on or off. */
  function pressDoneWith(helpRequests: boolean) {
    const bot = createBot(
      { bot: undefined, auth: { allowedTenantIds: [] } as unknown as Config['auth'] },
      {
        store: spotter.store,
        logger: createLogger('silent'),
        now: () => clock,
        practice: new PracticeService(spotter.store, () => clock),
        features: { helpRequests },
        reminders: {
          snooze: jest.fn(),
          skip: jest.fn(),
          installed: jest.fn(),
          uninstalled: jest.fn(),
          ensurePlanned: jest.fn(),
        },
      } as unknown as BotDependencies,
    );
    return async (data: Record<string, unknown>) => {
      const outcome = await bot.handle(
        '',
        alex.activity({
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: 'reflect.save', data } },
        }) as unknown as Activity,
      );
      const body = (outcome.kind === 'handled' ? outcome.invokeResponse?.body : undefined) as {
        activities: { type: string; value?: { body?: { value?: unknown } } }[];
      };
      return JSON.stringify(body.activities.find((a) => a.type === 'invokeResponse')?.value);
    };
  }

  it('offers "turn this into a help request" with the holding-alone text, at most 500 characters', async () => {
    const press = pressDoneWith(true);
    const long = `Planning the offsite ${'x'.repeat(600)}`;
    const withText = await press({ week: WEEK, holdingAlone: long });
    expect(withText).toContain('"verb":"help-request.compose"');
    expect(withText).toContain(`"what":"${long.slice(0, 500)}"`);
    expect(await press({ week: WEEK, holdingAlone: '   ' })).not.toContain('help-request.compose');
  });

  it('offers no help request while the feature is off', async () => {
    const answer = await pressDoneWith(false)({ week: WEEK, holdingAlone: 'The offsite' });
    expect(answer).toContain('reflected');
    expect(answer).not.toContain('help-request.compose');
  });
});

describe('the reflection conversation and crashes', () => {
  it('stores its position before the reply goes out, so a crash after the reply loses nothing', async () => {
    // A process that dies right after replying: every turn-state write after a reply fails.
    let replied = false;
    const adapter = new SpotterAdapter({});
    adapter.use(async (context, next) => {
      context.onSendActivities(async (_context, activities, send) => {
        if (activities.some((activity) => activity.type === 'message')) replied = true;
        return send();
      });
      await next();
    });
    const store = spotter.store;
    const dying: Store = Object.create(store, {
      put: {
        value: (...args: Parameters<Store['put']>) =>
          replied && args[1] === TURN_STATE_KIND
            ? Promise.reject(new Error('process died'))
            : store.put(...args),
      },
    }) as Store;
    const bot = createBot(
      { bot: undefined, auth: { allowedTenantIds: [] } as unknown as Config['auth'] },
      {
        store: dying,
        logger: createLogger('silent'),
        now: () => clock,
        practice: new PracticeService(dying, () => clock),
        features: { helpRequests: false },
        reminders: { ensurePlanned: jest.fn(), installed: jest.fn() },
      } as unknown as BotDependencies,
      adapter,
    );
    const sam = new DirectBotClient(spotter.baseUrl, { tenantId: TENANT_A, userId: SAM });
    const samScope = scopeFromClaims({ tid: TENANT_A, oid: SAM }) as Scope;
    const say = async (text: string) => {
      replied = false;
      await bot.handle('', sam.activity({ type: 'message', text }) as unknown as Activity);
    };

    await say('reflect in chat');
    expect(await dialogOf(samScope)).toMatchObject({ step: 0 });
    await say('Priya');
    expect(await dialogOf(samScope)).toMatchObject({ step: 1 });
    await say('7');
    expect(await dialogOf(samScope)).toMatchObject({ step: 2 });
    expect((await weekOf(samScope))?.reflection).toMatchObject({
      helpedBy: [{ name: 'Priya' }],
      yesCount: 7,
    });
  });
});
