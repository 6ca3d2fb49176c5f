/**
 * The tab API's token matrix through the real server in production mode: every way a sign-in
 * can be wrong is a 401 problem on every route of the table, a valid token is let in, and the
 * admin routes answer 403 to a valid token without the admin role.
 */
import type { ApiRoute } from '../../../src/api/api-route';
import { DEV_AUTHORIZATION, PROBLEM_TYPES, type MeResponse } from '../../../src/api/contracts';
import { API_ROUTES } from '../../../src/api/routes';
import { ADMIN_APP_ROLE } from '../../../src/auth/admin';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { callApi } from '../../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

const TENANT = 'c1000000-0000-4000-8000-000000000001';
const USER = 'c1000000-0000-4000-8000-000000000011';
const OTHER_TENANT = 'c2000000-0000-4000-8000-000000000001';
const UNSERVED_TENANT = 'c3000000-0000-4000-8000-000000000001';
/** Microsoft Graph's application id: a real token of the same tenant, meant for another app. */
const GRAPH_AUDIENCE = '00000003-0000-0000-c000-000000000000';
/** An admin of TENANT by configuration (`ADMIN_USER_IDS`), not by a role claim. */
const CONFIGURED_ADMIN = 'c1000000-0000-4000-8000-0000000000ad';
const UNSERVED = 'a tenant that is not enabled';

let issuer: TokenIssuer;
let spotter: TestSpotter;

beforeAll(async () => {
  issuer = await startTokenIssuer({ tenantId: TENANT, userId: USER });
  spotter = await startSpotter({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    BOT_ID: 'c1000000-0000-4000-8000-0000000000b0',
    BOT_PASSWORD: 'not-a-real-secret',
    AAD_APP_CLIENT_ID: 'c1000000-0000-4000-8000-0000000000c0',
    ...issuer.env,
    ALLOWED_TENANT_IDS: `${TENANT},${OTHER_TENANT}`,
    ADMIN_USER_IDS: `${TENANT}:${CONFIGURED_ADMIN}`,
  });
});
afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
});

/** A concrete path for a route's pattern; any well-formed value will do before sign-in. */
function pathOf(route: ApiRoute): string {
  return route.path
    .replace(':week', '2026-W48')
    .replace(/:[a-z]+/gi, '00000000-0000-4000-8000-000000000000');
}

function call(route: ApiRoute, authorization: string | undefined) {
  return callApi(spotter.baseUrl, route.method, pathOf(route), {
    authorization,
    // A JSON body where the route takes one, so only the sign-in can be what is refused.
    ...(route.maxBodyBytes === undefined ? {} : { body: {} }),
  });
}

const bearer = (token: Promise<string>) => token.then((value) => `Bearer ${value}`);
const literally = (header: string | undefined) => () => Promise.resolve(header);

/** Every way a sign-in can be wrong, each with the `Authorization` header it sends. */
const REFUSED: ReadonlyArray<readonly [string, () => Promise<string | undefined>]> = [
  ['no Authorization header', literally(undefined)],
  ['an empty bearer', literally('Bearer ')],
  ['another scheme', literally('Basic dXNlcjpwYXNz')],
  ['a bearer that is not a JWT', literally('Bearer not-a-token')],
  ['a JWT of junk', literally('Bearer x.y.z')],
  ['an oversized token', literally(`Bearer ${'a'.repeat(9000)}.b.c`)],
  ['a forged signature', () => bearer(issuer.sign({}, { key: 'foreign' }))],
  ['a key id the JWKS does not have', () => bearer(issuer.sign({}, { kid: 'unknown-kid' }))],
  ['an HS256 token keyed with the public key', () => bearer(issuer.sign({}, { alg: 'HS256' }))],
  ['an unsigned token (alg none)', () => bearer(issuer.sign({}, { alg: 'none' }))],
  ['a wrong audience', () => bearer(issuer.sign({ aud: 'api://localhost/someone-else' }))],
  ['a token for another app (Microsoft Graph)', () => bearer(issuer.sign({ aud: GRAPH_AUDIENCE }))],
  ['no audience', () => bearer(issuer.sign({ aud: undefined }))],
  [
    'the issuer of another tenant',
    () => bearer(issuer.sign({ iss: issuer.issuerFor(OTHER_TENANT) })),
  ],
  ['a foreign issuer', () => bearer(issuer.sign({ iss: `https://evil.example/${TENANT}/v2.0` }))],
  ['an expired token', () => bearer(issuer.sign({}, { expiresIn: -600 }))],
  ['a token not valid yet', () => bearer(issuer.sign({}, { notBefore: 600 }))],
  ['no expiry', () => bearer(issuer.sign({ exp: undefined }))],
  ['no tenant (tid)', () => bearer(issuer.sign({ tid: undefined }))],
  ['no user (oid)', () => bearer(issuer.sign({ oid: undefined }))],
  ['a reserved tenant id (_system)', () => bearer(issuer.sign({ tid: '_system' }))],
  ['a reserved user id (_tenant)', () => bearer(issuer.sign({ oid: '_tenant' }))],
  [UNSERVED, () => bearer(issuer.sign({ tid: UNSERVED_TENANT }))],
  ['the development identity', literally(DEV_AUTHORIZATION)],
];

const ADMIN_ROUTES = API_ROUTES.filter((route) => route.path.startsWith('/admin/'));

describe.each(REFUSED)('%s', (name, authorization) => {
  it.each(API_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'is refused on %s with a 401 problem',
    async (_route, route) => {
      const header = await authorization();
      const response = await call(route, header);
      if (name === UNSERVED && route.openToUnservedTenants) {
        // Onboarding is the one door open to such a tenant, and only to its admins.
        expect(response.status).toBe(403);
        return;
      }
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      const problem = response.body as { status: number; detail: string; type: string };
      expect(problem.status).toBe(401);
      expect(problem.detail.length).toBeGreaterThan(0);
      if (name === UNSERVED) {
        expect(problem.type).toBe(PROBLEM_TYPES.tenantNotEnabled);
      }
      // A refusal never echoes the token or what it claims.
      const token = header?.split(' ')[1];
      if (token && token.length > 20) expect(response.text).not.toContain(token.slice(0, 40));
      expect(response.text).not.toContain(USER);
    },
  );
});

describe('a valid token', () => {
  it('is let in and names the caller', async () => {
    const token = await issuer.sign({ name: 'Casey Test', given_name: 'Casey' });
    const response = await callApi<MeResponse>(spotter.baseUrl, 'GET', '/me', {
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      name: 'Casey Test',
      givenName: 'Casey',
      tenantId: TENANT,
      devIdentity: false,
    });
  });

  it('is let in with the client id as audience, too', async () => {
    const token = await issuer.sign({ aud: 'c1000000-0000-4000-8000-0000000000c0' });
    const response = await callApi(spotter.baseUrl, 'GET', '/week', {
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(200);
  });

  it.each(
    API_ROUTES.filter((route) => route.method === 'GET').map(
      (route) => [`${route.method} ${route.path}`, route] as const,
    ),
  )('gets past sign-in on %s', async (_name, route) => {
    const admin = await issuer.sign({ roles: [ADMIN_APP_ROLE] });
    const response = await call(route, `Bearer ${admin}`);
    // Past sign-in the route itself answers: a 404 for a week the caller does not have, a 400
    // for a missing query parameter; the statuses of a refused sign-in never.
    expect([401, 403]).not.toContain(response.status);
    expect(response.status).toBeLessThan(500);
  });
});

describe.each(ADMIN_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_name, route) => {
    it('answers 403 to a signed-in user who is not an admin', async () => {
      const response = await call(route, `Bearer ${await issuer.sign({ roles: ['Other.Role'] })}`);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('answers 403 to an admin of another tenant with the same user id', async () => {
      // ADMIN_USER_IDS names a tenant and a user: the same object id in tenant B is no admin,
      // while in its own tenant it is let in (so the 403 above comes from the check, not the
      // route).
      const elsewhere = await issuer.sign({ tid: OTHER_TENANT, oid: CONFIGURED_ADMIN });
      expect((await call(route, `Bearer ${elsewhere}`)).status).toBe(403);
      const home = await issuer.sign({ oid: CONFIGURED_ADMIN });
      expect((await call(route, `Bearer ${home}`)).status).not.toBe(403);
    });
  },
);

it('has admin routes to check', () => {
  expect(ADMIN_ROUTES.length).toBeGreaterThan(0);
});
