/**
 * Shared pieces of the bot's fuzz tests: the people who talk, and what every answer must be.
 */
import fc from 'fast-check';
import { translate } from '../../bot/i18n';
import { DirectBotClient, type DirectAnswer } from './direct-bot-client';

/** Cases per property: at least 1,000, as the acceptance asks for CI. */
export const FUZZ_RUNS = 1_000;

/** A few people in two tenants, in their 1:1 chat or in a group chat, in several languages. */
export function fuzzClients(baseUrl: string): fc.Arbitrary<DirectBotClient> {
  return fc
    .record({
      tenantId: fc.constantFrom('fuzz-tenant-a', 'fuzz-tenant-b'),
      userId: fc.constantFrom('fuzz-user-1', 'fuzz-user-2'),
      locale: fc.constantFrom('en-US', 'de-DE', 'fr-FR', 'xx'),
      conversationType: fc.constantFrom('personal', 'personal', 'personal', 'groupChat'),
    })
    .map((user) => new DirectBotClient(baseUrl, user));
}

const GENERIC_ERRORS = ['en', 'de'].map((language) => translate(language, 'error.generic'));

/**
 * Checks one answer: 200, something said (a message, a card or an invoke answer) and never the
 * "something went wrong" apology that a crashed handler produces.
 */
export function expectFriendlyAnswer(answer: DirectAnswer): void {
  expect(answer.status).toBe(200);
  const said = [
    ...answer.replies.map((reply) => reply.text ?? JSON.stringify(reply.attachments ?? '')),
    ...(answer.invoke ? [JSON.stringify(answer.invoke)] : []),
  ];
  expect(said.length).toBeGreaterThan(0);
  for (const text of said) {
    for (const apology of GENERIC_ERRORS) expect(text).not.toContain(apology);
    expect(text.length).toBeGreaterThan(0);
  }
}
