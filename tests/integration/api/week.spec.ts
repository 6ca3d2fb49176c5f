/**
 * This week through the real server with Entra-style tokens: reading, saving the reflection
 * with entity tags, reps and undo, and the 4xx answers for everything a client can get wrong.
 */
import {
  PROBLEM_TYPES,
  type ProblemDetails,
  type RepChangeResponse,
  type ThisWeekResponse,
} from '../../../src/api/contracts';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { challengeOf, personKeyOf } from '../../../src/domain/challenges';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../../src/domain/practice-week';
import { PracticeService } from '../../../src/services/practice-service';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { apiAs, callApi, type TabApi } from '../../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

const TENANT = 'e0000000-0000-4000-8000-000000000001';
const USER = 'e0000000-0000-4000-8000-000000000011';
const THIS_WEEK = '2026-W48';

let clock = new Date('2026-11-26T12:00:00Z');
let issuer: TokenIssuer;
let spotter: TestSpotter;
let api: TabApi;
let practice: PracticeService;
const scope = scopeFromClaims({ tid: TENANT, oid: USER }) as Scope;

const answers = {
  helpedBy: [{ name: 'Sam' }],
  yesCount: 2,
  holdingAlone: 'The migration plan',
  connected: [{ name: 'Lee' }],
};

beforeAll(async () => {
  issuer = await startTokenIssuer({ tenantId: TENANT, userId: USER });
  spotter = await startSpotter(
    { ...issuer.env, AAD_APP_CLIENT_ID: 'spotter-client-id' },
    { now: () => clock },
  );
  api = apiAs(spotter.baseUrl, `Bearer ${await issuer.sign()}`);
  practice = new PracticeService(spotter.store, () => clock);
});

afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
});

beforeEach(async () => {
  clock = new Date('2026-11-26T12:00:00Z');
  await spotter.store.deleteUser(scope);
});

async function storedWeek(week = THIS_WEEK): Promise<PracticeWeek | undefined> {
  return (await spotter.store.get<PracticeWeek>(scope, PRACTICE_WEEK_KIND, week))?.data;
}

describe('GET /week', () => {
  it('answers with an empty current week, without an ETag, before anything is stored', async () => {
    const response = await api.get<ThisWeekResponse>('/week');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toEqual({
      week: THIS_WEEK,
      startsOn: '2026-11-23',
      endsOn: '2026-11-29',
      timeZone: 'UTC',
      current: true,
      reflection: null,
      reps: [],
      counts: { asked: 0, accepted: 0, thanked: 0, total: 0 },
      canUndo: false,
      streak: 0,
      challenge: { id: challengeOf(personKeyOf(scope), THIS_WEEK) },
    });
  });

  it('reckons the week in the time zone of the settings', async () => {
    // Sunday 23:30 in UTC is already Monday of the next week in Tokyo.
    clock = new Date('2026-11-29T23:30:00Z');
    await api.put('/settings', {
      reminderDay: 5,
      reminderTime: '16:00',
      timeZone: 'Asia/Tokyo',
      paused: false,
      quietHours: null,
      language: null,
    });
    const response = await api.get<ThisWeekResponse>('/week');
    expect(response.body).toMatchObject({ week: '2026-W49', timeZone: 'Asia/Tokyo' });
  });

  it('shows a reflection and reps written through the practice service, as the bot writes them', async () => {
    await practice.saveReflection(scope, 'UTC', THIS_WEEK, answers, { complete: true });
    await practice.logRep(scope, 'UTC', 'thanked', { note: 'from chat' });

    const response = await api.get<ThisWeekResponse>('/week');
    expect(response.body.reflection).toEqual({
      ...answers,
      completedAt: clock.toISOString(),
    });
    expect(response.body.reps).toEqual([
      expect.objectContaining({ kind: 'thanked', note: 'from chat', source: 'logged' }),
    ]);
    expect(response.body).toMatchObject({ streak: 1, canUndo: true, counts: { total: 1 } });
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });
});

describe('PUT /week/reflection', () => {
  it('saves a draft, then completes it over the version it read, keeping the record the bot reads', async () => {
    const draft = await api.put<ThisWeekResponse>('/week/reflection', {
      week: THIS_WEEK,
      answers,
      complete: false,
    });
    expect(draft.status).toBe(200);
    expect(draft.body.reflection).toEqual(answers);
    const etag = draft.headers.get('etag') as string;
    expect((await storedWeek())?.reflection).toEqual(answers);

    clock = new Date('2026-11-27T16:00:00Z');
    const done = await api.put<ThisWeekResponse>(
      '/week/reflection',
      { week: THIS_WEEK, answers: { ...answers, yesCount: 3 }, complete: true },
      { 'if-match': etag },
    );
    expect(done.status).toBe(200);
    expect(done.headers.get('etag')).not.toBe(etag);
    const stored = (await practice.week(scope, THIS_WEEK, 'UTC')).value;
    expect(stored.reflection).toEqual({
      ...answers,
      yesCount: 3,
      completedAt: '2026-11-27T16:00:00.000Z',
    });
    expect(done.body.streak).toBe(1);
  });

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    const first = await api.put('/week/reflection', { week: THIS_WEEK, answers, complete: false });
    const etag = first.headers.get('etag') as string;
    await practice.logRep(scope, 'UTC', 'asked');

    const stale = await api.put<ProblemDetails>(
      '/week/reflection',
      { week: THIS_WEEK, answers: { ...answers, holdingAlone: 'overwritten' }, complete: false },
      { 'if-match': etag },
    );
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(stale.body).toMatchObject({ status: 412, type: PROBLEM_TYPES.stale });
    expect((await storedWeek())?.reflection?.holdingAlone).toBe('The migration plan');
  });

  it('answers an If-Match on a week not stored yet with 412', async () => {
    const response = await api.put(
      '/week/reflection',
      { week: THIS_WEEK, answers, complete: false },
      { 'if-match': '"bm9wZQ"' },
    );
    expect(response.status).toBe(412);
    await expect(storedWeek()).resolves.toBeUndefined();
  });

  it('without If-Match keeps the reps logged meanwhile', async () => {
    await practice.logRep(scope, 'UTC', 'asked');
    await api.put('/week/reflection', { week: THIS_WEEK, answers, complete: false });
    expect((await storedWeek())?.reps).toHaveLength(1);
  });

  it('refuses another week with 409 week-closed', async () => {
    const response = await api.put<ProblemDetails>('/week/reflection', {
      week: '2026-W47',
      answers,
      complete: true,
    });
    expect(response.status).toBe(409);
    expect(response.body.type).toBe(PROBLEM_TYPES.weekClosed);
    await expect(storedWeek('2026-W47')).resolves.toBeUndefined();
  });

  it.each([
    [
      'a missing field',
      { week: THIS_WEEK, answers: { ...answers, connected: undefined }, complete: false },
      'answers.connected',
    ],
    [
      'a negative count',
      { week: THIS_WEEK, answers: { ...answers, yesCount: -1 }, complete: false },
      'answers.yesCount',
    ],
    [
      'a fractional count',
      { week: THIS_WEEK, answers: { ...answers, yesCount: 1.5 }, complete: false },
      'answers.yesCount',
    ],
    [
      'too long a text',
      { week: THIS_WEEK, answers: { ...answers, holdingAlone: 'x'.repeat(2001) }, complete: false },
      'answers.holdingAlone',
    ],
    [
      'too many people',
      {
        week: THIS_WEEK,
        answers: {
          ...answers,
          helpedBy: Array.from({ length: 21 }, (_, i) => ({ name: `P${i}` })),
        },
        complete: false,
      },
      'answers.helpedBy',
    ],
    [
      'an empty name',
      { week: THIS_WEEK, answers: { ...answers, helpedBy: [{ name: '  ' }] }, complete: false },
      'answers.helpedBy.0.name',
    ],
    ['a malformed week', { week: '2026-W60', answers, complete: false }, 'week'],
    [
      'an unknown field',
      { week: THIS_WEEK, answers, complete: false, tenantId: 'other' },
      '(body)',
    ],
    ['a string for complete', { week: THIS_WEEK, answers, complete: 'yes' }, 'complete'],
  ])('answers %s with 422 naming the field', async (_case, body, path) => {
    const response = await api.put<ProblemDetails>('/week/reflection', body);
    expect(response.status).toBe(422);
    expect(response.body.type).toBe(PROBLEM_TYPES.validation);
    expect(response.body.errors?.map((error) => error.path)).toContain(path);
    await expect(storedWeek()).resolves.toBeUndefined();
  });

  it('answers malformed JSON with 400, a non-JSON body with 415 and a huge one with 413', async () => {
    const authorization = `Bearer ${await issuer.sign()}`;
    const broken = await callApi(spotter.baseUrl, 'PUT', '/week/reflection', {
      authorization,
      body: '{"week":',
    });
    expect(broken.status).toBe(400);
    const text = await callApi(spotter.baseUrl, 'PUT', '/week/reflection', {
      authorization,
      body: 'week=2026-W48',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const huge = await api.put('/week/reflection', {
      week: THIS_WEEK,
      answers: { ...answers, holdingAlone: 'x'.repeat(40_000) },
      complete: false,
    });
    expect(huge.status).toBe(413);
    for (const answer of [broken, text, huge]) {
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it.each(['W/"abc"', '*', '"a", "b"', 'abc'])('answers If-Match %s with 400', async (tag) => {
    const response = await api.put(
      '/week/reflection',
      { week: THIS_WEEK, answers, complete: false },
      { 'if-match': tag },
    );
    expect(response.status).toBe(400);
  });
});

describe('reps', () => {
  it('logs reps with 201, counts them, and undoes the last one', async () => {
    const first = await api.post<RepChangeResponse>('/week/reps', { kind: 'asked' });
    expect(first.status).toBe(201);
    expect(first.body.rep).toMatchObject({ kind: 'asked', source: 'logged' });
    const second = await api.post<RepChangeResponse>('/week/reps', {
      kind: 'thanked',
      note: 'Thanks, Sam',
    });
    expect(second.body.week.counts).toEqual({ asked: 1, accepted: 0, thanked: 1, total: 2 });
    expect(second.body.week.streak).toBe(1);

    const undo = await api.delete<RepChangeResponse>('/week/reps/last');
    expect(undo.status).toBe(200);
    expect(undo.body.rep).toEqual(second.body.rep);
    expect(undo.body.week.counts.total).toBe(1);
    expect((await storedWeek())?.reps.map((rep) => rep.kind)).toEqual(['asked']);
  });

  it('answers an undo with nothing to undo with 409', async () => {
    const response = await api.delete<ProblemDetails>('/week/reps/last');
    expect(response.status).toBe(409);
    expect(response.body.type).toBe(PROBLEM_TYPES.nothingToUndo);
  });

  it.each([
    ['an unknown kind', { kind: 'hugged' }],
    ['no kind', {}],
    ['too long a note', { kind: 'asked', note: 'n'.repeat(281) }],
    ['a note that is not text', { kind: 'asked', note: 42 }],
    ['an array', [{ kind: 'asked' }]],
  ])('answers %s with 422 and logs nothing', async (_case, body) => {
    const response = await api.post('/week/reps', body);
    expect(response.status).toBe(422);
    await expect(storedWeek()).resolves.toBeUndefined();
  });
});

describe('routes and methods', () => {
  it('answers a wrong method with 405 and Allow, and an unknown route with 404', async () => {
    const wrong = await api.post('/week', {});
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    const unknown = await api.get('/weeks');
    expect(unknown.status).toBe(404);
  });
});
