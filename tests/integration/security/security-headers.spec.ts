/**
 * Security headers on every kind of answer the one server gives: the tab's pages, API JSON and
 * problem documents, 404s, health checks and the bot endpoint.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEV_AUTHORIZATION } from '../../../src/api/contracts';
import { DEV_IDENTITY } from '../../../src/config/config';
import { FRAME_ANCESTORS } from '../../../src/server/security-headers';
import { DirectBotClient } from '../../support/direct-bot-client';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

let spotter: TestSpotter;
let tabDirectory: string;

beforeAll(async () => {
  // A stand-in for the built tab, so this suite needs no build.
  tabDirectory = mkdtempSync(path.join(os.tmpdir(), 'spotter-tab-'));
  for (const page of ['index.html', 'outlook.html']) {
    writeFileSync(path.join(tabDirectory, page), `<!doctype html><title>${page}</title>`);
  }
  spotter = await startSpotter({}, { tabDirectory });
});
afterAll(async () => {
  await spotter?.stop();
  rmSync(tabDirectory, { recursive: true, force: true });
});

const json = { 'content-type': 'application/json' };
const activity = new DirectBotClient('', {
  tenantId: DEV_IDENTITY.tenantId,
  userId: DEV_IDENTITY.userId,
}).activity({ type: 'message', text: 'help' });

/** One request of each kind, with the status it must get (so the case is what it claims). */
const ANSWERS: ReadonlyArray<[string, string, RequestInit, number]> = [
  ['the tab page', '/', {}, 200],
  ['the Outlook pane', '/outlook.html', {}, 200],
  ['a deep link into the tab (SPA fallback)', '/history/2026-W48', {}, 200],
  ['API JSON', '/api/v1/me', { headers: { authorization: DEV_AUTHORIZATION } }, 200],
  ['an API 401 problem', '/api/v1/week', {}, 401],
  [
    'an API 404 problem',
    '/api/v1/nothing-here',
    { headers: { authorization: DEV_AUTHORIZATION } },
    404,
  ],
  [
    'an API 405 problem',
    '/api/v1/me',
    { method: 'DELETE', headers: { authorization: DEV_AUTHORIZATION } },
    405,
  ],
  ['a 404 outside the API', '/api/nothing-here', {}, 404],
  ['/healthz', '/healthz', {}, 200],
  ['/readyz', '/readyz', {}, 200],
  [
    'the bot endpoint',
    '/api/messages',
    { method: 'POST', headers: json, body: JSON.stringify(activity) },
    200,
  ],
  [
    'the bot endpoint refusing JSON',
    '/api/messages',
    { method: 'POST', headers: json, body: '{' },
    400,
  ],
  ['the bot endpoint refusing GET', '/api/messages', {}, 405],
];

describe.each(ANSWERS)('%s', (_name, url, init, status) => {
  let response: Response;
  beforeAll(async () => {
    response = await fetch(`${spotter.baseUrl}${url}`, init);
    await response.arrayBuffer();
  });

  it(`answers ${status}`, () => {
    expect(response.status).toBe(status);
  });

  it('limits framing to Teams, Outlook and Microsoft 365 with CSP', () => {
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp.split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('frame-ancestors')).toEqual(FRAME_ANCESTORS);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    // No directive may fall back to "anything": a bare * or a scheme-only source.
    for (const values of directives.values()) {
      for (const value of values) expect(value).not.toMatch(/^(\*|https?:)$/);
    }
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
  });

  it('sends HSTS, nosniff and a strict referrer policy, and no X-Powered-By', () => {
    expect(response.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
