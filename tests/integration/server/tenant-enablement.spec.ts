/**
 * Tenant enablement through the real server: an allow-listed tenant is served, any other tenant
 * is refused (tab API 401, a polite chat message with nothing stored) until one of its admins
 * onboards it, and onboarding only ever enables the admin's own tenant.
 */
import { PROBLEM_TYPES } from '../../../src/api/contracts';
import { GLOBAL_ADMINISTRATOR_ROLE } from '../../../src/auth/admin';
import { scopeFromClaims, tenantScopeOf } from '../../../src/auth/scope';
import { TENANT_RECORD_ID, TENANT_RECORD_KIND } from '../../../src/services/tenant-registry';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';
import { productionAuthEnv, TEST_BOT_ID } from '../../support/production-auth-env';

const SERVICE_URL = 'http://127.0.0.1:9/_connector/';
const LISTED = 'c1000000-0000-4000-8000-000000000001';
const USER = 'c1000000-0000-4000-8000-000000000011';
let nextTenant = 0;

let issuer: TokenIssuer;
let spotter: TestSpotter;

beforeAll(async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  issuer = await startTokenIssuer({ tenantId: LISTED, userId: USER });
  spotter = await startSpotter({
    ...productionAuthEnv(issuer),
    HOST: '127.0.0.1',
    ALLOWED_TENANT_IDS: LISTED,
  });
});
afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
});

/** A tenant id no other test uses. */
function freshTenant(): string {
  nextTenant += 1;
  return `e1000000-0000-4000-8000-${String(nextTenant).padStart(12, '0')}`;
}

async function bearer(tenantId: string, claims: Record<string, unknown> = {}): Promise<string> {
  return `Bearer ${await issuer.sign({ tid: tenantId, ...claims })}`;
}

function me(authorization: string): Promise<Response> {
  return fetch(`${spotter.baseUrl}/api/v1/me`, { headers: { authorization } });
}

function onboard(authorization: string, path = '/api/v1/admin/onboarding'): Promise<Response> {
  return fetch(`${spotter.baseUrl}${path}`, { method: 'POST', headers: { authorization } });
}

async function expectNotEnabled(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect(((await response.json()) as { type: string }).type).toBe(PROBLEM_TYPES.tenantNotEnabled);
}

async function tenantRecord(tenantId: string): Promise<unknown> {
  const scope = scopeFromClaims({ tid: tenantId, oid: USER });
  if (!scope) throw new Error('bad test ids');
  return (await spotter.store.get(tenantScopeOf(scope), TENANT_RECORD_KIND, TENANT_RECORD_ID))
    ?.data;
}

async function sayHelp(tenantId: string): Promise<string> {
  const token = await issuer.sign({
    iss: 'https://api.botframework.com',
    aud: TEST_BOT_ID,
    serviceurl: SERVICE_URL,
    tid: undefined,
    oid: undefined,
  });
  const response = await fetch(`${spotter.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      type: 'message',
      id: `help-${tenantId}-${Math.random()}`,
      text: 'help',
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      deliveryMode: 'expectReplies',
      from: { id: 'user-1', name: 'Casey Test', aadObjectId: USER },
      recipient: { id: `28:${TEST_BOT_ID}` },
      conversation: { id: 'conv-1', tenantId, conversationType: 'personal' },
      channelData: { tenant: { id: tenantId } },
    }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { activities: Array<{ text?: string }> };
  return body.activities.map((a) => a.text).join('\n');
}

async function storedOf(tenantId: string): Promise<number> {
  const scope = scopeFromClaims({ tid: tenantId, oid: USER });
  if (!scope) throw new Error('bad test ids');
  return (
    (await spotter.store.exportUser(scope)).length +
    (await spotter.store.listTenant(tenantScopeOf(scope), TENANT_RECORD_KIND)).items.length
  );
}

describe('a tenant that is not enabled', () => {
  it('gets 401 with the not-enabled problem type on every route but onboarding', async () => {
    const tenant = freshTenant();
    await expectNotEnabled(await me(await bearer(tenant)));
    await expectNotEnabled(await onboard(await bearer(tenant), '/api/v1/admin/onboarding/'));
    await expectNotEnabled(
      await fetch(`${spotter.baseUrl}/api/v1/no-such-route`, {
        headers: { authorization: await bearer(tenant) },
      }),
    );
  });

  it('is told so politely in the chat, and nothing of it is written', async () => {
    const tenant = freshTenant();
    expect(await sayHelp(tenant)).toMatch(/isn't enabled for your organization/);
    expect(await storedOf(tenant)).toBe(0);
  });

  it('cannot be enabled by a user who is not its admin', async () => {
    const tenant = freshTenant();
    const response = await onboard(await bearer(tenant, { roles: ['Spotter.Reader'] }));
    expect(response.status).toBe(403);
    expect(await tenantRecord(tenant)).toBeUndefined();
    await expectNotEnabled(await me(await bearer(tenant)));
  });
});

describe('self-service onboarding', () => {
  it.each([
    ['the Spotter.Admin app role', { roles: ['Spotter.Admin'] }],
    ['the Global Administrator directory role', { wids: [GLOBAL_ADMINISTRATOR_ROLE] }],
  ])('lets an admin with %s enable their own tenant', async (_case, claims) => {
    const tenant = freshTenant();
    const response = await onboard(await bearer(tenant, claims));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tenantEnabled: true, enabledAt: expect.any(String) });
    expect(await tenantRecord(tenant)).toMatchObject({ enabled: true, enabledBy: USER });
    expect((await me(await bearer(tenant))).status).toBe(200);
    expect(await sayHelp(tenant)).toMatch(/what you can say/i);
  });

  it('enables only the caller’s tenant, whatever the request says', async () => {
    const tenant = freshTenant();
    const bystander = freshTenant();
    const response = await fetch(
      `${spotter.baseUrl}/api/v1/admin/onboarding?tenantId=${bystander}`,
      {
        method: 'POST',
        headers: {
          authorization: await bearer(tenant, { roles: ['Spotter.Admin'] }),
          'x-tenant-id': bystander,
        },
      },
    );
    expect(response.status).toBe(200);
    expect(await tenantRecord(bystander)).toBeUndefined();
    await expectNotEnabled(await me(await bearer(bystander)));
    expect(await storedOf(bystander)).toBe(0);
  });

  it('is idempotent: a second onboarding keeps the first date', async () => {
    const tenant = freshTenant();
    const admin = await bearer(tenant, { roles: ['Spotter.Admin'] });
    const first = (await (await onboard(admin)).json()) as { enabledAt: string };
    const second = (await (await onboard(admin)).json()) as { enabledAt: string };
    expect(second.enabledAt).toBe(first.enabledAt);
  });
});

describe('an allow-listed tenant', () => {
  it('is served without onboarding', async () => {
    expect((await me(await bearer(LISTED))).status).toBe(200);
  });
});
