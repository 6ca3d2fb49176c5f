/**
 * The admin API through the real server: only admins of the caller's own tenant get in, the
 * audit log records onboarding, and the weekly figures count one tenant only, hide groups under
 * five and carry no names or content.
 */
import { API_ROUTES } from '../../../src/api/routes';
import { ADMIN_APP_ROLE } from '../../../src/auth/admin';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { HELP_REQUEST_KIND, type HelpRequest } from '../../../src/domain/help-request';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../../src/domain/practice-week';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

const TENANT_A = 'c4000000-0000-4000-8000-00000000000a';
const TENANT_B = 'c4000000-0000-4000-8000-00000000000b';
const TENANT_C = 'c4000000-0000-4000-8000-00000000000c';
const LISTED_ADMIN = 'c4000000-0000-4000-8000-0000000000ad';
const WEEK = '2026-W10';
const IN_WEEK = '2026-03-04T10:00:00.000Z';
const SECRET = 'Sensitive words nobody else may read';

let issuer: TokenIssuer;
let spotter: TestSpotter;

beforeAll(async () => {
  issuer = await startTokenIssuer({ tenantId: TENANT_A, userId: LISTED_ADMIN });
  spotter = await startSpotter({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    BOT_ID: '7e1a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b',
    BOT_PASSWORD: 'not-a-real-secret',
    AAD_APP_CLIENT_ID: 'spotter-client-id',
    ...issuer.env,
    ALLOWED_TENANT_IDS: `${TENANT_A},${TENANT_B}`,
    ADMIN_USER_IDS: `${TENANT_A}:${LISTED_ADMIN}`,
  });
});
afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
});

function userId(index: number): string {
  return `c4000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

function scopeOf(tenantId: string, index: number): Scope {
  const scope = scopeFromClaims({ tid: tenantId, oid: userId(index) });
  if (!scope) throw new Error('bad test ids');
  return scope;
}

async function bearer(tenantId: string, oid: string, claims: Record<string, unknown> = {}) {
  return `Bearer ${await issuer.sign({ tid: tenantId, oid, ...claims })}`;
}

const adminOf = (tenantId: string) => bearer(tenantId, userId(900), { roles: [ADMIN_APP_ROLE] });

function get(path: string, authorization: string): Promise<Response> {
  return fetch(`${spotter.baseUrl}/api/v1${path}`, { headers: { authorization } });
}

/** `count` people of a tenant who practised and completed a reflection in the week. */
async function seedWeeks(tenantId: string, first: number, count: number): Promise<void> {
  for (let index = first; index < first + count; index += 1) {
    const week: PracticeWeek = {
      week: WEEK,
      timeZone: 'UTC',
      reflection: {
        helpedBy: [{ name: 'Jordan Secretname' }],
        yesCount: 1,
        holdingAlone: SECRET,
        connected: [],
        completedAt: IN_WEEK,
      },
      reps: [],
    };
    await spotter.store.put(scopeOf(tenantId, index), PRACTICE_WEEK_KIND, WEEK, week, {
      sortKey: WEEK,
    });
  }
}

/** Requests of `count` distinct askers, each to a distinct helper, accepted and thanked. */
async function seedRequests(tenantId: string, first: number, count: number): Promise<void> {
  for (let index = first; index < first + count; index += 1) {
    const request: HelpRequest = {
      id: `c4000000-0000-4000-8000-${String(5000 + index).padStart(12, '0')}`,
      asker: { userId: userId(index), name: 'Jordan Secretname' },
      helper: { userId: userId(100 + index), name: 'Sam Secretname' },
      what: SECRET,
      weight: 'light',
      status: 'accepted',
      createdAt: IN_WEEK,
      updatedAt: IN_WEEK,
      thanks: { at: IN_WEEK, note: SECRET },
    };
    await spotter.store.put(
      scopeOf(tenantId, index),
      HELP_REQUEST_KIND,
      request.id,
      { request, cards: [], teamsUserIds: {} },
      { sortKey: IN_WEEK },
    );
  }
}

const ADMIN_READS = API_ROUTES.filter(
  (route) => route.path.startsWith('/admin/') && route.method === 'GET',
);

describe('who may use the admin API', () => {
  it('has admin routes to probe', () => {
    expect(ADMIN_READS.map((route) => route.path)).toEqual(
      expect.arrayContaining(['/admin/audit', '/admin/audit/export', '/admin/aggregates']),
    );
  });

  it.each(ADMIN_READS.map((route) => route.path))('%s answers 403 to a non-admin', async (path) => {
    const response = await get(path, await bearer(TENANT_A, userId(1), { roles: ['Reader'] }));
    expect(response.status).toBe(403);
  });

  it.each(ADMIN_READS.map((route) => route.path))(
    '%s answers 403 to a configured admin’s object id in another tenant',
    async (path) => {
      expect((await get(path, await bearer(TENANT_A, LISTED_ADMIN))).status).toBe(200);
      expect((await get(path, await bearer(TENANT_B, LISTED_ADMIN))).status).toBe(403);
    },
  );

  it.each(ADMIN_READS.map((route) => route.path))(
    '%s answers 401 to an admin of a tenant that is not enabled',
    async (path) => {
      expect((await get(path, await adminOf(TENANT_C))).status).toBe(401);
    },
  );
});

describe('aggregates', () => {
  it('hide every figure of four people and show those of five, of one tenant only', async () => {
    await seedWeeks(TENANT_A, 1, 4);
    await seedRequests(TENANT_A, 1, 4);
    await seedWeeks(TENANT_B, 1, 20);
    await seedRequests(TENANT_B, 1, 20);

    const four = await get(`/admin/aggregates?week=${WEEK}`, await adminOf(TENANT_A));
    expect(four.status).toBe(200);
    expect(await four.json()).toEqual({
      week: WEEK,
      activePeople: 'fewer-than-5',
      reflectionsCompleted: 'fewer-than-5',
      requestsSent: 'fewer-than-5',
      requestsAccepted: 'fewer-than-5',
      thanks: 'fewer-than-5',
    });

    await seedWeeks(TENANT_A, 5, 1);
    await seedRequests(TENANT_A, 5, 1);
    const five = await get(`/admin/aggregates?week=${WEEK}`, await adminOf(TENANT_A));
    const text = await five.text();
    expect(JSON.parse(text)).toEqual({
      week: WEEK,
      activePeople: 5,
      reflectionsCompleted: 5,
      requestsSent: 5,
      requestsAccepted: 5,
      thanks: 5,
    });
    expect(text).not.toMatch(/Secretname|Sensitive|c4000000/);
  });

  it('refuses a malformed week', async () => {
    expect((await get('/admin/aggregates?week=last', await adminOf(TENANT_A))).status).toBe(400);
  });
});

describe('retention', () => {
  function putRetention(authorization: string, body: unknown): Promise<Response> {
    return fetch(`${spotter.baseUrl}/api/v1/admin/retention`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('is off by default, changed by an admin only, and every change is audited', async () => {
    const admin = await adminOf(TENANT_B);
    expect(await (await get('/admin/retention', admin)).json()).toEqual({ months: null });

    const member = await bearer(TENANT_B, userId(1));
    expect((await putRetention(member, { months: 6 })).status).toBe(403);
    expect((await putRetention(await bearer(TENANT_B, LISTED_ADMIN), { months: 6 })).status).toBe(
      403,
    );
    expect((await putRetention(admin, { months: 0 })).status).toBe(422);
    expect((await putRetention(admin, { months: 6, tenantId: TENANT_A })).status).toBe(422);

    expect((await putRetention(admin, { months: 6 })).status).toBe(200);
    expect(await (await get('/admin/retention', admin)).json()).toEqual({ months: 6 });
    expect(await (await get('/admin/retention', await adminOf(TENANT_A))).json()).toEqual({
      months: null,
    });
    const log = (await (await get('/admin/audit', admin)).json()) as {
      items: Array<{ action: string; details: unknown; actorId: string }>;
    };
    expect(log.items).toEqual([
      expect.objectContaining({
        action: 'retention.changed',
        details: { months: 6 },
        actorId: userId(900),
      }),
    ]);
  });
});

describe('audit log', () => {
  it('records onboarding, for that tenant’s admins only, viewable and exportable', async () => {
    const admin = await adminOf(TENANT_C);
    const onboarded = await fetch(`${spotter.baseUrl}/api/v1/admin/onboarding`, {
      method: 'POST',
      headers: { authorization: admin },
    });
    expect(onboarded.status).toBe(200);

    const log = await get('/admin/audit', admin);
    expect(await log.json()).toEqual({
      items: [
        {
          at: expect.any(String),
          actorId: userId(900),
          action: 'tenant.enabled',
          details: { enabled: true },
        },
      ],
    });
    const csv = await get('/admin/audit/export', admin);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await csv.text()).toMatch(/tenant\.enabled/);

    expect(await (await get('/admin/audit', await adminOf(TENANT_A))).json()).toEqual({
      items: [],
    });
  });
});
