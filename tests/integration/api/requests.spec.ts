/**
 * Help requests through the tab API: both boxes, the card's actions through the one state
 * machine (with the same reps counted), entity tags, and 404 for anyone who is not a party or
 * is in another tenant.
 */
import { randomUUID } from 'node:crypto';
import {
  PROBLEM_TYPES,
  type AppInfoResponse,
  type ProblemDetails,
  type RequestActionResponse,
  type RequestListResponse,
} from '../../../src/api/contracts';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../../src/domain/practice-week';
import { HelpRequestService } from '../../../src/services/help-request-service';
import { PracticeService } from '../../../src/services/practice-service';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { apiAs, type TabApi } from '../../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

const TENANT = 'c2000000-0000-4000-8000-000000000001';
const ASKER = 'c2000000-0000-4000-8000-000000000011';
const HELPER = 'c2000000-0000-4000-8000-000000000012';
const STRANGER = 'c2000000-0000-4000-8000-000000000013';
const NOW = new Date('2026-11-26T12:00:00Z');

let issuer: TokenIssuer;
let spotter: TestSpotter;
let service: HelpRequestService;
let asker: TabApi;
let helper: TabApi;
let stranger: TabApi;
let otherTenant: TabApi;
const askerScope = scopeFromClaims({ tid: TENANT, oid: ASKER }) as Scope;
const helperScope = scopeFromClaims({ tid: TENANT, oid: HELPER }) as Scope;

beforeAll(async () => {
  issuer = await startTokenIssuer({ tenantId: TENANT });
  spotter = await startSpotter(
    { ...issuer.env, AAD_APP_CLIENT_ID: 'spotter-client-id' },
    { now: () => NOW },
  );
  service = new HelpRequestService(spotter.store, new PracticeService(spotter.store, () => NOW), {
    now: () => NOW,
  });
  const as = async (claims: Record<string, unknown>) =>
    apiAs(spotter.baseUrl, `Bearer ${await issuer.sign(claims)}`);
  asker = await as({ oid: ASKER });
  helper = await as({ oid: HELPER });
  stranger = await as({ oid: STRANGER });
  otherTenant = await as({ oid: HELPER, tid: 'c3000000-0000-4000-8000-000000000001' });
});

afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
});

beforeEach(async () => {
  for (const scope of [askerScope, helperScope]) await spotter.store.deleteUser(scope);
});

async function ask(what = 'Review my budget slides'): Promise<string> {
  const created = await service.create(askerScope, {
    formId: randomUUID(),
    helperUserId: HELPER,
    helperName: 'Hana Helper',
    askerName: 'Ari Asker',
    what,
    weight: 'medium',
  });
  if (created.kind !== 'created') throw new Error(`not created: ${created.kind}`);
  return created.view.request.id;
}

it('says help requests are on', async () => {
  expect((await asker.get<AppInfoResponse>('/app')).body.features.helpRequests).toBe(true);
});

it('lists sent and received requests with what each side may do', async () => {
  const id = await ask();
  const sent = await asker.get<RequestListResponse>('/requests?box=sent');
  expect(sent.status).toBe(200);
  expect(sent.body.items).toEqual([
    expect.objectContaining({
      id,
      role: 'asker',
      status: 'sent',
      what: 'Review my budget slides',
      weight: 'medium',
      askerName: 'Ari Asker',
      helperName: 'Hana Helper',
      actions: ['cancel'],
    }),
  ]);
  const received = await helper.get<RequestListResponse>('/requests?box=received');
  expect(received.body.items).toEqual([
    expect.objectContaining({ id, role: 'helper', actions: ['accept', 'decline', 'redirect'] }),
  ]);
  expect((await asker.get<RequestListResponse>('/requests?box=received')).body.items).toEqual([]);
  expect((await stranger.get<RequestListResponse>('/requests?box=sent')).body.items).toEqual([]);
});

it('runs accept, done and thanks like the card, and counts the asker’s reps', async () => {
  const id = await ask();
  const accepted = await helper.post<RequestActionResponse>(`/requests/${id}/actions`, {
    action: 'accept',
  });
  expect(accepted.status).toBe(200);
  expect(accepted.body).toMatchObject({ changed: true, request: { status: 'accepted' } });
  const again = await helper.post<RequestActionResponse>(`/requests/${id}/actions`, {
    action: 'accept',
  });
  expect(again.body.changed).toBe(false);

  const done = await asker.post<RequestActionResponse>(`/requests/${id}/actions`, {
    action: 'done',
  });
  expect(done.body.request).toMatchObject({ status: 'done', actions: ['thank'] });
  const thanked = await asker.post<RequestActionResponse>(`/requests/${id}/actions`, {
    action: 'thank',
    note: 'That saved my week',
  });
  expect(thanked.body.request.thanks?.note).toBe('That saved my week');

  const week = await spotter.store.get<PracticeWeek>(askerScope, PRACTICE_WEEK_KIND, '2026-W48');
  expect(week?.data.reps.map((rep) => [rep.kind, rep.source])).toEqual(
    expect.arrayContaining([
      ['accepted', 'help-request'],
      ['thanked', 'help-request'],
    ]),
  );
});

it('declines with a reason and suggests someone', async () => {
  const first = await ask();
  const declined = await helper.post<RequestActionResponse>(`/requests/${first}/actions`, {
    action: 'decline',
    reason: 'Off next week',
  });
  expect(declined.body.request).toMatchObject({
    status: 'declined',
    declineReason: 'Off next week',
  });
  const second = await ask('Pair on the migration');
  const redirected = await helper.post<RequestActionResponse>(`/requests/${second}/actions`, {
    action: 'redirect',
    suggestion: 'Sam Okafor',
  });
  expect(redirected.body.request).toMatchObject({ status: 'redirected', suggestion: 'Sam Okafor' });
});

it('refuses the other side’s action and a move the state machine does not allow with 409', async () => {
  const id = await ask();
  const wrong = await asker.post<ProblemDetails>(`/requests/${id}/actions`, { action: 'accept' });
  expect(wrong.status).toBe(409);
  expect(wrong.body.type).toBe(PROBLEM_TYPES.wrongParty);
  await asker.post(`/requests/${id}/actions`, { action: 'cancel' });
  const late = await helper.post<ProblemDetails>(`/requests/${id}/actions`, { action: 'accept' });
  expect(late.status).toBe(409);
  expect(late.body.type).toBe(PROBLEM_TYPES.illegalTransition);
});

it('guards an action with If-Match: a stale version is a 412 and changes nothing', async () => {
  const id = await ask();
  const listed = await helper.get<RequestListResponse>('/requests?box=received');
  const etag = listed.body.items[0]?.etag as string;
  await asker.post(`/requests/${id}/actions`, { action: 'cancel' });
  const stale = await helper.post<ProblemDetails>(
    `/requests/${id}/actions`,
    { action: 'accept' },
    { 'if-match': etag },
  );
  expect(stale.status).toBe(412);
  const fresh = await helper.get<RequestListResponse>('/requests?box=received');
  expect(fresh.body.items[0]?.status).toBe('cancelled');
});

it('answers a stranger, another tenant and a guessed id with the same 404', async () => {
  const id = await ask();
  for (const [who, target] of [
    [stranger, id],
    [otherTenant, id],
    [helper, randomUUID()],
    [helper, 'not-an-id'],
  ] as const) {
    const answer = await who.post<ProblemDetails>(`/requests/${target}/actions`, {
      action: 'accept',
    });
    expect(answer.status).toBe(404);
  }
  const received = await helper.get<RequestListResponse>('/requests?box=received');
  expect(received.body.items[0]?.status).toBe('sent');
});

it.each([
  [{ action: 'fly' }],
  [{ action: 'redirect' }],
  [{ action: 'redirect', suggestion: '   ' }],
  [{ action: 'decline', reason: 'x'.repeat(281) }],
  [{ action: 'accept', extra: true }],
])('answers a bad action %j with 422', async (body) => {
  const id = await ask();
  expect((await helper.post(`/requests/${id}/actions`, body)).status).toBe(422);
});

it('answers a missing or unknown box with 400', async () => {
  expect((await asker.get('/requests')).status).toBe(400);
  expect((await asker.get('/requests?box=all')).status).toBe(400);
});

it('removes the helper’s inbox entry when the asker deletes their data', async () => {
  await ask();
  expect((await helper.get<RequestListResponse>('/requests?box=received')).body.items).toHaveLength(
    1,
  );
  await asker.delete('/me/data', { confirm: 'delete-everything' });
  await expect(spotter.store.exportUser(askerScope)).resolves.toEqual([]);
  const inbox = await spotter.store.list(helperScope, 'help-inbox');
  expect(inbox.items).toEqual([]);
});
