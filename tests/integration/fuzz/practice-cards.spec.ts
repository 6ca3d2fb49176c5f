/**
 * Fuzzing every card action of the weekly practice (reflection, reps, settings, data rights),
 * through the real server's `/api/messages`, as `Action.Execute` and as its `Action.Submit`
 * fallback: no crash, no 5xx, always a friendly answer.
 */
import fc from 'fast-check';
import { DELETE_VERBS } from '../../../bot/cards/confirm-delete-card';
import { REFLECTION_VERBS } from '../../../bot/cards/reflection-card';
import { REPS_VERBS } from '../../../bot/cards/reps-card';
import { SETTINGS_VERBS } from '../../../bot/cards/settings-card';
import { expectFriendlyAnswer, fuzzClients, FUZZ_RUNS } from '../../support/bot-fuzz';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

jest.setTimeout(300_000);

let spotter: TestSpotter;

beforeAll(async () => {
  spotter = await startSpotter({}, { now: () => new Date('2026-11-27T15:00:00Z') });
});

afterAll(async () => {
  await spotter?.stop();
});

/** A value of the right shape now and then, anything JSON otherwise. */
const either = <T>(good: fc.Arbitrary<T>) => fc.oneof(good, fc.string(), fc.jsonValue());
const guid = fc.uuid();
const time = fc
  .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 70 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const reflectionData = fc.record(
  {
    week: either(fc.constantFrom('2026-W48', '2026-W47', '2027-W01')),
    helpedByPicked: either(fc.array(guid, { maxLength: 25 }).map((ids) => ids.join(','))),
    helpedByNames: either(fc.string({ maxLength: 3_000, unit: 'grapheme' })),
    yesCount: either(fc.oneof(fc.integer({ min: -5, max: 1_200 }), fc.double())),
    holdingAlone: either(fc.string({ maxLength: 2_500, unit: 'grapheme' })),
    connectedPicked: either(guid),
    connectedNames: either(fc.string({ maxLength: 200 })),
  },
  { requiredKeys: [] },
);

const repData = fc.record(
  {
    kind: either(fc.constantFrom('asked', 'accepted', 'thanked')),
    note: either(fc.string({ maxLength: 400, unit: 'grapheme' })),
  },
  { requiredKeys: [] },
);

const settingsData = fc.record(
  {
    reminderDay: either(fc.integer({ min: 0, max: 8 }).map(String)),
    reminderTime: either(time),
    timeZone: either(fc.constantFrom('Europe/Berlin', 'UTC', 'Asia/Kolkata', 'Nowhere/City')),
    paused: either(fc.constantFrom('true', 'false')),
    quietStart: either(time),
    quietEnd: either(time),
  },
  { requiredKeys: [] },
);

const PAYLOADS: ReadonlyArray<[string, fc.Arbitrary<unknown>]> = [
  [REFLECTION_VERBS.save, fc.oneof(reflectionData, fc.jsonValue())],
  [REFLECTION_VERBS.draft, fc.oneof(reflectionData, fc.jsonValue())],
  [REFLECTION_VERBS.chat, fc.jsonValue()],
  [REFLECTION_VERBS.open, fc.jsonValue()],
  [REPS_VERBS.log, fc.oneof(repData, fc.jsonValue())],
  [REPS_VERBS.undo, fc.jsonValue()],
  [SETTINGS_VERBS.save, fc.oneof(settingsData, fc.jsonValue())],
  [SETTINGS_VERBS.pause, fc.jsonValue()],
  [SETTINGS_VERBS.resume, fc.jsonValue()],
  [DELETE_VERBS.confirm, fc.jsonValue()],
  [DELETE_VERBS.cancel, fc.jsonValue()],
];

describe.each(PAYLOADS)('card action %s', (verb, payload) => {
  it(`answers ${FUZZ_RUNS} random payloads kindly, by Execute and by Submit`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fuzzClients(spotter.baseUrl),
        payload,
        fc.boolean(),
        async (client, data, viaSubmit) => {
          const isRecord = data !== null && typeof data === 'object' && !Array.isArray(data);
          const answer = viaSubmit
            ? await client.submit(isRecord ? { ...data, verb } : { verb })
            : await client.execute(verb, data);
          expectFriendlyAnswer(answer);
          if (!viaSubmit) expect(answer.invoke).toBeDefined();
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});
