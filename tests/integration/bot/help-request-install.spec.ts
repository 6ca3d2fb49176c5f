/**
 * Asking a colleague who has no Spotter yet: the e-mail/UPN fallback through Teams' roster, and
 * Spotter installing itself for the colleague through Microsoft Graph when configured. Graph and
 * the Bot Connector are local fakes that speak their HTTP protocols; real Graph cannot be reached
 * from here, so what is proven is the calls Spotter makes and what it does with the answers.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { createBot, type SpotterBot } from '../../../bot/app';
import type { BotDependencies } from '../../../bot/bot-context';
import { HELP_REQUEST_VERB } from '../../../bot/cards/help-request-verbs';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import type { Config } from '../../../src/config/config';
import { HELP_REQUEST_KIND } from '../../../src/domain/help-request';
import { createLogger } from '../../../src/logging/logger';
import {
  HELP_INBOX_KIND,
  HelpRequestService,
  type HelpRequestRecord,
} from '../../../src/services/help-request-service';
import { PracticeService } from '../../../src/services/practice-service';
import {
  GraphTeamsAppInstaller,
  type TeamsAppInstaller,
} from '../../../src/services/teams-app-installer';
import { DirectBotClient, textsOf, type DirectAnswer } from '../../support/direct-bot-client';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

const TENANT = 'tenant-install';
const ALEX = 'user-alex';
const SAM = 'user-sam';
const CATALOG_ID = 'catalog-app-1';

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A small HTTP fake: records every request and answers with `route`. */
async function fakeServer(
  route: (request: Recorded) => { status: number; body?: unknown },
): Promise<{ url: string; requests: Recorded[]; server: Server }> {
  const requests: Recorded[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
      };
      requests.push(recorded);
      const answer = route(recorded);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, server };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

let graphFails = false;
const graph = () =>
  fakeServer(({ method, path }) => {
    if (path.endsWith('/oauth2/v2.0/token')) {
      return { status: 200, body: { access_token: 'graph-token', expires_in: 3600 } };
    }
    if (graphFails) return { status: 403, body: { error: { code: 'Forbidden' } } };
    if (method === 'POST' && path === `/users/${SAM}/teamwork/installedApps`)
      return { status: 201 };
    if (method === 'GET' && path.startsWith(`/users/${SAM}/teamwork/installedApps?`))
      return { status: 200, body: { value: [{ id: 'installation-1' }] } };
    if (method === 'GET' && path === `/users/${SAM}/teamwork/installedApps/installation-1/chat`)
      return { status: 200, body: { id: '19:sam-spotter-chat' } };
    return { status: 404 };
  });

/** The Bot Connector: takes messages and updates, and knows one member by address. */
const connector = () =>
  fakeServer(({ method, path }) => {
    if (method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(path))
      return { status: 201, body: { id: `m-${randomUUID()}` } };
    if (method === 'PUT') return { status: 200, body: { id: 'updated' } };
    if (method === 'GET' && path.endsWith('/members/sam%40contoso.example'))
      return { status: 200, body: { id: '29:sam', aadObjectId: SAM, name: 'Sam Okafor' } };
    return { status: 404, body: { error: { code: 'MemberNotFoundInConversation' } } };
  });

let spotter: TestSpotter;
let graphFake: Awaited<ReturnType<typeof graph>>;
let connectorFake: Awaited<ReturnType<typeof connector>>;

beforeAll(async () => {
  spotter = await startSpotter();
  graphFake = await graph();
  connectorFake = await connector();
});

afterAll(async () => {
  await close(graphFake.server);
  await close(connectorFake.server);
  await spotter?.stop();
});

function scope(oid: string): Scope {
  return scopeFromClaims({ tid: TENANT, oid }) as Scope;
}

function botWith(installer: TeamsAppInstaller | undefined): SpotterBot {
  const practice = new PracticeService(spotter.store);
  return createBot(
    { bot: undefined, auth: { allowedTenantIds: [] } as unknown as Config['auth'] },
    {
      store: spotter.store,
      logger: createLogger('silent'),
      now: () => new Date(),
      practice,
      features: { helpRequests: true },
      helpRequests: { service: new HelpRequestService(spotter.store, practice), installer },
    } as unknown as BotDependencies,
  );
}

async function ask(bot: SpotterBot, data: Record<string, unknown>): Promise<DirectAnswer> {
  const alex = new DirectBotClient('unused', { tenantId: TENANT, userId: ALEX, name: 'Alex' });
  const outcome = await bot.handle(
    '',
    alex.activity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      serviceUrl: `${connectorFake.url}/`,
      replyToId: 'form-1',
      value: { action: { type: 'Action.Execute', verb: HELP_REQUEST_VERB.create, data } },
    }) as unknown as Activity,
  );
  const body = (outcome.kind === 'handled' ? outcome.invokeResponse?.body : undefined) as {
    activities: Array<{ type: string; value?: { body?: { type?: string; value?: unknown } } }>;
  };
  const invoke = body.activities.find((a) => a.type === 'invokeResponse')?.value?.body;
  return { status: 200, replies: [], ...(invoke ? { invoke } : {}) };
}

describe('GraphTeamsAppInstaller', () => {
  const installer = () =>
    new GraphTeamsAppInstaller({
      clientId: 'bot-app-id',
      clientSecret: 'bot-secret',
      catalogAppId: CATALOG_ID,
      graphBaseUrl: graphFake.url,
      loginBaseUrl: graphFake.url,
    });

  beforeEach(() => {
    graphFails = false;
    graphFake.requests.length = 0;
  });

  it('installs the app for the user as the bot’s app and finds their chat with Spotter', async () => {
    expect(await installer().installFor(TENANT, SAM)).toBe('19:sam-spotter-chat');
    const [token, install, find, chat] = graphFake.requests;
    expect(token?.path).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({
      client_id: 'bot-app-id',
      client_secret: 'bot-secret',
      scope: 'https://graph.microsoft.com/.default',
      grant_type: 'client_credentials',
    });
    expect(install).toMatchObject({
      method: 'POST',
      path: `/users/${SAM}/teamwork/installedApps`,
      headers: { authorization: 'Bearer graph-token' },
    });
    expect(JSON.parse(install?.body ?? '{}')).toEqual({
      'teamsApp@odata.bind': `${graphFake.url}/appCatalogs/teamsApps/${CATALOG_ID}`,
    });
    expect(decodeURIComponent(find?.path ?? '')).toContain(
      `$filter=teamsApp/id eq '${CATALOG_ID}'`,
    );
    expect(chat?.path).toBe(`/users/${SAM}/teamwork/installedApps/installation-1/chat`);
  });

  it('reuses its token and answers undefined when Graph refuses', async () => {
    const once = installer();
    await once.installFor(TENANT, SAM);
    graphFails = true;
    expect(await once.installFor(TENANT, SAM)).toBeUndefined();
    expect(graphFake.requests.filter((r) => r.path.endsWith('/token'))).toHaveLength(1);
  });

  it('answers undefined when Graph cannot be reached', async () => {
    const unreachable = new GraphTeamsAppInstaller({
      clientId: 'a',
      clientSecret: 'b',
      catalogAppId: CATALOG_ID,
      graphBaseUrl: 'http://127.0.0.1:9',
      loginBaseUrl: 'http://127.0.0.1:9',
    });
    expect(await unreachable.installFor(TENANT, SAM)).toBeUndefined();
  });
});

describe('asking someone without Spotter', () => {
  beforeEach(() => {
    graphFails = false;
  });

  it('finds them by e-mail address, installs Spotter for them and delivers the card there', async () => {
    const bot = botWith(
      new GraphTeamsAppInstaller({
        clientId: 'bot-app-id',
        clientSecret: 'bot-secret',
        catalogAppId: CATALOG_ID,
        graphBaseUrl: graphFake.url,
        loginBaseUrl: graphFake.url,
      }),
    );
    const answer = await ask(bot, {
      formId: randomUUID(),
      colleagueAddress: 'sam@contoso.example',
      what: 'Walk me through the release checklist',
    });
    expect(textsOf(answer)).toContain('Sent to Sam Okafor');
    const delivered = connectorFake.requests.find(
      (r) => r.method === 'POST' && r.path.includes(encodeURIComponent('19:sam-spotter-chat')),
    );
    expect(delivered?.body).toContain('Walk me through the release checklist');
    expect(delivered?.body).toContain('I can help');
    const sent = await spotter.store.list<HelpRequestRecord>(scope(ALEX), HELP_REQUEST_KIND);
    const record = sent.items[0]?.data;
    expect(record?.request.helper).toEqual({ userId: SAM, name: 'Sam Okafor' });
    expect(record?.teamsUserIds).toEqual({ asker: `29:${ALEX}`, helper: '29:sam' });
    expect(record?.cards.map((card) => card.view)).toEqual(['helper', 'asker']);
    expect(
      await spotter.store.get(scope(SAM), HELP_INBOX_KIND, sent.items[0]?.id ?? ''),
    ).toBeDefined();
  });

  it('says so plainly and points to the compose box when Graph cannot install', async () => {
    graphFails = true;
    const bot = botWith(
      new GraphTeamsAppInstaller({
        clientId: 'bot-app-id',
        clientSecret: 'bot-secret',
        catalogAppId: CATALOG_ID,
        graphBaseUrl: graphFake.url,
        loginBaseUrl: graphFake.url,
      }),
    );
    const before = (await spotter.store.list(scope(ALEX), HELP_REQUEST_KIND)).items.length;
    const answer = await ask(bot, {
      formId: randomUUID(),
      colleagueAddress: 'sam@contoso.example',
      what: 'Something else',
    });
    expect(textsOf(answer)).toMatch(/Sam Okafor doesn't have Spotter yet.*\*\*Ask for help\*\*/s);
    expect((await spotter.store.list(scope(ALEX), HELP_REQUEST_KIND)).items).toHaveLength(before);
  });

  it('says so without Graph configured, and when the address is unknown', async () => {
    const bot = botWith(undefined);
    const plain = await ask(bot, {
      formId: randomUUID(),
      colleagueAddress: 'sam@contoso.example',
      what: 'x',
    });
    expect(textsOf(plain)).toContain("Sam Okafor doesn't have Spotter yet");
    const unknown = await ask(bot, {
      formId: randomUUID(),
      colleagueAddress: 'nobody@contoso.example',
      what: 'x',
    });
    expect(textsOf(unknown)).toContain("I couldn't find nobody@contoso\\.example");
  });
});
