/**
 * Fuzzing the bot's buttons and invokes through the real server's `/api/messages`: every card
 * verb the bot registers (read from the bot) as `Action.Execute` and as `Action.Submit`, with
 * data taken from the bot's own cards and bent, the compose-box command's fetch and submit,
 * buttons on inserted cards, install and membership updates, and invokes nobody handles.
 *
 * @remarks
 * Properties: no 5xx, never the "something went wrong" apology, a card action in a well-formed
 * activity always gets a friendly answer, and the server still answers its probes afterwards.
 * Unhandled rejections and uncaught exceptions fail the running test (jest-circus watches the
 * real process; the server runs in-process).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { HELP_REQUEST_VERB } from '../../../bot/cards/help-request-verbs';
import { REFLECTION_VERBS } from '../../../bot/cards/reflection-card';
import { REPS_VERBS } from '../../../bot/cards/reps-card';
import { ASK_COMMAND } from '../../../bot/routes/ask';
import {
  expectFriendlyAnswer,
  expectNoFault,
  expectStillServing,
  fuzzClients,
} from '../../support/bot-fuzz';
import { DirectBotClient } from '../../support/direct-bot-client';
import {
  activityOf,
  cardData,
  executeValue,
  junkText,
  oddFields,
} from '../../support/fuzz/activity-arbitraries';
import { recordBotRoutes, type BotRouteTable } from '../../support/fuzz/bot-routes';
import { emptyHarvest, harvestCards, type CardHarvest } from '../../support/fuzz/card-harvest';
import { startConnectorSink, type ConnectorSink } from '../../support/fuzz/connector-sink';
import { fuzzRuns, fuzzTimeout } from '../../support/fuzz/fuzz-runs';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

const RUNS = fuzzRuns(30);
jest.setTimeout(fuzzTimeout(RUNS, 150));

/** Invoke names Teams may send that Spotter does not handle, and made-up ones. */
const UNHANDLED_INVOKES = [
  'composeExtension/query',
  'composeExtension/selectItem',
  'composeExtension/queryLink',
  'composeExtension/querySettingUrl',
  'composeExtension/setting',
  'task/fetch',
  'task/submit',
  'signin/verifyState',
  'signin/tokenExchange',
  'fileConsent/invoke',
  'actionableMessage/executeAction',
  'message/submitAction',
  'config/fetch',
  'tab/fetch',
  'handoff/action',
  'adaptiveCard/search',
];

const recorder = recordBotRoutes();
let spotter: TestSpotter;
let connector: ConnectorSink;
let routes: BotRouteTable;
const harvest: CardHarvest = emptyHarvest();

beforeAll(async () => {
  connector = await startConnectorSink();
  spotter = await startSpotter({}, { now: () => new Date('2026-11-27T15:00:00Z') });
  routes = recorder.table();
  recorder.restore();
  // The cards people get from each text command, and from pressing each button once, are where
  // realistic button data comes from.
  const primer = new DirectBotClient(spotter.baseUrl, {
    tenantId: 'fuzz-tenant-a',
    userId: 'fuzz-user-1',
    serviceUrl: connector.serviceUrl,
  });
  for (const pattern of [...routes.messagePatterns, ASK_COMMAND]) {
    for (const text of fc.sample(
      fc.stringMatching(new RegExp(pattern.source)).filter((t) => t.length < 200),
      { numRuns: 3, seed: 48 },
    ))
      harvestCards(harvest, await primer.say(text.trim()));
  }
  for (const verb of routes.executeVerbs) {
    for (const data of [{}, ...(harvest.examples.get(verb) ?? [])])
      harvestCards(harvest, await primer.execute(verb, data));
  }
});

afterAll(async () => {
  await spotter?.stop();
  await connector?.stop();
});

/** The fuzzing people, whose card updates reach the sink. */
function clients() {
  return fuzzClients(spotter.baseUrl, connector.serviceUrl);
}

/** Data for `verb`: its buttons' data bent, the cards' inputs, or any JSON. */
function dataFor(verb: string): fc.Arbitrary<unknown> {
  return cardData(harvest.examples.get(verb) ?? [], [...harvest.inputIds]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

it('reads the verbs and compose-box commands from the bot, and data from its cards', () => {
  expect(routes.executeVerbs).toEqual(
    expect.arrayContaining([REFLECTION_VERBS.save, REPS_VERBS.log, HELP_REQUEST_VERB.create]),
  );
  expect(routes.submitVerbs).toEqual(routes.executeVerbs);
  expect(routes.fetchTaskCommands.length).toBeGreaterThan(0);
  expect(routes.submitActionCommands).toEqual(routes.fetchTaskCommands);
  expect(routes.cardButtonClicks).toBe(true);
  expect(harvest.examples.size).toBeGreaterThan(5);
  expect(harvest.inputIds.size).toBeGreaterThan(5);
});

it(`answers ${RUNS} random presses of every Action.Execute verb kindly`, async () => {
  for (const verb of routes.executeVerbs) {
    await fc.assert(
      fc.asyncProperty(fc.constant(verb), clients(), dataFor(verb), async (_verb, client, data) => {
        const answer = await client.execute(verb, data);
        expectFriendlyAnswer(answer);
        expect(answer.invoke).toBeDefined();
      }),
      { numRuns: RUNS },
    );
  }
});

it(`answers ${RUNS} random Action.Submit fallbacks of every verb kindly`, async () => {
  for (const verb of routes.submitVerbs) {
    await fc.assert(
      fc.asyncProperty(fc.constant(verb), clients(), dataFor(verb), async (_verb, client, data) => {
        const replyToId = randomUUID();
        const value = isRecord(data) ? { ...data, verb } : { verb };
        const answer = await client.send(client.activity({ type: 'message', value, replyToId }));
        // An answer may replace the pressed card through the connector instead of a reply.
        const updates = connector.takeUpdates(replyToId);
        expectFriendlyAnswer({ ...answer, replies: [...answer.replies, ...updates] });
      }),
      { numRuns: RUNS },
    );
  }
});

it(`never fails on ${RUNS} card actions that are bent out of shape`, async () => {
  const verb = fc.oneof(fc.constantFrom(...routes.executeVerbs), junkText);
  await fc.assert(
    fc.asyncProperty(
      clients(),
      executeValue(verb, fc.jsonValue({ maxDepth: 3 })),
      fc.option(oddFields, { nil: {} }),
      async (client, value, odd) => {
        const activity = { type: 'invoke', name: 'adaptiveCard/action', value };
        expectNoFault(await client.send(activityOf(client, activity, odd)));
      },
    ),
    { numRuns: RUNS * 5 },
  );
});

it(`answers ${RUNS} random compose-box fetches and submits of every command`, async () => {
  const formData = cardData([], [...harvest.inputIds]);
  for (const commandId of routes.fetchTaskCommands) {
    const value = fc.record(
      {
        commandId: fc.oneof(fc.constant(commandId), junkText),
        commandContext: fc.oneof(fc.constantFrom('compose', 'message', 'commandbox'), junkText),
        context: fc.jsonValue({ maxDepth: 2 }),
        messagePayload: fc.jsonValue({ maxDepth: 3 }),
        data: formData,
        botMessagePreviewAction: fc.constantFrom('edit', 'send', 'x'),
      },
      { requiredKeys: ['commandId'] },
    );
    await fc.assert(
      fc.asyncProperty(
        clients(),
        fc.constantFrom('composeExtension/fetchTask', 'composeExtension/submitAction'),
        value,
        async (client, name, invokeValue) => {
          const answer = await client.send(
            client.activity({ type: 'invoke', name, value: invokeValue }),
          );
          // A bot message preview is a different route, which Spotter does not offer.
          if (invokeValue.commandId === commandId && !invokeValue.botMessagePreviewAction)
            expectFriendlyAnswer(answer);
          else expectNoFault(answer);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  }
});

it(`answers ${RUNS} random button presses on cards inserted from the compose box`, async () => {
  const pressed = fc
    .tuple(
      fc.oneof(fc.constantFrom(...routes.submitVerbs), junkText),
      cardData([], [...harvest.inputIds]),
    )
    .map(([verb, data]) => (isRecord(data) ? { ...data, verb } : data));
  await fc.assert(
    fc.asyncProperty(clients(), pressed, async (client, value) => {
      const name = 'composeExtension/onCardButtonClicked';
      expectNoFault(await client.send(client.activity({ type: 'invoke', name, value })));
    }),
    { numRuns: RUNS * 2 },
  );
});

it(`never fails on ${RUNS} installation and membership updates`, async () => {
  const member = fc.oneof(
    fc.constantFrom({ id: '28:spotter-bot' }, { id: '29:fuzz-user-1', aadObjectId: 'fuzz-user-1' }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const update = fc.oneof(
    fc.record({
      type: fc.constant('installationUpdate'),
      action: fc.oneof(fc.constantFrom('add', 'remove', 'add-upgrade', 'remove-upgrade'), junkText),
    }),
    fc.record(
      {
        type: fc.constant('conversationUpdate'),
        membersAdded: fc.oneof(fc.array(member, { maxLength: 4 }), fc.jsonValue()),
        membersRemoved: fc.oneof(fc.array(member, { maxLength: 4 }), fc.jsonValue()),
        topicName: junkText,
      },
      { requiredKeys: ['type'] },
    ),
  );
  await fc.assert(
    fc.asyncProperty(
      clients(),
      update,
      fc.option(oddFields, { nil: {} }),
      async (client, fields, odd) => {
        expectNoFault(await client.send(activityOf(client, fields, odd)));
      },
    ),
    { numRuns: RUNS * 5 },
  );
});

it(`never fails on ${RUNS} invokes that nobody handles`, async () => {
  await fc.assert(
    fc.asyncProperty(
      clients(),
      fc.oneof(fc.constantFrom(...UNHANDLED_INVOKES), junkText),
      fc.jsonValue({ maxDepth: 3 }),
      async (client, name, value) => {
        expectNoFault(await client.send(client.activity({ type: 'invoke', name, value })));
      },
    ),
    { numRuns: RUNS * 5 },
  );
});

it('still answers its probes and a plain button afterwards', async () => {
  await expectStillServing(spotter.baseUrl);
  const client = new DirectBotClient(spotter.baseUrl, {
    tenantId: 'fuzz-tenant-a',
    userId: 'fuzz-user-1',
  });
  expectFriendlyAnswer(await client.execute(REFLECTION_VERBS.open, {}));
});
