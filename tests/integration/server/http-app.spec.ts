/**
 * The one server process over real HTTP: health, readiness, the tab API's authentication and
 * problem details, and the bot endpoint's input checks (security headers: see
 * tests/integration/security/security-headers.spec.ts).
 */
import { DEV_AUTHORIZATION, type MeResponse } from '../../../src/api/contracts';
import { scopeFromClaims } from '../../../src/auth/scope';
import { DEV_IDENTITY } from '../../../src/config/config';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

let spotter: TestSpotter;

beforeAll(async () => {
  spotter = await startSpotter();
});
afterAll(async () => {
  await spotter.stop();
});

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${spotter.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

describe('health', () => {
  it('answers /healthz and, once the store answers, /readyz', async () => {
    expect((await fetch(`${spotter.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${spotter.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('tab API', () => {
  it('tells the development identity who it is, at /api/v1/me and /api/me', async () => {
    for (const path of ['/api/v1/me', '/api/me']) {
      const response = await fetch(`${spotter.baseUrl}${path}`, {
        headers: { authorization: DEV_AUTHORIZATION },
      });
      expect(response.status).toBe(200);
      const me = (await response.json()) as MeResponse;
      expect(me).toEqual({
        name: DEV_IDENTITY.name,
        givenName: DEV_IDENTITY.givenName,
        tenantId: DEV_IDENTITY.tenantId,
        devIdentity: true,
      });
    }
  });

  it.each([
    ['no header', undefined],
    ['a bearer that is not a JWT', 'Bearer not-a-token'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('refuses %s with 401 problem details', async (_case, authorization) => {
    const response = await fetch(`${spotter.baseUrl}/api/v1/me`, {
      headers: authorization ? { authorization } : {},
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    const problem = (await response.json()) as { status: number; detail: string };
    expect(problem.status).toBe(401);
    expect(problem.detail.length).toBeGreaterThan(0);
  });

  it('answers an unknown API route with 404 problem details', async () => {
    const response = await fetch(`${spotter.baseUrl}/api/v1/nothing-here`, {
      headers: { authorization: DEV_AUTHORIZATION },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});

describe('bot endpoint input', () => {
  it('answers malformed JSON with 400, not 500', async () => {
    const response = await post('/api/messages', '{"type": "message",');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/JSON/);
  });

  it('answers an oversized body with 413', async () => {
    const response = await post('/api/messages', JSON.stringify({ text: 'x'.repeat(300 * 1024) }));
    expect(response.status).toBe(413);
  });

  it.each([
    ['an empty object', {}],
    ['an array', []],
    [
      'an activity without a tenant',
      {
        type: 'message',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/_connector',
        from: { id: 'u' },
        recipient: { id: 'b' },
        conversation: { id: 'c' },
      },
    ],
  ])('answers %s with 400 and a reason', async (_case, body) => {
    const response = await post('/api/messages', JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/Not a valid activity/);
  });

  it('refuses GET with 405', async () => {
    expect((await fetch(`${spotter.baseUrl}/api/messages`)).status).toBe(405);
  });
});

describe('production mode', () => {
  let production: TestSpotter;
  beforeAll(async () => {
    production = await startSpotter({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      BOT_ID: '11111111-2222-4333-8444-555555555555',
      BOT_PASSWORD: 'not-a-real-secret',
      AAD_APP_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      AAD_APP_ID_URI: 'api://localhost/11111111-2222-4333-8444-555555555555',
      AUTH_JWKS_URL: 'http://127.0.0.1:9/keys',
    });
  });
  afterAll(async () => {
    await production.stop();
  });

  it('rejects an activity without a token with 401 and stores nothing', async () => {
    const response = await fetch(`${production.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: 'help',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/_connector',
        from: { id: 'u', aadObjectId: DEV_IDENTITY.userId },
        recipient: { id: 'b' },
        conversation: { id: 'c', tenantId: DEV_IDENTITY.tenantId, conversationType: 'personal' },
      }),
    });
    expect(response.status).toBe(401);
    const scope = scopeFromClaims({ tid: DEV_IDENTITY.tenantId, oid: DEV_IDENTITY.userId });
    if (!scope) throw new Error('the development identity must be a valid scope');
    expect(await production.store.exportUser(scope)).toEqual([]);
  });

  it('refuses the development identity', async () => {
    const response = await fetch(`${production.baseUrl}/api/v1/me`, {
      headers: { authorization: DEV_AUTHORIZATION },
    });
    expect(response.status).toBe(401);
  });
});
