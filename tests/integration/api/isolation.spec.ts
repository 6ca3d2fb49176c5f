/**
 * Robustness of every route in the table: random bodies, query strings and week keys from a
 * caller of tenant B never get a 500, and never touch tenant A's records.
 *
 * @remarks
 * Sign-in, tenant isolation and cross-user isolation of every route are proven by the security
 * suite (tests/integration/security).
 */
import fc from 'fast-check';
import { API_ROUTES } from '../../../src/api/routes';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { HelpRequestService } from '../../../src/services/help-request-service';
import { PracticeService } from '../../../src/services/practice-service';
import type { StoredRecord } from '../../../src/store/store';
import { seedWeeks } from '../../support/practice-seed';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { callApi } from '../../support/tab-api';
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
