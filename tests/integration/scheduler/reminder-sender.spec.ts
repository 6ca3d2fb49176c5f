/**
 * The reminder sender through botbuilder's real adapter and Bot Connector client, against the
 * local connector stand-in: the card is posted as a new message of the stored conversation, and
 * every failure comes back at once (the SDK's own retries are off), with its status and
 * `Retry-After`.
 */
import { createServer, type AddressInfo } from 'node:net';
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

it('posts later reminders through the first turn’s client, still one request each', async () => {
  const adapter = new SpotterAdapter({});
  const turns = jest.spyOn(adapter, 'continueConversationAsync');
  const kept = new AdapterReminderDelivery(adapter, '');
  const first = standIn.conversation(TENANT);
  const second = standIn.conversation(TENANT);
  standIn.failNext(1, 503, { conversationId: first });
  expect((await failure(kept.deliver(message(first)))).status).toBe(503);
  await kept.deliver(message(second));
  standIn.failNext(1, 503, { conversationId: second });
  expect((await failure(kept.deliver(message(second)))).status).toBe(503);
  expect(turns).toHaveBeenCalledTimes(1);
  expect(standIn.attempts.filter((a) => a.conversationId === first)).toHaveLength(1);
  expect(standIn.attempts.filter((a) => a.conversationId === second)).toHaveLength(2);
  const [posted] = standIn.deliveredTo(second);
  expect(posted?.replyToId).toBeUndefined();
  expect(posted?.activity).toMatchObject({
    type: 'message',
    conversation: { id: second },
    recipient: { id: `29:${USER}` },
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
  });
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

it('reports a connector that drops the connection without a status, after one attempt', async () => {
  let connections = 0;
  const dropping = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
  const { port } = dropping.address() as AddressInfo;
  const conversationId = standIn.conversation(TENANT);
  const reference = {
    ...standIn.referenceFor(TENANT, USER, conversationId),
    serviceUrl: `http://127.0.0.1:${port}/`,
  };
  try {
    const error = await failure(
      delivery.deliver({ ...message(conversationId), conversationReference: reference }),
    );
    expect(error.status).toBeUndefined();
    // The connector client's own retries are off for reminders: the sender decides when to retry.
    expect(connections).toBe(1);
  } finally {
    await new Promise<void>((resolve) => dropping.close(() => resolve()));
  }
});
