/**
 * End to end through Microsoft's Agents Playground (the local Teams client) over its HTTP and
 * WebSocket API: install → welcome, `help`, unknown text, and tenant isolation of what the bot
 * stores.
 */
import { DEV_IDENTITY } from '../../src/config/config';
import { startPlayground, type RunningPlayground } from '../../src/dev/playground';
import { PROFILE_RECORD, type UserProfile } from '../../src/domain/profile';
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { TURN_STATE_KIND } from '../../src/store/store';
import { freePort } from '../support/free-port';
import { PlaygroundClient } from '../support/playground-client';
import { startSpotter, type TestSpotter } from '../support/spotter-server';

jest.setTimeout(90_000);

const OTHER_TENANT = 'b0000000-0000-4000-8000-000000000002';
const OTHER_USER = 'b0000000-0000-4000-8000-000000000021';

function scopeOf(tid: string, oid: string): Scope {
  const scope = scopeFromClaims({ tid, oid });
  if (!scope) throw new Error('bad test ids');
  return scope;
}

let spotter: TestSpotter;
let playground: RunningPlayground;
let client: PlaygroundClient;
let chatId: string;

beforeAll(async () => {
  spotter = await startSpotter();
  playground = await startPlayground({
    port: await freePort(),
    botEndpoint: `${spotter.baseUrl}/api/messages`,
  });
  client = await PlaygroundClient.connect(playground.url);
  chatId = (await client.config()).personalChatId;
});

afterAll(async () => {
  client?.close();
  await playground?.stop();
  await spotter?.stop();
});

it('welcomes a new user by first name on install and remembers how to reach them', async () => {
  const from = client.received().length;
  await client.install(chatId);
  const welcome = await client.waitFor((e) => /Hi Alex, I'm Spotter/.test(e.message?.text ?? ''), {
    from,
  });
  expect(welcome.message?.text).toMatch(/help/);

  const profile = await spotter.store.get<UserProfile>(
    scopeOf(DEV_IDENTITY.tenantId, DEV_IDENTITY.userId),
    PROFILE_RECORD.kind,
    PROFILE_RECORD.id,
  );
  expect(profile?.data.givenName).toBe('Alex');
  expect(profile?.data.conversationReference).toMatchObject({ conversation: { id: chatId } });
  expect(profile?.data.locale).toMatch(/^[a-z]{2}/);
});

it('answers help with the list of commands', async () => {
  const from = client.received().length;
  await client.say(chatId, 'help', 'user-alex');
  const reply = await client.waitFor((e) => e.action === 'createMessage', { from });
  expect(reply.message?.text).toMatch(/what you can say/i);
  expect(reply.message?.text).toMatch(/\*\*help\*\*/);

  const stored = await spotter.store.exportUser(
    scopeOf(DEV_IDENTITY.tenantId, DEV_IDENTITY.userId),
  );
  const turnState = stored.filter((record) => record.kind === TURN_STATE_KIND);
  expect(turnState.map((record) => record.id)).toContainEqual(expect.stringMatching(/\/users\//));
});

it('points unknown text to help, kindly', async () => {
  const from = client.received().length;
  await client.say(chatId, 'lift the heavy box please', 'user-alex');
  const reply = await client.waitFor((e) => e.action === 'createMessage', { from });
  expect(reply.message?.text).toMatch(/didn't quite catch that/);
});

it('keeps a user of another tenant in their own partition', async () => {
  const template = await client.activityTemplate(chatId);
  const conversation = template['conversation'] as Record<string, unknown>;
  const from = client.received().length;
  await client.sendCustomActivity({
    ...template,
    id: `other-tenant-${Date.now()}`,
    type: 'message',
    text: 'help',
    from: { id: 'user-other', name: 'Robin Other', aadObjectId: OTHER_USER },
    conversation: { ...conversation, tenantId: OTHER_TENANT },
    channelData: { ...(template['channelData'] as object), tenant: { id: OTHER_TENANT } },
  });
  await client.waitFor((e) => /what you can say/i.test(e.message?.text ?? ''), { from });

  const otherScope = scopeOf(OTHER_TENANT, OTHER_USER);
  const otherProfile = await spotter.store.get<UserProfile>(
    otherScope,
    PROFILE_RECORD.kind,
    PROFILE_RECORD.id,
  );
  expect(otherProfile?.data.displayName).toBe('Robin Other');

  const homeExport = await spotter.store.exportUser(
    scopeOf(DEV_IDENTITY.tenantId, DEV_IDENTITY.userId),
  );
  expect(homeExport.every((record) => record.tenantId === DEV_IDENTITY.tenantId)).toBe(true);
  expect(JSON.stringify(homeExport)).not.toContain('Robin Other');
  const crossRead = await spotter.store.get(
    scopeOf(OTHER_TENANT, DEV_IDENTITY.userId),
    PROFILE_RECORD.kind,
    PROFILE_RECORD.id,
  );
  expect(crossRead).toBeUndefined();
});
