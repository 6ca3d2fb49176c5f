/**
 * Production operation of the built server as a process: production settings, Cosmos DB through
 * the real SDK (the local test server behind a proxy that can slow or fail it) and a local token
 * issuer. `/readyz` follows the store; SIGTERM lets a bot turn in flight finish and write what it
 * writes, then the process exits cleanly.
 */
import { CosmosClient } from '@azure/cosmos';
import { randomUUID } from 'node:crypto';
import { startCosmosTestServer, type CosmosTestServer } from '../support/cosmos-test-server';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startSpotterProcess, type SpotterProcess } from '../support/spotter-process';
import { startTokenIssuer, type TokenIssuer } from '../support/token-issuer';
import { productionAuthEnv, TEST_BOT_ID } from '../support/production-auth-env';

jest.setTimeout(120_000);

const SERVICE_URL = 'http://127.0.0.1:9/_connector/';
const TENANT = 'c1000000-0000-4000-8000-000000000001';
const USER = 'c1000000-0000-4000-8000-000000000011';
const DATABASE = `spotter-ops-${randomUUID()}`;

let cosmos: CosmosTestServer;
let proxy: FaultProxy;
let issuer: TokenIssuer;
let spotter: SpotterProcess;

beforeAll(async () => {
  cosmos = await startCosmosTestServer();
  proxy = await startFaultProxy(cosmos.endpoint);
  issuer = await startTokenIssuer();
  spotter = await startSpotterProcess({
    env: {
      ...productionAuthEnv(issuer),
      STORE: 'cosmos',
      COSMOS_ENDPOINT: proxy.url,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: DATABASE,
      COSMOS_CREATE_IF_MISSING: 'true',
      COSMOS_ENDPOINT_DISCOVERY: 'false',
      SHUTDOWN_GRACE_SECONDS: '20',
    },
  });
});

afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
  await proxy?.stop();
  await cosmos?.stop();
});

async function readiness(): Promise<number> {
  try {
    return (await fetch(`${spotter.baseUrl}/readyz`, { signal: AbortSignal.timeout(10_000) }))
      .status;
  } catch {
    return 0;
  }
}

async function eventually(expected: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await readiness();
  while (seen !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    seen = await readiness();
  }
  expect(seen).toBe(expected);
}

it('is ready only while the store answers', async () => {
  await eventually(200);
  proxy.setMode({ kind: 'status', status: 503 });
  await eventually(503);
  proxy.setMode({ kind: 'pass' });
  await eventually(200);
});

it('on SIGTERM finishes the turn in flight, keeps its writes and exits cleanly', async () => {
  const token = await issuer.sign({
    iss: 'https://api.botframework.com',
    aud: TEST_BOT_ID,
    serviceurl: SERVICE_URL,
    tid: undefined,
    oid: undefined,
  });
  proxy.setMode({ kind: 'delay', ms: 700 });
  const inFlight = fetch(`${spotter.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      type: 'message',
      id: randomUUID(),
      text: 'help',
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      deliveryMode: 'expectReplies',
      locale: 'en-US',
      from: { id: 'user-ops', name: 'Casey Ops', aadObjectId: USER },
      recipient: { id: `28:${TEST_BOT_ID}` },
      conversation: { id: 'conv-ops', tenantId: TENANT, conversationType: 'personal' },
      channelData: { tenant: { id: TENANT } },
    }),
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const exited = spotter.terminate();

  const response = await inFlight;
  expect(response.status).toBe(200);
  const body = (await response.json()) as { activities: Array<{ text?: string }> };
  expect(body.activities.map((a) => a.text).join('\n')).toMatch(/what you can say/i);
  expect(await exited).toBe(0);
  expect(await readiness()).toBe(0);

  proxy.setMode({ kind: 'pass' });
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const { resources } = await client
    .database(DATABASE)
    .container('spotter')
    .items.query<{ kind: string }>({
      query: 'SELECT c.kind FROM c WHERE c.tenantId = @t AND c.userId = @u',
      parameters: [
        { name: '@t', value: TENANT },
        { name: '@u', value: USER },
      ],
    })
    .fetchAll();
  expect(resources.map((r) => r.kind)).toEqual(expect.arrayContaining(['profile', 'turn-state']));
});
