/**
 * The bot endpoint's authentication through the real server: botbuilder's own Bot Framework
 * token validation, pointed at a local OpenID document and JWKS that the test controls.
 *
 * @remarks
 * botbuilder reports some forged tokens (another key under a known kid, HS256, not yet valid) as
 * plain errors rather than authentication failures; every case must still be a 401 with no
 * handler run.
 */
import { scopeFromClaims } from '../../../src/auth/scope';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';
import { productionAuthEnv, TEST_BOT_ID } from '../../support/production-auth-env';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

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
    ...productionAuthEnv(issuer),
    HOST: '127.0.0.1',
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
    recipient: { id: `28:${TEST_BOT_ID}` },
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
      aud: TEST_BOT_ID,
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
  const bearer = (token: Promise<string>) => token.then((t) => `Bearer ${t}`);

  it.each([
    ['no token', () => Promise.resolve(undefined)],
    ['another scheme', () => Promise.resolve('Basic dXNlcjpwYXNz')],
    ['a bearer that is not a JWT', () => Promise.resolve('Bearer not-a-token')],
    [
      'a forged signature (same kid, other key)',
      () => bearer(channelToken({}, { key: 'foreign' })),
    ],
    ['a key id the JWKS does not have', () => bearer(channelToken({}, { kid: 'unknown-kid' }))],
    ['an unsigned token (alg none)', () => bearer(channelToken({}, { alg: 'none' }))],
    ['a token signed HS256 with the public key', () => bearer(channelToken({}, { alg: 'HS256' }))],
    ['an expired token', () => bearer(channelToken({}, { expiresIn: -600 }))],
    ['a token not valid yet', () => bearer(channelToken({}, { notBefore: 600 }))],
    ['a token for another bot', () => bearer(channelToken({ aud: 'someone-else' }))],
    ['a token without an audience', () => bearer(channelToken({ aud: undefined }))],
    ['a token from another issuer', () => bearer(channelToken({ iss: 'https://evil.example' }))],
    ['a token without an issuer', () => bearer(channelToken({ iss: undefined }))],
    [
      'a token for another service URL',
      () => bearer(channelToken({ serviceurl: 'http://127.0.0.1:9/other/' })),
    ],
    ['a token without a service URL', () => bearer(channelToken({ serviceurl: undefined }))],
    ['a tab (Entra) token', () => bearer(issuer.sign())],
  ])('answers %s with 401 and runs no handler', async (_case, authorization) => {
    const response = await postActivity(await authorization(), `bad-${Math.random()}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await response.text()).not.toMatch(/what you can say/i);
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
