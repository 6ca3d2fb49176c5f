/**
 * Weekly reminders end to end through Microsoft's Agents Playground: install plans the reminder;
 * the sender, driven by the test's clock (`runOnce`), posts it proactively into the playground's
 * personal chat (the stored conversation reference points at the playground's `/_connector`);
 * its buttons work (Snooze 1 hour, the follow-up an hour later, Start opening the reflection,
 * Skip this week); and uninstalling stops the next week's reminder.
 */
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { DEV_IDENTITY } from '../../src/config/config';
import { startPlayground, type RunningPlayground } from '../../src/dev/playground';
import { REMINDER_RECORD, type ReminderLog } from '../../src/domain/reminder-schedule';
import { REMINDER_VERBS } from '../../bot/cards/reminder-card';
import { freePort } from '../support/free-port';
import { PlaygroundClient, type StreamEvent } from '../support/playground-client';
import { startSpotter, type TestSpotter } from '../support/spotter-server';

jest.setTimeout(120_000);

const ALEX = 'user-alex';
const alexScope = scopeFromClaims({
  tid: DEV_IDENTITY.tenantId,
  oid: DEV_IDENTITY.userId,
}) as Scope;

let clock = new Date('2026-11-23T08:00:00Z'); // a Monday morning
let spotter: TestSpotter;
let playground: RunningPlayground;
let client: PlaygroundClient;
let chatId: string;

function textOf(node: unknown): string {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record['type'] === 'TextBlock' && typeof record['text'] === 'string') {
        texts.push(record['text']);
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(node);
  return texts.join('\n');
}

async function log(): Promise<ReminderLog | undefined> {
  return (await spotter.store.get<ReminderLog>(alexScope, REMINDER_RECORD.kind, REMINDER_RECORD.id))
    ?.data;
}

/** Waits until the reminder log satisfies `done` (the bot plans after it has answered). */
async function logWhen(done: (log: ReminderLog | undefined) => boolean): Promise<ReminderLog> {
  const deadline = Date.now() + 10_000;
  let current = await log();
  while (!done(current) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    current = await log();
  }
  expect(done(current)).toBe(true);
  return current as ReminderLog;
}

/** Runs the sender at `at` and waits for the card it posts into the chat. */
async function reminderAt(at: Date, title: RegExp): Promise<StreamEvent> {
  clock = at;
  const from = client.received().length;
  const summary = await spotter.reminders.runOnce(clock);
  expect(summary.sent).toBe(1);
  return client.waitFor(
    (e) => e.action === 'createMessage' && title.test(textOf(e.message?.attachments)),
    { from },
  );
}

/** Presses a button of a card in the chat, as the playground's UI does. */
async function press(card: StreamEvent, verb: string, data: unknown): Promise<string> {
  const response = await fetch(`${playground.url}/_conversation/v1/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
      from: { id: ALEX },
      conversation: { id: chatId },
      replyToId: (card.message as { messageId?: string } | undefined)?.messageId,
    }),
  });
  expect(response.status).toBe(200);
  return JSON.stringify(await response.json());
}

function dataOf(card: StreamEvent, verb: string): unknown {
  const attachments = JSON.stringify(card.message?.attachments ?? []);
  const actions = (
    JSON.parse(attachments) as Array<{
      content?: { actions?: Array<{ verb?: string; data?: unknown }> };
    }>
  ).flatMap((a) => a.content?.actions ?? []);
  return actions.find((action) => action.verb === verb)?.data;
}

beforeAll(async () => {
  spotter = await startSpotter({}, { now: () => clock });
  playground = await startPlayground({
    port: await freePort(),
    botEndpoint: `${spotter.baseUrl}/api/messages`,
  });
  client = await PlaygroundClient.connect(playground.url);
  chatId = (await client.config()).personalChatId;
});

afterAll(async () => {
  client?.close();
  await playground?.stop();
  await spotter?.stop();
});

it('plans the weekly reminder on install, addressed to the playground chat', async () => {
  const from = client.received().length;
  await client.install(chatId);
  await client.waitFor((e) => /Spotter/.test(e.message?.text ?? ''), { from });
  const planned = (await logWhen((l) => l?.next !== undefined)).next;
  expect(planned).toMatchObject({ followUp: false });
  expect(Date.parse(planned?.at ?? '')).toBeGreaterThan(clock.getTime());
});

it('delivers the reminder proactively, snoozes it, and sends the follow-up an hour later', async () => {
  const due = new Date(Date.parse((await log())?.next?.at ?? '') + 60_000);
  const card = await reminderAt(due, /Time for your five minutes/);
  expect(textOf(card.message?.attachments)).toMatch(/who you let in/);

  const snoozed = await press(card, REMINDER_VERBS.snooze, dataOf(card, REMINDER_VERBS.snooze));
  expect(snoozed).toMatch(/Snoozed\. I'll check back at \d\d:\d\d\./);
  expect(await press(card, REMINDER_VERBS.snooze, dataOf(card, REMINDER_VERBS.snooze))).toMatch(
    /snoozed this one already/,
  );

  const followUp = await reminderAt(
    new Date(due.getTime() + 61 * 60_000),
    /Your five minutes are still here/,
  );
  expect(dataOf(followUp, REMINDER_VERBS.snooze)).toBeUndefined();

  // Start opens this week's reflection in the chat.
  const from = client.received().length;
  const started = await press(
    followUp,
    REMINDER_VERBS.start,
    dataOf(followUp, REMINDER_VERBS.start),
  );
  expect(started).toMatch(/Here we go/);
  await client.waitFor(
    (e) => e.action === 'createMessage' && /let in|helped/i.test(textOf(e.message?.attachments)),
    { from },
  );

  const skipped = await press(followUp, REMINDER_VERBS.skip, dataOf(followUp, REMINDER_VERBS.skip));
  expect(skipped).toMatch(/This week is skipped/);
  // Nothing more this week.
  clock = new Date(clock.getTime() + 3 * 3_600_000);
  expect((await spotter.reminders.runOnce(clock)).sent).toBe(0);
});

it('stops reminders when Spotter is uninstalled from the chat', async () => {
  const template = await client.activityTemplate(chatId);
  const uninstall = (await fetch(
    `${playground.url}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(chatId)}&type=uninstall`,
  ).then((r) => r.json())) as Record<string, unknown>;
  await client.sendCustomActivity({ ...template, ...uninstall, id: `uninstall-${Date.now()}` });
  // The playground hands the activity over without waiting for the bot.
  const stopped = await logWhen((l) => l?.stopped !== undefined);
  expect(stopped).toMatchObject({ stopped: 'uninstalled' });
  expect(stopped.next).toBeUndefined();

  clock = new Date(clock.getTime() + 7 * 86_400_000);
  expect((await spotter.reminders.runOnce(clock)).sent).toBe(0);
});
