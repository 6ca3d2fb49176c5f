/**
 * Weekly reminders through the real server: install plans them, the sender posts the card to the
 * connector stand-in, and the card's buttons work (Start, Snooze 1 hour once, Skip this week), by
 * `Action.Execute` and by the `Action.Submit` fallback; uninstall stops reminders and keeps
 * everything else; a person of another tenant pressing buttons with the first person's data
 * changes nothing of theirs; and 1,000 random payloads per button get a kind answer.
 */
import fc from 'fast-check';
import { REMINDER_VERBS } from '../../../bot/cards/reminder-card';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { PROFILE_RECORD } from '../../../src/domain/profile';
import { REMINDER_RECORD, type ReminderLog } from '../../../src/domain/reminder-schedule';
import { expectFriendlyAnswer, fuzzClients, FUZZ_RUNS } from '../../support/bot-fuzz';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { DirectBotClient, textsOf, type DirectAnswer } from '../../support/direct-bot-client';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

jest.setTimeout(300_000);

const TENANT_A = 'a1000000-0000-4000-8000-000000000001';
const TENANT_B = 'b1000000-0000-4000-8000-000000000002';
const WEEK = '2026-W48';
const MONDAY = new Date('2026-11-23T08:00:00Z');
const FRIDAY_DUE = new Date('2026-11-27T15:01:00Z'); // 16:01 in Berlin

let clock = MONDAY;
let spotter: TestSpotter;
let standIn: ConnectorStandIn;
let alex: DirectBotClient;
let robin: DirectBotClient;
let alexChat: string;

function scopeOf(tenantId: string, userId: string): Scope {
  const scope = scopeFromClaims({ tid: tenantId, oid: userId });
  if (!scope) throw new Error('bad test ids');
  return scope;
}
const alexScope = () => scopeOf(TENANT_A, 'alex');

/** A client whose activities name the stand-in as their connector. */
function clientFor(tenantId: string, userId: string): { client: DirectBotClient; chat: string } {
  const client = new DirectBotClient(spotter.baseUrl, {
    tenantId,
    userId,
    name: `${userId} Tester`,
  });
  const conversation = client.activity({})['conversation'] as { id: string };
  standIn.conversation(tenantId, conversation.id);
  const original = client.activity.bind(client);
  client.activity = (fields) => original({ serviceUrl: standIn.serviceUrl, ...fields });
  return { client, chat: conversation.id };
}

function install(client: DirectBotClient): Promise<DirectAnswer> {
  return client.send(
    client.activity({
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:spotter-bot' }],
    }),
  );
}

async function logOf(scope: Scope): Promise<ReminderLog | undefined> {
  return (await spotter.store.get<ReminderLog>(scope, REMINDER_RECORD.kind, REMINDER_RECORD.id))
    ?.data;
}

/** The reminder cards the stand-in received in a chat. */
function remindersIn(chat: string): Record<string, unknown>[] {
  return standIn
    .deliveredTo(chat)
    .map((d) => d.activity)
    .filter((activity) => JSON.stringify(activity).includes('reminder.start'));
}

beforeAll(async () => {
  standIn = await ConnectorStandIn.start({ conversationLimits: [{ limit: 1000, windowMs: 1000 }] });
  spotter = await startSpotter({}, { now: () => clock });
  ({ client: alex, chat: alexChat } = clientFor(TENANT_A, 'alex'));
  ({ client: robin } = clientFor(TENANT_B, 'robin'));
});

afterAll(async () => {
  await spotter?.stop();
  await standIn?.stop();
});

describe('a week of reminders', () => {
  it('plans Friday 16:00 in the person’s zone when they install Spotter', async () => {
    const answer = await install(alex);
    expect(textsOf(answer)).toMatch(/Spotter/);
    expect((await logOf(alexScope()))?.next).toEqual({
      at: '2026-11-27T15:00:00.000Z',
      week: WEEK,
      followUp: false,
    });
  });

  it('posts the card when it is due, once', async () => {
    clock = FRIDAY_DUE;
    expect((await spotter.reminders.runOnce(clock)).sent).toBe(1);
    expect((await spotter.reminders.runOnce(clock)).sent).toBe(0);
    const [card] = remindersIn(alexChat);
    expect(JSON.stringify(card)).toContain('Time for your five minutes');
    expect(remindersIn(alexChat)).toHaveLength(1);
  });

  it('snoozes for an hour, once', async () => {
    const snoozed = await alex.execute(REMINDER_VERBS.snooze, { week: WEEK, followUp: false });
    expect(snoozed.invoke?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(textsOf(snoozed)).toContain("Snoozed. I'll check back at 17:01.");
    const again = await alex.execute(REMINDER_VERBS.snooze, { week: WEEK, followUp: false });
    expect(textsOf(again)).toMatch(/snoozed this one already/);
    expect((await logOf(alexScope()))?.next).toMatchObject({ followUp: true, week: WEEK });
  });

  it('sends the follow-up an hour later, without a second snooze button', async () => {
    clock = new Date('2026-11-27T16:02:00Z');
    expect((await spotter.reminders.runOnce(clock)).sent).toBe(1);
    const cards = remindersIn(alexChat);
    expect(cards).toHaveLength(2);
    expect(JSON.stringify(cards[1])).toContain('Your five minutes are still here');
    expect(JSON.stringify(cards[1])).not.toContain('reminder.snooze');
  });

  it('starts this week’s reflection from Start', async () => {
    const started = await alex.execute(REMINDER_VERBS.start, { week: WEEK, followUp: true });
    expect(textsOf(started)).toContain('Here we go. Your reflection is right below.');
    // startReflection sent the reflection card as a reply.
    expect(started.replies.some((r) => r.attachments?.length)).toBe(true);
  });

  it('skips the week by the Action.Submit fallback too', async () => {
    const skipped = await alex.submit({ verb: REMINDER_VERBS.skip, week: WEEK, followUp: true });
    expect(textsOf(skipped)).toMatch(/This week is skipped/);
    expect((await logOf(alexScope()))?.latest?.skippedAt).toBeDefined();
    expect((await logOf(alexScope()))?.next?.week).toBe('2026-W49');
  });

  it('refuses last week’s card and a malformed one, kindly', async () => {
    const stale = await alex.execute(REMINDER_VERBS.skip, { week: '2026-W47' });
    expect(textsOf(stale)).toMatch(/earlier week/);
    const broken = await alex.execute(REMINDER_VERBS.snooze, { week: 'next friday' });
    expect(textsOf(broken)).toMatch(/didn't come through/);
  });
});

describe('tenant isolation', () => {
  it('changes nothing of another tenant’s person, whatever the card data says', async () => {
    await install(robin);
    const before = await logOf(alexScope());
    for (const verb of [REMINDER_VERBS.snooze, REMINDER_VERBS.skip]) {
      const answer = await robin.execute(verb, {
        week: WEEK,
        followUp: false,
        tenantId: TENANT_A,
        userId: 'alex',
      });
      expect(textsOf(answer)).toMatch(/haven't sent you a reminder/);
    }
    expect(await logOf(alexScope())).toEqual(before);
    expect((await logOf(scopeOf(TENANT_B, 'robin')))?.latest).toBeUndefined();
  });
});

describe('uninstall', () => {
  it('stops reminders and deletes nothing else; installing again restarts them', async () => {
    await alex.send(alex.activity({ type: 'installationUpdate', action: 'remove' }));
    const log = await logOf(alexScope());
    expect(log?.stopped).toBe('uninstalled');
    expect(log?.next).toBeUndefined();
    expect(
      await spotter.store.get(alexScope(), PROFILE_RECORD.kind, PROFILE_RECORD.id),
    ).toBeDefined();

    clock = new Date('2026-12-04T15:30:00Z'); // next Friday, after 16:00 in Berlin
    await spotter.reminders.runOnce(clock);
    expect(remindersIn(alexChat)).toHaveLength(2);

    await install(alex);
    expect((await logOf(alexScope()))?.next?.week).toBe('2026-W50');
  });

  it('also stops when the bot is removed from the chat', async () => {
    await robin.send(
      robin.activity({ type: 'conversationUpdate', membersRemoved: [{ id: '28:spotter-bot' }] }),
    );
    expect((await logOf(scopeOf(TENANT_B, 'robin')))?.stopped).toBe('uninstalled');
  });
});

describe('fuzzing the reminder card', () => {
  const either = <T>(good: fc.Arbitrary<T>) => fc.oneof(good, fc.string(), fc.jsonValue());
  const data = fc.oneof(
    fc.record(
      {
        week: either(fc.constantFrom(WEEK, '2026-W49', '2026-W53', '2026-W54', '')),
        followUp: either(fc.boolean()),
        tenantId: fc.string(),
      },
      { requiredKeys: [] },
    ),
    fc.jsonValue(),
  );

  it.each(Object.values(REMINDER_VERBS))(
    `answers ${FUZZ_RUNS} random payloads of %s kindly, by Execute and by Submit`,
    async (verb) => {
      await fc.assert(
        fc.asyncProperty(
          fuzzClients(spotter.baseUrl),
          data,
          fc.boolean(),
          async (client, value, viaSubmit) => {
            const isRecord = value !== null && typeof value === 'object' && !Array.isArray(value);
            const answer = viaSubmit
              ? await client.submit(isRecord ? { ...value, verb } : { verb })
              : await client.execute(verb, value);
            expectFriendlyAnswer(answer);
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    },
  );
});
