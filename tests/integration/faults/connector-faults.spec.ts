/**
 * The Bot Connector refusing (429) or failing (5xx), seen through the whole server: its bot
 * adapter, with the bot's turn-error handler installed, posts chat replies and reminders to the
 * connector stand-in. A reminder whose request failed is retried and then counted once; one that
 * keeps failing is left for a later pass, never recorded as sent. A chat reply the connector
 * throttled is posted after the wait, once.
 */
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { PROFILE_RECORD, type UserProfile } from '../../../src/domain/profile';
import { REMINDER_RECORD, type ReminderLog } from '../../../src/domain/reminder-schedule';
import { defaultSettings } from '../../../src/domain/settings';
import { createLogger } from '../../../src/logging/logger';
import { ReminderPlanner } from '../../../src/scheduler/reminder-planner';
import { DEFAULT_RETRY_POLICY } from '../../../src/scheduler/retry-policy';
import { PracticeService } from '../../../src/services/practice-service';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { DirectBotClient } from '../../support/direct-bot-client';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

jest.setTimeout(120_000);

const TENANT = 'f4000000-0000-4000-8000-000000000001';
/** Saturday of W48: everyone's Friday 16:00 reminder is due. */
const RUN_AT = new Date('2026-11-28T12:00:00Z');
const SEED_AT = new Date('2026-11-23T08:00:00Z');

let clock = SEED_AT;
let standIn: ConnectorStandIn;
let spotter: TestSpotter;
let planner: ReminderPlanner;
let practice: PracticeService;
let people = 0;
type Seeded = Awaited<ReturnType<typeof person>>;
let throttled: Seeded;
let failed: Seeded;
let unlucky: Seeded;

beforeAll(async () => {
  standIn = await ConnectorStandIn.start();
  spotter = await startSpotter({}, { now: () => clock });
  const now = () => clock;
  const logger = createLogger('silent');
  planner = new ReminderPlanner({
    store: spotter.store,
    now,
    logger,
    practice: new PracticeService(spotter.store, now),
  });
  practice = new PracticeService(spotter.store, now, planner);

  // One pass of the server's own sender over three people whose requests the connector refuses.
  throttled = await person();
  failed = await person();
  unlucky = await person();
  standIn.failNext(2, 429, { retryAfterSeconds: 1, conversationId: throttled.conversationId });
  standIn.failNext(1, 503, { conversationId: failed.conversationId });
  // As many failures as one pass makes attempts.
  standIn.failNext(DEFAULT_RETRY_POLICY.maxAttempts, 502, {
    conversationId: unlucky.conversationId,
  });
  clock = RUN_AT;
  await spotter.reminders.runOnce(RUN_AT);
});

afterAll(async () => {
  await spotter?.stop();
  await standIn?.stop();
});

/** A person the bot knows, with the default Friday 16:00 reminder planned. */
async function person(): Promise<{ scope: Scope; conversationId: string }> {
  clock = SEED_AT;
  people += 1;
  const userId = `f4000000-0000-4000-8000-${String(people).padStart(12, '0')}`;
  const scope = scopeFromClaims({ tid: TENANT, oid: userId }) as Scope;
  const conversationId = standIn.conversation(TENANT);
  const profile: UserProfile = {
    displayName: `Person ${people}`,
    givenName: 'Person',
    locale: 'en-US',
    timeZone: 'Europe/Berlin',
    conversationReference: standIn.referenceFor(TENANT, userId, conversationId),
    firstSeenAt: SEED_AT.toISOString(),
  };
  await spotter.store.put(scope, PROFILE_RECORD.kind, PROFILE_RECORD.id, profile);
  await planner.installed(scope);
  await practice.saveSettings(scope, defaultSettings('Europe/Berlin'));
  return { scope, conversationId };
}

async function logOf(scope: Scope): Promise<ReminderLog | undefined> {
  return (await spotter.store.get<ReminderLog>(scope, REMINDER_RECORD.kind, REMINDER_RECORD.id))
    ?.data;
}

it('retries a reminder the connector throttled (429) or failed (503), and sends it once', async () => {
  for (const { scope, conversationId } of [throttled, failed]) {
    expect(standIn.deliveredTo(conversationId)).toHaveLength(1);
    expect((await logOf(scope))?.latest).toEqual(
      expect.objectContaining({ week: '2026-W48', sentAt: expect.any(String) }),
    );
  }
  const attempts = (id: string) => standIn.attempts.filter((a) => a.conversationId === id);
  expect(attempts(throttled.conversationId).map((a) => a.status)).toEqual([429, 429, 200]);
  expect(attempts(failed.conversationId).map((a) => a.status)).toEqual([503, 200]);
});

it('never records a reminder as sent while the connector keeps failing; a later pass sends it', async () => {
  expect(standIn.deliveredTo(unlucky.conversationId)).toHaveLength(0);
  const log = await logOf(unlucky.scope);
  expect(log?.latest).toBeUndefined();
  expect(log?.sending).toBeUndefined();
  expect(
    standIn.attempts
      .filter((a) => a.conversationId === unlucky.conversationId)
      .map((a) => a.status),
  ).toEqual(Array(DEFAULT_RETRY_POLICY.maxAttempts).fill(502));

  const later = new Date(RUN_AT.getTime() + 30 * 60_000);
  clock = later;
  await spotter.reminders.runOnce(later);
  expect(standIn.deliveredTo(unlucky.conversationId)).toHaveLength(1);
  expect((await logOf(unlucky.scope))?.latest?.week).toBe('2026-W48');
  // That later pass sent nothing again to the two reminded in the first.
  expect(standIn.deliveredTo(throttled.conversationId)).toHaveLength(1);
  expect(standIn.deliveredTo(failed.conversationId)).toHaveLength(1);
});

it('posts a chat reply the connector throttled after its Retry-After, once', async () => {
  const chat = new DirectBotClient(spotter.baseUrl, {
    tenantId: TENANT,
    userId: 'f4000000-0000-4000-8000-00000000c0de',
  });
  const conversationId = `a:${TENANT}:chat`;
  standIn.conversation(TENANT, conversationId);
  standIn.failNext(1, 429, { retryAfterSeconds: 1, conversationId });
  const id = 'reply-under-429';

  const answer = await chat.send(
    chat.activity({
      type: 'message',
      id,
      text: 'help',
      serviceUrl: standIn.serviceUrl,
      deliveryMode: 'normal',
      conversation: { id: conversationId, tenantId: TENANT, conversationType: 'personal' },
    }),
  );

  const replies = standIn.deliveredTo(conversationId).filter((d) => d.replyToId === id);
  const texts = replies.map((reply) => String(reply.activity['text'] ?? ''));
  // The connector client waited out the Retry-After and posted the reply once.
  expect(answer.status).toBe(200);
  expect(standIn.attempts.filter((a) => a.conversationId === conversationId)).toEqual([
    expect.objectContaining({ status: 429 }),
    expect.objectContaining({ status: 200 }),
  ]);
  expect(texts).toEqual([expect.stringMatching(/what you can say/)]);
});
