/**
 * The bot honours its organization's defaults, set through the admin API of the same running
 * server: switched-off reps, help requests and the compose extension answer a friendly "turned
 * off" (in the person's language) instead of working, a group override reaches the chat through
 * the groups remembered at the person's last tab sign-in, reminders of people who chose nothing
 * are planned at the organization's day and time, and the weekly challenge comes from its set.
 * Another tenant's people never notice any of it.
 */
import type { OrgDefaultsBody } from '../../../src/api/admin-contracts';
import { ADMIN_APP_ROLE } from '../../../src/auth/admin';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { challengeOf, personKeyOf } from '../../../src/domain/challenges';
import { builtInOrgDefaults } from '../../../src/domain/org-defaults';
import { PRACTICE_WEEK_KIND } from '../../../src/domain/practice-week';
import { REMINDER_RECORD, type ReminderLog } from '../../../src/domain/reminder-schedule';
import { weekKeyOf } from '../../../src/domain/week';
import { REPS_VERBS } from '../../../bot/cards/reps-card';
import { HELP_REQUEST_VERB } from '../../../bot/cards/help-request-verbs';
import { translate } from '../../../bot/i18n';
import { ASK_FOR_HELP_COMMAND } from '../../../bot/routes/message-extension';
import {
  cardOf,
  DirectBotClient,
  textsOf,
  type DirectAnswer,
} from '../../support/direct-bot-client';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { apiAs } from '../../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

// Servers start slowly on a busy machine; the waits are generous, never a speed check.
jest.setTimeout(60_000);

const TENANT_A = 'd7000000-0000-4000-8000-00000000000a';
const TENANT_B = 'd7000000-0000-4000-8000-00000000000b';
const ADMIN = 'd7000000-0000-4000-8000-0000000000ad';
const PILOT = 'd7000000-0000-4000-8000-0000000000f1';
const user = (n: number) => `d7000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
// Monday 09:00 in Berlin.
const NOW = new Date('2026-11-23T08:00:00Z');

const allOff: OrgDefaultsBody = {
  reminderDay: 3,
  reminderTime: '09:30',
  quietHours: null,
  challengeSet: 'gentle',
  features: { reps: false, helpRequests: false, composeExtension: false },
  groups: [{ groupId: PILOT, features: { reps: true } }],
};

let issuer: TokenIssuer;
let spotter: TestSpotter;

async function setDefaults(tenantId: string, defaults: OrgDefaultsBody): Promise<void> {
  const token = await issuer.sign({ tid: tenantId, oid: ADMIN, roles: [ADMIN_APP_ROLE] });
  const saved = await apiAs(spotter.baseUrl, `Bearer ${token}`).put(
    '/admin/org-defaults',
    defaults,
  );
  expect(saved.status).toBe(200);
}

function chat(tenantId: string, userId: string, locale = 'en-US'): DirectBotClient {
  return new DirectBotClient(spotter.baseUrl, { tenantId, userId, locale });
}

/** The message of a `composeExtension/*` invoke's dialog (its one text block). */
function dialogText(answer: DirectAnswer): string {
  const body = answer.invoke as unknown as {
    task?: { type?: string; value?: { card?: { content?: { body?: Array<{ text?: string }> } } } };
  };
  expect(body.task?.type).toBe('continue');
  return (body.task?.value?.card?.content?.body ?? []).map((block) => block.text).join('\n');
}

function composeInvoke(
  client: DirectBotClient,
  name: string,
  value: unknown,
): Promise<DirectAnswer> {
  return client.send(client.activity({ type: 'invoke', name, value }));
}

beforeAll(async () => {
  issuer = await startTokenIssuer({ tenantId: TENANT_A });
  spotter = await startSpotter(
    { ...issuer.env, AAD_APP_CLIENT_ID: 'spotter-client-id' },
    { now: () => NOW },
  );
  await setDefaults(TENANT_A, allOff);
});

afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
});

describe('with reps, help requests and the compose extension off', () => {
  const off = (feature: 'reps' | 'helpRequests' | 'composeExtension', locale = 'en') =>
    translate(locale, `feature.off.${feature}`);

  it('answers `log` and the rep buttons with "turned off", and logs nothing', async () => {
    const alex = chat(TENANT_A, user(1));
    expect(textsOf(await alex.say('log'))).toBe(off('reps'));
    expect(textsOf(await alex.say('log asked coffee with Sam'))).toBe(off('reps'));
    expect(textsOf(await alex.execute(REPS_VERBS.log, { kind: 'asked' }))).toBe(off('reps'));
    expect(textsOf(await alex.execute(REPS_VERBS.undo, {}))).toBe(off('reps'));
    expect(textsOf(await alex.submit({ verb: REPS_VERBS.log, kind: 'thanked' }))).toBe(off('reps'));
    const weeks = await spotter.store.list(scopeOf(TENANT_A, user(1)), PRACTICE_WEEK_KIND);
    expect(weeks.items).toEqual([]);
  });

  it('leaves switched-off commands out of `help`, only for that organization', async () => {
    const listed = (text: string) => ({
      log: text.includes(translate('en', 'reps.command')),
      ask: text.includes(translate('en', 'ask.command')),
      reflect: text.includes(translate('en', 'reflect.command')),
    });
    expect(listed(textsOf(await chat(TENANT_A, user(1)).say('help')))).toEqual({
      log: false,
      ask: false,
      reflect: true,
    });
    expect(listed(textsOf(await chat(TENANT_B, user(1)).say('help')))).toEqual({
      log: true,
      ask: true,
      reflect: true,
    });
  });

  it('says it in the person’s language', async () => {
    const german = chat(TENANT_A, user(2), 'de-DE');
    expect(textsOf(await german.say('log'))).toBe(off('reps', 'de'));
    expect(off('reps', 'de')).not.toBe(off('reps'));
  });

  it('answers `ask` and the help-request card actions with "turned off"', async () => {
    const alex = chat(TENANT_A, user(1));
    expect(textsOf(await alex.say('ask review my slides'))).toBe(off('helpRequests'));
    for (const verb of [HELP_REQUEST_VERB.create, HELP_REQUEST_VERB.accept]) {
      const answer = await alex.execute(verb, { requestId: 'anything' });
      expect([verb, answer.invoke?.value]).toEqual([verb, off('helpRequests')]);
    }
  });

  it('answers the compose extension with a "turned off" dialog', async () => {
    const alex = chat(TENANT_A, user(1));
    const fetched = await composeInvoke(alex, 'composeExtension/fetchTask', {
      commandId: ASK_FOR_HELP_COMMAND,
      commandContext: 'compose',
    });
    expect(dialogText(fetched)).toBe(off('helpRequests'));
    const submitted = await composeInvoke(alex, 'composeExtension/submitAction', {
      commandId: ASK_FOR_HELP_COMMAND,
      data: { what: 'Sketch the diagram', colleague: user(3) },
    });
    expect(dialogText(submitted)).toBe(off('helpRequests'));
  });

  it('lets a group override through, by the groups of the last tab sign-in', async () => {
    const pilot = chat(TENANT_A, user(4));
    expect(textsOf(await pilot.say('log'))).toBe(off('reps'));
    const token = await issuer.sign({ tid: TENANT_A, oid: user(4), groups: [PILOT] });
    const app = await apiAs(spotter.baseUrl, `Bearer ${token}`).get('/app');
    expect(app.status).toBe(200);
    const card = await pilot.say('log');
    expect(cardOf(card)).toBeDefined();
    expect(textsOf(await pilot.say('log asked a quick question'))).toContain(
      translate('en', 'reps.logged', { kind: translate('en', 'reps.kind.asked') }),
    );
  });

  it('draws the weekly challenge from the organization’s set', async () => {
    const scope = scopeOf(TENANT_A, user(4));
    const week = weekKeyOf(NOW, 'Europe/Berlin');
    const gentle = challengeOf(personKeyOf(scope), week, 'gentle');
    const all = challengeOf(personKeyOf(scope), week, 'all');
    const texts = textsOf(await chat(TENANT_A, user(4)).say('log'));
    expect(texts).toContain(translate('en', `challenge.${gentle}`));
    if (all !== gentle) expect(texts).not.toContain(translate('en', `challenge.${all}`));
  });

  it('plans the first reminder of someone who chose nothing at the organization’s day and time', async () => {
    await chat(TENANT_A, user(5)).say('help');
    const log = await spotter.store.get<ReminderLog>(
      scopeOf(TENANT_A, user(5)),
      REMINDER_RECORD.kind,
      REMINDER_RECORD.id,
    );
    // Wednesday 09:30 in Berlin.
    expect(log?.data.next?.at).toBe('2026-11-25T08:30:00.000Z');
  });

  it('changes nothing for another tenant’s people', async () => {
    const other = chat(TENANT_B, user(1));
    expect(cardOf(await other.say('log'))).toBeDefined();
    expect(cardOf(await other.say('ask review my slides'))).toBeDefined();
    const fetched = await composeInvoke(other, 'composeExtension/fetchTask', {
      commandId: ASK_FOR_HELP_COMMAND,
      commandContext: 'compose',
    });
    expect(dialogText(fetched)).not.toContain(off('helpRequests'));
    await other.say('help');
    const log = await spotter.store.get<ReminderLog>(
      scopeOf(TENANT_B, user(1)),
      REMINDER_RECORD.kind,
      REMINDER_RECORD.id,
    );
    // Friday 16:00 in Berlin: Spotter's own default.
    expect(log?.data.next?.at).toBe('2026-11-27T15:00:00.000Z');
  });
});

describe('with only the compose extension off', () => {
  beforeAll(async () => {
    await setDefaults(TENANT_A, {
      ...builtInOrgDefaults(),
      features: { reps: true, helpRequests: true, composeExtension: false },
    });
  });

  it('keeps `ask` working and turns the compose box away', async () => {
    const alex = chat(TENANT_A, user(1));
    expect(cardOf(await alex.say('ask review my slides'))).toBeDefined();
    const fetched = await composeInvoke(alex, 'composeExtension/fetchTask', {
      commandId: ASK_FOR_HELP_COMMAND,
      commandContext: 'compose',
    });
    expect(dialogText(fetched)).toBe(translate('en', 'feature.off.composeExtension'));
  });
});

function scopeOf(tenantId: string, userId: string): Scope {
  const scope = scopeFromClaims({ tid: tenantId, oid: userId });
  if (!scope) throw new Error('bad test ids');
  return scope;
}
