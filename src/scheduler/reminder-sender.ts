/**
 * Posts a reminder card into a person's 1:1 chat through the Bot Connector client that the bot
 * adapter builds (`continueConversationAsync` with the conversation reference stored in their
 * profile).
 *
 * @remarks
 * The Bot Connector client that botbuilder builds for the turn retries 429s and 5xx on its own
 * (the Azure SDK's `defaultRetryPolicy`), outside Spotter's token bucket and out of its sight. For
 * reminders that policy is taken off the client, so every request is one that Spotter paced, and
 * every failure comes back to the sender loop, which waits out `Retry-After` for the whole tenant
 * and backs off with jitter itself. Ordinary replies keep the SDK's behaviour.
 *
 * A proactive turn builds a new connector client (and a user token client) every time, which
 * costs more CPU than the post itself: at Teams' 50 messages a second per tenant, several tenants
 * at once would need a whole core for that alone. So the client of the first turn to a service
 * URL is kept and posts every later reminder there directly; reminder turns run no middleware,
 * so nothing is skipped, and its credentials renew their tokens themselves. botbuilder does not
 * type the client's pipeline; `tests/integration/scheduler/reminder-sender.spec.ts` fails should a
 * new version move it.
 */
import {
  CardFactory,
  TurnContext,
  type Activity,
  type CloudAdapterBase,
  type ConversationReference,
} from 'botbuilder';
import { reminderCard } from '../../bot/cards/reminder-card';
import { DeliveryError, type ReminderDelivery, type ReminderMessage } from './reminder-delivery';
import { parseRetryAfter } from './retry-policy';

/** The Azure SDK pipeline policy that retries on its own. */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

/** Most service URLs whose clients are kept (Teams has a handful, one per region). */
const CONNECTORS_KEPT = 64;

/** The part of botframework-connector's `ConnectorClient` a reminder uses. */
interface Connector {
  conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<unknown>;
  };
  client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } };
}

/** The connector client of a proactive turn, without the SDK's own retries. */
function connectorWithoutRetries(context: TurnContext): Connector {
  const connector = context.turnState.get<Connector | undefined>(
    context.adapter.ConnectorClientKey,
  );
  const pipeline = connector?.client?.pipeline;
  if (!connector || !pipeline) {
    throw new Error('the Bot Connector client has no pipeline to configure');
  }
  pipeline.removePolicy({ name: SDK_RETRY_POLICY });
  return connector;
}

/** Posts an activity as a message of its own in the referenced chat (not a reply). */
async function post(
  connector: Connector,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
): Promise<void> {
  const outgoing = TurnContext.applyConversationReference({ ...activity }, reference);
  delete outgoing.replyToId;
  const conversationId = outgoing.conversation?.id;
  if (!conversationId) throw new DeliveryError('reminder delivery failed: no conversation id');
  await connector.conversations.sendToConversation(conversationId, outgoing);
}

/** A connector failure as the sender loop understands it. */
function deliveryErrorOf(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const failure = error as {
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
    response?: { headers?: { get(name: string): string | undefined } };
  };
  const status = typeof failure?.statusCode === 'number' ? failure.statusCode : undefined;
  const retryAfter = parseRetryAfter(failure?.response?.headers?.get('retry-after'), Date.now());
  const reason = status ?? (typeof failure?.code === 'string' ? failure.code : 'no answer');
  return new DeliveryError(`reminder delivery failed: ${reason}`, status, retryAfter, {
    cause: error,
  });
}

/** {@link ReminderDelivery} through a botbuilder adapter. */
export class AdapterReminderDelivery implements ReminderDelivery {
  /** Connector clients by service URL, each from the adapter's first turn there. */
  private readonly connectors = new Map<string, Connector>();

  constructor(
    private readonly adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>,
    /** The bot's Microsoft App Id ('' when authentication is off). */
    private readonly botAppId: string,
  ) {}

  async deliver(message: ReminderMessage): Promise<void> {
    const reference = message.conversationReference as Partial<ConversationReference>;
    const card = reminderCard({
      locale: message.locale,
      week: message.reminder.week,
      followUp: message.reminder.followUp,
    });
    const activity: Partial<Activity> = {
      type: 'message',
      attachments: [CardFactory.adaptiveCard(card)],
    };
    try {
      const serviceUrl = reference.serviceUrl ?? '';
      const kept = this.connectors.get(serviceUrl);
      if (kept) {
        await post(kept, reference, activity);
        return;
      }
      await this.adapter.continueConversationAsync(
        this.botAppId,
        reference as ConversationReference,
        async (context) => {
          const connector = connectorWithoutRetries(context);
          if (this.connectors.size >= CONNECTORS_KEPT) this.connectors.clear();
          this.connectors.set(serviceUrl, connector);
          await post(connector, reference, activity);
        },
      );
    } catch (error) {
      throw deliveryErrorOf(error);
    }
  }
}
