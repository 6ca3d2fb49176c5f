/**
 * The reminder sender through botbuilder's real adapter and Bot Connector client, against the
 * local connector stand-in: the card is posted as a new message of the stored conversation, and
 * every failure comes back at once (the SDK's own retries are off), with its status and
 * `Retry-After`.
 */
import { SpotterAdapter } from '../../../bot/spotter-adapter';
import { scheduledReminder } from '../../../src/domain/reminder-schedule';
import { DeliveryError, type ReminderMessage } from '../../../src/scheduler/reminder-delivery';
import { AdapterReminderDelivery } from '../../../src/scheduler/reminder-sender';
import { ConnectorStandIn } from '../../support/connector-stand-in';

const TENANT = 'c0000000-0000-4000-8000-000000000001';
const USER = 'c0000000-0000-4000-8000-000000000011';

let standIn: ConnectorStandIn;
const delivery = new AdapterReminderDelivery(new SpotterAdapter({}), '');

beforeAll(async () => {
  standIn = await ConnectorStandIn.start();
});

afterAll(async () => {
  await standIn.stop();
});

function message(conversationId: string, key = 'key-1'): ReminderMessage {
  return {
    tenantId: TENANT,
    conversationReference: standIn.referenceFor(TENANT, USER, conversationId),
    key,
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
    reminder: scheduledReminder(
      {
        reminderDay: 5,
        reminderTime: '16:00',
        timeZone: 'Europe/Berlin',
        paused: false,
        quietHours: null,
      },
      '2026-W48',
    ),
  };
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

it('posts the reminder card as a new message in the person’s chat, in their language', async () => {
  const conversationId = standIn.conversation(TENANT);
  await delivery.deliver(message(conversationId));
  const [posted] = standIn.deliveredTo(conversationId);
  expect(posted?.replyToId).toBeUndefined();
  expect(posted?.tenantId).toBe(TENANT);
  expect(posted?.activity).toMatchObject({
    type: 'message',
    conversation: { id: conversationId },
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
  });
  expect(JSON.stringify(posted?.activity)).toContain('Zeit für deine fünf Minuten');
});

it('reports a 5xx after one request: no retries hidden in the SDK', async () => {
  const conversationId = standIn.conversation(TENANT);
  standIn.failNext(1, 503, { conversationId });
  const error = await failure(delivery.deliver(message(conversationId)));
  expect(error.status).toBe(503);
  expect(standIn.attempts.filter((a) => a.conversationId === conversationId)).toHaveLength(1);
  expect(standIn.deliveredTo(conversationId)).toHaveLength(0);
});

it('reports a 429 with its Retry-After, after one request', async () => {
  const conversationId = standIn.conversation(TENANT);
  standIn.failNext(1, 429, { conversationId, retryAfterSeconds: 2 });
  const error = await failure(delivery.deliver(message(conversationId)));
  expect(error).toMatchObject({ status: 429, retryAfterMs: 2000 });
  expect(standIn.attempts.filter((a) => a.conversationId === conversationId)).toHaveLength(1);
});

it('reports a conversation Teams does not know as 404', async () => {
  const error = await failure(delivery.deliver(message('a:never-registered')));
  expect(error.status).toBe(404);
});

it('reports an unreachable connector without a status, at once', async () => {
  const gone = await ConnectorStandIn.start();
  const conversationId = gone.conversation(TENANT);
  const reference = gone.referenceFor(TENANT, USER, conversationId);
  await gone.stop();
  const started = Date.now();
  const error = await failure(
    delivery.deliver({ ...message(conversationId), conversationReference: reference }),
  );
  expect(error.status).toBeUndefined();
  expect(Date.now() - started).toBeLessThan(1000);
});
