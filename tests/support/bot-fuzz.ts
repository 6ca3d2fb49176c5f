/**
 * Shared pieces of the bot's fuzz tests: the people who talk, and what every answer must be.
 */
import fc from 'fast-check';
import { translate } from '../../bot/i18n';
import { DirectBotClient, type DirectAnswer } from './direct-bot-client';
import { fuzzRuns } from './fuzz/fuzz-runs';

/** Cases per property: 1,000 in CI, as the acceptance asks for; `FUZZ_RUNS` by hand. */
export const FUZZ_RUNS = fuzzRuns(1_000);

/**
 * A few people in two tenants, in their 1:1 chat or in a group chat, in several languages;
 * `serviceUrl` receives the bot's own calls (card updates), when given.
 */
export function fuzzClients(baseUrl: string, serviceUrl?: string): fc.Arbitrary<DirectBotClient> {
  return fc
    .record({
      tenantId: fc.constantFrom('fuzz-tenant-a', 'fuzz-tenant-b'),
      userId: fc.constantFrom('fuzz-user-1', 'fuzz-user-2'),
      locale: fc.constantFrom('en-US', 'de-DE', 'fr-FR', 'xx'),
      conversationType: fc.constantFrom('personal', 'personal', 'personal', 'groupChat'),
    })
    .map(
      (user) => new DirectBotClient(baseUrl, { ...user, ...(serviceUrl ? { serviceUrl } : {}) }),
    );
}

const GENERIC_ERRORS = ['en', 'de'].map((language) => translate(language, 'error.generic'));

/**
 * Checks one answer: 200, something said (a message, a card or an invoke answer) and never the
 * "something went wrong" apology that a crashed handler produces.
 */
export function expectFriendlyAnswer(answer: DirectAnswer): void {
  expect(answer.status).toBe(200);
  const said = saidIn(answer);
  expect(said.length).toBeGreaterThan(0);
  for (const text of said) {
    for (const apology of GENERIC_ERRORS) expect(text).not.toContain(apology);
    expect(text.length).toBeGreaterThan(0);
  }
}

/**
 * Checks an answer to an activity that may be malformed: refused (4xx) or handled, never a 5xx
 * and never the apology of a crashed handler.
 */
export function expectNoFault(answer: DirectAnswer): void {
  expect(answer.status).toBeLessThan(500);
  for (const text of saidIn(answer)) {
    for (const apology of GENERIC_ERRORS) expect(text).not.toContain(apology);
  }
}

/** Everything an answer says: each reply's text or cards, and the invoke answer. */
function saidIn(answer: DirectAnswer): string[] {
  return [
    ...answer.replies.map((reply) => reply.text ?? JSON.stringify(reply.attachments ?? '')),
    ...(answer.invoke ? [JSON.stringify(answer.invoke)] : []),
  ];
}

/** Checks that the server still answers health and readiness probes. */
export async function expectStillServing(baseUrl: string): Promise<void> {
  expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
}
