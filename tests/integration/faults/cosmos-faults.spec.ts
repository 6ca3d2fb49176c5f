/**
 * Cosmos DB that throttles, fails and stalls: the real server and SDK against the local Cosmos
 * DB test server behind the fault proxy. Short bursts of 429 and 503 are ridden out (the SDK's
 * throttling retries, our own retries of 503); an outage or a stall past the request timeout
 * gives the chat user a plain "try again", the tab API a 503 problem with `Retry-After`, and
 * leaves each record whole or untouched.
 */
import { randomUUID } from 'node:crypto';
import type { ProblemDetails } from '../../../src/api/contracts';
import { DEV_AUTHORIZATION } from '../../../src/api/contracts';
import { formatEtag } from '../../../src/api/etag';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { DEV_IDENTITY } from '../../../src/config/config';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../../src/domain/practice-week';
import { SETTINGS_RECORD } from '../../../src/domain/settings';
import { translate } from '../../../bot/i18n';
import { startCosmosTestServer, type CosmosTestServer } from '../../support/cosmos-test-server';
import { DirectBotClient, textsOf } from '../../support/direct-bot-client';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { apiAs, type TabApi } from '../../support/tab-api';

jest.setTimeout(120_000);

const TENANT = 'f1000000-0000-4000-8000-000000000001';
/** Kept short so a stalled request fails fast; the proxy stalls well beyond it. */
const REQUEST_TIMEOUT_MS = 1_000;
const STALL_MS = 3_000;

let cosmos: CosmosTestServer;
let proxy: FaultProxy;
let spotter: TestSpotter;
let api: TabApi;
const devScope = scopeFromClaims({ tid: DEV_IDENTITY.tenantId, oid: DEV_IDENTITY.userId }) as Scope;

beforeAll(async () => {
  cosmos = await startCosmosTestServer();
  proxy = await startFaultProxy(cosmos.endpoint);
  spotter = await startSpotter({
    STORE: 'cosmos',
    COSMOS_ENDPOINT: proxy.url,
    COSMOS_KEY: cosmos.key,
    COSMOS_DATABASE: `spotter-faults-${randomUUID()}`,
    COSMOS_ENDPOINT_DISCOVERY: 'false',
    COSMOS_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  });
  api = apiAs(spotter.baseUrl, DEV_AUTHORIZATION);
});

afterEach(() => proxy.setMode({ kind: 'pass' }));

afterAll(async () => {
  await spotter?.stop();
  await proxy?.stop();
  await cosmos?.stop();
});

/** A fresh chat user of the test tenant. */
function chatUser(locale = 'en-US'): { client: DirectBotClient; scope: Scope } {
  const userId = randomUUID();
  return {
    client: new DirectBotClient(spotter.baseUrl, { tenantId: TENANT, userId, locale }),
    scope: scopeFromClaims({ tid: TENANT, oid: userId }) as Scope,
  };
}

/** Every week record of a person, read with the proxy passing. */
async function weeksOf(scope: Scope): Promise<PracticeWeek[]> {
  const page = await spotter.store.list<PracticeWeek>(scope, PRACTICE_WEEK_KIND);
  return page.items.map((record) => record.data);
}

/** The dev identity's settings, saved once so they carry an entity tag. */
async function savedSettings(): Promise<{ body: Record<string, unknown>; etag: string }> {
  const read = await api.get<Record<string, unknown>>('/settings');
  const saved = await api.put<Record<string, unknown>>('/settings', read.body);
  expect(saved.status).toBe(200);
  return { body: saved.body, etag: saved.headers.get('etag') as string };
}

function repCount(weeks: readonly PracticeWeek[]): number {
  return weeks.reduce((sum, week) => sum + week.reps.length, 0);
}

/** A week as the domain writes it: every field there, every rep complete. */
function expectWhole(week: PracticeWeek): void {
  expect(week).toEqual(
    expect.objectContaining({ week: expect.any(String), timeZone: expect.any(String) }),
  );
  for (const rep of week.reps) {
    expect(rep).toEqual(
      expect.objectContaining({ id: expect.any(String), kind: expect.any(String) }),
    );
  }
}

it('rides out a burst of 429s: the SDK waits as Cosmos DB asks, the rep is logged once', async () => {
  const { client, scope } = chatUser();
  await client.say('log asked coffee with Sam');
  const before = proxy.requests();
  proxy.setMode({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 3 });

  const answer = await client.say('log thanked Priya for the review');

  expect(answer.status).toBe(200);
  expect(textsOf(answer)).not.toContain(translate('en-US', 'error.storeBusy'));
  expect(textsOf(answer)).not.toContain(translate('en-US', 'error.generic'));
  // The three throttled requests really reached the proxy and were repeated.
  expect(proxy.requests() - before).toBeGreaterThan(3);
  const reps = (await weeksOf(scope)).flatMap((week) => week.reps);
  expect(reps.map((rep) => rep.kind)).toEqual(['asked', 'thanked']);
});

it('rides out a burst of 503s on writes with its own backoff (the SDK does not retry them)', async () => {
  const before = repCount(await weeksOf(devScope));
  proxy.setMode({ kind: 'status', status: 503, times: 2, methods: ['PUT', 'POST'] });

  const answer = await api.post('/week/reps', { kind: 'accepted', note: 'after a 503' });

  expect(answer.status).toBe(201);
  expect(repCount(await weeksOf(devScope))).toBe(before + 1);
});

it('in an outage tells the chat user to try again (English and German) and writes nothing', async () => {
  const english = chatUser();
  const german = chatUser('de-DE');
  await english.client.say('log asked for a review');
  const before = await weeksOf(english.scope);
  proxy.setMode({ kind: 'status', status: 503 });

  const answers = await Promise.all([
    english.client.say('log thanked Mei'),
    german.client.say('log thanked Mei'),
  ]);

  expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
  expect(textsOf(answers[0] as never)).toBe(translate('en-US', 'error.storeBusy'));
  expect(textsOf(answers[1] as never)).toBe(translate('de-DE', 'error.storeBusy'));
  expect(translate('de-DE', 'error.storeBusy')).not.toBe(translate('en-US', 'error.storeBusy'));
  proxy.setMode({ kind: 'pass' });
  expect(await weeksOf(english.scope)).toEqual(before);
  expect(await weeksOf(german.scope)).toEqual([]);
});

it('in an outage answers a card button with the same "try again", not a broken card', async () => {
  const { client } = chatUser();
  proxy.setMode({ kind: 'status', status: 503 });

  const answer = await client.execute('reps.log', { kind: 'asked' });

  expect(answer.status).toBe(200);
  expect(answer.invoke).toEqual({
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: translate('en-US', 'error.storeBusy'),
  });
});

it('in an outage answers the tab API with a 503 problem and Retry-After, and writes nothing', async () => {
  const settings = await savedSettings();
  const weeksBefore = await weeksOf(devScope);
  proxy.setMode({ kind: 'status', status: 503 });

  const rep = await api.post<ProblemDetails>('/week/reps', { kind: 'asked' });
  const saved = await api.put<ProblemDetails>('/settings', settings.body, {
    'if-match': settings.etag,
  });

  for (const answer of [rep, saved]) {
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(answer.body).toMatchObject({ status: 503, title: 'Service unavailable' });
    expect(answer.text).not.toMatch(/at .*\.(?:js|ts):\d+/);
  }
  proxy.setMode({ kind: 'pass' });
  expect(await weeksOf(devScope)).toEqual(weeksBefore);
});

it('when a write stalls past the timeout: "try again" now, and the record is whole or untouched', async () => {
  const { client, scope } = chatUser();
  await client.say('log asked for a pairing session');
  const [before] = await weeksOf(scope);
  // Cosmos DB replaces (PUT) stall; reads and creates pass, so the turn reaches its write.
  proxy.setMode({ kind: 'delay', ms: STALL_MS, methods: ['PUT'] });

  const answer = await client.say('log accepted help with the rollout');

  expect(textsOf(answer)).toBe(translate('en-US', 'error.storeBusy'));
  // The stalled request is still delivered later: a timeout cannot tell whether it landed.
  proxy.setMode({ kind: 'pass' });
  await new Promise((resolve) => setTimeout(resolve, STALL_MS + 500));
  const after = await weeksOf(scope);
  expect(after).toHaveLength(1);
  const [week] = after as [PracticeWeek];
  expectWhole(week);
  expect([before?.reps.length, (before?.reps.length ?? 0) + 1]).toContain(week.reps.length);
  expect(week.reps.slice(0, before?.reps.length)).toEqual(before?.reps);
});

it('keeps settings whole when the outage ends: a failed save changes nothing, a retry succeeds', async () => {
  const first = await savedSettings();
  const changed = { ...first.body, reminderTime: '09:30' };
  const ifMatch = { 'if-match': first.etag };
  proxy.setMode({ kind: 'status', status: 503 });
  expect((await api.put('/settings', changed, ifMatch)).status).toBe(503);
  proxy.setMode({ kind: 'pass' });
  const stored = await spotter.store.get(devScope, SETTINGS_RECORD.kind, SETTINGS_RECORD.id);
  expect(formatEtag(stored?.etag ?? '')).toBe(first.etag);

  const retried = await api.put<{ reminderTime: string }>('/settings', changed, ifMatch);
  expect(retried.status).toBe(200);
  expect(retried.body.reminderTime).toBe('09:30');
});
