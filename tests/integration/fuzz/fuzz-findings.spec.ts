/**
 * The faults the fuzz driver found, pinned as plain cases so they stay fixed whatever the random
 * sample of a run happens to contain.
 */
import { expectFriendlyAnswer } from '../../support/bot-fuzz';
import { DirectBotClient } from '../../support/direct-bot-client';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

let spotter: TestSpotter;
let client: DirectBotClient;

beforeAll(async () => {
  spotter = await startSpotter();
  client = new DirectBotClient(spotter.baseUrl, {
    tenantId: 'fuzz-tenant-a',
    userId: 'fuzz-user-1',
  });
});

afterAll(async () => {
  await spotter?.stop();
});

describe('a message whose entities botbuilder cannot read', () => {
  // Each of these made the @mention removal throw, so the person got "something went wrong".
  it.each([
    ['a null entity', [null]],
    ['an entity without a type', [{}]],
    ['an entity whose type is not text', [{ type: 5 }]],
    ['a string entity', ['mention']],
    ['a mention without who is mentioned', [{ type: 'mention' }]],
    ['a mention of a number', [{ type: 'Mention', mentioned: 5 }]],
  ])('is refused with a 400 naming the entities: %s', async (_case, entities) => {
    const response = await fetch(`${spotter.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(client.activity({ type: 'message', text: 'help', entities })),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/entities/);
  });

  it('is answered as usual when the entities are well formed', async () => {
    const answer = await client.send(
      client.activity({
        type: 'message',
        text: '<at>Spotter</at> help',
        entities: [
          { type: 'mention', mentioned: { id: '28:spotter-bot' }, text: '<at>Spotter</at>' },
          { type: 'clientInfo', locale: 'en-US', timezone: 'Europe/Berlin' },
        ],
      }),
    );
    expectFriendlyAnswer(answer);
  });
});

describe('a message whose value is null', () => {
  // teams-ai read the verb from it (null is an object to `typeof`), so the turn failed.
  it('is refused with a 400, with or without text', async () => {
    for (const text of [undefined, 'help']) {
      const answer = await client.send(client.activity({ type: 'message', text, value: null }));
      expect(answer.status).toBe(400);
    }
  });

  it('is answered as usual when the value is absent or any other JSON', async () => {
    for (const value of [undefined, 5, 'x', [], {}]) {
      expectFriendlyAnswer(await client.send(client.activity({ type: 'message', value })));
    }
  });
});
