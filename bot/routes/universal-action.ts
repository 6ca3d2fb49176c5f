/**
 * One handler per card verb, reached by `Action.Execute` and by its `Action.Submit` fallback.
 *
 * @remarks
 * Teams clients with Universal Actions send an `adaptiveCard/action` invoke and show the card
 * (or message) the bot answers in place of the old card; older clients send a message whose
 * `value` carries the verb, and get the answer as a new message. The handler is written once.
 */
import type { Application } from '@microsoft/teams-ai';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/card-elements';
import type { SpotterTurnState } from '../state/spotter-turn-state';

/** What a card action answers: a card that replaces the pressed one, or a short message. */
export type CardReply =
  | {
      /** The new card. */
      readonly card: AdaptiveCard;
    }
  | {
      /** A message (shown by Teams without replacing the card). */
      readonly text: string;
    };

/** Handles one card verb; `data` is whatever the client sent, to be parsed by the handler. */
export type CardActionHandler = (
  context: TurnContext,
  state: SpotterTurnState,
  data: Readonly<Record<string, unknown>>,
) => Promise<CardReply>;

function recordOf(data: unknown): Readonly<Record<string, unknown>> {
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}

/** Routes `verb` from both `Action.Execute` and `Action.Submit` to `handler`. */
export function registerCardAction(
  app: Application<SpotterTurnState>,
  verb: string,
  handler: CardActionHandler,
): void {
  app.adaptiveCards.actionExecute<unknown>(verb, async (context, state, data) => {
    const reply = await handler(context, state, recordOf(data));
    return 'card' in reply ? { ...reply.card } : reply.text;
  });
  app.adaptiveCards.actionSubmit<unknown>(verb, async (context, state, data) => {
    const reply = await handler(context, state, recordOf(data));
    await context.sendActivity(
      'card' in reply
        ? MessageFactory.attachment(CardFactory.adaptiveCard(reply.card))
        : MessageFactory.text(reply.text),
    );
  });
}

/** A message carrying one card. */
export function cardMessage(card: AdaptiveCard) {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}
