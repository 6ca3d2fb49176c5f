/**
 * Fuzzing the weekly practice's text commands and the reflection conversation through the real
 * server's `/api/messages`: every variant and any junk gets a friendly answer, never a crash.
 */
import fc from 'fast-check';
import { expectFriendlyAnswer, fuzzClients, FUZZ_RUNS } from '../../support/bot-fuzz';
import { DirectBotClient, textsOf } from '../../support/direct-bot-client';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

jest.setTimeout(300_000);

let spotter: TestSpotter;

beforeAll(async () => {
  spotter = await startSpotter({}, { now: () => new Date('2026-11-27T15:00:00Z') });
});

afterAll(async () => {
  await spotter?.stop();
});

const space = fc.constantFrom('', ' ', '  ', '\t', '\n');
const junk = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ maxLength: 300, unit: 'grapheme' }),
  fc.string({ maxLength: 3_000, unit: 'binary' }),
);

/** The command in any case, padded, sometimes with something after it. */
function variantsOf(command: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      space,
      fc.array(fc.boolean(), { minLength: command.length, maxLength: command.length }),
      space,
      fc.option(junk, { nil: '' }),
    )
    .map(
      ([before, upper, after, tail]) =>
        `${before}${[...command].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')}${after}${tail}`,
    );
}

const COMMANDS: ReadonlyArray<[string, fc.Arbitrary<string>]> = [
  ['reflect', variantsOf('reflect')],
  ['reflect in chat', variantsOf('reflect in chat')],
  ['log', variantsOf('log')],
  [
    'log <kind> <note>',
    fc
      .tuple(fc.constantFrom('asked', 'accepted', 'thanked', 'thanks', 'undo', 'x'), junk)
      .map(([kind, note]) => `log ${kind} ${note}`),
  ],
  ['settings', variantsOf('settings')],
  ['export', variantsOf('export')],
  ['delete my data', variantsOf('delete my data')],
  ['anything at all', junk],
];

describe.each(COMMANDS)('text command %s', (_name, texts) => {
  it(`answers ${FUZZ_RUNS} variants kindly`, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzClients(spotter.baseUrl), texts, async (client, text) => {
        expectFriendlyAnswer(await client.say(text));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('reflection conversation', () => {
  it(`answers ${FUZZ_RUNS} random answers kindly, mid-conversation`, async () => {
    const clients = ['en-US', 'de-DE'].map(
      (locale) =>
        new DirectBotClient(spotter.baseUrl, {
          tenantId: 'fuzz-tenant-c',
          userId: `fuzz-talker-${locale}`,
          locale,
        }),
    );
    for (const client of clients) await client.say('reflect in chat');
    const answers = fc.oneof(
      junk,
      fc.constantFrom('skip', 'back', 'none', 'niemand', 'zurück', '0', '999', '1000', '-1'),
      fc.array(fc.string({ maxLength: 120 }), { maxLength: 25 }).map((names) => names.join(',')),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...clients), answers, async (client, text) => {
        const answer = await client.say(text);
        expectFriendlyAnswer(answer);
        if (/reflected|reflektiert|saved —|gespeichert –/.test(textsOf(answer))) {
          expectFriendlyAnswer(await client.say('reflect in chat'));
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
