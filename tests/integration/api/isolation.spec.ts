/**
 * Tenant isolation and robustness of every route in the table: without a sign-in nothing
 * answers, a token of tenant B (even with the same user id) sees and changes nothing of tenant
 * A's, and random input never gets a 500.
 */
import fc from 'fast-check';
import { DELETE_CONFIRMATION, type ThisWeekResponse } from '../../../src/api/contracts';
import type { ApiRoute } from '../../../src/api/api-route';
import { API_ROUTES } from '../../../src/api/routes';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { HelpRequestService } from '../../../src/services/help-request-service';
import { PracticeService } from '../../../src/services/practice-service';
import type { StoredRecord } from '../../../src/store/store';
import { seedWeeks } from '../../support/practice-seed';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { apiAs, callApi } from '../../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

const TENANT_A = 'a1000000-0000-4000-8000-000000000001';
const TENANT_B = 'b1000000-0000-4000-8000-000000000001';
const USER = 'a1000000-0000-4000-8000-000000000011';
const THIS_WEEK = '2026-W48';
const SECRET = 'tenant-a-secret-text';
/** A help request id that exists in tenant A. */
let REQUEST_ID = '00000000-0000-4000-8000-000000000000';

let issuer: TokenIssuer;
let spotter: TestSpotter;
const alice = scopeFromClaims({ tid: TENANT_A, oid: USER }) as Scope;
let aliceRecords: StoredRecord<unknown>[];

/** A concrete path for a route's pattern. */
function pathOf(pattern: string): string {
  if (pattern === '/requests') return '/requests?box=sent';
  return pattern.replace(':week', THIS_WEEK).replace(':id', REQUEST_ID);
}

/** A body that the route accepts, so a refusal can only come from the caller. */
function validBody(route: ApiRoute): unknown {
  if (route.maxBodyBytes === undefined) return undefined;
  switch (route.path) {
    case '/week/reflection':
      return {
        week: THIS_WEEK,
        answers: { helpedBy: [], yesCount: 1, holdingAlone: 'b', connected: [] },
        complete: false,
      };
    case '/week/reps':
      return { kind: 'asked' };
    case '/settings':
      return {
        reminderDay: 1,
        reminderTime: '09:00',
        timeZone: 'UTC',
        paused: true,
        quietHours: null,
        language: 'de',
      };
    case '/me/data':
      return { confirm: DELETE_CONFIRMATION };
    case '/requests/:id/actions':
      return { action: 'cancel' };
    default:
      return undefined;
  }
}

beforeAll(async () => {
  issuer = await startTokenIssuer({ tenantId: TENANT_A, userId: USER });
  spotter = await startSpotter(
    { ...issuer.env, AAD_APP_CLIENT_ID: 'spotter-client-id' },
    { now: () => new Date('2026-11-26T12:00:00Z') },
  );
  await seedWeeks(spotter.store, alice, THIS_WEEK, 10, (week, index) => ({
    week,
    timeZone: 'UTC',
    reflection: {
      helpedBy: [{ name: `${SECRET}-helper` }],
      yesCount: index,
      holdingAlone: `${SECRET} ${index}`,
      connected: [],
    },
    reps: [
      {
        id: `rep-${index}`,
        kind: 'asked',
        note: SECRET,
        at: '2026-11-24T09:00:00.000Z',
        source: 'logged',
      },
    ],
  }));
  await spotter.store.put(alice, 'settings', 'me', {
    reminderDay: 3,
    reminderTime: '10:00',
    timeZone: 'UTC',
    paused: false,
    quietHours: null,
    language: 'en',
  });
  const helpRequests = new HelpRequestService(spotter.store, new PracticeService(spotter.store));
  const created = await helpRequests.create(alice, {
    formId: 'a1000000-0000-4000-8000-0000000000f0',
    helperUserId: 'a1000000-0000-4000-8000-000000000012',
    helperName: 'Hana',
    askerName: 'Alice',
    what: `${SECRET} request`,
    weight: 'light',
  });
  if (created.kind !== 'created') throw new Error(created.kind);
  REQUEST_ID = created.view.request.id;
  aliceRecords = await spotter.store.exportUser(alice);
});

afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
});

it('lists every route once', () => {
  const keys = API_ROUTES.map((route) => `${route.method} ${route.path}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toEqual(
    expect.arrayContaining([
      'GET /week',
      'PUT /week/reflection',
      'POST /week/reps',
      'DELETE /week/reps/last',
      'GET /reflections',
      'GET /reflections/:week',
      'GET /trends',
      'GET /people',
      'GET /settings',
      'PUT /settings',
      'GET /export',
      'DELETE /me/data',
      'GET /requests',
      'POST /requests/:id/actions',
    ]),
  );
});

describe.each(API_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_name, route) => {
    it('answers 401 without a valid sign-in', async () => {
      for (const authorization of [
        undefined,
        'Bearer x.y.z',
        `Bearer ${await issuer.sign({}, { key: 'foreign' })}`,
      ]) {
        const response = await callApi(spotter.baseUrl, route.method, pathOf(route.path), {
          authorization,
          body: validBody(route),
        });
        expect(response.status).toBe(401);
      }
    });

    it('shows tenant B none of tenant A’s data and leaves A’s records untouched', async () => {
      // Same user id, another tenant: only the token's tenant tells them apart.
      const token = await issuer.sign({ tid: TENANT_B });
      const response = await callApi(spotter.baseUrl, route.method, pathOf(route.path), {
        authorization: `Bearer ${token}`,
        body: validBody(route),
      });
      expect(response.status).toBeLessThan(500);
      expect(response.text).not.toContain(SECRET);
      expect(response.text).not.toContain(TENANT_A);
      await expect(spotter.store.exportUser(alice)).resolves.toEqual(aliceRecords);
    });
  },
);

it('gives tenant B a 404 for a week tenant A has, and an empty history', async () => {
  const b = apiAs(spotter.baseUrl, `Bearer ${await issuer.sign({ tid: TENANT_B })}`);
  expect((await b.get(`/reflections/${THIS_WEEK}`)).status).toBe(404);
  expect((await b.get('/reflections')).body).toEqual({ items: [] });
  expect((await b.get('/people')).body).toEqual({ people: [], truncated: false });
  const a = apiAs(spotter.baseUrl, `Bearer ${await issuer.sign()}`);
  expect((await a.get(`/reflections/${THIS_WEEK}`)).status).toBe(200);
});

it('ignores a tenant or user named in the body, query or headers', async () => {
  const b = apiAs(spotter.baseUrl, `Bearer ${await issuer.sign({ tid: TENANT_B })}`);
  const week = await b.get<ThisWeekResponse>(`/week?tenantId=${TENANT_A}&userId=${USER}`, {
    'x-tenant-id': TENANT_A,
    'x-ms-client-principal-id': USER,
  });
  expect(week.text).not.toContain(SECRET);
  const rep = await b.post('/week/reps', { kind: 'asked', tenantId: TENANT_A });
  expect(rep.status).toBe(422);
  await expect(spotter.store.exportUser(alice)).resolves.toEqual(aliceRecords);
});

describe('random input', () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  const text = fc.string({ unit: 'binary', maxLength: 300 });
  const headerText = fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength: 80,
  });

  it('never gets a 500 and always gets JSON, from any body on any route with a body', async () => {
    const b = `Bearer ${await issuer.sign({ tid: TENANT_B, oid: 'fuzz-user' })}`;
    const withBody = API_ROUTES.filter((route) => route.maxBodyBytes !== undefined);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBody),
        fc.oneof(
          json,
          text.map((t) => `{${t}`),
        ),
        fc.option(fc.oneof(headerText, fc.constant('"abc"')), { nil: undefined }),
        async (route, body, ifMatch) => {
          const response = await callApi(spotter.baseUrl, route.method, pathOf(route.path), {
            authorization: b,
            body: typeof body === 'string' ? body : JSON.stringify(body),
            headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
          });
          expect(response.status).toBeLessThan(500);
          expect(response.headers.get('content-type')).toMatch(/json/);
        },
      ),
      { numRuns: 300 },
    );
    await expect(spotter.store.exportUser(alice)).resolves.toEqual(aliceRecords);
  });

  it('never gets a 500 from any query string or week key', async () => {
    const b = `Bearer ${await issuer.sign({ tid: TENANT_B, oid: 'fuzz-user' })}`;
    const gets = API_ROUTES.filter((route) => route.method === 'GET');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...gets),
        fc.dictionary(
          fc.constantFrom('q', 'person', 'cursor', 'limit', 'weeks', 'format', 'x'),
          text,
          { maxKeys: 4 },
        ),
        text,
        async (route, query, week) => {
          const path = route.path.replace(':week', encodeURIComponent(week) || 'x');
          const response = await callApi(
            spotter.baseUrl,
            'GET',
            `${path}?${new URLSearchParams(query)}`,
            { authorization: b },
          );
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });
});
