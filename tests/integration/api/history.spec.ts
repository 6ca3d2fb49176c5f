/**
 * The history, trends and support network through the real server: newest first, cursor paging
 * without gaps or repeats, search by text and by person, the bounded walk, week details and
 * their 404s.
 */
import type {
  PeopleResponse,
  ProblemDetails,
  ReflectionListResponse,
  ReflectionSummary,
  TrendsResponse,
  WeekResponse,
} from '../../../src/api/contracts';
import { MAX_SCAN } from '../../../src/api/views/history-search';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import type { PracticeWeek } from '../../../src/domain/practice-week';
import { EMPTY_REFLECTION } from '../../../src/domain/reflection';
import { seedWeeks, sampleWeek } from '../../support/practice-seed';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { apiAs, type TabApi } from '../../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

const TENANT = 'f0000000-0000-4000-8000-000000000001';
const USER = 'f0000000-0000-4000-8000-000000000011';
const COLLEAGUE = 'f0000000-0000-4000-8000-000000000012';
const THIS_WEEK = '2026-W48';

let issuer: TokenIssuer;
let spotter: TestSpotter;
let api: TabApi;
const scope = scopeFromClaims({ tid: TENANT, oid: USER }) as Scope;
const colleague = scopeFromClaims({ tid: TENANT, oid: COLLEAGUE }) as Scope;
let seeded: PracticeWeek[];

beforeAll(async () => {
  issuer = await startTokenIssuer({ tenantId: TENANT, userId: USER });
  spotter = await startSpotter(
    { ...issuer.env, AAD_APP_CLIENT_ID: 'spotter-client-id' },
    { now: () => new Date('2026-11-26T12:00:00Z') },
  );
  api = apiAs(spotter.baseUrl, `Bearer ${await issuer.sign()}`);
  // 60 weeks ending this week; two of them are left without a reflection answer.
  seeded = await seedWeeks(spotter.store, scope, THIS_WEEK, 60, (week, index) =>
    index === 5 || index === 6
      ? { ...sampleWeek(week, index), reflection: index === 5 ? EMPTY_REFLECTION : undefined }
      : sampleWeek(week, index),
  );
  await seedWeeks(spotter.store, colleague, THIS_WEEK, 3, (week, index) => ({
    ...sampleWeek(week, index),
    reflection: {
      ...EMPTY_REFLECTION,
      holdingAlone: 'colleague secret',
      helpedBy: [{ name: 'Sam Okafor' }],
    },
  }));
});

afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
});

async function walk(query: string, limit: number): Promise<ReflectionSummary[]> {
  const items: ReflectionSummary[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const params = new URLSearchParams(query);
    params.set('limit', String(limit));
    if (cursor) params.set('cursor', cursor);
    const response = await api.get<ReflectionListResponse>(`/reflections?${params}`);
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('the walk did not end');
}

const reflected = () => seeded.filter((_, index) => index !== 5 && index !== 6);

describe('GET /reflections', () => {
  it.each([1, 7, 20, 58, 100])(
    'pages through every reflection newest first, %i at a time, without gaps or repeats',
    async (limit) => {
      const items = await walk('', limit);
      expect(items.map((item) => item.week)).toEqual(reflected().map((week) => week.week));
    },
  );

  it('summarises each week', async () => {
    const first = (await api.get<ReflectionListResponse>('/reflections?limit=1')).body.items[0];
    const week = seeded[0] as PracticeWeek;
    expect(first).toEqual({
      week: THIS_WEEK,
      startsOn: '2026-11-23',
      endsOn: '2026-11-29',
      completed: true,
      helpedBy: week.reflection?.helpedBy.map((p) => p.name),
      yesCount: week.reflection?.yesCount,
      holdingAlone: week.reflection?.holdingAlone,
      connected: week.reflection?.connected.map((p) => p.name),
      reps: { asked: 0, accepted: 0, thanked: 0, total: 0 },
    });
  });

  it('finds words anywhere in the text, ignoring case and accents, every word required', async () => {
    const expected = reflected()
      .filter((week) => /budget/.test(week.reflection?.holdingAlone ?? ''))
      .map((week) => week.week);
    expect(expected.length).toBeGreaterThan(5);
    expect((await walk('q=BUDGET review', 3)).map((item) => item.week)).toEqual(expected);
    expect(await walk('q=budget onboarding', 3)).toEqual([]);
    const jose = reflected().filter((week) =>
      [...(week.reflection?.helpedBy ?? []), ...(week.reflection?.connected ?? [])].some(
        (person) => person.name === 'José Nuñez',
      ),
    );
    expect((await walk('q=jose nunez', 4)).map((i) => i.week)).toEqual(jose.map((w) => w.week));
  });

  it('filters by person, by the whole name', async () => {
    const sam = reflected().filter((week) =>
      [...(week.reflection?.helpedBy ?? []), ...(week.reflection?.connected ?? [])].some(
        (person) => person.name === 'Sam Okafor',
      ),
    );
    const found = await walk('person=sam okafor', 5);
    expect(found.map((item) => item.week)).toEqual(sam.map((week) => week.week));
    expect(await walk('person=Sam', 5)).toEqual([]);
  });

  it('never shows a colleague’s reflections', async () => {
    expect(await walk('q=colleague secret', 20)).toEqual([]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['q=a&q=b', 'q'],
    ['cursor=not-a-cursor!', 'cursor'],
  ])('answers %s with 400', async (query, path) => {
    const response = await api.get<ProblemDetails>(`/reflections?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.path ?? path).toBe(path);
  });

  it.each([
    Buffer.from('{"k":1}').toString('base64url'),
    Buffer.from('{"s":"eyJ4Ijo1fQ","k":0,"l":20}').toString('base64url'),
    Buffer.from('{"k":0,"l":20,"tenantId":"x"}').toString('base64url'),
  ])('answers a forged cursor %s with 400', async (cursor) => {
    const response = await api.get(`/reflections?cursor=${cursor}`);
    expect(response.status).toBe(400);
  });
});

describe('the bounded walk', () => {
  const OTHER = 'f0000000-0000-4000-8000-000000000013';
  const long = scopeFromClaims({ tid: TENANT, oid: OTHER }) as Scope;

  it(`reads at most ${MAX_SCAN} weeks per request and hands out a cursor to go on`, async () => {
    const count = MAX_SCAN + 30;
    await seedWeeks(spotter.store, long, THIS_WEEK, count, (week, index) => ({
      ...sampleWeek(week, index),
      reflection: {
        ...EMPTY_REFLECTION,
        holdingAlone: index === count - 1 ? 'the needle' : 'hay',
      },
    }));
    const other = apiAs(spotter.baseUrl, `Bearer ${await issuer.sign({ oid: OTHER })}`);
    const first = await other.get<ReflectionListResponse>('/reflections?q=needle');
    expect(first.body.items).toEqual([]);
    expect(first.body.nextCursor).toBeDefined();
    const second = await other.get<ReflectionListResponse>(
      `/reflections?q=needle&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((item) => item.holdingAlone)).toEqual(['the needle']);
    expect(second.body.nextCursor).toBeUndefined();
  });
});

describe('GET /reflections/:week', () => {
  it('answers with the whole week', async () => {
    const week = seeded[3] as PracticeWeek;
    const response = await api.get<WeekResponse>(`/reflections/${week.week}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      week: week.week,
      current: false,
      canUndo: false,
      reflection: week.reflection,
      reps: week.reps,
    });
  });

  it.each([
    ['a week with nothing stored', '2019-W10'],
    ['a week that does not exist', '2026-W60'],
    ['something that is not a week', 'me'],
    ['an encoded path', '..%2F..%2Fsettings'],
    ['a very long key', 'x'.repeat(500)],
  ])('answers %s with the same 404', async (_case, key) => {
    const response = await api.get<ProblemDetails>(`/reflections/${key}`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      detail: 'There is nothing here.',
    });
  });
});

describe('GET /trends', () => {
  it('counts reps per week, oldest first, with empty weeks and streaks', async () => {
    const response = await api.get<TrendsResponse>('/trends?weeks=8');
    expect(response.status).toBe(200);
    const { weeks } = response.body;
    expect(weeks.map((week) => week.week)).toEqual(
      seeded
        .slice(0, 8)
        .map((week) => week.week)
        .reverse(),
    );
    for (const trend of weeks) {
      const week = seeded.find((w) => w.week === trend.week) as PracticeWeek;
      expect(trend.reps.total).toBe(week.reps.length);
    }
    // Index 6 has no reflection and no reps (6 % 5 = 1 rep, so it is practised); index 5 has none.
    expect(response.body.practisedWeeks).toBe(59);
    expect(response.body.streak).toBe(5);
    expect(response.body.longestStreak).toBe(54);
    expect(weeks[weeks.length - 1]?.streak).toBe(5);
  });

  it('answers weeks=0 and weeks=261 with 400', async () => {
    expect((await api.get('/trends?weeks=0')).status).toBe(400);
    expect((await api.get('/trends?weeks=261')).status).toBe(400);
  });
});

describe('GET /people', () => {
  it('lists everyone named, most recently named first, with how often and when last', async () => {
    const response = await api.get<PeopleResponse>('/people');
    expect(response.status).toBe(200);
    expect(response.body.truncated).toBe(false);
    const names = response.body.people.map((person) => person.name).sort();
    expect(names).toEqual([
      'Dana Ortiz',
      'José Nuñez',
      'Lee Park',
      'Mia Chen',
      'Ravi Rao',
      'Sam Okafor',
    ]);
    const sam = response.body.people.find((person) => person.name === 'Sam Okafor');
    const helpedBySam = reflected().filter((w) => w.reflection?.helpedBy[0]?.name === 'Sam Okafor');
    expect(sam?.helped).toBe(helpedBySam.length);
    expect(response.body.people[0]?.lastWeek).toBe(THIS_WEEK);
  });
});
