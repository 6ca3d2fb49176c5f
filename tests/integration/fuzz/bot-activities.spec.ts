/**
 * Fuzzing the activities Teams sends the bot, through the real server's `/api/messages`: every
 * text command the bot registers (read from the bot, not listed here) and any text at all, in
 * every conversation type and locale, with the fields Teams fills in missing or odd, and
 * activity types the bot has no route for.
 *
 * @remarks
 * Properties: no 5xx, never the "something went wrong" apology, a well-formed message always
 * gets a friendly answer, and the server still answers its probes afterwards. An unhandled
 * rejection or uncaught exception anywhere in the server fails the running test: jest-circus
 * listens for both on the real process while a test runs (the server runs in-process).
 */
import fc from 'fast-check';
import { ASK_COMMAND } from '../../../bot/routes/ask';
import { expectFriendlyAnswer, expectNoFault, expectStillServing } from '../../support/bot-fuzz';
import { DirectBotClient } from '../../support/direct-bot-client';
import {
  activityOf,
  commandText,
  junkText,
  locale,
  oddFields,
} from '../../support/fuzz/activity-arbitraries';
import { recordBotRoutes, type BotRouteTable } from '../../support/fuzz/bot-routes';
import { fuzzRuns, fuzzTimeout } from '../../support/fuzz/fuzz-runs';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

const RUNS = fuzzRuns(150);
jest.setTimeout(fuzzTimeout(RUNS, 50));

/**
 * Text routes that choose by a function, so the recorder cannot read their text: each one's
 * pattern is listed here, and a test fails when a new one appears without being listed.
 */
const FUNCTION_SELECTED_COMMANDS: readonly RegExp[] = [ASK_COMMAND];

/** The longest text the endpoint takes; a longer one is refused with a 400. */
const MAX_TEXT = 28_000;

const recorder = recordBotRoutes();
let spotter: TestSpotter;
let routes: BotRouteTable;

beforeAll(async () => {
  spotter = await startSpotter({}, { now: () => new Date('2026-11-27T15:00:00Z') });
  routes = recorder.table();
  recorder.restore();
});

afterAll(async () => {
  await spotter?.stop();
});

/** A person of two tenants, with any locale and conversation type. */
function people(): fc.Arbitrary<DirectBotClient> {
  return fc
    .record({
      tenantId: fc.constantFrom('fuzz-tenant-a', 'fuzz-tenant-b'),
      userId: fc.constantFrom('fuzz-user-1', 'fuzz-user-2', 'fuzz-user-3'),
      locale: locale.map((value) => value ?? 'en-US'),
      conversationType: fc.constantFrom('personal', 'personal', 'groupChat', 'channel'),
    })
    .map((user) => new DirectBotClient(spotter.baseUrl, user));
}

it('reads every text command from the bot', () => {
  const texts = ['help', 'reflect', 'reflect in chat', 'log', 'settings', 'export'];
  for (const text of texts) {
    expect(routes.messagePatterns.some((pattern) => pattern.test(text))).toBe(true);
  }
  expect(routes.messageSelectorFunctions).toBe(FUNCTION_SELECTED_COMMANDS.length);
});

it(`answers ${RUNS} variants of every text command kindly, in any chat and locale`, async () => {
  const commands = [...routes.messagePatterns, ...FUNCTION_SELECTED_COMMANDS];
  for (const pattern of commands) {
    await fc.assert(
      fc.asyncProperty(
        fc.constant(pattern.source),
        people(),
        commandText([pattern]),
        async (_command, client, text) => {
          const answer = await client.say(text);
          if (text.length > MAX_TEXT) expect(answer.status).toBe(400);
          else expectFriendlyAnswer(answer);
        },
      ),
      { numRuns: RUNS },
    );
  }
});

it(`answers ${RUNS} free texts kindly, from empty to huge`, async () => {
  await fc.assert(
    fc.asyncProperty(people(), junkText, async (client, text) => {
      const answer = await client.say(text);
      if (text.length > MAX_TEXT) expect(answer.status).toBe(400);
      else expectFriendlyAnswer(answer);
    }),
    { numRuns: RUNS },
  );
});

it(`never fails on ${RUNS} messages with missing or odd sender, conversation, tenant or locale`, async () => {
  await fc.assert(
    fc.asyncProperty(
      people(),
      fc.oneof(junkText, commandText(routes.messagePatterns)),
      oddFields,
      async (client, text, odd) => {
        expectNoFault(await client.send(activityOf(client, { type: 'message', text }, odd)));
      },
    ),
    { numRuns: RUNS },
  );
});

it(`never fails on ${RUNS} activities of other types, known or not`, async () => {
  const types = fc.oneof(
    fc.constantFrom(
      ...routes.activityTypes,
      'typing',
      'event',
      'messageReaction',
      'messageUpdate',
      'messageDelete',
      'endOfConversation',
      'installationUpdate',
      'conversationUpdate',
      'invoke',
    ),
    fc.string({ minLength: 1, maxLength: 64 }),
  );
  await fc.assert(
    fc.asyncProperty(
      people(),
      types,
      fc.dictionary(
        fc.constantFrom(
          'action',
          'name',
          'value',
          'membersAdded',
          'membersRemoved',
          'reactionsAdded',
          'text',
        ),
        fc.jsonValue({ maxDepth: 3 }),
        { maxKeys: 4 },
      ),
      fc.option(oddFields, { nil: {} }),
      async (client, type, fields, odd) => {
        expectNoFault(await client.send(activityOf(client, { ...fields, type }, odd)));
      },
    ),
    { numRuns: RUNS },
  );
});

it('still answers its probes and a plain "help" afterwards', async () => {
  await expectStillServing(spotter.baseUrl);
  const client = new DirectBotClient(spotter.baseUrl, {
    tenantId: 'fuzz-tenant-a',
    userId: 'fuzz-user-1',
  });
  expectFriendlyAnswer(await client.say('help'));
});
