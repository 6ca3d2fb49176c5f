/**
 * Authentication through the real server: the bot endpoint with botbuilder's own Bot Framework
 * token validation pointed at a local OpenID document and JWKS, and the tab API with Entra-style
 * tokens from the same local issuer.
 */
import { PROBLEM_TYPES, type MeResponse } from '../../../src/api/contracts';
import { scopeFromClaims } from '../../../src/auth/scope';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

const BOT_ID = '7e1a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b';
const SERVICE_URL = 'http://127.0.0.1:9/_connector/';
const TENANT = 'c0000000-0000-4000-8000-000000000001';
const USER = 'c0000000-0000-4000-8000-000000000011';

let issuer: TokenIssuer;
let spotter: TestSpotter;

beforeAll(async () => {
  // botframework-connector prints every refused token with console.error; the assertions below
  // are what matters, so its noise is kept out of the test output.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  issuer = await startTokenIssuer({ tenantId: TENANT, userId: USER });
  spotter = await startSpotter({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    BOT_ID,
    BOT_PASSWORD: 'not-a-real-secret',
    BOT_OPENID_METADATA_URL: `${issuer.baseUrl}/common/v2.0/.well-known/openid-configuration`,
    AAD_APP_CLIENT_ID: 'spotter-client-id',
    ...issuer.env,
    ALLOWED_TENANT_IDS: `${TENANT},d0000000-0000-4000-8000-000000000001`,
  });
});
afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
});

function helpActivity(id: string, tenantId = TENANT): Record<string, unknown> {
  return {
    type: 'message',
    id,
    text: 'help',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    deliveryMode: 'expectReplies',
    from: { id: 'user-1', name: 'Casey Test', aadObjectId: USER },
    recipient: { id: `28:${BOT_ID}` },
    conversation: { id: 'conv-1', tenantId, conversationType: 'personal' },
    channelData: { tenant: { id: tenantId } },
  };
}

function channelToken(
  overrides: Record<string, unknown> = {},
  options: Parameters<TokenIssuer['sign']>[1] = {},
): Promise<string> {
  return issuer.sign(
    {
      iss: 'https://api.botframework.com',
      aud: BOT_ID,
      serviceurl: SERVICE_URL,
      tid: undefined,
      oid: undefined,
      ...overrides,
    },
    options,
  );
}

async function postActivity(
  authorization: string | undefined,
  id: string,
  tenantId = TENANT,
): Promise<Response> {
  return fetch(`${spotter.baseUrl}/api/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify(helpActivity(id, tenantId)),
  });
}

async function storedForUser(tenantId = TENANT): Promise<number> {
  const scope = scopeFromClaims({ tid: tenantId, oid: USER });
  if (!scope) throw new Error('bad test ids');
  return (await spotter.store.exportUser(scope)).length;
}

describe('bot endpoint (botbuilder authentication)', () => {
  it.each([
    ['no token', () => Promise.resolve(undefined)],
    [
      'a forged signature (same kid, other key)',
      () => channelToken({}, { key: 'foreign' }).then((t) => `Bearer ${t}`),
    ],
    ['an expired token', () => channelToken({}, { expiresIn: -600 }).then((t) => `Bearer ${t}`)],
    [
      'a token for another bot',
      () => channelToken({ aud: 'someone-else' }).then((t) => `Bearer ${t}`),
    ],
    [
      'a token from another issuer',
      () => channelToken({ iss: 'https://evil.example' }).then((t) => `Bearer ${t}`),
    ],
    [
      'a token for another service URL',
      () => channelToken({ serviceurl: 'http://127.0.0.1:9/other/' }).then((t) => `Bearer ${t}`),
    ],
    ['a token signed HS256', () => channelToken({}, { alg: 'HS256' }).then((t) => `Bearer ${t}`)],
    [
      'a token not valid yet',
      () => channelToken({}, { notBefore: 600 }).then((t) => `Bearer ${t}`),
    ],
  ])('answers %s with 401 and runs no handler', async (_case, authorization) => {
    const response = await postActivity(await authorization(), `bad-${Math.random()}`);
    expect(response.status).toBe(401);
    expect(await storedForUser()).toBe(0);
  });

  it('processes an activity with a valid channel token', async () => {
    const response = await postActivity(`Bearer ${await channelToken()}`, 'good-1');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { activities: Array<{ text?: string }> };
    expect(body.activities.map((a) => a.text).join('\n')).toMatch(/what you can say/i);
    expect(await storedForUser()).toBeGreaterThan(0);
  });

  it('tells a tenant that is not enabled so, politely, and stores nothing of it', async () => {
    const otherTenant = 'f0000000-0000-4000-8000-000000000001';
    const response = await postActivity(`Bearer ${await channelToken()}`, 'other-1', otherTenant);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { activities: Array<{ text?: string }> };
    expect(body.activities.map((a) => a.text).join('\n')).toMatch(
      /isn't enabled for your organization/,
    );
    expect(await storedForUser(otherTenant)).toBe(0);
  });
});

describe('tab API (Entra tokens)', () => {
  async function me(authorization: string): Promise<Response> {
    return fetch(`${spotter.baseUrl}/api/v1/me`, { headers: { authorization } });
  }

  it('accepts a valid token and answers with the caller', async () => {
    const response = await me(
      `Bearer ${await issuer.sign({ name: 'Casey Test', given_name: 'Casey' })}`,
    );
    expect(response.status).toBe(200);
    expect((await response.json()) as MeResponse).toEqual({
      name: 'Casey Test',
      givenName: 'Casey',
      tenantId: TENANT,
      devIdentity: false,
    });
  });

  it.each([
    ['a forged signature', () => issuer.sign({}, { key: 'foreign' })],
    ['an expired token', () => issuer.sign({}, { expiresIn: -600 })],
    ['a wrong audience', () => issuer.sign({ aud: 'api://someone-else' })],
    [
      'a wrong issuer',
      () => issuer.sign({ iss: issuer.issuerFor('d0000000-0000-4000-8000-000000000001') }),
    ],
  ])('answers %s with 401', async (_case, token) => {
    const response = await me(`Bearer ${await token()}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('answers a tenant that is not enabled with 401 and a problem type the tab recognises', async () => {
    const token = await issuer.sign({ tid: 'e0000000-0000-4000-8000-000000000001' });
    const response = await me(`Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { type: string }).type).toBe(PROBLEM_TYPES.tenantNotEnabled);
  });
});
