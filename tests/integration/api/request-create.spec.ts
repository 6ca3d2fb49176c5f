/**
 * Asking through the tab API (`POST /requests`, as the Outlook pane does) and the pane's
 * colleague picker (`GET /colleagues`): the request in the asker's partition, the inbox entry in
 * the helper's, the card delivered to the helper's 1:1 chat like `ask` in chat, every refusal of
 * the service as a problem with a reason and nothing kept, the idempotency key, and that neither
 * another user nor another tenant can reach anyone through it.
 */
import { randomUUID } from 'node:crypto';
import {
  PROBLEM_TYPES,
  type ColleaguesResponse,
  type CreateRequestResponse,
  type ProblemDetails,
  type RequestListResponse,
} from '../../../src/api/contracts';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { HELP_REQUEST_KIND } from '../../../src/domain/help-request';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../../src/domain/practice-week';
import { PROFILE_RECORD, type UserProfile } from '../../../src/domain/profile';
import {
  HELP_INBOX_KIND,
  HELP_MUTE_KIND,
  type HelpRequestRecord,
} from '../../../src/services/help-request-service';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { apiAs, type TabApi } from '../../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

const TENANT = 'c4000000-0000-4000-8000-000000000001';
const OTHER_TENANT = 'c4000000-0000-4000-8000-000000000002';
const ASKER = 'c4000000-0000-4000-8000-000000000011';
const HELPER = 'c4000000-0000-4000-8000-000000000012';
const STRANGER = 'c4000000-0000-4000-8000-000000000013';
const NO_SPOTTER = 'c4000000-0000-4000-8000-000000000014';
const NOW = new Date('2026-11-26T12:00:00Z');
const LINK = 'https://outlook.office.com/mail/deeplink/read/AAMkAD%2Fx%2By%3D?ItemID=AAMkAD';

const scopeOf = (tid: string, oid: string) => scopeFromClaims({ tid, oid }) as Scope;
const askerScope = scopeOf(TENANT, ASKER);
const helperScope = scopeOf(TENANT, HELPER);
const strangerScope = scopeOf(TENANT, STRANGER);

let issuer: TokenIssuer;
let spotter: TestSpotter;
let connector: ConnectorStandIn;
let helperChat: string;
let asker: TabApi;
let helper: TabApi;
let stranger: TabApi;
let otherTenant: TabApi;

/** A profile as the bot writes it when someone first talks to Spotter, reachable via the stand-in. */
async function meetsSpotter(scope: Scope, name: string): Promise<string> {
  const chat = connector.conversation(scope.tenantId);
  const profile: UserProfile = {
    displayName: name,
    givenName: name.split(' ')[0] ?? name,
    locale: 'en-US',
    conversationReference: connector.referenceFor(scope.tenantId, scope.userId, chat),
    firstSeenAt: NOW.toISOString(),
  };
  await spotter.store.put(scope, PROFILE_RECORD.kind, PROFILE_RECORD.id, profile);
  return chat;
}

function askBody(overrides: Record<string, unknown> = {}) {
  return {
    colleagueId: HELPER,
    what: 'Quarterly numbers: a second pair of eyes?',
    link: LINK,
    source: 'outlook',
    ...overrides,
  };
}

async function storedRequests(scope: Scope = askerScope) {
  return (await spotter.store.list<HelpRequestRecord>(scope, HELP_REQUEST_KIND)).items;
}

async function inbox(scope: Scope = helperScope) {
  return (await spotter.store.list(scope, HELP_INBOX_KIND)).items;
}

function cardsDelivered(): Array<Record<string, unknown>> {
  return connector
    .deliveredTo(helperChat)
    .map(
      (delivered) =>
        (delivered.activity['attachments'] as Array<{ content: Record<string, unknown> }>)[0]!
          .content,
    );
}

async function expectNothingKept(): Promise<void> {
  expect(await storedRequests()).toEqual([]);
  expect(await inbox()).toEqual([]);
  expect(cardsDelivered()).toEqual([]);
}

beforeAll(async () => {
  issuer = await startTokenIssuer({ tenantId: TENANT });
  connector = await ConnectorStandIn.start({
    tenantLimit: { limit: 1_000_000, windowMs: 1_000 },
    conversationLimits: [],
  });
  spotter = await startSpotter(
    { ...issuer.env, AAD_APP_CLIENT_ID: 'spotter-client-id' },
    { now: () => NOW },
  );
  const as = async (claims: Record<string, unknown>) =>
    apiAs(spotter.baseUrl, `Bearer ${await issuer.sign(claims)}`);
  asker = await as({ oid: ASKER, name: 'Ari Asker', preferred_username: 'ari@contoso.example' });
  helper = await as({
    oid: HELPER,
    name: 'Hana Helper',
    preferred_username: 'Hana@Contoso.example',
  });
  stranger = await as({ oid: STRANGER, name: 'Sol Stranger' });
  otherTenant = await as({ oid: ASKER, tid: OTHER_TENANT, name: 'Ari Elsewhere' });
});

afterAll(async () => {
  await spotter?.stop();
  await connector?.stop();
  await issuer?.stop();
});

beforeEach(async () => {
  for (const scope of [askerScope, helperScope, strangerScope, scopeOf(OTHER_TENANT, ASKER)]) {
    await spotter.store.deleteUser(scope);
  }
  await meetsSpotter(askerScope, 'Ari Asker');
  helperChat = await meetsSpotter(helperScope, 'Hana Helper');
});

describe('POST /requests', () => {
  it('asks: the request, the helper’s inbox entry, the card in their chat, the asker’s rep', async () => {
    const answer = await asker.post<CreateRequestResponse>('/requests', askBody());
    expect(answer.status).toBe(201);
    expect(answer.headers.get('etag')).toBeTruthy();
    const request = answer.body.request;
    expect(answer.body.created).toBe(true);
    expect(request).toMatchObject({
      role: 'asker',
      status: 'sent',
      what: 'Quarterly numbers: a second pair of eyes?',
      link: LINK,
      askerName: 'Ari Asker',
      helperName: 'Hana Helper',
      actions: ['cancel'],
    });

    const [stored] = await storedRequests();
    expect(stored?.id).toBe(request.id);
    expect(stored?.data.request.link).toBe(LINK);
    expect(stored?.data.cards).toEqual([
      expect.objectContaining({ view: 'helper', locale: 'en-US' }),
    ]);
    expect((await inbox()).map((entry) => entry.id)).toEqual([request.id]);

    const [card] = cardsDelivered();
    const text = JSON.stringify(card);
    expect(text).toContain('Ari Asker asks Hana Helper for a hand');
    expect(text).toContain(`(${LINK})`);
    expect(text).toContain('"verb":"help-request.accept"');
    expect(card?.['refresh']).toMatchObject({ userIds: [`29:${ASKER}`, `29:${HELPER}`] });

    const week = await spotter.store.get<PracticeWeek>(askerScope, PRACTICE_WEEK_KIND, '2026-W48');
    expect(week?.data.reps.map((rep) => [rep.kind, rep.source])).toEqual([
      ['asked', 'help-request'],
    ]);
    const received = await helper.get<RequestListResponse>('/requests?box=received');
    expect(received.body.items).toEqual([
      expect.objectContaining({ id: request.id, role: 'helper', link: LINK }),
    ]);
  });

  it('makes one request per Idempotency-Key: the repeat answers 200 with the first one', async () => {
    const key = randomUUID();
    const first = await asker.post<CreateRequestResponse>('/requests', askBody(), {
      'idempotency-key': key,
    });
    const again = await asker.post<CreateRequestResponse>(
      '/requests',
      askBody({ what: 'Something else' }),
      { 'idempotency-key': key },
    );
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.created).toBe(false);
    expect(again.body.request.id).toBe(first.body.request.id);
    expect(again.body.request.what).toBe('Quarterly numbers: a second pair of eyes?');
    expect(await storedRequests()).toHaveLength(1);
    expect(cardsDelivered()).toHaveLength(1);

    // Without a key, every call is a new request.
    await asker.post('/requests', askBody());
    expect(await storedRequests()).toHaveLength(2);
  });

  it('keeps a key to its asker: another person’s same key is their own request', async () => {
    const key = randomUUID();
    const mine = await asker.post<CreateRequestResponse>('/requests', askBody(), {
      'idempotency-key': key,
    });
    await meetsSpotter(strangerScope, 'Sol Stranger');
    const theirs = await stranger.post<CreateRequestResponse>('/requests', askBody(), {
      'idempotency-key': key,
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.request.id).not.toBe(mine.body.request.id);
    expect(theirs.body.request.askerName).toBe('Sol Stranger');
    expect(await storedRequests(strangerScope)).toHaveLength(1);
    expect(await storedRequests()).toHaveLength(1);
  });

  it.each([
    ['a link that is not https', { link: 'http://outlook.office.com/mail' }, 'link'],
    ['a script link', { link: 'javascript:alert(1)' }, 'link'],
    ['a link with credentials', { link: 'https://user:pw@example.com/' }, 'link'],
    ['no text', { what: '   ' }, 'what'],
    ['text over the limit', { what: 'x'.repeat(501) }, 'what'],
    ['no colleague', { colleagueId: '' }, 'colleagueId'],
    ['another source', { source: 'teams' }, 'source'],
    ['an unknown field', { tenantId: OTHER_TENANT }, '(body)'],
  ])('refuses %s with a 422 naming the field, and keeps nothing', async (_name, change, path) => {
    const answer = await asker.post<ProblemDetails>('/requests', askBody(change));
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.type).toBe(PROBLEM_TYPES.validation);
    expect(answer.body.errors?.map((error) => error.path)).toContain(path);
    await expectNothingKept();
  });

  it('refuses asking yourself with a 422 on the colleague', async () => {
    const answer = await asker.post<ProblemDetails>('/requests', askBody({ colleagueId: ASKER }));
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      { path: 'colleagueId', message: 'pick someone other than yourself' },
    ]);
    expect(await storedRequests()).toEqual([]);
  });

  it('refuses a malformed Idempotency-Key with a 400', async () => {
    const answer = await asker.post<ProblemDetails>('/requests', askBody(), {
      'idempotency-key': 'not-a-uuid',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ path: 'Idempotency-Key', message: 'a UUID' }]);
    await expectNothingKept();
  });

  it('says plainly when the colleague has no Spotter, and keeps nothing', async () => {
    for (const colleagueId of [NO_SPOTTER, '../../_tenant', 'x'.repeat(128)]) {
      const answer = await asker.post<ProblemDetails>('/requests', askBody({ colleagueId }));
      expect(answer.status).toBe(409);
      expect(answer.body.type).toBe(PROBLEM_TYPES.colleagueUnreachable);
    }
    await expectNothingKept();
  });

  it('says when the colleague muted the asker, and keeps nothing', async () => {
    await spotter.store.put(helperScope, HELP_MUTE_KIND, ASKER, { askerId: ASKER, at: '' });
    const answer = await asker.post<ProblemDetails>('/requests', askBody());
    expect(answer.status).toBe(409);
    expect(answer.body.type).toBe(PROBLEM_TYPES.colleagueMuted);
    await expectNothingKept();
  });

  it('stops at the kindness limit per colleague and day with a reason', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await asker.post('/requests', askBody({ what: `Ask ${i}` }))).status).toBe(201);
    }
    const answer = await asker.post<ProblemDetails>('/requests', askBody({ what: 'One more' }));
    expect(answer.status).toBe(409);
    expect(answer.body.type).toBe(PROBLEM_TYPES.askLimit);
    expect(answer.body.detail).toContain('3 times today');
    expect(await storedRequests()).toHaveLength(3);
  });

  it('withdraws a request whose card cannot be delivered', async () => {
    connector.failNext(1, 403, { conversationId: helperChat });
    const answer = await asker.post<ProblemDetails>('/requests', askBody());
    expect(answer.status).toBe(409);
    expect(answer.body.type).toBe(PROBLEM_TYPES.colleagueUnreachable);
    expect(answer.body.detail).toContain('Nothing was sent');
    await expectNothingKept();
  });

  it('cannot reach a user of another tenant: the same ids there find no one', async () => {
    await meetsSpotter(scopeOf(OTHER_TENANT, ASKER), 'Ari Elsewhere');
    const answer = await otherTenant.post<ProblemDetails>('/requests', askBody());
    expect(answer.status).toBe(409);
    expect(answer.body.type).toBe(PROBLEM_TYPES.colleagueUnreachable);
    await expectNothingKept();
    expect(await storedRequests(scopeOf(OTHER_TENANT, ASKER))).toEqual([]);
    expect(await inbox(scopeOf(OTHER_TENANT, HELPER))).toEqual([]);
  });
});

describe('GET /colleagues', () => {
  it('offers the sender behind an address once they signed in, in any case of spelling', async () => {
    expect((await helper.get('/colleagues')).status).toBe(200);
    const answer = await asker.get<ColleaguesResponse>(
      '/colleagues?address=HANA%40contoso.example',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.people).toEqual([{ id: HELPER, name: 'Hana Helper', source: 'sender' }]);
  });

  it('offers no one for an address nobody signed in with, or without a profile', async () => {
    const unknown = await asker.get<ColleaguesResponse>(
      '/colleagues?address=nobody%40contoso.example',
    );
    expect(unknown.body.people).toEqual([]);
    // The stranger signed in (as the issuer's default address) but never met the bot.
    expect((await stranger.get('/colleagues')).status).toBe(200);
    const noProfile = await asker.get<ColleaguesResponse>(
      '/colleagues?address=taylor%40contoso.example',
    );
    expect(noProfile.body.people).toEqual([]);
  });

  it('offers people asked before, filtered by the words typed', async () => {
    await asker.post('/requests', askBody());
    const all = await asker.get<ColleaguesResponse>('/colleagues');
    expect(all.body.people).toEqual([{ id: HELPER, name: 'Hana Helper', source: 'known' }]);
    const typed = await asker.get<ColleaguesResponse>('/colleagues?q=hAn');
    expect(typed.body.people.map((person) => person.id)).toEqual([HELPER]);
    const other = await asker.get<ColleaguesResponse>('/colleagues?q=hana%20zed');
    expect(other.body.people).toEqual([]);
    // The helper knows the asker from the request they received.
    const back = await helper.get<ColleaguesResponse>('/colleagues');
    expect(back.body.people).toEqual([{ id: ASKER, name: 'Ari Asker', source: 'known' }]);
  });

  it('never offers another tenant’s people, by address or by history', async () => {
    await helper.get('/colleagues');
    await asker.post('/requests', askBody());
    const answer = await otherTenant.get<ColleaguesResponse>(
      '/colleagues?address=hana%40contoso.example',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.people).toEqual([]);
  });

  it('refuses a query that is not text with a 400', async () => {
    const answer = await asker.get<ProblemDetails>('/colleagues?q=a&q=b');
    expect(answer.status).toBe(400);
    expect((await asker.get<ProblemDetails>(`/colleagues?q=${'x'.repeat(101)}`)).status).toBe(400);
  });
});
