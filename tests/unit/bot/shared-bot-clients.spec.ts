/**
 * Turns share the clients botbuilder makes for talking to Teams: one per bot identity, service
 * URL and audience, through the real adapter; a failed making is not kept; the cache is bounded.
 */
import type { Activity, TurnContext } from 'botbuilder';
import {
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  MicrosoftAppCredentials,
  type AuthenticateRequestResult,
  type UserTokenClient,
} from 'botframework-connector';
import { SharedClientsAuthentication } from '../../../bot/shared-bot-clients';
import { SpotterAdapter } from '../../../bot/spotter-adapter';

const TENANT = 'f2000000-0000-4000-8000-00000000000a';

function activityTo(serviceUrl: string, userId: string): Activity {
  return {
    type: 'event',
    name: 'ping',
    id: userId,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${userId}`, name: 'Test', aadObjectId: userId },
    recipient: { id: '28:bot', name: 'Spotter' },
    conversation: { id: `a:${userId}`, tenantId: TENANT, isGroup: false, name: '' },
  } as unknown as Activity;
}

async function clientsOf(
  adapter: SpotterAdapter,
  activity: Activity,
): Promise<{ connector: unknown; userToken: unknown }> {
  let seen: { connector: unknown; userToken: unknown } | undefined;
  await adapter.processAuthenticated('', activity, async (context: TurnContext) => {
    seen = {
      connector: context.turnState.get(adapter.ConnectorClientKey),
      userToken: context.turnState.get(adapter.UserTokenClientKey),
    };
  });
  if (!seen) throw new Error('the turn did not run');
  return seen;
}

describe('the real adapter', () => {
  it('hands every turn to the same service URL the same clients', async () => {
    const adapter = new SpotterAdapter({});
    const first = await clientsOf(adapter, activityTo('https://smba.example/amer/', 'u1'));
    const second = await clientsOf(adapter, activityTo('https://smba.example/amer/', 'u2'));
    expect(first.connector).toBeInstanceOf(ConnectorClient);
    expect(second.connector).toBe(first.connector);
    expect(second.userToken).toBe(first.userToken);
  });

  it('makes another connector client for another service URL', async () => {
    const adapter = new SpotterAdapter({});
    const amer = await clientsOf(adapter, activityTo('https://smba.example/amer/', 'u1'));
    const emea = await clientsOf(adapter, activityTo('https://smba.example/emea/', 'u1'));
    expect(emea.connector).toBeInstanceOf(ConnectorClient);
    expect(emea.connector).not.toBe(amer.connector);
  });
});

/** botbuilder's authentication replaced by one that counts what it makes and can fail. */
class CountingAuthentication extends BotFrameworkAuthentication {
  made = 0;
  failNext = false;

  override authenticateRequest(): Promise<AuthenticateRequestResult> {
    return Promise.resolve({
      audience: 'https://api.botframework.com',
      claimsIdentity: new ClaimsIdentity([]),
      connectorFactory: this.createConnectorFactory(),
    });
  }

  override authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    return this.authenticateRequest();
  }

  override createConnectorFactory(): ConnectorFactory {
    return new CountingFactory(this);
  }

  /** Makes a connector client, or fails once when asked to. */
  make(serviceUrl: string): Promise<ConnectorClient> {
    this.made += 1;
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('no credentials today'));
    }
    return Promise.resolve(
      new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl }),
    );
  }

  override createUserTokenClient(): Promise<UserTokenClient> {
    return Promise.reject(new Error('not used here'));
  }
}

class CountingFactory extends ConnectorFactory {
  constructor(private readonly authentication: CountingAuthentication) {
    super();
  }

  override create(serviceUrl: string): Promise<ConnectorClient> {
    return this.authentication.make(serviceUrl);
  }
}

async function connectorFor(shared: SharedClientsAuthentication, serviceUrl: string) {
  const result = await shared.authenticateRequest(activityTo(serviceUrl, 'u1'), '');
  if (!result.connectorFactory) throw new Error('no connector factory');
  return result.connectorFactory.create(serviceUrl, result.audience);
}

describe('the shared clients', () => {
  it('do not keep a client whose making failed', async () => {
    const inner = new CountingAuthentication();
    const shared = new SharedClientsAuthentication(inner);
    inner.failNext = true;
    await expect(connectorFor(shared, 'https://smba.example/amer/')).rejects.toThrow(
      'no credentials today',
    );
    const client = await connectorFor(shared, 'https://smba.example/amer/');
    expect(await connectorFor(shared, 'https://smba.example/amer/')).toBe(client);
    expect(inner.made).toBe(2);
  });

  it('keep at most 64, letting the oldest go first', async () => {
    const inner = new CountingAuthentication();
    const shared = new SharedClientsAuthentication(inner);
    const first = await connectorFor(shared, 'https://smba.example/0/');
    for (let n = 1; n < 64; n += 1) await connectorFor(shared, `https://smba.example/${n}/`);
    expect(await connectorFor(shared, 'https://smba.example/0/')).toBe(first);
    expect(inner.made).toBe(64);
    await connectorFor(shared, 'https://smba.example/64/');
    expect(await connectorFor(shared, 'https://smba.example/0/')).not.toBe(first);
    expect(inner.made).toBe(66);
  });
});
