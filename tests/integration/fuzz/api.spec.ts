/**
 * Fuzzing the HTTP surface: every route of the tab API's table (read from `API_ROUTES`, so a new
 * route is fuzzed without being listed) with random path parameters, query strings, bodies
 * (JSON, not JSON, huge, of the wrong content type) and headers (`Authorization`, `If-Match`,
 * `Accept-Language`, correlation ids, junk); and `/api/messages` with bodies that are not
 * activities at all.
 *
 * @remarks
 * Properties: never a 5xx, API answers are JSON (or the route's file download), and the server
 * still answers its probes afterwards. Unhandled rejections and uncaught exceptions fail the
 * running test (jest-circus watches the real process; the server runs in-process).
 */
import fc from 'fast-check';
import { API_ROUTES } from '../../../src/api/routes';
import { expectStillServing } from '../../support/bot-fuzz';
import { junkText } from '../../support/fuzz/activity-arbitraries';
import { fuzzRuns, fuzzTimeout } from '../../support/fuzz/fuzz-runs';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { callApi } from '../../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

const RUNS = fuzzRuns(80);
jest.setTimeout(fuzzTimeout(RUNS, 20));

const TENANT = 'f1000000-0000-4000-8000-000000000001';
const ADMIN = 'f1000000-0000-4000-8000-000000000011';
const OTHER_TENANT = 'f2000000-0000-4000-8000-000000000001';

let issuer: TokenIssuer;
let spotter: TestSpotter;
/** Signed-in callers: an admin, a member, someone of a tenant not served. */
let tokens: string[];

beforeAll(async () => {
  issuer = await startTokenIssuer({ tenantId: TENANT, userId: ADMIN });
  spotter = await startSpotter(
    {
      ...issuer.env,
      AAD_APP_CLIENT_ID: 'spotter-client-id',
      ALLOWED_TENANT_IDS: TENANT,
      ADMIN_USER_IDS: `${TENANT}:${ADMIN}`,
    },
    { now: () => new Date('2026-11-26T12:00:00Z') },
  );
  tokens = await Promise.all([
    issuer.sign(),
    issuer.sign({ oid: 'f1000000-0000-4000-8000-000000000012', roles: ['Spotter.Admin'] }),
    issuer.sign({ oid: 'f1000000-0000-4000-8000-000000000013' }),
    issuer.sign({ tid: OTHER_TENANT }),
  ]);
});

afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
});

/** Printable text, as HTTP headers allow it (Latin-1 without control characters). */
const headerText = fc
  .string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 120,
  })
  .map((text) => text.trim());

const authorization = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 3 }).map((i) => `Bearer ${tokens[i] ?? ''}`) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      headerText,
      headerText.map((t) => `Bearer ${t}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Basic dXNlcjpwYXNz',
        'Bearer a.b.c',
        'Bearer ..',
        'Dev alex',
      ),
      fc.integer({ min: 0, max: 3 }).map((i) => `Bearer ${(tokens[i] ?? '').slice(0, -3)}abc`),
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** Extra headers: none for most requests, so that the other parts reach the handlers. */
const headers: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        'if-match': fc.oneof(headerText, fc.constantFrom('*', '"abc"', 'W/"x"', '"a", "b"', '""')),
        'accept-language': fc.oneof(headerText, fc.constantFrom('de-DE,de;q=0.9', '*', 'xx;q=abc')),
        'x-correlation-id': headerText,
        'content-type': fc.oneof(
          headerText,
          fc.constantFrom(
            'text/plain',
            'application/json; charset=latin1',
            'application/x-www-form-urlencoded',
            'multipart/form-data',
            'application/merge-patch+json',
          ),
        ),
        accept: headerText,
        'x-tenant-id': headerText,
      },
      { requiredKeys: [] },
    ),
  },
);

/** A path segment: sometimes a plausible one, sometimes anything at all, encoded. */
const segment = fc.oneof(
  fc.constantFrom(
    '2026-W48',
    '2026-W53',
    '0000-W00',
    'f1000000-0000-4000-8000-0000000000aa',
    '..',
    '%',
    'last',
  ),
  fc.string({ minLength: 1, maxLength: 80 }).map(encodeURIComponent),
);

/** Percent-encodes any text; lone surrogates become U+FFFD, as a browser would send them. */
function encode(text: string): string {
  return encodeURIComponent(Buffer.from(text).toString());
}

const query = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(
            'q',
            'person',
            'cursor',
            'limit',
            'week',
            'weeks',
            'box',
            'format',
            'from',
            'to',
            'a[b]',
            'limit[]',
          ),
          fc.string({ maxLength: 10 }),
        ),
        fc.oneof(
          fc.constantFrom(
            '1',
            '0',
            '-1',
            '50',
            '1e9',
            'csv',
            'json',
            'sent',
            'received',
            '2026-W48',
            '',
          ),
          junkText,
        ),
      ),
      { maxLength: 5 },
    )
    .map((pairs) => `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`),
  fc.string({ maxLength: 60 }).map((raw) => `?${raw.replace(/[#\s]/g, '')}`),
);

const json = fc.jsonValue({ maxDepth: 4 });
const body = fc.oneof(
  { weight: 8, arbitrary: json.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((t) => `{${t}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom('a', '[', '{"a":', 'ä'))
      .map(([kb, unit]) => unit.repeat(Math.ceil((kb * 1024) / unit.length))),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

describe.each(API_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_name, route) => {
    it(`never answers 5xx to ${RUNS} random requests`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 2, maxLength: 2 }),
          query,
          body,
          authorization,
          headers,
          fc.boolean(),
          async ([first, second], search, payload, auth, extra, wrongMethod) => {
            const path = route.path
              .replace(/:[a-z]+/, first ?? 'x')
              .replace(/:[a-z]+/, second ?? 'x');
            const method = wrongMethod ? (route.method === 'GET' ? 'PATCH' : 'GET') : route.method;
            const answer = await callApi(spotter.baseUrl, method, `${path}${search}`, {
              authorization: auth,
              headers: {
                ...extra,
                ...(payload === undefined
                  ? {}
                  : { 'content-type': extra['content-type'] ?? 'application/json' }),
              },
              ...(payload === undefined || method === 'GET' ? {} : { body: payload }),
            });
            expect(answer.status).toBeLessThan(500);
            // 431 comes from Node's HTTP parser (a URL over 16 KB), before Spotter sees it.
            if (answer.status !== 431 && answer.headers.get('content-disposition') === null) {
              expect(answer.headers.get('content-type')).toMatch(/json/);
            }
          },
        ),
        { numRuns: RUNS },
      );
    });
  },
);

it(`never answers 5xx to ${RUNS} requests for paths that are not routes`, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(segment, { minLength: 1, maxLength: 4 }),
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      authorization,
      async (segments, method, auth) => {
        const answer = await callApi(spotter.baseUrl, method, `/${segments.join('/')}`, {
          authorization: auth,
        });
        expect(answer.status).toBeLessThan(500);
      },
    ),
    { numRuns: RUNS },
  );
});

it(`refuses ${RUNS} bodies that are not activities at /api/messages with a 4xx`, async () => {
  await fc.assert(
    fc.asyncProperty(
      body,
      fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-16',
      ),
      async (payload, contentType) => {
        const answer = await fetch(`${spotter.baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': contentType },
          ...(payload === undefined ? {} : { body: payload }),
        });
        await answer.arrayBuffer();
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
      },
    ),
    { numRuns: RUNS },
  );
});

it('still answers its probes and a plain request afterwards', async () => {
  await expectStillServing(spotter.baseUrl);
  const answer = await callApi(spotter.baseUrl, 'GET', '/week', {
    authorization: `Bearer ${tokens[0]}`,
  });
  expect(answer.status).toBe(200);
});
