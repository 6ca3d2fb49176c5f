/**
 * Posts a reminder card into a person's 1:1 chat through the bot adapter
 * (`continueConversationAsync` with the conversation reference stored in their profile).
 *
 * @remarks
 * The Bot Connector client that botbuilder builds for the turn retries 429s and 5xx on its own
 * (the Azure SDK's `defaultRetryPolicy`), outside Spotter's token bucket and out of its sight. For
 * reminders that policy is taken off the turn's client, so every request is one that Spotter
 * paced, and every failure comes back to the sender loop, which waits out `Retry-After` for the
 * whole tenant and backs off with jitter itself. Ordinary replies keep the SDK's behaviour.
 */
import {
  CardFactory,
  type CloudAdapterBase,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { reminderCard } from '../../bot/cards/reminder-card';
import { DeliveryError, type ReminderDelivery, type ReminderMessage } from './reminder-delivery';
import { parseRetryAfter } from './retry-policy';

/** The Azure SDK pipeline policy that retries on its own. */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

interface PipelineOwner {
  client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } };
}

/** Takes the SDK's own retries off the connector client of a proactive turn. */
function withoutSdkRetries(context: TurnContext): void {
  const connector = context.turnState.get<PipelineOwner | undefined>(
    context.adapter.ConnectorClientKey,
  );
  const pipeline = connector?.client?.pipeline;
  if (!pipeline) throw new Error('the Bot Connector client has no pipeline to configure');
  pipeline.removePolicy({ name: SDK_RETRY_POLICY });
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
    try {
      await this.adapter.continueConversationAsync(
        this.botAppId,
        reference as ConversationReference,
        async (context) => {
          withoutSdkRetries(context);
          // botbuilder addresses a proactive send as a reply to the continuation event; a
          // reminder is a message of its own in the chat.
          context.onSendActivities(async (_context, activities, next) => {
            for (const activity of activities) delete activity.replyToId;
            return next();
          });
          await context.sendActivity({
            type: 'message',
            attachments: [CardFactory.adaptiveCard(card)],
          });
        },
      );
    } catch (error) {
      throw deliveryErrorOf(error);
    }
  }
}
