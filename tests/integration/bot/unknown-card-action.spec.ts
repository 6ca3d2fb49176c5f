/**
 * A card button whose verb no route knows (a card from an older version of Spotter, or a forged
 * press) gets a friendly message in the person's language instead of Teams' bare failure; known
 * verbs still reach their own handlers first.
 */
import { REPS_VERBS } from '../../../bot/cards/reps-card';
import { translate } from '../../../bot/i18n';
import { cardOf, DirectBotClient, textsOf } from '../../support/direct-bot-client';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

jest.setTimeout(60_000);

const TENANT = 'e9000000-0000-4000-8000-00000000000a';
const USER = 'e9000000-0000-4000-8000-000000000001';

let spotter: TestSpotter;

beforeAll(async () => {
  spotter = await startSpotter();
});

afterAll(async () => {
  await spotter?.stop();
});

function client(locale: string): DirectBotClient {
  return new DirectBotClient(spotter.baseUrl, { tenantId: TENANT, userId: USER, locale });
}

it.each(['en-US', 'de-DE'])(
  'answers an unknown verb with a pointer to help (%s)',
  async (locale) => {
    const answer = await client(locale).execute('reflect.retired-verb', { week: '2026-W48' });
    expect(answer.status).toBe(200);
    expect(answer.invoke).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: translate(locale, 'fallback.unknownCardAction'),
    });
  },
);

it('answers a press that is no well-formed Action.Execute the same way', async () => {
  const alex = client('en-US');
  const answer = await alex.send(
    alex.activity({ type: 'invoke', name: 'adaptiveCard/action', value: { trigger: 'manual' } }),
  );
  expect(answer.status).toBe(200);
  expect(JSON.stringify(answer.invoke)).toContain(
    JSON.stringify(translate('en-US', 'fallback.unknownCardAction')),
  );
});

it('still hands a known verb to its own handler', async () => {
  const answer = await client('en-US').execute(REPS_VERBS.log, { kind: 'asked' });
  expect(cardOf(answer)).toBeDefined();
  expect(textsOf(answer)).not.toContain(translate('en-US', 'fallback.unknownCardAction'));
});
