/**
 * The cross-tenant and cross-user matrix over every card action the bot registers: a user of
 * another tenant with the owner's very user id and another user of the owner's tenant press
 * each button with the owner's request id and data, as an `Action.Execute` and as the
 * `Action.Submit` of older clients. They must get a friendly answer that shows nothing of the
 * owner's, and change nothing of the owner's. The owner's own press then reaches their data.
 *
 * @remarks
 * The verbs are taken from the bot as it registers them (teams-ai's `actionExecute` and
 * `actionSubmit`), so a verb without a case here fails this suite; the case table is typed by
 * the bot modules' exported verb constants, so a new constant fails the type check too.
 */
import { AdaptiveCards } from '@microsoft/teams-ai';
import { DELETE_VERBS } from '../../../bot/cards/confirm-delete-card';
import { HELP_REQUEST_VERB, type HelpRequestVerb } from '../../../bot/cards/help-request-verbs';
import { REFLECTION_VERBS } from '../../../bot/cards/reflection-card';
import { REMINDER_VERBS } from '../../../bot/cards/reminder-card';
import { REPS_VERBS } from '../../../bot/cards/reps-card';
import { SETTINGS_VERBS } from '../../../bot/cards/settings-card';
import { HELP_REQUEST_VERBS } from '../../../bot/routes/help-request-actions';
import { expectFriendlyAnswer } from '../../support/bot-fuzz';
import { textsOf, type DirectAnswer } from '../../support/direct-bot-client';
import {
  botOf,
  expectOwnerSideKept,
  NON_OWNERS,
  secretsFor,
  seedWorld,
  startSecurityServer,
  tenantRecords,
  THIS_WEEK,
  type Caller,
  type SecurityServer,
  type World,
} from './security-world';

type ValueOf<T> = T[keyof T];

/** Every verb the bot modules export. */
type CardVerb =
  | HelpRequestVerb
  | ValueOf<typeof REFLECTION_VERBS>
  | ValueOf<typeof REPS_VERBS>
  | ValueOf<typeof SETTINGS_VERBS>
  | ValueOf<typeof REMINDER_VERBS>
  | ValueOf<typeof DELETE_VERBS>;

/** What one verb is pressed with, and what the owner's own press shows and does. */
interface VerbCase {
  /** The action's data and inputs, with the owner's ids; nothing of the owner's text in it. */
  readonly data: (world: World) => Record<string, unknown>;
  /** Text of the owner's that the owner's answer shows and no other answer may. */
  readonly ownerSees?: (world: World) => string;
  /** The owner's press writes (so "nothing changed" for the others means something). */
  readonly ownerWrites?: boolean;
}

const request = (w: World) => ({ requestId: w.requestId, askerId: w.owner.userId });
/** A help-request button on the owner's request: the owner's card shows what they asked. */
const onRequest = (extra: Record<string, unknown> = {}, ownerWrites = false): VerbCase => ({
  data: (w) => ({ ...request(w), ...extra }),
  ownerSees: (w) => `${w.secret} request`,
  ownerWrites,
});
const reflection = () => ({
  week: THIS_WEEK,
  helpedByNames: 'Someone else',
  yesCount: '1',
  holdingAlone: 'my own worry',
});

/** One case per verb. */
const VERB_CASES: Readonly<Record<CardVerb, VerbCase>> = {
  [HELP_REQUEST_VERB.create]: {
    // The owner's form id again: replaying it must not hand anyone the owner's request.
    data: (w) => ({
      formId: w.requestFormId,
      colleague: w.strangersColleague.userId,
      what: 'a hand, please',
      weight: 'light',
    }),
    ownerSees: (w) => `${w.secret} request`,
  },
  [HELP_REQUEST_VERB.compose]: { data: () => ({ what: 'a hand, please' }) },
  [HELP_REQUEST_VERB.refresh]: onRequest(),
  [HELP_REQUEST_VERB.accept]: onRequest(),
  [HELP_REQUEST_VERB.decline]: onRequest({ reason: 'busy', mute: 'true' }),
  [HELP_REQUEST_VERB.redirect]: onRequest({ suggestName: 'Someone else' }),
  [HELP_REQUEST_VERB.cancel]: onRequest({}, true),
  [HELP_REQUEST_VERB.done]: onRequest(),
  [HELP_REQUEST_VERB.thank]: onRequest({ note: 'thanks' }),
  // The helper's button; the owner (the asker) has nothing to unmute.
  [HELP_REQUEST_VERB.unmute]: { data: request },
  [REFLECTION_VERBS.save]: { data: reflection, ownerWrites: true },
  [REFLECTION_VERBS.draft]: { data: reflection, ownerWrites: true },
  [REFLECTION_VERBS.open]: { data: () => ({}), ownerSees: (w) => `${w.secret} worry 0` },
  [REFLECTION_VERBS.chat]: { data: () => ({}), ownerWrites: true },
  [REPS_VERBS.log]: { data: () => ({ kind: 'asked', note: 'my own note' }), ownerWrites: true },
  [REPS_VERBS.undo]: { data: () => ({}), ownerWrites: true },
  [SETTINGS_VERBS.save]: {
    data: () => ({ reminderDay: '1', reminderTime: '08:00', timeZone: 'UTC', paused: 'false' }),
    ownerWrites: true,
  },
  [SETTINGS_VERBS.pause]: { data: () => ({}), ownerWrites: true },
  [SETTINGS_VERBS.resume]: { data: () => ({}) },
  [REMINDER_VERBS.start]: { data: () => ({ week: THIS_WEEK }) },
  [REMINDER_VERBS.snooze]: { data: () => ({ week: THIS_WEEK }), ownerWrites: true },
  [REMINDER_VERBS.skip]: { data: () => ({ week: THIS_WEEK }), ownerWrites: true },
  [DELETE_VERBS.confirm]: { data: () => ({}), ownerWrites: true },
  [DELETE_VERBS.cancel]: { data: () => ({}) },
};

// Spied before the server starts, so every verb the bot registers is seen.
const execute = jest.spyOn(AdaptiveCards.prototype, 'actionExecute');
const submit = jest.spyOn(AdaptiveCards.prototype, 'actionSubmit');
// Seeding a world is a dozen requests and bot turns; the machine may be busy with other suites.
jest.setTimeout(30_000);

let server: SecurityServer;
let registered: string[];

beforeAll(async () => {
  server = await startSecurityServer();
  registered = [
    ...new Set(
      [...execute.mock.calls, ...submit.mock.calls]
        .map(([verb]) => verb)
        .filter((verb): verb is string => typeof verb === 'string'),
    ),
  ].sort();
});
afterAll(async () => {
  await server?.stop();
});

const cases = Object.entries(VERB_CASES) as Array<[CardVerb, VerbCase]>;

it('has a case for every verb the bot registers, and the bot registers every case', () => {
  const missing = registered.filter((verb) => !(verb in VERB_CASES));
  expect(
    missing.map(
      (verb) =>
        `The card verb "${verb}" has no security case: export it with the bot module's verb ` +
        'constant and add it to VERB_CASES in tests/integration/security/card-action-matrix.spec.ts.',
    ),
  ).toEqual([]);
  expect(cases.map(([verb]) => verb).filter((verb) => !registered.includes(verb))).toEqual([]);
  expect(registered).toEqual(expect.arrayContaining([...HELP_REQUEST_VERBS]));
});

/** Presses `verb` as `caller`, by Universal Action or by the older clients' submit. */
function press(
  world: World,
  caller: Caller,
  verb: CardVerb,
  way: 'execute' | 'submit',
): Promise<DirectAnswer> {
  const client = botOf(server, world, caller);
  const data = VERB_CASES[verb].data(world);
  return way === 'execute' ? client.execute(verb, data) : client.submit({ ...data, verb });
}

describe.each(cases.map(([verb, verbCase], index) => [verb, verbCase, index] as const))(
  '%s',
  (verb, verbCase, index) => {
    let world: World;
    beforeAll(async () => {
      world = await seedWorld(server, 100 + index);
    });

    it.each(
      NON_OWNERS.flatMap(([caller]) =>
        (['execute', 'submit'] as const).map((way) => [caller, way] as const),
      ),
    )(
      'answers %s (%s) kindly, with nothing of the owner’s, and changes nothing of it',
      async (caller, way) => {
        const before = tenantRecords(server, world);
        const answer = await press(world, caller, verb, way);
        expectFriendlyAnswer(answer);
        const shown = `${textsOf(answer)}\n${JSON.stringify(answer)}`;
        const secrets = [
          ...secretsFor(world, caller),
          ...(verbCase.ownerSees ? [verbCase.ownerSees(world)] : []),
        ];
        for (const secret of secrets) expect(shown).not.toContain(secret);
        expectOwnerSideKept(before, tenantRecords(server, world), world, caller);
      },
    );

    it('reaches the owner’s own data when the owner presses it', async () => {
      const before = tenantRecords(server, world);
      const answer = await press(world, 'owner', verb, 'execute');
      expectFriendlyAnswer(answer);
      if (verbCase.ownerSees) expect(JSON.stringify(answer)).toContain(verbCase.ownerSees(world));
      if (verbCase.ownerWrites) expect(tenantRecords(server, world)).not.toEqual(before);
    });
  },
);
