/**
 * The cross-tenant and cross-user matrix over every route of the tab API, generated from
 * {@link API_ROUTES}: for each route, a user of another tenant with the owner's very user id and
 * another user of the owner's tenant call it with the owner's ids, etags and keys; they must get
 * the expected status, see nothing of the owner's, and change nothing of the owner's. The owner
 * then makes the same call and does reach their data, which proves the case aims at something.
 *
 * @remarks
 * A route without a case here fails this suite, so whoever adds a route decides what each
 * caller may get.
 */
import { DELETE_CONFIRMATION } from '../../../src/api/contracts';
import { API_ROUTES } from '../../../src/api/routes';
import type { ApiAnswer } from '../../support/tab-api';
import {
  apiOf,
  expectOwnerSideKept,
  NON_OWNERS,
  PAST_WEEK,
  secretsFor,
  seedWorld,
  startSecurityServer,
  TENANT_A,
  tenantRecords,
  THIS_WEEK,
  type Caller,
  type SecurityServer,
  type World,
} from './security-world';

/** What one route is called with, and what each caller must get. */
interface RouteCase {
  /** The path under `/api/v1`, with the owner's ids filled in. */
  readonly path: (world: World) => string;
  /**
   * A valid body with nothing of the owner's in it, so that an echo of it cannot pass for a
   * leak and a refusal can only come from who is calling.
   */
  readonly body?: (world: World) => unknown;
  /** Headers carrying the owner's data: `If-Match` with their etag, a key they used. */
  readonly headers?: (world: World) => Record<string, string>;
  /** The status each caller gets. */
  readonly status: Readonly<Record<Caller, number>>;
  /**
   * Text of the owner's that the owner's own answer shows (proof the case reaches it) and no
   * other caller's answer may.
   */
  readonly ownerSees?: (world: World) => string;
  /**
   * Whether the owner's own call writes to the tenant, which proves that "nothing changed" for
   * the others means something. @default true for PUT, POST and DELETE
   */
  readonly ownerWrites?: boolean;
}

const mine = (status = 200) => ({ owner: status, otherTenant: status, otherUser: status });
const adminOnly = (status = 200) => ({ owner: status, otherTenant: status, otherUser: 403 });

/**
 * One case per route, keyed `METHOD /path` as in the route table. Non-owners act in their own
 * partition (200 with their own, empty data), or find nothing (404), or are refused (403 on
 * admin routes, 409/412 where the owner's etag or state cannot apply to them).
 */
const ROUTE_CASES: Readonly<Record<string, RouteCase>> = {
  'GET /me': { path: () => '/me', status: mine() },
  'GET /app': { path: () => '/app', status: mine() },
  'GET /week': { path: () => '/week', status: mine(), ownerSees: (w) => w.secret },
  'PUT /week/reflection': {
    path: () => '/week/reflection',
    body: () => ({
      week: THIS_WEEK,
      answers: { helpedBy: [], yesCount: 1, holdingAlone: 'my own', connected: [] },
      complete: false,
    }),
    headers: (w) => ({ 'if-match': w.etags.week }),
    // The owner's etag names no version of anyone else's week.
    status: { owner: 200, otherTenant: 412, otherUser: 412 },
  },
  'POST /week/reps': {
    path: () => '/week/reps',
    body: () => ({ kind: 'asked' }),
    status: mine(201),
  },
  'DELETE /week/reps/last': {
    path: () => '/week/reps/last',
    status: { owner: 200, otherTenant: 409, otherUser: 409 },
  },
  'GET /reflections': { path: () => '/reflections', status: mine(), ownerSees: (w) => w.secret },
  'GET /reflections/:week': {
    path: () => `/reflections/${PAST_WEEK}`,
    status: { owner: 200, otherTenant: 404, otherUser: 404 },
    ownerSees: (w) => w.secret,
  },
  'GET /trends': { path: () => '/trends', status: mine() },
  'GET /people': { path: () => '/people', status: mine(), ownerSees: (w) => `${w.secret} friend` },
  'GET /settings': { path: () => '/settings', status: mine(), ownerSees: (w) => w.timeZone },
  'PUT /settings': {
    path: () => '/settings',
    body: () => ({
      reminderDay: 1,
      reminderTime: '08:00',
      timeZone: 'UTC',
      paused: true,
      quietHours: null,
      language: 'de',
    }),
    headers: (w) => ({ 'if-match': w.etags.settings }),
    status: { owner: 200, otherTenant: 412, otherUser: 412 },
  },
  'GET /requests': {
    path: () => '/requests?box=sent',
    status: mine(),
    ownerSees: (w) => w.secret,
  },
  'POST /requests': {
    path: () => '/requests',
    body: (w) => ({ colleagueId: w.strangersColleague.userId, what: 'a hand', source: 'outlook' }),
    // Replaying the owner's key must not hand anyone the owner's request.
    headers: (w) => ({ 'idempotency-key': w.requestFormId }),
    status: { owner: 200, otherTenant: 409, otherUser: 201 },
    ownerSees: (w) => w.secret,
    // The owner's replay answers the request made before, and writes nothing new.
    ownerWrites: false,
  },
  'GET /colleagues': {
    path: (w) => `/colleagues?address=${encodeURIComponent(w.ownerAddress)}`,
    status: mine(),
  },
  'POST /requests/:id/actions': {
    path: (w) => `/requests/${w.requestId}/actions`,
    body: () => ({ action: 'cancel' }),
    headers: (w) => ({ 'if-match': w.etags.request }),
    status: { owner: 200, otherTenant: 404, otherUser: 404 },
    ownerSees: (w) => w.secret,
  },
  'GET /export': { path: () => '/export', status: mine(), ownerSees: (w) => w.secret },
  'DELETE /me/data': {
    path: () => '/me/data',
    body: () => ({ confirm: DELETE_CONFIRMATION }),
    status: mine(),
  },
  'POST /admin/onboarding': {
    path: () => '/admin/onboarding',
    status: adminOnly(),
    // Tenant A is served by configuration; enabling it again records nothing.
    ownerWrites: false,
  },
  'GET /admin/audit': {
    // Every world's entries share the fixed clock's instant; one page holds them all.
    path: () => '/admin/audit?limit=100',
    status: adminOnly(),
    ownerSees: (w) => w.owner.userId,
  },
  'GET /admin/audit/export': {
    path: () => '/admin/audit/export',
    status: adminOnly(),
    ownerSees: (w) => w.owner.userId,
  },
  'GET /admin/aggregates': {
    path: () => `/admin/aggregates?week=${THIS_WEEK}`,
    status: adminOnly(),
  },
  'GET /admin/retention': {
    path: () => '/admin/retention',
    status: adminOnly(),
    ownerSees: (w) => `"months":${w.retentionMonths}`,
  },
  'PUT /admin/retention': {
    path: () => '/admin/retention',
    body: () => ({ months: 3 }),
    status: adminOnly(),
  },
  'GET /admin/org-defaults': {
    path: () => '/admin/org-defaults',
    status: adminOnly(),
    ownerSees: (w) => `${w.secret} group`,
  },
  'PUT /admin/org-defaults': {
    path: () => '/admin/org-defaults',
    body: (w) => w.plainOrgDefaults,
    headers: (w) => ({ 'if-match': w.etags.orgDefaults }),
    status: { owner: 200, otherTenant: 412, otherUser: 403 },
  },
};

const routeKeys = API_ROUTES.map((route) => `${route.method} ${route.path}`);

function missingCase(key: string): string {
  return (
    `The route "${key}" has no security case. Add one to ROUTE_CASES in ` +
    'tests/integration/security/route-matrix.spec.ts: the path and body to call it with (filled ' +
    'from the owner’s data), and the status the owner, a user of another tenant and another ' +
    'user of the same tenant each get.'
  );
}

// Seeding a world is a dozen requests and bot turns; the machine may be busy with other suites.
jest.setTimeout(30_000);

let server: SecurityServer;

beforeAll(async () => {
  server = await startSecurityServer();
});
afterAll(async () => {
  await server?.stop();
});

it('has a case for every route of the table and none for a route that is gone', () => {
  expect(new Set(routeKeys).size).toBe(routeKeys.length);
  expect(routeKeys.filter((key) => !(key in ROUTE_CASES)).map(missingCase)).toEqual([]);
  expect(Object.keys(ROUTE_CASES).filter((key) => !routeKeys.includes(key))).toEqual([]);
});

async function call(world: World, caller: Caller, key: string): Promise<ApiAnswer> {
  const routeCase = ROUTE_CASES[key] as RouteCase;
  const [method = 'GET'] = key.split(' ');
  const api = await apiOf(server, world, caller);
  const path = routeCase.path(world);
  const headers = routeCase.headers?.(world) ?? {};
  switch (method) {
    case 'GET':
      return api.get(path, headers);
    case 'PUT':
      return api.put(path, routeCase.body?.(world), headers);
    case 'POST':
      return api.post(path, routeCase.body?.(world) ?? {}, headers);
    default:
      return api.delete(path, routeCase.body?.(world));
  }
}

describe.each(routeKeys.map((key, index) => [key, index] as const))('%s', (key, index) => {
  const routeCase = ROUTE_CASES[key];
  if (!routeCase) {
    it('has a security case', () => {
      throw new Error(missingCase(key));
    });
    return;
  }

  let world: World;
  beforeAll(async () => {
    world = await seedWorld(server, index);
  });

  it.each(NON_OWNERS)(
    'gives %s (%s) the expected status, none of the owner’s data, and changes nothing of it',
    async (caller) => {
      const before = tenantRecords(server, world);
      const answer = await call(world, caller, key);
      expect(answer.status).toBe(routeCase.status[caller]);
      const secrets = [
        ...secretsFor(world, caller),
        ...(routeCase.ownerSees ? [routeCase.ownerSees(world)] : []),
      ];
      for (const secret of secrets) expect(answer.text).not.toContain(secret);
      expectOwnerSideKept(before, tenantRecords(server, world), world, caller);
    },
  );

  it('lets the owner reach their own data with the same call', async () => {
    const before = tenantRecords(server, world);
    const answer = await call(world, 'owner', key);
    expect(answer.status).toBe(routeCase.status.owner);
    if (routeCase.ownerSees) expect(answer.text).toContain(routeCase.ownerSees(world));
    if (routeCase.ownerWrites ?? !key.startsWith('GET ')) {
      expect(tenantRecords(server, world)).not.toEqual(before);
    }
  });
});

describe('a tenant or user named by the client', () => {
  let world: World;
  beforeAll(async () => {
    world = await seedWorld(server, routeKeys.length);
  });

  it('is ignored in the query string and headers, and refused in a body', async () => {
    const before = tenantRecords(server, world);
    const b = await apiOf(server, world, 'otherTenant');
    const week = await b.get(
      `/week?tenantId=${TENANT_A}&tid=${TENANT_A}&userId=${world.owner.userId}`,
      { 'x-tenant-id': TENANT_A, 'x-ms-client-principal-id': world.owner.userId },
    );
    expect(week.status).toBe(200);
    expect(week.text).not.toContain(world.secret);
    const rep = await b.post('/week/reps', { kind: 'asked', tenantId: TENANT_A });
    expect(rep.status).toBe(422);
    expectOwnerSideKept(before, tenantRecords(server, world), world, 'otherTenant');
  });
});
